import { topStepNo } from "../domain/complaint-ladder.js";
import type { Decision } from "../forms/index.js";
import { canDecideComplaintStep } from "../permissions/index.js";
import { complaintWithFollowUp, currentStep } from "../queries/index.js";
import type { ActionResult } from "./contract.js";
import { withEntity } from "./entity-views.js";
import { offerForm } from "./form-runner.js";
import { answer, tell } from "./replies.js";
import type { Req } from "./request.js";
import type { CoreServices } from "./services.js";

const DECISIONS: Record<string, Decision> = {
  "complaint.approve": "approve",
  "complaint.request_changes": "request_changes",
  "complaint.escalate": "escalate",
};
const OTHERS = ["complaint.follow_up", "complaint.close"];

export const isComplaintAction = (action: string) => action in DECISIONS || OTHERS.includes(action);

export async function complaintAction(
  s: CoreServices,
  req: Req,
  action: string,
  complaintId: string,
): Promise<ActionResult> {
  const c = await complaintWithFollowUp(s.db, complaintId);
  if (!c) return answer(tell(req, { key: "complaints:refusal.not_found" }));
  const decision = DECISIONS[action];
  if (decision) return startDecision(s, req, c, decision);
  if (action === "complaint.close") {
    const r = await s.complaints.close(req.actor, c.id);
    if (!r.ok) return answer(tell(req, r.message));
    return withEntity(s, req, answer(tell(req, { key: "bot:complaint.closed", vars: { ref: c.ref } })), {
      kind: "complaint",
      id: c.id,
    });
  }
  // follow-up (回访): after approval, once, by someone at the outlet
  if (c.followUp) return answer(tell(req, { key: "complaints:refusal.follow_up_done", vars: { ref: c.ref } }));
  if (c.status !== "resolved")
    return answer(tell(req, { key: "complaints:refusal.not_resolved", vars: { ref: c.ref } }));
  if ((await s.directory.rolesAt(req.staff.id, c.outletId)).length === 0) {
    return answer(tell(req, { key: "complaints:refusal.not_at_outlet" }));
  }
  const button = { action, label: { key: "complaints:actions.follow_up" }, value: c.id };
  return offerForm(s, req, "modal", { key: "follow_up", ctx: { complaintId: c.id }, entity: c.id, button });
}

async function startDecision(
  s: CoreServices,
  req: Req,
  c: { id: string; ref: string; status: string; outletId: string; currentStepNo: number },
  decision: Decision,
): Promise<ActionResult> {
  const step = await currentStep(s.db, c.id);
  if (!step || c.status !== "open")
    return answer(tell(req, { key: "complaints:refusal.not_open", vars: { ref: c.ref } }));
  const roles = await s.directory.rolesAt(req.staff.id, c.outletId);
  if (!canDecideComplaintStep(s.playbook, step.ownerRole, roles)) {
    return answer(tell(req, { key: "complaints:refusal.not_authorised", vars: { ref: c.ref, stepNo: step.stepNo } }));
  }
  if (decision === "escalate" && step.stepNo >= topStepNo(s.playbook)) {
    return answer(tell(req, { key: "complaints:refusal.top_of_ladder", vars: { ref: c.ref } }));
  }
  const ctx = { complaintId: c.id, ref: c.ref, decision, expectedStepId: step.id };
  const button = { action: `complaint.${decision}`, label: { key: `complaints:actions.${decision}` }, value: c.id };
  return offerForm(s, req, "modal", { key: "decision_comment", ctx, entity: `${c.id}:${decision}`, button });
}
