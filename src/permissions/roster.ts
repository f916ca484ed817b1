// Who changes the duty roster (排班/请假/代岗). Both default to the roles that see an outlet's
// summary: the outlet's supervisors and managers run its roster.
import type { Role } from "../config/playbook-schema.js";
import { holdsAny, type Policy } from "./policy.js";

/** May record or cancel anyone's absence (and name their cover) at an outlet where they hold the role. */
export function canManageRoster(policy: Policy, held: readonly Role[]): boolean {
  const p = policy.permissions;
  return holdsAny(held, p.roster?.manage ?? p.summaries.outlet);
}

/** May hand their own roles at an outlet to a cover for a date range (a supervisor on leave). */
export function canDelegate(policy: Policy, held: readonly Role[]): boolean {
  const p = policy.permissions;
  return holdsAny(held, p.roster?.delegate ?? p.summaries.outlet);
}
