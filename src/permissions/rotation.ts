// Who sees and who is reminded of 轮岗/强制休假 due dates. Both default to the roles that see an
// outlet's summary, because rotation and mandatory leave are the outlet manager's business.
import type { Role } from "../config/playbook-schema.js";
import { holdsAny, type Policy } from "./policy.js";

/** May list the due dates of the staff of an outlet where they hold one of these roles. */
export function canViewRotation(policy: Policy, held: readonly Role[]): boolean {
  const p = policy.permissions;
  return holdsAny(held, p.rotation?.view ?? p.summaries.outlet);
}

/** The outlet roles a due-date reminder goes to. */
export function rotationReminderRoles(policy: Policy): readonly Role[] {
  const p = policy.permissions;
  return p.rotation?.remindTo ?? p.summaries.outlet;
}
