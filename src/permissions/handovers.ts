// Who may hand over (交接班/临时离岗) and who may be named as the receiver and confirm. Without a
// permissions.handovers entry, anyone holding a role at the outlet may do both; the receiver is
// always a different person from the giver (dual control), which the service checks.
import type { Role } from "../config/playbook-schema.js";
import { holdsAny, type Policy } from "./policy.js";

/** May start a handover at an outlet where they hold these roles. */
export function canGiveHandover(policy: Policy, held: readonly Role[]): boolean {
  const give = policy.permissions.handovers?.give;
  return give ? holdsAny(held, give) : held.length > 0;
}

/** May be named as the receiver of a handover at an outlet where they hold these roles. */
export function canReceiveHandover(policy: Policy, held: readonly Role[]): boolean {
  const receive = policy.permissions.handovers?.receive;
  return receive ? holdsAny(held, receive) : held.length > 0;
}
