// Who closes a follow-up (整改跟踪) opened by a failed checklist item.
import type { Role } from "../config/playbook-schema.js";
import { holdsAny, type Policy } from "./policy.js";

/** permissions.followUps.close, or, when the playbook leaves it out, whoever closes incidents. */
export function canCloseFollowUp(policy: Policy, held: readonly Role[]): boolean {
  const p = policy.permissions;
  return holdsAny(held, p.followUps?.close ?? p.incidents.close);
}
