// Follow-ups (整改跟踪): a failed checklist item whose playbook entry says onFail: followUp is
// tracked to its rectification instead of drafting an incident. It is opened in the checklist's
// own transaction (owner: the person who recorded the failure; due: the playbook's
// followUpWithin in the outlet's calendar), listed per outlet with its clock, and closed in
// chat with a closing note (masked). Opening and closing are audited.

import type { Item, Task } from "../../config/playbook-schema.js";
import type { Tx } from "../../db/tx.js";
import { withTx } from "../../db/tx.js";
import { addDuration, localDate } from "../../domain/calendar.js";
import { maskIdentifiers } from "../../domain/masking.js";
import type { Rectification } from "../../generated/prisma/client.js";
import { canCloseFollowUp } from "../../permissions/index.js";
import { openRectifications, rectificationById } from "../../queries/index.js";
import { type Actor, appendAudit } from "../audit-log.js";
import type { Directory } from "../directory.js";
import { failureDescription } from "../tasks/checklist-draft.js";
import { auditActorOf, type CaseActor, type CaseResult, type CasesDeps, refuse } from "./types.js";

/** Whether a failed item opens a follow-up rather than an incident draft. */
export function opensFollowUp(task: Task, item: Item): boolean {
  return (item.onFail ?? task.onFail) === "followUp" && Boolean(item.followUpWithin ?? task.followUpWithin);
}

/**
 * Opens the follow-up for a failed item result, once: a failure recorded again (or corrected and
 * failed again) keeps the one already open for that result.
 */
export async function openFollowUp(
  tx: Tx,
  directory: Directory,
  args: { outletId: string; task: Task; item: Item; resultId: string; note: string | null; actor: Actor; now: Date },
): Promise<Rectification | null> {
  const { task, item, now } = args;
  const within = item.followUpWithin ?? task.followUpWithin;
  if (!within) return null;
  const existing = await tx.rectification.findUnique({ where: { sourceResultId: args.resultId } });
  if (existing) return existing;
  const outlet = await tx.outlet.findUniqueOrThrow({ where: { id: args.outletId } });
  const cal = await directory.calendar(outlet.id, tx);
  // one result per task, item and outlet-local day: the reference is unique without a counter
  const ref = `FU-${outlet.code}-${localDate(now, outlet.timeZone).replaceAll("-", "")}-${task.key}.${item.key}`;
  const created = await tx.rectification.create({
    data: {
      ref,
      outletId: outlet.id,
      sourceResultId: args.resultId,
      taskKey: task.key,
      itemKey: item.key,
      description: maskIdentifiers(failureDescription(task, item, args.note)),
      ownerId: args.actor.staffId ?? "",
      openedAt: now,
      dueAt: addDuration(cal, now, within),
    },
  });
  await appendAudit(tx, {
    actor: args.actor,
    action: "rectification.opened",
    entityType: "rectification",
    entityId: created.id,
    after: created,
    at: now,
  });
  return created;
}

export class RectificationService {
  constructor(private readonly deps: CasesDeps) {}

  /** The outlet's open follow-ups, soonest due first. */
  listOpen(outletId: string): Promise<Rectification[]> {
    return openRectifications(this.deps.db, outletId);
  }

  async close(actor: CaseActor, id: string, rawNote: string): Promise<CaseResult<{ ref: string; late: boolean }>> {
    const note = maskIdentifiers(rawNote.trim());
    if (!note) {
      return refuse("invalid_input", "rectifications:refusal.invalid_input", {
        errors: { note: { key: "rectifications:errors.required" } },
      });
    }
    const { db, directory, clock } = this.deps;
    return withTx(db, async (tx): Promise<CaseResult<{ ref: string; late: boolean }>> => {
      const r = await rectificationById(tx, id);
      if (!r) return refuse("not_found", "rectifications:refusal.not_found");
      const roles = await directory.rolesAt(actor.staffId, r.outletId, tx);
      // the roles that close complaints and handle incidents close follow-ups too
      if (!canCloseFollowUp(this.deps.playbook, roles))
        return refuse("not_authorised", "rectifications:refusal.not_authorised", { vars: { ref: r.ref } });
      const now = clock.now();
      const done = await tx.rectification.updateMany({
        where: { id, status: "open", version: r.version },
        data: {
          status: "closed",
          closedAt: now,
          closedById: actor.staffId,
          closingNote: note,
          version: { increment: 1 },
        },
      });
      if (done.count !== 1) return refuse("invalid_state", "rectifications:refusal.closed", { vars: { ref: r.ref } });
      const late = now > r.dueAt;
      await appendAudit(tx, {
        actor: await auditActorOf(tx, actor),
        action: "rectification.closed",
        entityType: "rectification",
        entityId: id,
        before: { status: r.status, version: r.version },
        after: { status: "closed", closingNote: note, closedAt: now, late },
        at: now,
      });
      return { ok: true, ref: r.ref, late };
    });
  }
}
