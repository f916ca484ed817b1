// The one place an enumeration value becomes words. Every label of a role, a severity, a task
// or item state, an incident or complaint status, a complaint stage and a follow-up outcome is
// a key in the `labels` namespace (locales/<lng>/labels.json); views carry the Localised that
// these functions return, so Slack and Teams cannot name the same thing differently.
// The maps are written out key by key so the locale test sees every key.
import type { Role, RoleDef, Severity } from "../config/playbook-schema.js";
import type { Localised } from "./common.js";

/** The built-in roles' labels, for a view built without a playbook; a playbook's own label wins. */
const ROLE: Record<string, string> = {
  teller: "labels:role.teller",
  lobby: "labels:role.lobby",
  security: "labels:role.security",
  supervisor: "labels:role.supervisor",
  manager: "labels:role.manager",
  regional: "labels:role.regional",
};

const SEVERITY: Record<Severity, string> = {
  critical: "labels:severity.critical",
  serious: "labels:severity.serious",
  major: "labels:severity.major",
  minor: "labels:severity.minor",
};

const TASK_STATE: Record<string, string> = {
  due: "labels:task_state.due",
  reminded: "labels:task_state.reminded",
  nudged: "labels:task_state.nudged",
  escalated: "labels:task_state.escalated",
  confirmed: "labels:task_state.confirmed",
  confirmed_with_exceptions: "labels:task_state.confirmed_with_exceptions",
  missed: "labels:task_state.missed",
};

const ITEM_STATUS: Record<string, string> = {
  pending: "labels:item_status.pending",
  ok: "labels:item_status.ok",
  failed: "labels:item_status.failed",
  awaiting_second: "labels:item_status.awaiting_second",
};

const INCIDENT_STATUS: Record<string, string> = {
  open: "labels:incident_status.open",
  acknowledged: "labels:incident_status.acknowledged",
  resolved: "labels:incident_status.resolved",
  closed: "labels:incident_status.closed",
};

const COMPLAINT_STATUS: Record<string, string> = {
  open: "labels:complaint_status.open",
  resolved: "labels:complaint_status.resolved",
  closed: "labels:complaint_status.closed",
};

const NOTICE_STATUS: Record<string, string> = {
  open: "labels:notice_status.open",
  replied: "labels:notice_status.replied",
  accepted: "labels:notice_status.accepted",
  returned: "labels:notice_status.returned",
  escalated: "labels:notice_status.escalated",
};

const FOLLOW_UP: Record<string, string> = {
  satisfied: "labels:follow_up.satisfied",
  unsatisfied: "labels:follow_up.unsatisfied",
  unreachable: "labels:follow_up.unreachable",
};

const OVER_SHORT: Record<string, string> = {
  over: "labels:over_short.over",
  short: "labels:over_short.short",
  unknown: "labels:over_short.unknown",
};

const YES_NO: Record<string, string> = {
  yes: "labels:yes_no.yes",
  no: "labels:yes_no.no",
};

/** A value the map does not know is shown as it is, never as a missing-key string. */
function from(map: Record<string, string>, value: string): Localised {
  const key = map[value];
  return key ? { key } : { key: "labels:unknown", vars: { value } };
}

/** A role's label: the one the playbook declares for it (`roles[].label`), else the built-in one. */
export function roleLabel(role: Role, roles?: ReadonlyArray<Pick<RoleDef, "key" | "label">>): Localised {
  const declared = roles?.find((r) => r.key === role)?.label;
  return declared ? { key: declared } : from(ROLE, role);
}
export const severityLabel = (s: Severity | string): Localised => from(SEVERITY, s);
export const taskStateLabel = (s: string): Localised => from(TASK_STATE, s);
export const itemStatusLabel = (s: string): Localised => from(ITEM_STATUS, s);
export const incidentStatusLabel = (s: string): Localised => from(INCIDENT_STATUS, s);
export const complaintStatusLabel = (s: string): Localised => from(COMPLAINT_STATUS, s);
export const noticeStatusLabel = (s: string): Localised => from(NOTICE_STATUS, s);
export const overShortLabel = (s: string): Localised => from(OVER_SHORT, s);
export const yesNoLabel = (yes: boolean): Localised => from(YES_NO, yes ? "yes" : "no");
export const followUpLabel = (s: string): Localised => from(FOLLOW_UP, s);

/** A ladder step by number and owner: "第 2 步 · 网点负责人" / "Step 2 · Branch manager". */
export function stepLabel(no: number, role: Role, roles?: ReadonlyArray<Pick<RoleDef, "key" | "label">>): Localised {
  // the role travels as a key and is resolved by the locale string ("$t({{role}})")
  const label = roles?.find((r) => r.key === role)?.label ?? ROLE[role] ?? "labels:role.unknown";
  return { key: "labels:step", vars: { no, role: label } };
}

/** Complaint stages as summaries count them: a ladder step, awaiting follow-up, closed. */
export type ComplaintStage = { kind: "step"; no: number; role: string } | { kind: "awaiting_follow_up" | "closed" };

export function complaintStageLabel(
  stage: ComplaintStage,
  roles?: ReadonlyArray<Pick<RoleDef, "key" | "label">>,
): Localised {
  if (stage.kind === "step") return stepLabel(stage.no, stage.role, roles);
  return stage.kind === "closed" ? { key: "labels:stage.closed" } : { key: "labels:stage.awaiting_follow_up" };
}
