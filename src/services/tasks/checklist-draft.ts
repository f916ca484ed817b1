// The incident draft a failed item produces. With the reporter's translator the description
// names the task and the item by their labels, in the reporter's language, as a person would
// write it ("开门检查「尾箱核对」异常：…"); without one (no person in the loop) it falls back to
// the keys, which read the same in any locale.
import { INCIDENT_FIELD_VALUES, type Item, type Task } from "../../config/playbook-schema.js";
import type { Translate } from "../../i18n/index.js";
import type { IncidentDraft } from "../incident-draft.js";
import type { FailureDraft } from "./checklist-types.js";

export function failureDescription(task: Task, item: Item, note: string | null | undefined, t?: Translate): string {
  if (t) {
    const vars = { task: task.title, item: item.label, note: note ?? "" };
    return t(note ? "incidents:draft.from_item_note" : "incidents:draft.from_item", vars);
  }
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
  /** The failed value (a choice's option key): an over/short choice pre-fills overShort. */
  valueText?: string | null;
  /** The reporter's translator: the description then reads in their language. */
  t?: Translate;
}): FailureDraft {
  const { task, item } = args;
  const draft: IncidentDraft = {
    outletId: args.outletId,
    type: item.failIncidentType ?? task.failIncidentType,
    description: failureDescription(task, item, args.note, args.t),
    sourceResultId: args.resultId,
    reporterId: args.reporterId,
  };
  if (args.amountMinor !== null) draft.amountMinor = args.amountMinor;
  const v = args.valueText ?? "";
  if (item.kind === "choice" && INCIDENT_FIELD_VALUES.overShort?.includes(v)) draft.overShort = v;
  return {
    itemKey: item.key,
    draft,
    taskTitle: { key: task.title },
    itemLabel: { key: item.label },
    ...(args.note ? { note: args.note } : {}),
  };
}
