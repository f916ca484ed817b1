// The custody words of the command grammar, in English and Chinese, and that the words next to
// them (check → checklist) keep their meaning.
import { describe, expect, it } from "vitest";
import { parseCommand } from "../../src/bot/commands.js";

describe("custody commands", () => {
  it("reads the one-word and two-word forms in both languages", () => {
    expect(parseCommand("custody SH-LJZ")).toEqual({ kind: "custody", verb: "list", args: ["SH-LJZ"] });
    expect(parseCommand("凭证")).toEqual({ kind: "custody", verb: "list", args: [] });
    expect(parseCommand("voucher issue cash_cheque wang.fang 00012001-00012010")).toEqual({
      kind: "custody",
      verb: "issue",
      args: ["cash_cheque", "wang.fang", "00012001-00012010"],
    });
    expect(parseCommand("领用 现金支票 王芳 00012001-00012010")?.kind).toBe("custody");
    expect(parseCommand("交回 现金支票 王芳 1")).toMatchObject({ verb: "return" });
    expect(parseCommand("作废 现金支票 00012005 填写错误")).toMatchObject({ verb: "void" });
    expect(parseCommand("Stock count cash_cheque 50")).toEqual({
      kind: "custody",
      verb: "count",
      args: ["cash_cheque", "50"],
    });
    expect(parseCommand("盘点 业务公章 1")).toMatchObject({ verb: "count" });
    expect(parseCommand("spot check business_seal 1")).toMatchObject({
      verb: "spot_check",
      args: ["business_seal", "1"],
    });
    expect(parseCommand("查库 业务公章 1")).toMatchObject({ verb: "spot_check" });
    // full-width digits and the full-width range mark read as typed in ASCII
    expect(parseCommand("入库 现金支票 ０００１２００１～０００１２０５０")).toMatchObject({
      verb: "receive",
      args: ["现金支票", "00012001~00012050"],
    });
  });

  it("leaves the neighbouring words alone", () => {
    expect(parseCommand("check opening")).toEqual({ kind: "checklist", task: "opening" });
    expect(parseCommand("stock")).toBeNull();
  });
});
