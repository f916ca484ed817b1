// Checks one raw answer against its field declaration, for text mode where fields are asked
// one at a time and a bad answer is asked again at once. The form's zod schema has the last
// word on submit; this catches what can be caught per field.
import type { LabelLookup } from "../domain/checklist-values.js";
import { maskIdentifiers } from "../domain/masking.js";
import { parseAmount } from "../domain/money.js";
import { verdictOf } from "../domain/reply-grammar-words.js";
import type { FormField, Localised } from "../views/common.js";

const fold = (s: string) => s.normalize("NFKC").trim().toLowerCase();

export type FieldCheck = { ok: true; value: string } | { ok: false; error: Localised };

/** Normalises an answer to the value a modal would submit (option value, "yes"/"no", digits). */
export function checkField(field: FormField, raw: string, labels: LabelLookup): FieldCheck {
  const text = raw.trim();
  if (text === "") return { ok: false, error: { key: "forms:errors.required" } };
  switch (field.kind) {
    case "choice": {
      const options = field.options ?? [];
      const byIndex = /^\d+$/.test(fold(text)) ? options[Number(fold(text)) - 1] : undefined;
      const hit =
        byIndex ??
        options.find(
          (o) =>
            fold(o.value) === fold(text) ||
            labels(o.label.key).some((l) => fold(l) === fold(text)) ||
            // a label made of its vars (a person's name) is matched by them
            Object.values(o.label.vars ?? {}).some((v) => fold(String(v)) === fold(text)),
        );
      return hit
        ? { ok: true, value: hit.value }
        : { ok: false, error: { key: "forms:errors.choice", vars: { value: maskIdentifiers(text) } } };
    }
    case "yesno": {
      const v = verdictOf(fold(text));
      return v
        ? { ok: true, value: v.verdict === "ok" ? "yes" : "no" }
        : { ok: false, error: { key: "forms:errors.yesno" } };
    }
    case "amount": {
      const p = parseAmount(text, field.currency ?? "CNY");
      return p.ok
        ? { ok: true, value: text }
        : { ok: false, error: { key: "forms:errors.amount", vars: { digits: p.digits } } };
    }
    case "number": {
      const n = /^[+-]?\d+(\.\d+)?/.exec(fold(text));
      if (!n) return { ok: false, error: { key: "forms:errors.number" } };
      const value = Number(n[0]);
      if ((field.min !== undefined && value < field.min) || (field.max !== undefined && value > field.max))
        return {
          ok: false,
          error: { key: "forms:errors.range", vars: { min: field.min ?? "", max: field.max ?? "" } },
        };
      return { ok: true, value: text };
    }
    case "text":
    case "longtext":
      if (field.maxLength !== undefined && text.length > field.maxLength)
        return { ok: false, error: { key: "forms:errors.too_long", vars: { max: field.maxLength } } };
      // a text-mode answer is saved into the FormSession at once: only its masked form is kept
      return { ok: true, value: maskIdentifiers(text) };
    default:
      if (field.maxLength !== undefined && text.length > field.maxLength)
        return { ok: false, error: { key: "forms:errors.too_long", vars: { max: field.maxLength } } };
      return { ok: true, value: text };
  }
}
