// The one place authority is decided (like umami's src/permissions/): small can…() functions
// over the playbook's `roles:` and `permissions:` and the roles a person holds. Services and
// the bot core ask these; none of them names a role (tests/foundation/authority-boundary.test.ts).

export {
  canAcceptErrorNotice,
  canIssueErrorNotice,
  canReplyErrorNotice,
  canSeeErrorNotices,
} from "./backoffice.js";
export { canSeeCircularStatus, canSendCircular } from "./circulars.js";
export { canCloseComplaint, canDecideComplaintStep, decidesComplaints } from "./complaints.js";
export { canCountCustody, canKeepCustody, canSpotCheckCustody, canViewCustody } from "./custody.js";
export { canCloseFollowUp } from "./follow-ups.js";
export { canGiveHandover, canReceiveHandover } from "./handovers.js";
export { canHandleIncident, handlesIncidents } from "./incidents.js";
export type { Policy } from "./policy.js";
export { canDelegate, canManageRoster } from "./roster.js";
export { canViewRotation, rotationReminderRoles } from "./rotation.js";
export { canSeeSummary, type SummaryReach } from "./summaries.js";
export {
  canConfirmTask,
  canOverseeTasks,
  canRemind,
  canSecondAnyItem,
  canSecondConfirm,
  escalationTiers,
} from "./tasks.js";
