// i18n keys for enumerations the views carry as plain values (states, roles, severities). Full
// literal keys, so the locale check sees each one.
import type { Role } from "../../../config/playbook-schema.js";
import type { ItemStatus, OccurrenceState } from "../../../views/tasks.js";

export const STATE_KEYS: Record<OccurrenceState, string> = {
  due: "slack:state.due",
  reminded: "slack:state.reminded",
  nudged: "slack:state.nudged",
  escalated: "slack:state.escalated",
  confirmed: "slack:state.confirmed",
  confirmed_with_exceptions: "slack:state.confirmed_with_exceptions",
  missed: "slack:state.missed",
};

export const ITEM_ICONS: Record<ItemStatus, string> = {
  pending: "⬜",
  ok: "✅",
  failed: "❌",
  awaiting_second: "⏳",
};

export const ROLE_KEYS: Record<Role, string> = {
  teller: "slack:roles.teller",
  lobby: "slack:roles.lobby",
  security: "slack:roles.security",
  supervisor: "slack:roles.supervisor",
  manager: "slack:roles.manager",
  regional: "slack:roles.regional",
};

export const SEVERITY_KEYS: Record<string, string> = {
  normal: "slack:severity.normal",
  high: "slack:severity.high",
  critical: "slack:severity.critical",
};

export const INCIDENT_STATUS_KEYS: Record<string, string> = {
  open: "slack:incident.status.open",
  acknowledged: "slack:incident.status.acknowledged",
  resolved: "slack:incident.status.resolved",
  closed: "slack:incident.status.closed",
};

export const COMPLAINT_STATUS_KEYS: Record<string, string> = {
  open: "slack:complaint.status.open",
  resolved: "slack:complaint.status.resolved",
  closed: "slack:complaint.status.closed",
};

/** A label for a value the view gives as a plain string; unknown values show as they are. */
export function labelOf(t: (k: string) => string, keys: Record<string, string>, value: string): string {
  const key = keys[value];
  return key ? t(key) : value;
}
