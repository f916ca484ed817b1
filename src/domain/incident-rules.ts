// The incident state machine, the fields each type requires, and the acknowledgement ladder.
// Pure: the service loads rows, asks these rules what may happen, and writes the answer.
import type { IncidentType, Playbook, Role, Severity } from "../config/playbook-schema.js";
import { SEVERITIES } from "../config/playbook-schema.js";

export type IncidentStatus = "open" | "acknowledged" | "resolved" | "closed";
export type IncidentAction = "acknowledge" | "update" | "resolve" | "close";

/**
 * The status an action leads to, or null when it is not allowed from `status`.
 * open → acknowledged → resolved → closed; resolving straight from open is allowed (a quick
 * fix needs no separate acknowledgement); notes may be added until the incident is closed.
 */
export function incidentTransition(status: IncidentStatus, action: IncidentAction): IncidentStatus | null {
  switch (action) {
    case "acknowledge":
      return status === "open" ? "acknowledged" : null;
    case "update":
      return status === "closed" ? null : status;
    case "resolve":
      return status === "open" || status === "acknowledged" ? "resolved" : null;
    case "close":
      return status === "resolved" ? "closed" : null;
  }
}

export function isSeverity(v: unknown): v is Severity {
  return typeof v === "string" && (SEVERITIES as readonly string[]).includes(v);
}

export function incidentType(playbook: Playbook, key: string): IncidentType | undefined {
  return playbook.incidents.types.find((t) => t.key === key);
}

export interface IncidentFields {
  amount?: string;
  denomination?: string;
  serialNumber?: string;
  location?: string;
}

/** The fields the type requires that are missing or blank. */
export function missingFields(type: IncidentType, fields: IncidentFields): Array<keyof IncidentFields> {
  return type.requires.filter((f) => (fields[f] ?? "").trim() === "");
}

/**
 * How far up the ladder an incident has reached: the highest ladder position among the roles
 * told on report, plus one per escalation. -1 when none of reportTo is on the ladder.
 */
export function ladderReach(ladder: readonly Role[], reportTo: readonly Role[], escalationLevel: number): number {
  const base = Math.max(-1, ...reportTo.map((r) => ladder.indexOf(r)));
  return base + escalationLevel;
}

/** The role an unacknowledged incident climbs to next, or null at the top of the ladder. */
export function nextLadderRole(
  ladder: readonly Role[],
  reportTo: readonly Role[],
  escalationLevel: number,
): Role | null {
  return ladder[ladderReach(ladder, reportTo, escalationLevel) + 1] ?? null;
}
