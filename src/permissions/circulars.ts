// Who sends circulars (通知学习确认) and sees who has not acknowledged them.
import type { Role } from "../config/playbook-schema.js";
import { holdsAny, type Policy } from "./policy.js";

/** permissions.circulars.send, or, when the playbook leaves it out, the roles that see summaries. */
function senders(policy: Policy): readonly Role[] {
  const p = policy.permissions;
  return p.circulars?.send ?? [...p.summaries.outlet, ...p.summaries.region];
}

/** A holder of `role` (at an outlet, or across a region) may send circulars there. */
export function canSendCircular(policy: Policy, role: Role): boolean {
  return senders(policy).includes(role);
}

/**
 * Whether someone holding `held` over a circular's scope (the roles at its outlet, or the region
 * roles over its region) may see who has not acknowledged it; its sender always may.
 */
export function canSeeCircularStatus(policy: Policy, held: readonly Role[], opts: { isSender: boolean }): boolean {
  return opts.isSender || holdsAny(held, senders(policy));
}
