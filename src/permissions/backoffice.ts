// Who raises back-office error notices (事后监督差错单), who replies for the outlet, and who
// accepts or returns the reply. Without permissions.backOffice nobody may issue.
import type { Role } from "../config/playbook-schema.js";
import { holdsAny, type Policy } from "./policy.js";

export function canIssueErrorNotice(policy: Policy, held: readonly Role[]): boolean {
  return holdsAny(held, policy.permissions.backOffice?.issue ?? []);
}

/** May accept or return an outlet's rectification reply. */
export function canAcceptErrorNotice(policy: Policy, held: readonly Role[]): boolean {
  return holdsAny(held, policy.permissions.backOffice?.accept ?? []);
}

/** May reply for the outlet: the reply roles, or the person the notice names as responsible. */
export function canReplyErrorNotice(
  policy: Policy,
  held: readonly Role[],
  opts: { isResponsible?: boolean } = {},
): boolean {
  return Boolean(opts.isResponsible) || holdsAny(held, policy.permissions.backOffice?.reply ?? []);
}

/** May see an outlet's notices: whoever replies, issues or accepts there. */
export function canSeeErrorNotices(policy: Policy, held: readonly Role[]): boolean {
  return canIssueErrorNotice(policy, held) || canAcceptErrorNotice(policy, held) || canReplyErrorNotice(policy, held);
}
