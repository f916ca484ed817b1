import type { Db } from "../../db/client.js";
import { isUniqueViolation, type Tx, withTx } from "../../db/tx.js";
import {
  type ComplaintStatus,
  DECISIONS,
  decisionEffect,
  followUpDueAt,
  ladderStep,
  type StepOutcome,
  stepClocks,
} from "../../domain/complaint-ladder.js";
import { maskIdentifiers } from "../../domain/masking.js";
import type { Complaint, ComplaintStep } from "../../generated/prisma/client.js";
import { canDecideComplaintStep } from "../../permissions/index.js";
import { complaintById } from "../../queries/index.js";
import { appendAudit } from "../audit-log.js";
import { announceComplaintEvent, currentStep, notifyStepOwners } from "./complaint-notify.js";
import {
  auditActorOf,
  type CaseActor,
  type CaseResult,
  type CasesDeps,
  type DecisionInput,
  type ProposalInput,
  type Refusal,
  refuse,
} from "./types.js";

/** The step was ended by someone else between our read and our write. */
class StepAlreadyEnded extends Error {}

const EVENT_OF = { approve: "approved", request_changes: "changes_requested", escalate: "escalated" } as const;

export type DecisionResult = CaseResult<{ outcome: StepOutcome; status: ComplaintStatus; stepNo: number }>;

async function alreadyDecided(r: Db | Tx, stepId: string): Promise<Refusal> {
  const d = await r.complaintDecision.findUnique({ where: { stepId } });
  if (!d) return refuse("already_decided", "complaints:refusal.already_moved_on");
  const by = await r.staff.findUnique({ where: { id: d.decidedById }, select: { name: true } });
  const name = by?.name ?? d.decidedById;
  return refuse("already_decided", "complaints:refusal.already_decided", {
    vars: { name },
    decidedBy: { staffId: d.decidedById, name, decision: d.decision, at: d.decidedAt },
  });
}

/** Loads the open complaint and the step the actor acts on, and checks the actor's role. */
async function stepToActOn(
  deps: CasesDeps,
  tx: Tx,
  actor: CaseActor,
  complaintId: string,
  stepId?: string,
): Promise<{ c: Complaint; step: ComplaintStep } | Refusal> {
  const c = await complaintById(tx, complaintId);
  if (!c) return refuse("not_found", "complaints:refusal.not_found");
  const step = stepId ? await tx.complaintStep.findUnique({ where: { id: stepId } }) : await currentStep(tx, c.id);
  if (stepId && (!step || step.complaintId !== c.id)) return refuse("not_found", "complaints:refusal.not_found");
  if (step?.endedAt) return alreadyDecided(tx, step.id);
  if (!step || c.status !== "open")
    return refuse("invalid_state", "complaints:refusal.not_open", { vars: { ref: c.ref } });
  const roles = await deps.directory.rolesAt(actor.staffId, c.outletId, tx);
  if (!canDecideComplaintStep(deps.playbook, step.ownerRole, roles)) {
    return refuse("not_authorised", "complaints:refusal.not_authorised", { vars: { ref: c.ref, stepNo: step.stepNo } });
  }
  return { c, step };
}

export async function acknowledgeComplaint(
  deps: CasesDeps,
  actor: CaseActor,
  complaintId: string,
): Promise<CaseResult<{ stepNo: number }>> {
  return withTx(deps.db, async (tx): Promise<CaseResult<{ stepNo: number }>> => {
    const found = await stepToActOn(deps, tx, actor, complaintId);
    if ("ok" in found) return found;
    const { c, step } = found;
    const now = deps.clock.now();
    const done = await tx.complaintStep.updateMany({
      where: { id: step.id, acknowledgedAt: null, endedAt: null },
      data: { acknowledgedAt: now, acknowledgedById: actor.staffId },
    });
    if (done.count !== 1) {
      return refuse("invalid_state", "complaints:refusal.already_acknowledged", { vars: { ref: c.ref } });
    }
    const after = await tx.complaint.update({ where: { id: c.id }, data: { version: { increment: 1 } } });
    const who = await auditActorOf(tx, actor);
    await appendAudit(tx, {
      actor: who,
      action: "complaint.acknowledged",
      entityType: "complaint",
      entityId: c.id,
      before: { stepNo: step.stepNo, acknowledgedAt: null },
      after: { stepNo: step.stepNo, acknowledgedAt: now },
      at: now,
    });
    await announceComplaintEvent(deps, tx, after, { kind: "acknowledged", stepNo: step.stepNo, by: who.label });
    return { ok: true, stepNo: step.stepNo };
  });
}

/** The step owner proposes a resolution (it acknowledges the step too). */
export async function proposeResolution(
  deps: CasesDeps,
  actor: CaseActor,
  input: ProposalInput,
): Promise<CaseResult<{ stepNo: number }>> {
  const proposal = maskIdentifiers(input.proposal.trim());
  if (!proposal) {
    return refuse("invalid_input", "complaints:refusal.invalid_input", {
      errors: { proposal: { key: "complaints:errors.required" } },
    });
  }
  return withTx(deps.db, async (tx): Promise<CaseResult<{ stepNo: number }>> => {
    const found = await stepToActOn(deps, tx, actor, input.complaintId);
    if ("ok" in found) return found;
    const { c, step } = found;
    const now = deps.clock.now();
    const ack = step.acknowledgedAt ? {} : { acknowledgedAt: now, acknowledgedById: actor.staffId };
    const done = await tx.complaintStep.updateMany({
      where: { id: step.id, endedAt: null },
      data: { proposal, ...ack },
    });
    if (done.count !== 1) return alreadyDecided(tx, step.id);
    const after = await tx.complaint.update({ where: { id: c.id }, data: { version: { increment: 1 } } });
    const who = await auditActorOf(tx, actor);
    await appendAudit(tx, {
      actor: who,
      action: "complaint.proposed",
      entityType: "complaint",
      entityId: c.id,
      before: { stepNo: step.stepNo, proposal: step.proposal },
      after: { stepNo: step.stepNo, proposal },
      at: now,
    });
    await announceComplaintEvent(deps, tx, after, {
      kind: "proposed",
      stepNo: step.stepNo,
      by: who.label,
      comment: proposal,
    });
    return { ok: true, stepNo: step.stepNo };
  });
}

export async function decide(deps: CasesDeps, actor: CaseActor, input: DecisionInput): Promise<DecisionResult> {
  if (!DECISIONS.includes(input.decision)) {
    return refuse("invalid_input", "complaints:refusal.invalid_input", {
      errors: { decision: { key: "complaints:errors.decision_unknown" } },
    });
  }
  const comment = maskIdentifiers(input.comment.trim());
  if (!comment && input.decision !== "approve") {
    return refuse("invalid_input", "complaints:refusal.invalid_input", {
      errors: { comment: { key: "complaints:errors.comment_required" } },
    });
  }
  // Pin the step the decider saw now, before any retry: if a racing decision commits first,
  // our retried transaction must find *this* step decided, not decide the next one.
  const seenStepId = input.expectedStepId ?? (await currentStep(deps.db, input.complaintId))?.id;
  try {
    return await withTx(deps.db, (tx) => decideInTx(deps, tx, actor, input, comment, seenStepId));
  } catch (err) {
    if (seenStepId && (err instanceof StepAlreadyEnded || isUniqueViolation(err, "stepId"))) {
      return alreadyDecided(deps.db, seenStepId);
    }
    throw err;
  }
}

async function decideInTx(
  deps: CasesDeps,
  tx: Tx,
  actor: CaseActor,
  input: DecisionInput,
  comment: string,
  seenStepId: string | undefined,
): Promise<DecisionResult> {
  const found = await stepToActOn(deps, tx, actor, input.complaintId, seenStepId);
  if ("ok" in found) return found;
  const { c, step } = found;
  const effect = decisionEffect(deps.playbook, step.stepNo, input.decision);
  if (effect.kind === "invalid") {
    return refuse("invalid_state", "complaints:refusal.top_of_ladder", { vars: { ref: c.ref } });
  }
  const now = deps.clock.now();
  await tx.complaintDecision.create({
    data: {
      complaintId: c.id,
      stepId: step.id,
      decision: input.decision,
      comment,
      decidedById: actor.staffId,
      decidedAt: now,
      platform: actor.platform,
    },
  });
  const ack = step.acknowledgedAt ? {} : { acknowledgedAt: now, acknowledgedById: actor.staffId };
  const ended = await tx.complaintStep.updateMany({
    where: { id: step.id, endedAt: null },
    data: { endedAt: now, outcome: effect.outcome, ...ack },
  });
  if (ended.count !== 1) throw new StepAlreadyEnded();
  let next: ComplaintStep | null = null;
  let after: Complaint;
  if (effect.kind === "move") {
    const def = ladderStep(deps.playbook, effect.toStepNo);
    if (!def) throw new Error(`ladder step ${effect.toStepNo} is missing from the playbook`);
    const clocks = stepClocks(await deps.directory.calendar(c.outletId, tx), def, now);
    next = await tx.complaintStep.create({
      data: { complaintId: c.id, seq: step.seq + 1, stepNo: def.step, ownerRole: def.role, startedAt: now, ...clocks },
    });
    after = await tx.complaint.update({
      where: { id: c.id },
      data: { currentStepNo: def.step, version: { increment: 1 } },
    });
  } else {
    const due = followUpDueAt(await deps.directory.calendar(c.outletId, tx), deps.playbook, now);
    after = await tx.complaint.update({
      where: { id: c.id },
      data: { status: "resolved", resolvedAt: now, followUpDueAt: due, version: { increment: 1 } },
    });
  }
  const who = await auditActorOf(tx, actor);
  await appendAudit(tx, {
    actor: who,
    action: "complaint.decided",
    entityType: "complaint",
    entityId: c.id,
    before: { status: c.status, stepNo: step.stepNo, stepSeq: step.seq },
    after: {
      decision: input.decision,
      comment,
      status: after.status,
      stepNo: after.currentStepNo,
      stepSeq: next?.seq ?? null,
      followUpDueAt: after.followUpDueAt,
    },
    at: now,
  });
  await announceComplaintEvent(deps, tx, after, {
    kind: EVENT_OF[input.decision],
    stepNo: step.stepNo,
    toStepNo: next && next.stepNo !== step.stepNo ? next.stepNo : undefined,
    by: who.label,
    comment,
    notifyRole: next?.ownerRole,
  });
  if (next) await notifyStepOwners(deps, tx, after, next);
  return { ok: true, outcome: effect.outcome, status: after.status as ComplaintStatus, stepNo: after.currentStepNo };
}
