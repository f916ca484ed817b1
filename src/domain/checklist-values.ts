// Turns what a person typed or picked for one checklist item into a validated value, or a
// field error (an i18n key with vars). Pure: option labels and unit words come in through a
// lookup so the same rules serve English and Chinese.
import type { Item } from "../config/playbook-schema.js";
import type { Localised } from "../views/common.js";
import { maskIdentifiers } from "./masking.js";
import { displayMinor, formatMinor, parseAmount, unitsToMinor } from "./money.js";
import { verdictOf } from "./reply-grammar-words.js";

/** Every translation of an i18n key (en, zh-CN); empty when the key does not exist. */
export type LabelLookup = (i18nKey: string) => string[];

export const noLabels: LabelLookup = () => [];

export interface ItemValue {
  status: "ok" | "failed";
  valueText?: string; // canonical: "12", "12345.60", an option key, the text, a file reference
  amountMinor?: bigint;
  note?: string;
}

export type ValueResult = { ok: true; value: ItemValue } | { ok: false; error: Localised };

const fold = (s: string) => s.normalize("NFKC").trim().toLowerCase();
const err = (key: string, vars?: Record<string, string | number>): ValueResult => ({
  ok: false,
  error: vars ? { key, vars } : { key },
});

/**
 * A failure with what the person wrote after "no"/"异常": the note is masked here, where free
 * text becomes a value, so no raw identifier reaches an echo session, a result row or a post.
 */
export function failedValue(note: string | undefined): ItemValue {
  const masked = note ? maskIdentifiers(note) : "";
  return masked ? { status: "failed", note: masked } : { status: "failed" };
}

/** Unit words accepted after a number: the playbook unit, its translations, and its singular. */
export function unitWords(unit: string, labels: LabelLookup): string[] {
  const words = [unit, ...labels(`checklist:units.${unit}`)].map(fold);
  const singular = words.filter((w) => w.endsWith("s")).map((w) => w.slice(0, -1));
  return [...new Set([...words, ...singular, ...(unit === "people" ? ["person", "persons", "人", "位", "名"] : [])])];
}

function parseNumber(item: Extract<Item, { kind: "number" }>, raw: string, labels: LabelLookup): ValueResult {
  const s = fold(raw);
  const m = /^([+-]?\d+(?:\.\d+)?)\s*(.*)$/.exec(s);
  if (!m) return err("checklist:errors.number_invalid", { unit: item.unit });
  const unit = (m[2] ?? "").trim();
  if (unit && !unitWords(item.unit, labels).includes(unit))
    return err("checklist:errors.unit_mismatch", { unit: item.unit });
  const text = m[1] as string;
  // a count or score, not money: Number is exact for the integers and short decimals used here
  const n = Number(text);
  if (n < item.range.min || n > item.range.max)
    return err("checklist:errors.number_range", { min: item.range.min, max: item.range.max, unit: item.unit });
  return { ok: true, value: { status: "ok", valueText: String(n) } };
}

function parseAmountItem(item: Extract<Item, { kind: "amount" }>, raw: string): ValueResult {
  const parsed = parseAmount(raw, item.currency);
  if (!parsed.ok)
    return parsed.reason === "too_many_decimals"
      ? err("checklist:errors.amount_decimals", { digits: parsed.digits, currency: item.currency })
      : err("checklist:errors.amount_invalid", { currency: item.currency });
  const min = unitsToMinor(item.range.min, item.currency);
  const max = unitsToMinor(item.range.max, item.currency);
  if (parsed.minor < min || parsed.minor > max)
    return err("checklist:errors.amount_range", {
      min: displayMinor(min, item.currency),
      max: displayMinor(max, item.currency),
    });
  return {
    ok: true,
    value: { status: "ok", amountMinor: parsed.minor, valueText: formatMinor(parsed.minor, item.currency) },
  };
}

/** The option whose key or label (in any locale) matches the text. */
export function matchOption(item: Extract<Item, { kind: "choice" }>, raw: string, labels: LabelLookup) {
  const s = fold(raw);
  return item.options.find((o) => fold(o.key) === s || labels(o.label).some((l) => fold(l) === s));
}

/**
 * Validates one item's value. `raw` is the typed or submitted text; for photos it is the file
 * reference the platform gave. Yes/no accepts the same words as the reply grammar.
 */
export function parseItemValue(item: Item, raw: string, labels: LabelLookup = noLabels): ValueResult {
  const trimmed = raw.trim();
  if (trimmed === "") return err("checklist:errors.required");
  switch (item.kind) {
    case "yesno": {
      // NFKC only (full-width → ASCII): the note after "no"/"否" keeps the case people typed
      const v = verdictOf(trimmed.normalize("NFKC"));
      if (!v) return err("checklist:errors.yesno_expected");
      return {
        ok: true,
        value: v.verdict === "ok" ? { status: "ok" } : failedValue(v.rest),
      };
    }
    case "number":
      return parseNumber(item, trimmed, labels);
    case "amount":
      return parseAmountItem(item, trimmed);
    case "text":
      if (trimmed.length > item.maxLength) return err("checklist:errors.text_too_long", { max: item.maxLength });
      // free text: masked as it becomes a value (the length check is on what was typed)
      return { ok: true, value: { status: "ok", valueText: maskIdentifiers(trimmed) } };
    case "choice": {
      const option = matchOption(item, trimmed, labels);
      if (!option) return err("checklist:errors.choice_unknown", { value: maskIdentifiers(trimmed) });
      return { ok: true, value: { status: option.fails ? "failed" : "ok", valueText: option.key } };
    }
    case "photo":
      // a file reference from the platform (Slack file id / Teams attachment URL), never prose
      if (/\s/.test(trimmed)) return err("checklist:errors.photo_needed");
      return { ok: true, value: { status: "ok", valueText: trimmed } };
  }
}

/** True when two values for the same item say the same thing (dual-control agreement). */
export function sameValue(a: ItemValue, b: { status: string; valueText?: string | null; amountMinor?: bigint | null }) {
  return (
    a.status === (b.status === "awaiting_second" ? "ok" : b.status) &&
    (a.valueText ?? null) === (b.valueText ?? null) &&
    (a.amountMinor ?? null) === (b.amountMinor ?? null)
  );
}
