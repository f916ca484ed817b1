// Who acknowledges, updates, resolves and closes incidents.
import type { Role } from "../config/playbook-schema.js";
import type { IncidentAction } from "../domain/incident-rules.js";
import { holdsAny, type Policy } from "./policy.js";

/** The reporter may always add an update to their own incident; every other action follows the playbook. */
export function canHandleIncident(
  policy: Policy,
  action: IncidentAction,
  held: readonly Role[],
  opts: { isReporter?: boolean } = {},
): boolean {
  if (action === "update" && opts.isReporter) return true;
  return holdsAny(held, policy.permissions.incidents[action]);
}

/** Handles incidents at all (any action): whose "my day" lists the outlet's open cases. */
export function handlesIncidents(policy: Policy, held: readonly Role[]): boolean {
  const p = policy.permissions.incidents;
  return holdsAny(held, [...p.acknowledge, ...p.update, ...p.resolve, ...p.close]);
}
