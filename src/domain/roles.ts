// The escalation order of decision-making roles. "One above" a step's role means the next
// rank up; front-line roles (teller, lobby, security) decide nothing.
import type { Role } from "../config/playbook-schema.js";

export const DECISION_RANK: Partial<Record<Role, number>> = { supervisor: 1, manager: 2, regional: 3 };

/** True when `held` is the step's role or exactly one rank above it. */
export function mayDecide(stepRole: Role, held: readonly Role[]): boolean {
  const need = DECISION_RANK[stepRole];
  if (need === undefined) return held.includes(stepRole);
  return held.some((r) => {
    const rank = DECISION_RANK[r];
    return rank !== undefined && (rank === need || rank === need + 1);
  });
}
