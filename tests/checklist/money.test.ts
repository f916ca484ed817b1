import { describe, expect, it } from "vitest";
import { displayMinor, formatMinor, parseAmount, unitsToMinor } from "../../src/domain/money.js";

describe("money: decimal text ↔ BigInt minor units", () => {
  it.each([
    ["12345.60", 1234560n],
    ["12,345.60", 1234560n],
    ["¥12345.6", 1234560n],
    ["￥１２，３４５．６", 1234560n],
    ["12345.60元", 1234560n],
    ["CNY 0.01", 1n],
    ["-5", -500n],
    ["90071992547409.93", 9007199254740993n], // beyond float precision, still exact
  ])("%j → %s fen", (text, minor) => {
    expect(parseAmount(text, "CNY")).toEqual({ ok: true, minor });
  });

  it.each([
    ["1.005", "too_many_decimals"],
    ["abc", "invalid"],
    ["1,23", "invalid"],
    ["", "invalid"],
    ["1.2.3", "invalid"],
  ])("%j is refused (%s)", (text, reason) => {
    expect(parseAmount(text, "CNY")).toMatchObject({ ok: false, reason });
  });

  it("formats canonically and for display, and converts playbook bounds without floats", () => {
    expect(formatMinor(1234560n, "CNY")).toBe("12345.60");
    expect(formatMinor(-5n, "CNY")).toBe("-0.05");
    expect(displayMinor(123456789n, "CNY")).toBe("¥1,234,567.89");
    expect(displayMinor(1500n, "JPY")).toBe("¥1,500");
    expect(unitsToMinor(5000000, "CNY")).toBe(500000000n);
    expect(unitsToMinor(0.1, "CNY")).toBe(10n);
  });
});
