// The messages each lifecycle step enqueues, inside the step's transaction. Idempotency keys
// are derived from the occurrence id (and the recipient), so a retried transaction or a
// second replica can never enqueue a step's messages twice:
//   reminder:<occ>                 the reminder in the outlet channel (edited in place later)
//   nudge:<occ>                    nudge reply in the reminder's thread
//   nudge:<occ>:dm:<staff>         nudge DM to each person who has not answered
//   remind-now:<occ>:<request>[:dm:<staff>]  a supervisor's manual reminder (thread + DMs)
//   task-escalation:<occ>          escalation note in the reminder's thread
//   task-escalation-dm:<occ>:<staff>  escalation DM to each escalation recipient
//   task-missed-dm:<occ>:<staff>   missed notice DM to each escalation recipient
//   reminder:<occ>:…:update:<state> the reminder re-rendered after each step

import type { Tx } from "../../db/tx.js";
import { escalationTiers, type Policy } from "../../permissions/index.js";
import { postToOutlet, sendToStaff, updatePosted } from "../notify.js";
import {
  buildNudgeView,
  buildReminderView,
  buildTaskEscalationView,
  buildTaskMissedView,
  type OccurrenceContext,
  staffIdsWithRoles,
  waitingOnIds,
} from "./reminder-view.js";

export const reminderKeyBase = (occurrenceId: string) => `reminder:${occurrenceId}`;

/**
 * Who hears about an overdue or missed task: the first escalation tier anyone on duty holds at
 * the outlet on the task's day (a supervisor on leave is skipped for their cover, or the next tier).
 */
export async function escalationRecipients(tx: Tx, policy: Policy, outletId: string, on: Date): Promise<string[]> {
  for (const roles of escalationTiers(policy)) {
    const ids = await staffIdsWithRoles(tx, outletId, roles, on);
    if (ids.length > 0) return ids;
  }
  return [];
}

export async function enqueueReminder(tx: Tx, ctx: OccurrenceContext): Promise<number> {
  const view = await buildReminderView(tx, ctx.occurrence.id, ctx.policy);
  const sent = await postToOutlet(tx, {
    outletId: ctx.occurrence.outletId,
    keyBase: reminderKeyBase(ctx.occurrence.id),
    view,
  });
  return sent.length;
}

/** Re-renders the reminder wherever it was posted, e.g. to show "escalated" or "missed". */
export async function refreshReminder(tx: Tx, occurrenceId: string, updateSeq: string, policy: Policy): Promise<void> {
  const view = await buildReminderView(tx, occurrenceId, policy);
  await updatePosted(tx, { keyBase: reminderKeyBase(occurrenceId), view, updateSeq });
}

/** Nudges only the audience members who have not answered; returns who was nudged. */
export async function enqueueNudge(tx: Tx, ctx: OccurrenceContext, keyBase = `nudge:${ctx.occurrence.id}`) {
  const waiting = waitingOnIds(ctx);
  if (waiting.length === 0) return waiting;
  const view = await buildNudgeView(tx, ctx);
  const id = ctx.occurrence.id;
  await postToOutlet(tx, { outletId: ctx.occurrence.outletId, keyBase, view, threadOfKeyBase: reminderKeyBase(id) });
  for (const staffId of waiting) await sendToStaff(tx, { staffId, keyBase: `${keyBase}:dm:${staffId}`, view });
  return waiting;
}

export async function enqueueEscalation(tx: Tx, ctx: OccurrenceContext): Promise<string[]> {
  const id = ctx.occurrence.id;
  const to = await escalationRecipients(tx, ctx.policy, ctx.occurrence.outletId, ctx.occurrence.dueAt);
  const view = await buildTaskEscalationView(tx, ctx, to);
  for (const staffId of to) await sendToStaff(tx, { staffId, keyBase: `task-escalation-dm:${id}:${staffId}`, view });
  await postToOutlet(tx, {
    outletId: ctx.occurrence.outletId,
    keyBase: `task-escalation:${id}`,
    view,
    threadOfKeyBase: reminderKeyBase(id),
  });
  return to;
}

export async function enqueueMissed(tx: Tx, ctx: OccurrenceContext): Promise<string[]> {
  const id = ctx.occurrence.id;
  const to = await escalationRecipients(tx, ctx.policy, ctx.occurrence.outletId, ctx.occurrence.dueAt);
  const view = await buildTaskMissedView(tx, ctx, to);
  for (const staffId of to) await sendToStaff(tx, { staffId, keyBase: `task-missed-dm:${id}:${staffId}`, view });
  return to;
}
