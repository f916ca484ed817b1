import { describe, expect, it } from "vitest";
import { matchTask, parseCommand } from "../../src/bot/commands.js";

describe("command grammar", () => {
  it.each([
    ["help", { kind: "help" }],
    ["", { kind: "help" }],
    ["帮助", { kind: "help" }],
    ["today", { kind: "today" }],
    ["今天", { kind: "today" }],
    ["ＴＯＤＡＹ", { kind: "today" }],
    ["incident", { kind: "incident" }],
    ["报告事件", { kind: "incident" }],
    ["complaint", { kind: "complaint" }],
    ["投诉", { kind: "complaint" }],
    ["incident SH-XJH", { kind: "incident", outlet: "SH-XJH" }],
    ["投诉 SH-LJZ", { kind: "complaint", outlet: "SH-LJZ" }],
    ["checklist opening", { kind: "checklist", task: "opening" }],
    ["清单 日终", { kind: "checklist", task: "日终" }],
    ["checklist", { kind: "checklist", task: undefined }],
    ["remind end_of_day", { kind: "remind", task: "end_of_day" }],
    ["提醒 晚间关门", { kind: "remind", task: "晚间关门" }],
    ["status", { kind: "status", period: "today", scope: undefined, target: undefined }],
    ["status week", { kind: "status", period: "week", scope: undefined, target: undefined }],
    ["status region month", { kind: "status", period: "month", scope: "region", target: undefined }],
    ["status outlet SH-XJH week", { kind: "status", period: "week", scope: "outlet", target: "SH-XJH" }],
    ["汇总 区域 本月", { kind: "status", period: "month", scope: "region", target: undefined }],
    ["状态　网点　本周", { kind: "status", period: "week", scope: "outlet", target: undefined }],
  ])("%s", (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it("returns null for text that is not a command (e.g. a checklist reply)", () => {
    expect(parseCommand("1-6 ok, 7 fail ATM 2 jammed")).toBeNull();
    expect(parseCommand("全部完成")).toBeNull();
  });
});

describe("task matching", () => {
  const tasks = [
    { key: "opening", titles: ["Opening", "早间开门"] },
    { key: "end_of_day", titles: ["End of day", "日终"] },
    { key: "closing", titles: ["Closing", "晚间关门"] },
    { key: "midday_check", titles: ["Midday check", "午间检查"] },
  ];
  it("matches keys, titles in either language, and parts of titles", () => {
    expect(matchTask("opening", tasks)).toEqual({ key: "opening" });
    expect(matchTask("日终", tasks)).toEqual({ key: "end_of_day" });
    expect(matchTask("end of day", tasks)).toEqual({ key: "end_of_day" });
    expect(matchTask("开门", tasks)).toEqual({ key: "opening" });
    expect(matchTask("Closing", tasks)).toEqual({ key: "closing" });
  });
  it("asks rather than guesses", () => {
    expect(matchTask("ing", tasks)).toEqual({ ambiguous: ["opening", "closing"] });
    expect(matchTask("vault", tasks)).toBeNull();
  });
});
