// The complaint clocks, swept by every replica: a step past its action clock (or its
// acknowledgement clock, unacknowledged) escalates on its own when the playbook says
// ifLate: escalate, or is flagged late once and stays; a follow-up (回访) past its clock is
// flagged once. Each effect is claimed by a conditional update or a unique key inside its
// transaction, so concurrent sweeps never double an escalation or a notice.
import { isUniqueViolation, withTx } from "../../db/tx.js";
import { ladderStep, lateAction, stepClocks } from "../../domain/complaint-ladder.js";
import { appendAudit, SYSTEM_ACTOR } from "../audit-log.js";
import { announceComplaintEvent, complaintKey, notifyStepOwners, postThreadReply } from "./complaint-notify.js";
import type { CasesDeps } from "./types.js";

const BATCH = 500;

export interface SweepResult {
  autoEscalated: number;
  flaggedLate: number;
  followUpsOverdue: number;
}

async function sweepStep(deps: CasesDeps, stepId: string, now: Date): Promise<"escalated" | "flagged" | null> {
  return withTx(deps.db, async (tx) => {
    const step = await tx.complaintStep.findUnique({ where: { id: stepId }, include: { complaint: true } });
    if (!step || step.endedAt || step.complaint.status !== "open") return null;
    const action = lateAction(deps.playbook, step, now);
    if (action.kind === "none") return null;
    const c = step.complaint;
    if (action.kind === "flag") {
      const claimed = await tx.complaintStep.updateMany({
        where: { id: step.id, endedAt: null, late: false },
        data: { late: true },
      });
      if (claimed.count !== 1) return null;
      const after = await tx.complaint.update({ where: { id: c.id }, data: { late: true, version: { increment: 1 } } });
      await appendAudit(tx, {
        actor: SYSTEM_ACTOR,
        action: "complaint.flagged_late",
        entityType: "complaint",
        entityId: c.id,
        before: { stepNo: step.stepNo, late: false },
        after: { stepNo: step.stepNo, late: true, dueAt: step.dueAt, ackDueAt: step.ackDueAt },
        at: now,
      });
      await announceComplaintEvent(deps, tx, after, {
        kind: "flagged_late",
        stepNo: step.stepNo,
        notifyRole: step.ownerRole,
      });
      return "flagged";
    }
    const def = ladderStep(deps.playbook, action.toStepNo);
    if (!def) return null;
    const claimed = await tx.complaintStep.updateMany({
      where: { id: step.id, endedAt: null },
      data: { endedAt: now, outcome: "auto_escalated", late: true },
    });
    if (claimed.count !== 1) return null;
    const clocks = stepClocks(await deps.directory.calendar(c.outletId, tx), def, now);
    const next = await tx.complaintStep.create({
      data: { complaintId: c.id, seq: step.seq + 1, stepNo: def.step, ownerRole: def.role, startedAt: now, ...clocks },
    });
    const after = await tx.complaint.update({
      where: { id: c.id },
      data: { currentStepNo: def.step, late: true, version: { increment: 1 } },
    });
    await appendAudit(tx, {
      actor: SYSTEM_ACTOR,
      action: "complaint.auto_escalated",
      entityType: "complaint",
      entityId: c.id,
      before: { stepNo: step.stepNo, stepSeq: step.seq, dueAt: step.dueAt, ackDueAt: step.ackDueAt },
      after: { stepNo: next.stepNo, stepSeq: next.seq, dueAt: next.dueAt, late: true },
      at: now,
    });
    await announceComplaintEvent(deps, tx, after, {
      kind: "auto_escalated",
      stepNo: step.stepNo,
      toStepNo: next.stepNo,
      notifyRole: next.ownerRole,
    });
    await notifyStepOwners(deps, tx, after, next);
    return "escalated";
  });
}

/** Flags an overdue follow-up once: the scheduler-claim key is the exactly-once guard. */
async function flagFollowUp(deps: CasesDeps, complaintId: string, now: Date): Promise<boolean> {
  const key = `${complaintKey(complaintId)}:follow_up_overdue`;
  try {
    return await withTx(deps.db, async (tx) => {
      if (await tx.schedulerClaim.findUnique({ where: { key } })) return false;
      const c = await tx.complaint.findUnique({ where: { id: complaintId }, include: { followUp: true } });
      if (c?.status !== "resolved" || c.followUp || !c.followUpDueAt || c.followUpDueAt > now) return false;
      await tx.schedulerClaim.create({ data: { key, owner: "complaints.sweep" } });
      const after = await tx.complaint.update({ where: { id: c.id }, data: { late: true, version: { increment: 1 } } });
      await appendAudit(tx, {
        actor: SYSTEM_ACTOR,
        action: "complaint.follow_up_overdue",
        entityType: "complaint",
        entityId: c.id,
        before: { late: c.late },
        after: { late: true, followUpDueAt: c.followUpDueAt },
        at: now,
      });
      await postThreadReply(deps, tx, after, {
        type: "text",
        message: { key: "complaints:event.follow_up_overdue", vars: { ref: c.ref } },
      });
      return true;
    });
  } catch (err) {
    if (isUniqueViolation(err, "key")) return false; // another replica flagged it first
    throw err;
  }
}

export async function sweepDeadlines(deps: CasesDeps, now: Date = deps.clock.now()): Promise<SweepResult> {
  const result: SweepResult = { autoEscalated: 0, flaggedLate: 0, followUpsOverdue: 0 };
  // late = false: a flagged step stays open but is not re-read on every sweep
  const steps = await deps.db.complaintStep.findMany({
    where: {
      endedAt: null,
      late: false,
      complaint: { status: "open" },
      OR: [{ dueAt: { lte: now } }, { ackDueAt: { lte: now }, acknowledgedAt: null }],
    },
    select: { id: true },
    orderBy: { dueAt: "asc" },
    take: BATCH,
  });
  for (const { id } of steps) {
    const done = await sweepStep(deps, id, now);
    if (done === "escalated") result.autoEscalated++;
    if (done === "flagged") result.flaggedLate++;
  }
  const overdue = await deps.db.complaint.findMany({
    where: { status: "resolved", followUpDueAt: { lte: now }, followUp: null },
    select: { id: true },
    orderBy: { followUpDueAt: "asc" },
    take: BATCH,
  });
  for (const { id } of overdue) if (await flagFollowUp(deps, id, now)) result.followUpsOverdue++;
  return result;
}
