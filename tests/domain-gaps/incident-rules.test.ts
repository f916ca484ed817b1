// The pure incident rules behind the domain gaps: conditional requirements, the grade an
// amount gives, the incident currency and the cash limit per outlet.
import { describe, expect, it } from "vitest";
import type { IncidentType, Item, Playbook } from "../../src/config/playbook-schema.js";
import {
  askedFields,
  cashLimitMinor,
  exceedsCashLimit,
  incidentCurrency,
  missingFields,
  requiredFields,
  severityForAmount,
} from "../../src/domain/incident-rules.js";
import { playbook } from "../helpers/db.js";

const type = (key: string): IncidentType => {
  const t = playbook.incidents.types.find((x) => x.key === key);
  if (!t) throw new Error(`no incident type ${key}`);
  return t;
};

const withOverrides: Playbook = {
  ...playbook,
  incidents: {
    ...playbook.incidents,
    currency: { default: "CNY", byOutlet: { "HK-CEN": "HKD", "TK-GIN": "JPY" } },
    cashLimit: { amount: 300000, byOutlet: { "SH-LJZ": 500000 } },
  },
};

describe("requiredIf", () => {
  const cash = type("cash_discrepancy");
  it("the amount is required for over (长款) and short (短款), not for a discrepancy not yet established", () => {
    expect(requiredFields(cash, { overShort: "over" })).toEqual(["overShort", "amount"]);
    expect(missingFields(cash, { overShort: "short" })).toEqual(["amount"]);
    expect(missingFields(cash, { overShort: "short", amount: " " })).toEqual(["amount"]);
    expect(missingFields(cash, { overShort: "unknown" })).toEqual([]);
    expect(missingFields(cash, {})).toEqual(["overShort"]);
    expect(askedFields(cash)).toEqual(["overShort", "amount"]);
  });

  it("equals works like a one-value in", () => {
    const t: IncidentType = { ...cash, requiredIf: [{ field: "amount", when: "overShort", equals: "short" }] };
    expect(missingFields(t, { overShort: "short" })).toEqual(["amount"]);
    expect(missingFields(t, { overShort: "over" })).toEqual([]);
  });

  it("security asks whether the police were called (是否报警)", () => {
    expect(missingFields(type("security"), { location: "ATM 区" })).toEqual(["policeCalled"]);
  });
});

describe("severity by amount", () => {
  const cash = type("cash_discrepancy");
  it("the highest threshold reached wins, compared exactly in minor units", () => {
    expect(severityForAmount(cash, 5000n, "CNY")).toBe("major"); // ¥50.00
    expect(severityForAmount(cash, 999999n, "CNY")).toBe("major"); // ¥9,999.99
    expect(severityForAmount(cash, 1000000n, "CNY")).toBe("serious"); // ¥10,000.00
    expect(severityForAmount(cash, 10000000n, "CNY")).toBe("critical"); // ¥100,000.00
  });
  it("a type without thresholds gives no grade from an amount", () => {
    expect(severityForAmount(type("cash_limit_exceeded"), 10n ** 12n, "CNY")).toBeNull();
  });
  it("thresholds are whole units of the currency given (no minor units in JPY)", () => {
    expect(severityForAmount(cash, 10000n, "JPY")).toBe("serious"); // ¥10,000 in yen
  });
});

describe("currency and cash limit per outlet", () => {
  it("an outlet's currency, else the playbook's default", () => {
    expect(incidentCurrency(withOverrides, "HK-CEN")).toBe("HKD");
    expect(incidentCurrency(withOverrides, "SH-XJH")).toBe("CNY");
    expect(incidentCurrency(playbook, "HK-CEN")).toBe("CNY");
  });

  it("the cash limit, with an outlet's own, in the item's minor units; only cashLimit items break it", () => {
    expect(cashLimitMinor(withOverrides, "SH-XJH", "CNY")).toBe(30000000n);
    expect(cashLimitMinor(withOverrides, "SH-LJZ", "CNY")).toBe(50000000n);
    const { cashLimit: _, ...noLimit } = withOverrides.incidents;
    expect(cashLimitMinor({ ...withOverrides, incidents: noLimit }, "SH-LJZ", "CNY")).toBeNull();
    const cashbox = playbook.tasks[0]?.items.find((i) => i.key === "cashbox_amount") as Item;
    expect(exceedsCashLimit(withOverrides, "SH-XJH", cashbox, 30000000n)).toBe(false); // at the limit
    expect(exceedsCashLimit(withOverrides, "SH-XJH", cashbox, 30000001n)).toBe(true);
    expect(exceedsCashLimit(withOverrides, "SH-LJZ", cashbox, 30000001n)).toBe(false);
    const other = { ...cashbox, cashLimit: false } as Item;
    expect(exceedsCashLimit(withOverrides, "SH-XJH", other, 10n ** 12n)).toBe(false);
  });
});
