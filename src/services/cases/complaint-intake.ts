// Complaint intake: validates the form against the playbook, masks every customer identifier
// before anything is stored, opens step 1 of the ladder with its business-time clocks, and
// posts the card where the outlet's supervisors see it.

import { withTx } from "../../db/tx.js";
import { stepClocks } from "../../domain/complaint-ladder.js";
import { maskCustomerRef, maskIdentifiers } from "../../domain/masking.js";
import type { FieldErrors } from "../../views/common.js";
import { appendAudit } from "../audit-log.js";
import { announceLogged } from "./complaint-notify.js";
import { nextCaseRef, withRefRetry } from "./refs.js";
import {
  auditActorOf,
  type CaseActor,
  type CaseResult,
  type CasesDeps,
  type LogComplaintInput,
  refuse,
} from "./types.js";

export async function logComplaint(
  deps: CasesDeps,
  actor: CaseActor,
  input: LogComplaintInput,
): Promise<CaseResult<{ complaintId: string; ref: string }>> {
  const { db, playbook, directory, clock } = deps;
  const outlet = await db.outlet.findUnique({ where: { id: input.outletId } });
  if (!outlet?.active) return refuse("not_found", "complaints:refusal.outlet_not_found");
  if ((await directory.rolesAt(actor.staffId, outlet.id)).length === 0) {
    return refuse("not_authorised", "complaints:refusal.not_at_outlet");
  }
  const errors: FieldErrors = {};
  const required = { key: "complaints:errors.required" };
  if (!playbook.complaints.categories.some((c) => c.key === input.category)) {
    errors.category = { key: "complaints:errors.category_unknown" };
  }
  if (!playbook.complaints.intakeChannels.some((c) => c.key === input.intakeChannel)) {
    errors.intakeChannel = { key: "complaints:errors.channel_unknown" };
  }
  const customerRef = maskCustomerRef(input.customerRef.trim());
  const description = maskIdentifiers(input.description.trim());
  const desiredOutcome = maskIdentifiers(input.desiredOutcome.trim());
  if (!customerRef) errors.customerRef = required;
  if (!description) errors.description = required;
  if (!desiredOutcome) errors.desiredOutcome = required;
  const first = playbook.complaints.ladder[0];
  if (Object.keys(errors).length > 0 || !first) {
    return refuse("invalid_input", "complaints:refusal.invalid_input", { errors });
  }
  const now = clock.now();
  const cal = await directory.calendar(outlet.id);
  const clocks = stepClocks(cal, first, now);
  const complaint = await withRefRetry(() =>
    withTx(db, async (tx) => {
      const c = await tx.complaint.create({
        data: {
          ref: await nextCaseRef(tx, "CMP", outlet, now),
          outletId: outlet.id,
          category: input.category,
          intakeChannel: input.intakeChannel,
          customerRef,
          description,
          desiredOutcome,
          currentStepNo: first.step,
          loggedById: actor.staffId,
          loggedAt: now,
        },
      });
      const step = await tx.complaintStep.create({
        data: { complaintId: c.id, seq: 1, stepNo: first.step, ownerRole: first.role, startedAt: now, ...clocks },
      });
      await appendAudit(tx, {
        actor: await auditActorOf(tx, actor),
        action: "complaint.logged",
        entityType: "complaint",
        entityId: c.id,
        after: { ...c, step: { stepNo: step.stepNo, ackDueAt: step.ackDueAt, dueAt: step.dueAt } },
        at: now,
      });
      await announceLogged(deps, tx, c, step);
      return c;
    }),
  );
  return { ok: true, complaintId: complaint.id, ref: complaint.ref };
}
