// The echo of a plain-text reply: what the bot understood, shown before anything is recorded.
// The parsed answers are kept in a FormSession (JSON: amounts as decimal strings) until the
// person confirms, edits or cancels.
import type { Task } from "../../config/playbook-schema.js";
import type { ItemValue } from "../../domain/checklist-values.js";
import { maskIdentifiers } from "../../domain/masking.js";
import type { GrammarItem } from "../../domain/reply-grammar.js";
import type { ActionButton, Localised } from "../../views/common.js";
import type { ConfirmationEchoView } from "../../views/tasks.js";
import { shownValue } from "./item-value-label.js";

export const ECHO_FORM = "checklist_echo";

interface StoredValue {
  status: "ok" | "failed";
  valueText?: string;
  amountMinor?: string;
  note?: string;
}

export interface EchoState {
  occurrenceId: string;
  allOk: boolean;
  answers: Array<{ itemKey: string; number: number; value: StoredValue | null }>;
}

/** What the pending echo session keeps: the note masked (again; parsing masked it first). */
export const storeValue = (v: ItemValue | null): StoredValue | null =>
  v && {
    status: v.status,
    ...(v.valueText !== undefined ? { valueText: v.valueText } : {}),
    ...(v.amountMinor !== undefined ? { amountMinor: v.amountMinor.toString() } : {}),
    ...(v.note !== undefined ? { note: maskIdentifiers(v.note) } : {}),
  };

export const loadValue = (v: StoredValue | null): ItemValue | null =>
  v && {
    status: v.status,
    ...(v.valueText !== undefined ? { valueText: v.valueText } : {}),
    ...(v.amountMinor !== undefined ? { amountMinor: BigInt(v.amountMinor) } : {}),
    ...(v.note !== undefined ? { note: v.note } : {}),
  };

export function echoActions(sessionId: string): ActionButton[] {
  return [
    { action: "checklist.echo_confirm", label: { key: "checklist:echo.confirm" }, value: sessionId, style: "primary" },
    { action: "checklist.echo_cancel", label: { key: "checklist:echo.cancel" }, value: sessionId },
  ];
}

/** The echo: one line per item the reply touches ("all ok" expands to the items it covers). */
export function echoView(
  sessionId: string,
  task: Task,
  items: readonly GrammarItem[],
  state: EchoState,
  question?: Localised,
): ConfirmationEchoView {
  const explicit = new Map(state.answers.map((a) => [a.itemKey, a]));
  const lines: ConfirmationEchoView["lines"] = [];
  for (const g of items) {
    const a = explicit.get(g.item.key);
    const covered =
      !a && state.allOk && ((g.item.kind === "yesno" && g.status === "pending") || g.status === "awaiting_second");
    if (!a && !covered) continue;
    const value = a?.value ?? null;
    const line: ConfirmationEchoView["lines"][number] = {
      number: g.number,
      label: { key: g.item.label },
      status: value?.status === "failed" ? "failed" : "ok",
    };
    if (value) Object.assign(line, shownValue(g.item, value));
    if (value?.note) line.note = value.note;
    lines.push(line);
  }
  const view: ConfirmationEchoView = {
    type: "confirmation_echo",
    sessionId,
    // names the task: a person answering two checklists at once sees which one this is
    title: { key: "checklist:echo.title", vars: { task: task.title } },
    lines,
    actions: question ? [echoActions(sessionId)[1] as ActionButton] : echoActions(sessionId),
  };
  if (question) view.question = question;
  return view;
}
