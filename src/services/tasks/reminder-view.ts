// Builds the platform-neutral views of one task occurrence from the database: the reminder
// with its live progress, and the nudge / escalation / missed notices. The checklist
// service calls buildReminderView after each confirmation to edit the reminder in place,
// so everything here reads through the caller's transaction and sees its uncommitted rows.
import type { Role, Task } from "../../config/playbook-schema.js";
import type { Tx } from "../../db/tx.js";
import type { Policy } from "../../permissions/index.js";
import { staffWithRoles } from "../../queries/index.js";
import type { ActionButton, Mention } from "../../views/common.js";
import { roleLabel, taskStateLabel } from "../../views/labels.js";
import type {
  ItemStatus,
  NudgeView,
  OccurrenceState,
  ReminderItemView,
  ReminderView,
  TaskEscalationView,
  TaskMissedView,
} from "../../views/tasks.js";
import { mentionsFor } from "../notify.js";
import { shownValue } from "./item-value-label.js";

/** States after which nothing more is asked of anyone. */
export const FINAL_STATES: readonly OccurrenceState[] = ["confirmed", "confirmed_with_exceptions", "missed"];

/**
 * Staff ids (active, sorted by code) on duty on the local day of `on` holding any of `roles` at
 * the outlet: an outlet role held there, or a region role held across the outlet's region; those
 * off that day are replaced by their covers (排班/代岗).
 */
export async function staffIdsWithRoles(tx: Tx, outletId: string, roles: readonly Role[], on: Date): Promise<string[]> {
  return (await staffWithRoles(tx, outletId, roles, on)).map((x) => x.id);
}

/** Everything a view of one occurrence needs, loaded once. */
export interface OccurrenceContext {
  occurrence: {
    id: string;
    outletId: string;
    dueDate: string;
    dueAt: Date;
    nudgeAt: Date;
    escalateAt: Date;
    windowEndsAt: Date;
    state: OccurrenceState;
    version: number;
  };
  task: Task;
  /** The playbook's roles and permissions: role labels, and who hears of an escalation. */
  policy: Policy;
  outletName: string;
  timeZone: string;
  /** Audience staff ids, in a stable order. */
  audienceIds: string[];
  /** Staff who confirmed or second-confirmed at least one item. */
  answeredIds: Set<string>;
  results: Map<
    string,
    {
      status: string;
      valueText: string | null;
      amountMinor: bigint | null;
      note: string | null;
      confirmedById: string;
      secondConfirmedById: string | null;
    }
  >;
  names: Map<string, string>;
}

export async function loadOccurrenceContext(tx: Tx, occurrenceId: string, policy: Policy): Promise<OccurrenceContext> {
  const occ = await tx.taskOccurrence.findUniqueOrThrow({
    where: { id: occurrenceId },
    include: { templateVersion: true, outlet: true, results: true },
  });
  // The definition the occurrence was created under, so a later playbook edit never
  // changes what an old reminder asked for.
  const task = JSON.parse(occ.templateVersion.definition) as Task;
  // the task's own day decides who is on duty, whenever the reminder or nudge goes out
  const audienceIds = await staffIdsWithRoles(tx, occ.outletId, task.audience, occ.dueAt);
  const answeredIds = new Set<string>();
  for (const r of occ.results) {
    answeredIds.add(r.confirmedById);
    if (r.secondConfirmedById) answeredIds.add(r.secondConfirmedById);
  }
  const people = await tx.staff.findMany({
    where: { id: { in: [...new Set([...audienceIds, ...answeredIds])] } },
    select: { id: true, name: true },
  });
  return {
    occurrence: { ...occ, state: occ.state as OccurrenceState },
    task,
    policy,
    outletName: occ.outlet.name,
    timeZone: occ.outlet.timeZone,
    audienceIds,
    answeredIds,
    results: new Map(occ.results.map((r) => [r.itemKey, r])),
    names: new Map(people.map((p) => [p.id, p.name])),
  };
}

/** Audience members who have not confirmed anything on this occurrence yet. */
export function waitingOnIds(ctx: OccurrenceContext): string[] {
  return ctx.audienceIds.filter((id) => !ctx.answeredIds.has(id));
}

function itemViews(ctx: OccurrenceContext): ReminderItemView[] {
  return ctx.task.items.map((item, i) => {
    const r = ctx.results.get(item.key);
    const view: ReminderItemView = {
      key: item.key,
      number: i + 1,
      label: { key: item.label },
      kind: item.kind,
      optional: item.optional ?? false,
      status: (r?.status ?? "pending") as ItemStatus,
    };
    if (item.dualControl) {
      view.dualControlRole = item.dualControl.role;
      view.dualControlRoleLabel = roleLabel(item.dualControl.role, ctx.policy.roles);
    }
    if (!r) return view;
    Object.assign(view, shownValue(item, r));
    if (r.note) view.note = r.note;
    const by = ctx.names.get(r.confirmedById);
    if (by) view.by = by;
    const secondBy = r.secondConfirmedById ? ctx.names.get(r.secondConfirmedById) : undefined;
    if (secondBy) view.secondBy = secondBy;
    return view;
  });
}

/** Buttons while the occurrence is open; a final reminder shows none. */
export function reminderActions(occurrenceId: string, state: OccurrenceState): ActionButton[] {
  if (FINAL_STATES.includes(state)) return [];
  return [
    {
      action: "checklist.open",
      label: { key: "tasks:actions.open_checklist" },
      value: occurrenceId,
      style: "primary",
    },
    { action: "checklist.all_ok", label: { key: "tasks:actions.all_ok" }, value: occurrenceId },
    { action: "incident.report", label: { key: "tasks:actions.report_problem" }, value: occurrenceId, style: "danger" },
  ];
}

export function reminderViewFrom(ctx: OccurrenceContext, mentions: Map<string, Mention>): ReminderView {
  const o = ctx.occurrence;
  const items = itemViews(ctx);
  const pick = (ids: string[]) => ids.flatMap((id) => mentions.get(id) ?? []);
  return {
    type: "reminder",
    occurrenceId: o.id,
    taskKey: ctx.task.key,
    title: { key: ctx.task.title },
    outletName: ctx.outletName,
    dueAt: o.dueAt.toISOString(),
    windowEndsAt: o.windowEndsAt.toISOString(),
    timeZone: ctx.timeZone,
    state: o.state,
    stateLabel: taskStateLabel(o.state),
    audience: pick(ctx.audienceIds),
    waitingOn: pick(waitingOnIds(ctx)),
    items,
    done: items.filter((i) => i.status === "ok" || i.status === "failed").length,
    total: items.length,
    actions: reminderActions(o.id, o.state),
  };
}

async function mentionMap(tx: Tx, ids: string[]): Promise<Map<string, Mention>> {
  return new Map((await mentionsFor(tx, [...new Set(ids)])).map((m) => [m.staffId, m]));
}

/** The reminder with its live progress, as it should look right now. */
export async function buildReminderView(tx: Tx, occurrenceId: string, policy: Policy): Promise<ReminderView> {
  const ctx = await loadOccurrenceContext(tx, occurrenceId, policy);
  return reminderViewFrom(ctx, await mentionMap(tx, ctx.audienceIds));
}

/** Items not yet complete (pending or awaiting a second confirmer). */
export function remainingItems(ctx: OccurrenceContext): number {
  return ctx.task.items.filter((item) => {
    const s = ctx.results.get(item.key)?.status;
    return s !== "ok" && s !== "failed";
  }).length;
}

export async function buildNudgeView(tx: Tx, ctx: OccurrenceContext): Promise<NudgeView> {
  const waiting = waitingOnIds(ctx);
  const mentions = await mentionMap(tx, waiting);
  return {
    type: "nudge",
    occurrenceId: ctx.occurrence.id,
    title: { key: ctx.task.title },
    outletName: ctx.outletName,
    windowEndsAt: ctx.occurrence.windowEndsAt.toISOString(),
    timeZone: ctx.timeZone,
    waitingOn: waiting.flatMap((id) => mentions.get(id) ?? []),
    remaining: remainingItems(ctx),
  };
}

export async function buildTaskEscalationView(
  tx: Tx,
  ctx: OccurrenceContext,
  toIds: string[],
): Promise<TaskEscalationView> {
  const waiting = waitingOnIds(ctx);
  const mentions = await mentionMap(tx, [...toIds, ...waiting]);
  return {
    type: "task_escalation",
    occurrenceId: ctx.occurrence.id,
    title: { key: ctx.task.title },
    outletName: ctx.outletName,
    dueAt: ctx.occurrence.dueAt.toISOString(),
    windowEndsAt: ctx.occurrence.windowEndsAt.toISOString(),
    timeZone: ctx.timeZone,
    to: toIds.flatMap((id) => mentions.get(id) ?? []),
    waitingOn: waiting.flatMap((id) => mentions.get(id) ?? []),
    remaining: remainingItems(ctx),
  };
}

export async function buildTaskMissedView(tx: Tx, ctx: OccurrenceContext, toIds: string[]): Promise<TaskMissedView> {
  const mentions = await mentionMap(tx, toIds);
  return {
    type: "task_missed",
    occurrenceId: ctx.occurrence.id,
    title: { key: ctx.task.title },
    outletName: ctx.outletName,
    dueAt: ctx.occurrence.dueAt.toISOString(),
    timeZone: ctx.timeZone,
    to: toIds.flatMap((id) => mentions.get(id) ?? []),
    remaining: remainingItems(ctx),
  };
}
