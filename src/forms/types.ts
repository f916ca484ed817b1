// A form is declared once (fields, a zod schema, i18n keys, conditional fields) and rendered
// three ways by the edges: a Slack modal, a Teams card, or questions one at a time in a thread.
import type { z } from "zod";
import type { FormField, Localised } from "../views/common.js";

/** Raw values as a modal, a card or a text reply delivers them. */
export type RawValues = Record<string, string | undefined>;

export interface FormDefinition<C, T> {
  key: string; // checklist | incident | complaint | decision_comment | follow_up
  title(ctx: C): Localised;
  submit: Localised;
  /** Every field, in order; fields with showIf appear only when their condition holds. */
  fields(ctx: C): FormField[];
  /** Turns raw values into the service's input; issue messages are i18n keys. */
  schema(ctx: C): z.ZodType<T, RawValues>;
  intro?(ctx: C): Localised[];
}

/** The context each form needs, stored with the session so any replica can continue it. */
export type JsonContext = Record<string, unknown>;

export type SubmitOutcome<T> = { ok: true; value: T } | { ok: false; errors: Record<string, Localised> };

/** Whether a field is shown, given the values so far. */
export function isShown(field: FormField, values: RawValues): boolean {
  if (!field.showIf) return true;
  const v = values[field.showIf.field];
  return v !== undefined && field.showIf.in.includes(v);
}

/** Whether a field must be answered, given the values so far (requiredIf makes it conditional). */
export function isRequired(field: FormField, values: RawValues): boolean {
  if (field.required) return true;
  return (field.requiredIf ?? []).some((c) => {
    const v = values[c.field];
    return v !== undefined && c.in.includes(v);
  });
}
