// Checklist rules, pure: zod schemas built from a task's item definitions, and what makes an
// item or a whole checklist complete. The service applies these inside its transaction.
import { z } from "zod";
import type { Item, Task } from "../config/playbook-schema.js";
import type { FieldErrors, Localised } from "../views/common.js";
import { type ItemValue, type LabelLookup, noLabels, parseItemValue } from "./checklist-values.js";

export type ResultStatus = "ok" | "failed" | "awaiting_second";

/** The stored state of one item, as far as the rules care. */
export interface ItemState {
  itemKey: string;
  status: ResultStatus;
  confirmedById: string;
  secondConfirmedById?: string | null;
}

/**
 * A zod schema for one item's raw text. Bad input becomes an issue whose message is an i18n
 * key and whose params are its vars, so errors can be shown in the reader's locale.
 */
export function itemValueSchema(item: Item, labels: LabelLookup = noLabels) {
  return z.string().transform((raw, ctx): ItemValue => {
    const r = parseItemValue(item, raw, labels);
    if (r.ok) return r.value;
    ctx.issues.push({ code: "custom", message: r.error.key, params: r.error.vars ?? {}, input: raw });
    return z.NEVER;
  });
}

/** A schema for any subset of a task's items, keyed by item key. */
export function answersSchema(task: Task, labels: LabelLookup = noLabels) {
  const shape: Record<string, z.ZodOptional<ReturnType<typeof itemValueSchema>>> = {};
  for (const item of task.items) shape[item.key] = itemValueSchema(item, labels).optional();
  return z.object(shape).strict();
}

/** zod issues → FieldErrors keyed by the first path segment. */
export function fieldErrorsFrom(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "_");
    if (out[field]) continue;
    const params = (issue as { params?: Record<string, string | number> }).params;
    out[field] =
      issue.code === "custom" && issue.message.includes(":")
        ? { key: issue.message, vars: params }
        : { key: "checklist:errors.unknown_item", vars: { item: field } };
  }
  return out;
}

export type ValuesResult = { ok: true; values: Record<string, ItemValue> } | { ok: false; errors: FieldErrors };

/** Validates raw answers for some items; all-or-nothing so a bad value changes nothing. */
export function validateValues(task: Task, raw: Record<string, string>, labels: LabelLookup = noLabels): ValuesResult {
  const parsed = answersSchema(task, labels).safeParse(raw);
  if (!parsed.success) return { ok: false, errors: fieldErrorsFrom(parsed.error) };
  const values: Record<string, ItemValue> = {};
  for (const [k, v] of Object.entries(parsed.data)) if (v) values[k] = v;
  return { ok: true, values };
}

export const needsValue = (item: Item) => item.kind !== "yesno";

/** Complete = answered, and for dual control confirmed by the second person (or failed). */
export function itemComplete(item: Item, state: ItemState | undefined): boolean {
  if (!state) return false;
  if (state.status === "failed") return true;
  if (state.status === "awaiting_second") return false;
  return !item.dualControl || Boolean(state.secondConfirmedById);
}

export type ChecklistOutcome =
  | { done: false; missing: string[]; awaitingSecond: string[] }
  | { done: true; state: "confirmed" | "confirmed_with_exceptions" };

/** Whether the checklist is finished, and how. An answered optional item still needs its second. */
export function checklistOutcome(task: Task, states: readonly ItemState[]): ChecklistOutcome {
  const byKey = new Map(states.map((s) => [s.itemKey, s]));
  const missing: string[] = [];
  const awaitingSecond: string[] = [];
  for (const item of task.items) {
    const st = byKey.get(item.key);
    if (st?.status === "awaiting_second") awaitingSecond.push(item.key);
    else if (!item.optional && !itemComplete(item, st)) missing.push(item.key);
  }
  if (missing.length > 0 || awaitingSecond.length > 0) return { done: false, missing, awaitingSecond };
  const failed = states.some((s) => s.status === "failed");
  return { done: true, state: failed ? "confirmed_with_exceptions" : "confirmed" };
}

/** i18n key of an item's label, for errors and echoes. */
export const itemLabel = (item: Item): Localised => ({ key: item.label });

export const FINAL_STATES = ["confirmed", "confirmed_with_exceptions", "missed"] as const;
export const isFinal = (state: string) => (FINAL_STATES as readonly string[]).includes(state);
