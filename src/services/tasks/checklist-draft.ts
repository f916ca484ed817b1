// The incident draft a failed item produces. The description is built from data, not prose
// (task key, item key, the note as typed), so it reads the same in any locale; the form that
// offers the draft shows the localised task and item labels next to it.
import type { Item, Task } from "../../config/playbook-schema.js";
import type { IncidentDraft } from "../incident-draft.js";
import type { FailureDraft } from "./checklist-types.js";

export function failureDescription(task: Task, item: Item, note: string | null | undefined): string {
  const where = `${task.key}.${item.key}`;
  return note ? `[${where}] ${note}` : `[${where}]`;
}

export function failureDraft(args: {
  outletId: string;
  task: Task;
  item: Item;
  resultId: string;
  reporterId: string;
  note: string | null;
  amountMinor: bigint | null;
}): FailureDraft {
  const { task, item } = args;
  const draft: IncidentDraft = {
    outletId: args.outletId,
    type: item.failIncidentType ?? task.failIncidentType,
    description: failureDescription(task, item, args.note),
    sourceResultId: args.resultId,
    reporterId: args.reporterId,
  };
  if (args.amountMinor !== null) draft.amountMinor = args.amountMinor;
  return {
    itemKey: item.key,
    draft,
    taskTitle: { key: task.title },
    itemLabel: { key: item.label },
    ...(args.note ? { note: args.note } : {}),
  };
}
