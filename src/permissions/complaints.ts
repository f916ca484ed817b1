// Who decides a complaint's ladder step and who closes a complaint.
import type { Role } from "../config/playbook-schema.js";
import { holdsAny, type Policy, rankOf } from "./policy.js";

export function canCloseComplaint(policy: Policy, held: readonly Role[]): boolean {
  return holdsAny(held, policy.permissions.complaints.close);
}

/**
 * May approve, send back or escalate a step owned by `stepRole`: its own role, or a ranked
 * role from the step role's rank up to `decide.ranksAbove` above it. An unranked step role
 * is decided by its holders only.
 */
export function canDecideComplaintStep(policy: Policy, stepRole: Role, held: readonly Role[]): boolean {
  if (held.includes(stepRole)) return true;
  const need = rankOf(policy, stepRole);
  if (need === undefined) return false;
  const reach = policy.permissions.complaints.decide.ranksAbove;
  return held.some((r) => {
    const rank = rankOf(policy, r);
    return rank !== undefined && rank >= need && rank <= need + reach;
  });
}

/** May decide some step of the playbook's ladder: whose "my day" looks for approvals waiting. */
export function decidesComplaints(
  policy: Policy & { complaints: { ladder: ReadonlyArray<{ role: Role }> } },
  held: readonly Role[],
) {
  return policy.complaints.ladder.some((s) => canDecideComplaintStep(policy, s.role, held));
}
