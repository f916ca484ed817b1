// The plain-text reply grammar (docs/replies.md), English and Chinese. A reply is read against
// the task's numbered items, as shown in the reminder. The result is a list of intents, or a
// question when the reply is ambiguous: the bot never guesses what someone meant.
import type { Item } from "../config/playbook-schema.js";
import type { Localised } from "../views/common.js";
import {
  failedValue,
  type ItemValue,
  type LabelLookup,
  matchOption,
  noLabels,
  parseItemValue,
} from "./checklist-values.js";
import { normalise, segments } from "./reply-grammar-text.js";
import { ALL_OK, CANCEL, CONFIRM, EDIT, isOneOf, OK_WORDS, startsWithWord, verdictOf } from "./reply-grammar-words.js";

export interface GrammarItem {
  number: number; // 1-based
  item: Item;
  /** What is recorded already: "ok" on a value item then means "agree with it". */
  status: "pending" | "ok" | "failed" | "awaiting_second";
}

export type ReplyIntent =
  | { kind: "all_ok" }
  | { kind: "confirm" }
  | { kind: "cancel" }
  /** value null: agree with the value already recorded (a dual-control second confirmation). */
  | { kind: "answer"; number: number; itemKey: string; value: ItemValue | null; edit: boolean };

export type ReplyParse = { ok: true; intents: ReplyIntent[] } | { ok: false; question: Localised };

const ask = (key: string, vars?: Record<string, string | number>): ReplyParse => ({
  ok: false,
  question: vars ? { key, vars } : { key },
});

type AnswerResult = { ok: true; value: ItemValue | null } | { ok: false; question: Localised };

/** Reads the text after an item number, for that item. */
function answerFor(g: GrammarItem, rest: string, labels: LabelLookup): AnswerResult {
  const n = g.number;
  const answered = g.status !== "pending";
  const question = (key: string, vars: Record<string, string | number> = {}): AnswerResult => ({
    ok: false,
    question: { key, vars: { number: n, ...vars } },
  });
  if (rest === "") return question("checklist:question.what_about");
  const fromValue = (raw: string): AnswerResult => {
    const r = parseItemValue(g.item, raw, labels);
    return r.ok
      ? { ok: true, value: r.value }
      : { ok: false, question: { key: r.error.key, vars: { ...r.error.vars, number: n } } };
  };
  switch (g.item.kind) {
    case "yesno": {
      const v = verdictOf(rest);
      if (!v) return question("checklist:question.yesno_expected");
      if (v.verdict === "ok" && v.rest !== "") return question("checklist:question.yesno_expected");
      return {
        ok: true,
        value: v.verdict === "ok" ? { status: "ok" } : failedValue(v.rest),
      };
    }
    case "choice": {
      if (matchOption(g.item, rest, labels)) return fromValue(rest);
      break;
    }
    case "text":
      if (g.status === "awaiting_second" && isOneOf(rest, OK_WORDS)) return { ok: true, value: null };
      return fromValue(rest);
    case "photo":
      if (answered && isOneOf(rest, OK_WORDS)) return { ok: true, value: null };
      return question("checklist:question.photo_upload");
    default:
      break;
  }
  // number, amount, and a choice that named no option: "ok" agrees, "fail …" records a failure
  if (isOneOf(rest, OK_WORDS))
    return answered ? { ok: true, value: null } : question("checklist:question.value_needed");
  const v = verdictOf(rest);
  if (v?.verdict === "fail") return { ok: true, value: failedValue(v.rest) };
  return fromValue(rest);
}

const sameAnswer = (a: ItemValue | null, b: ItemValue | null) => JSON.stringify(a, big) === JSON.stringify(b, big);
function big(_k: string, v: unknown) {
  return typeof v === "bigint" ? v.toString() : v;
}

/** Parses a reply against the items. Always returns either intents or a question. */
export function parseReply(text: string, items: readonly GrammarItem[], labels: LabelLookup = noLabels): ReplyParse {
  let s = normalise(text);
  if (s === "") return ask("checklist:question.not_understood");
  const bare = s.toLowerCase().replace(/[!.;]+$/, "");
  if (isOneOf(bare, CONFIRM)) return { ok: true, intents: [{ kind: "confirm" }] };
  if (isOneOf(bare, CANCEL)) return { ok: true, intents: [{ kind: "cancel" }] };
  if (isOneOf(bare, ALL_OK)) return { ok: true, intents: [{ kind: "all_ok" }] };
  const edit = startsWithWord(s, EDIT);
  if (edit) s = edit.rest;

  const intents: ReplyIntent[] = [];
  const seen = new Map<number, ItemValue | null>();
  for (const seg of segments(s)) {
    if (seg.badRange) return ask("checklist:question.bad_range", { range: seg.badRange });
    if (seg.numbers.length === 0) {
      if (isOneOf(seg.rest, ALL_OK) && !edit) {
        intents.unshift({ kind: "all_ok" });
        continue;
      }
      if (seg.rest === "") continue;
      const looksLikeValue = /\d/.test(seg.rest) || verdictOf(seg.rest) !== null;
      return looksLikeValue
        ? ask("checklist:question.which_item", { text: seg.rest })
        : ask("checklist:question.not_understood");
    }
    const missing = seg.numbers.find((n) => n < 1 || n > items.length);
    if (missing !== undefined) return ask("checklist:question.no_such_item", { number: missing, count: items.length });
    const targets = seg.numbers.map((n) => items[n - 1] as GrammarItem);
    if (targets.length > 1 && seg.rest !== "" && !verdictOf(seg.rest)) {
      // "2,4 12": one value for several items is almost always a typo
      return ask("checklist:question.one_value_many", { numbers: seg.numbers.join(",") });
    }
    for (const g of targets) {
      const a = answerFor(g, seg.rest, labels);
      if (!a.ok) return { ok: false, question: a.question };
      const prev = seen.get(g.number);
      if (prev !== undefined && !sameAnswer(prev, a.value))
        return ask("checklist:question.conflicting", { number: g.number });
      if (prev !== undefined) continue;
      seen.set(g.number, a.value);
      intents.push({ kind: "answer", number: g.number, itemKey: g.item.key, value: a.value, edit: Boolean(edit) });
    }
  }
  if (intents.length === 0) return ask("checklist:question.not_understood");
  return { ok: true, intents };
}
