// Every "you may not / you cannot now" answer a service or the bot core gives: a code that
// code can branch on, and a message (an i18n key with its values) the reader is told in their
// own language. Expected refusals are results, never throws.
import type { FieldErrors, Localised } from "../views/common.js";

export interface Refusal<C extends string = string> {
  ok: false;
  code: C;
  message: Localised;
  /** Per-field problems, when the refusal is about what was entered (keys are field names). */
  errors?: FieldErrors;
}

export function refusal<C extends string>(
  code: C,
  key: string,
  vars?: Localised["vars"],
  errors?: FieldErrors,
): Refusal<C> {
  return { ok: false, code, message: vars ? { key, vars } : { key }, ...(errors ? { errors } : {}) };
}

/** A refusal whose code is its message key's last part ("checklist:refusal.closed" → "closed"). */
export function refusalOf(message: Localised, errors?: FieldErrors): Refusal {
  return { ok: false, code: message.key.split(".").at(-1) ?? message.key, message, ...(errors ? { errors } : {}) };
}
