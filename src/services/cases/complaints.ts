import { isUniqueViolation, withTx } from "../../db/tx.js";
import { type ComplaintStatus, FOLLOW_UP_OUTCOMES, followUpIsLate } from "../../domain/complaint-ladder.js";
import { maskIdentifiers } from "../../domain/masking.js";
import { canCloseComplaint } from "../../permissions/index.js";
import { complaintById } from "../../queries/index.js";
import type { ComplaintView } from "../../views/cases.js";
import { appendAudit } from "../audit-log.js";
import { type SweepResult, sweepDeadlines } from "./complaint-deadlines.js";
import { acknowledgeComplaint, type DecisionResult, decide, proposeResolution } from "./complaint-decisions.js";
import { logComplaint } from "./complaint-intake.js";
import { announceComplaintEvent, complaintCard } from "./complaint-notify.js";
import {
  auditActorOf,
  type CaseActor,
  type CaseResult,
  type CasesDeps,
  type DecisionInput,
  type FollowUpInput,
  type LogComplaintInput,
  type ProposalInput,
  refuse,
} from "./types.js";

async function logFollowUp(
  deps: CasesDeps,
  actor: CaseActor,
  input: FollowUpInput,
): Promise<CaseResult<{ late: boolean }>> {
  if (!FOLLOW_UP_OUTCOMES.includes(input.outcome)) {
    return refuse("invalid_input", "complaints:refusal.invalid_input", {
      errors: { outcome: { key: "complaints:errors.outcome_unknown" } },
    });
  }
  const note = maskIdentifiers(input.note.trim());
  // free text about the customer's case: masked before it is stored, like every case text
  const causeAnalysis = maskIdentifiers(input.causeAnalysis?.trim() ?? "");
  const preventiveMeasures = maskIdentifiers(input.preventiveMeasures?.trim() ?? "");
  const missing = Object.entries({ note, causeAnalysis, preventiveMeasures }).filter(([, v]) => !v);
  if (missing.length > 0) {
    return refuse("invalid_input", "complaints:refusal.invalid_input", {
      errors: Object.fromEntries(missing.map(([k]) => [k, { key: "complaints:errors.required" }])),
    });
  }
  try {
    return await withTx(deps.db, async (tx): Promise<CaseResult<{ late: boolean }>> => {
      const c = await tx.complaint.findUnique({ where: { id: input.complaintId }, include: { followUp: true } });
      if (!c) return refuse("not_found", "complaints:refusal.not_found");
      if ((await deps.directory.rolesAt(actor.staffId, c.outletId, tx)).length === 0) {
        return refuse("not_authorised", "complaints:refusal.not_at_outlet");
      }
      if (c.followUp) return refuse("invalid_state", "complaints:refusal.follow_up_done", { vars: { ref: c.ref } });
      if (c.status !== "resolved") {
        return refuse("invalid_state", "complaints:refusal.not_resolved", { vars: { ref: c.ref } });
      }
      const now = deps.clock.now();
      const late = followUpIsLate(c.followUpDueAt, now);
      // unique complaintId: a second follow-up racing this one fails here and is refused
      await tx.complaintFollowUp.create({
        data: { complaintId: c.id, outcome: input.outcome, note, byId: actor.staffId, at: now, late },
      });
      const after = await tx.complaint.update({
        where: { id: c.id },
        data: { version: { increment: 1 }, causeAnalysis, preventiveMeasures, ...(late ? { late: true } : {}) },
      });
      const who = await auditActorOf(tx, actor);
      await appendAudit(tx, {
        actor: who,
        action: "complaint.follow_up_logged",
        entityType: "complaint",
        entityId: c.id,
        before: { followUp: null, causeAnalysis: c.causeAnalysis, preventiveMeasures: c.preventiveMeasures },
        after: {
          outcome: input.outcome,
          note,
          late,
          followUpDueAt: c.followUpDueAt,
          causeAnalysis,
          preventiveMeasures,
        },
        at: now,
      });
      await announceComplaintEvent(deps, tx, after, {
        kind: "follow_up_logged",
        stepNo: c.currentStepNo,
        by: who.label,
        comment: note,
      });
      return { ok: true, late };
    });
  } catch (err) {
    if (isUniqueViolation(err, "complaintId")) return refuse("invalid_state", "complaints:refusal.follow_up_done");
    throw err;
  }
}

async function closeComplaint(
  deps: CasesDeps,
  actor: CaseActor,
  complaintId: string,
): Promise<CaseResult<{ status: ComplaintStatus }>> {
  return withTx(deps.db, async (tx): Promise<CaseResult<{ status: ComplaintStatus }>> => {
    const c = await tx.complaint.findUnique({ where: { id: complaintId }, include: { followUp: true } });
    if (!c) return refuse("not_found", "complaints:refusal.not_found");
    const roles = await deps.directory.rolesAt(actor.staffId, c.outletId, tx);
    if (!canCloseComplaint(deps.playbook, roles)) {
      return refuse("not_authorised", "complaints:refusal.not_authorised_close", { vars: { ref: c.ref } });
    }
    if (c.status === "closed") return refuse("invalid_state", "complaints:refusal.closed", { vars: { ref: c.ref } });
    if (c.status !== "resolved") {
      return refuse("invalid_state", "complaints:refusal.not_resolved", { vars: { ref: c.ref } });
    }
    if (!c.followUp) return refuse("invalid_state", "complaints:refusal.follow_up_missing", { vars: { ref: c.ref } });
    // 原因分析 / 整改措施: a complaint is not closed until its cause and the measures are recorded
    if (!c.causeAnalysis || !c.preventiveMeasures)
      return refuse("invalid_state", "complaints:refusal.analysis_missing", { vars: { ref: c.ref } });
    const now = deps.clock.now();
    const done = await tx.complaint.updateMany({
      where: { id: c.id, status: "resolved" },
      data: { status: "closed", closedAt: now, version: { increment: 1 } },
    });
    if (done.count !== 1) return refuse("invalid_state", "complaints:refusal.closed", { vars: { ref: c.ref } });
    const after = await tx.complaint.findUniqueOrThrow({ where: { id: c.id } });
    const who = await auditActorOf(tx, actor);
    await appendAudit(tx, {
      actor: who,
      action: "complaint.closed",
      entityType: "complaint",
      entityId: c.id,
      before: { status: "resolved" },
      after: {
        status: "closed",
        closedAt: now,
        causeAnalysis: c.causeAnalysis,
        preventiveMeasures: c.preventiveMeasures,
      },
      at: now,
    });
    await announceComplaintEvent(deps, tx, after, { kind: "closed", stepNo: c.currentStepNo, by: who.label });
    return { ok: true, status: "closed" };
  });
}

export class ComplaintService {
  constructor(private readonly deps: CasesDeps) {}

  log(actor: CaseActor, input: LogComplaintInput): Promise<CaseResult<{ complaintId: string; ref: string }>> {
    return logComplaint(this.deps, actor, input);
  }

  acknowledge(actor: CaseActor, complaintId: string): Promise<CaseResult<{ stepNo: number }>> {
    return acknowledgeComplaint(this.deps, actor, complaintId);
  }

  propose(actor: CaseActor, input: ProposalInput): Promise<CaseResult<{ stepNo: number }>> {
    return proposeResolution(this.deps, actor, input);
  }

  decide(actor: CaseActor, input: DecisionInput): Promise<DecisionResult> {
    return decide(this.deps, actor, input);
  }

  logFollowUp(actor: CaseActor, input: FollowUpInput): Promise<CaseResult<{ late: boolean }>> {
    return logFollowUp(this.deps, actor, input);
  }

  close(actor: CaseActor, complaintId: string): Promise<CaseResult<{ status: ComplaintStatus }>> {
    return closeComplaint(this.deps, actor, complaintId);
  }

  sweepDeadlines(now?: Date): Promise<SweepResult> {
    return sweepDeadlines(this.deps, now);
  }

  /** The card as it stands now (for a bot reply or a refresh). */
  async view(complaintId: string): Promise<ComplaintView | null> {
    const c = await complaintById(this.deps.db, complaintId);
    return c ? complaintCard(this.deps, this.deps.db, c) : null;
  }
}
