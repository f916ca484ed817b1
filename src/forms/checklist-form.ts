// The checklist as a form: one field per item, with what is recorded so far, so a modal or
// card shows the whole list and its status. Every field is optional: people confirm what they
// have checked, in one go or a few at a time. A "no" opens a note field (showIf).
import { z } from "zod";
import type { Item, Task } from "../config/playbook-schema.js";
import { type LabelLookup, parseItemValue } from "../domain/checklist-values.js";
import type { FormField, Localised } from "../views/common.js";
import type { ItemStatus } from "../views/tasks.js";
import type { FormDefinition, RawValues } from "./types.js";

export interface ChecklistFormCtx {
  occurrenceId: string;
  task: Task;
  /** Names the outlet in the title: two outlets' "Vault opening" forms must not look alike. */
  outletName?: string;
  /** What is recorded per item key: status, and the value as text (for the field's initial). */
  recorded: Record<string, { status: ItemStatus; value?: string }>;
}

/** Raw values by item key, ready for ChecklistService.confirmValues. */
export interface ChecklistFormValue {
  occurrenceId: string;
  values: Record<string, string>;
}

const noteField = (key: string) => `${key}_note`;

function fieldOf(item: Item): FormField {
  const base = { name: item.key, label: { key: item.label }, required: false };
  switch (item.kind) {
    case "yesno":
      return { ...base, kind: "yesno" };
    case "number":
      return { ...base, kind: "number", unit: item.unit, min: item.range.min, max: item.range.max };
    case "amount":
      return { ...base, kind: "amount", currency: item.currency, min: item.range.min, max: item.range.max };
    case "text":
      return { ...base, kind: "longtext", maxLength: item.maxLength };
    case "choice":
      return { ...base, kind: "choice", options: item.options.map((o) => ({ value: o.key, label: { key: o.label } })) };
    case "photo":
      return { ...base, kind: "photo" };
  }
}

export function checklistForm(labels: LabelLookup): FormDefinition<ChecklistFormCtx, ChecklistFormValue> {
  return {
    key: "checklist",
    title: (ctx) =>
      ctx.outletName
        ? { key: "forms:checklist.title", vars: { task: ctx.task.title, outlet: ctx.outletName } }
        : { key: ctx.task.title },
    submit: { key: "forms:checklist.submit" },
    intro: (ctx): Localised[] =>
      ctx.task.items.map((item, i) => ({
        key: "forms:checklist.item_status",
        vars: { number: i + 1, label: item.label, status: ctx.recorded[item.key]?.status ?? "pending" },
      })),
    fields(ctx) {
      return ctx.task.items.flatMap((item): FormField[] => {
        const field = fieldOf(item);
        const rec = ctx.recorded[item.key];
        if (rec?.value !== undefined) field.initial = rec.value;
        else if (item.kind === "yesno" && rec && rec.status !== "pending")
          field.initial = rec.status === "failed" ? "no" : "yes";
        if (item.kind !== "yesno") return [field];
        const note: FormField = {
          name: noteField(item.key),
          // names the item: with several "no" answers open, each note says which item it is for
          label: { key: "forms:checklist.note", vars: { item: item.label } },
          kind: "text",
          required: false,
          maxLength: 500,
          showIf: { field: item.key, in: ["no"] },
        };
        return [field, note];
      });
    },
    schema(ctx) {
      return z.record(z.string(), z.string().optional()).transform((raw: RawValues, c): ChecklistFormValue => {
        const values: Record<string, string> = {};
        for (const item of ctx.task.items) {
          const v = raw[item.key]?.trim();
          if (!v) continue;
          const note = item.kind === "yesno" ? raw[noteField(item.key)]?.trim() : undefined;
          const text = note ? `${v} ${note}` : v;
          const checked = parseItemValue(item, text, labels);
          if (!checked.ok) {
            c.issues.push({
              code: "custom",
              path: [item.key],
              message: checked.error.key,
              params: checked.error.vars ?? {},
              input: v,
            });
            continue;
          }
          values[item.key] = text;
        }
        return { occurrenceId: ctx.occurrenceId, values };
      });
    },
  };
}
