// Which roles see summaries: outlet roles their own outlets, region roles their region's outlets.
import type { Role } from "../config/playbook-schema.js";
import type { Policy } from "./policy.js";

export type SummaryReach = "outlet" | "region";

/** A holder of `role` at an outlet (reach "outlet") or across a region (reach "region") sees its summaries. */
export function canSeeSummary(policy: Policy, reach: SummaryReach, role: Role): boolean {
  return policy.permissions.summaries[reach].includes(role);
}
