// Table-driven tests of the plain-text reply grammar, English and Chinese, against the
// default playbook's opening (8 items: 1 dual yes/no, 3 amount with dual control) and
// end-of-day (1 choice) checklists.
import { describe, expect, it } from "vitest";
import type { GrammarItem, ReplyParse } from "../../src/domain/reply-grammar.js";
import { parseReply } from "../../src/domain/reply-grammar.js";
import { labelLookup } from "../../src/services/tasks/checklist-labels.js";
import { i18n, playbook } from "../helpers/db.js";

const labels = labelLookup(i18n);
const itemsOf = (key: string, status: Record<number, GrammarItem["status"]> = {}): GrammarItem[] => {
  const task = playbook.tasks.find((t) => t.key === key);
  if (!task) throw new Error(key);
  return task.items.map((item, i) => ({ number: i + 1, item, status: status[i + 1] ?? "pending" }));
};
const opening = itemsOf("opening");
const eod = itemsOf("end_of_day");
const meeting = itemsOf("morning_meeting");

/** A compact rendering of the parse: "all_ok", "3=ok:1234560", "7=failed(ATM卡钞)", "?question.key". */
function summary(p: ReplyParse): string {
  if (!p.ok) return `?${p.question.key}`;
  return p.intents
    .map((i) => {
      if (i.kind !== "answer") return i.kind;
      const v = i.value;
      const val =
        v === null
          ? "agree"
          : `${v.status}${v.amountMinor !== undefined ? `:${v.amountMinor}` : v.valueText !== undefined ? `:${v.valueText}` : ""}${v.note ? `(${v.note})` : ""}`;
      return `${i.edit ? "edit " : ""}${i.number}=${val}`;
    })
    .join(" ");
}

describe("whole-reply commands", () => {
  it.each([
    ["all ok", "all_ok"],
    ["All OK", "all_ok"],
    ["ok", "all_ok"],
    ["ＯＫ", "all_ok"],
    ["全部完成", "all_ok"],
    ["全部正常", "all_ok"],
    ["confirm", "confirm"],
    ["确认", "confirm"],
    ["cancel", "cancel"],
    ["取消", "cancel"],
  ])("%j → %s", (text, expected) => {
    expect(summary(parseReply(text, opening, labels))).toBe(expected);
  });
});

describe("item answers", () => {
  it.each([
    ["2 ok", "2=ok"],
    ["2 yes", "2=ok"],
    ["2 是", "2=ok"],
    ["2,4 ok", "2=ok 4=ok"],
    ["2，4 ok", "2=ok 4=ok"],
    ["2、4 正常", "2=ok 4=ok"],
    ["４－６ ｏｋ", "4=ok 5=ok 6=ok"],
    ["4 to 6 ok".replace(" to ", "-"), "4=ok 5=ok 6=ok"],
    ["4至6正常", "4=ok 5=ok 6=ok"],
    ["第2项 正常", "2=ok"],
    ["5 no", "5=failed"],
    ["5 否", "5=failed"],
    ["5 fail", "5=failed"],
    ["7 fail ATM 2 jammed", "7=failed(ATM 2 jammed)"],
    ["7 异常 ATM卡钞", "7=failed(ATM卡钞)"],
    ["7异常ATM卡钞", "7=failed(ATM卡钞)"],
    ["7 有问题 网银登录失败", "7=failed(网银登录失败)"],
    ["7 fail: core system down", "7=failed(core system down)"],
    ["3 12345.60", "3=ok:1234560"],
    ["3 12,345.60", "3=ok:1234560"],
    ["3 ¥12345.6", "3=ok:1234560"],
    ["3 ￥12,345.60元", "3=ok:1234560"],
    ["３ １２３４５．６０", "3=ok:1234560"],
    ["3：12345.60", "3=ok:1234560"],
    ["3 fail vault key missing", "3=failed(vault key missing)"],
    ["2 ok, 4 ok; 5 no", "2=ok 4=ok 5=failed"],
    ["2 ok\n7 fail core down", "2=ok 7=failed(core down)"],
    ["2 正常，7 异常 系统宕机", "2=ok 7=failed(系统宕机)"],
    ["全部正常，7 异常 系统宕机", "all_ok 7=failed(系统宕机)"],
    ["edit 3 100", "edit 3=ok:10000"],
    ["修改 3 100", "edit 3=ok:10000"],
    ["修改 7 正常", "edit 7=ok"],
  ])("opening: %j → %s", (text, expected) => {
    expect(summary(parseReply(text, opening, labels))).toBe(expected);
  });

  it.each([
    ["1 balanced", "1=ok:balanced"],
    ["1 Balanced", "1=ok:balanced"],
    ["1 账实相符", "1=ok:balanced"],
    ["1 长款", "1=failed:over"],
    ["1 short", "1=failed:short"],
    ["1 短款", "1=failed:short"],
    ["2 88.50", "2=ok:8850"],
    // text is stored NFKC-folded: full-width punctuation becomes ASCII
    ["6 ATM 对账差 1 笔，已登记", "6=ok:ATM 对账差 1 笔,已登记"],
  ])("end of day: %j → %s", (text, expected) => {
    expect(summary(parseReply(text, eod, labels))).toBe(expected);
  });

  it.each([
    ["3 12 people", "3=ok:12"],
    ["3 12人", "3=ok:12"],
    ["3 12", "3=ok:12"],
    ["2 反洗钱新规学习", "2=ok:反洗钱新规学习"],
  ])("morning meeting: %j → %s", (text, expected) => {
    expect(summary(parseReply(text, meeting, labels))).toBe(expected);
  });

  it("'3 ok' seconds a dual-control value already entered, but asks for a value when none is", () => {
    expect(summary(parseReply("3 ok", itemsOf("opening", { 3: "awaiting_second" }), labels))).toBe("3=agree");
    expect(summary(parseReply("3 确认", itemsOf("opening", { 3: "awaiting_second" }), labels))).toBe("3=agree");
    expect(summary(parseReply("3 ok", opening, labels))).toBe("?checklist:question.value_needed");
  });
});

describe("ambiguous or unparseable replies get a question, never a guess", () => {
  it.each([
    ["7 12", "?checklist:question.yesno_expected"],
    ["7 好像没问题吧 12", "?checklist:question.yesno_expected"],
    ["1-12 ok", "?checklist:question.no_such_item"],
    ["9 ok", "?checklist:question.no_such_item"],
    ["0 ok", "?checklist:question.no_such_item"],
    ["12345.60", "?checklist:question.which_item"],
    ["¥12345.60", "?checklist:question.which_item"],
    ["6-2 ok", "?checklist:question.bad_range"],
    ["3,4 100", "?checklist:question.one_value_many"],
    ["2 ok, 2 fail", "?checklist:question.conflicting"],
    ["7", "?checklist:question.what_about"],
    ["hello there", "?checklist:question.not_understood"],
    ["今天天气不错", "?checklist:question.not_understood"],
    ["", "?checklist:question.not_understood"],
    ["3 12345.678", "?checklist:errors.amount_decimals"],
    ["3 abc", "?checklist:errors.amount_invalid"],
    ["3 99999999", "?checklist:errors.amount_range"],
  ])("opening: %j → %s", (text, expected) => {
    expect(summary(parseReply(text, opening, labels))).toBe(expected);
  });

  it.each([
    ["1 perfect", "?checklist:errors.choice_unknown"],
    ["1 ok", "?checklist:question.value_needed"],
  ])("end of day: %j → %s", (text, expected) => {
    expect(summary(parseReply(text, eod, labels))).toBe(expected);
  });

  it.each([
    ["3 61", "?checklist:errors.number_range"],
    ["3 12 points", "?checklist:errors.unit_mismatch"],
  ])("morning meeting: %j → %s", (text, expected) => {
    expect(summary(parseReply(text, meeting, labels))).toBe(expected);
  });

  it("every question is a key that exists in both languages and names the item", () => {
    const p = parseReply("7 12", opening, labels);
    if (p.ok) throw new Error("expected a question");
    expect(i18n.exists(p.question.key)).toBe(true);
    expect(i18n.t("en", p.question.key, p.question.vars)).toContain("Item 7");
    expect(i18n.t("zh-CN", p.question.key, p.question.vars)).toContain("第 7 项");
  });
});
