// The incident state machine, the fields each type requires, and the acknowledgement ladder.
// Pure: the service loads rows, asks these rules what may happen, and writes the answer.
import type { IncidentType, Item, Playbook, RequiredIf, Role, Severity } from "../config/playbook-schema.js";
import { SEVERITIES } from "../config/playbook-schema.js";
import { unitsToMinor } from "./money.js";

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
  overShort?: string; // over | short | unknown
  policeCalled?: string; // yes | no
  amount?: string;
  denomination?: string;
  serialNumber?: string;
  location?: string;
}

const given = (v: string | undefined) => (v ?? "").trim() !== "";

/** Whether a requiredIf condition holds for the values given. */
export function conditionHolds(r: RequiredIf, fields: IncidentFields): boolean {
  const v = (fields[r.when] ?? "").trim();
  return v !== "" && (r.in ? r.in.includes(v) : r.equals === v);
}

/** The fields this type needs for these values: always `requires`, plus each requiredIf that holds. */
export function requiredFields(type: IncidentType, fields: IncidentFields): Array<keyof IncidentFields> {
  const conditional = type.requiredIf.filter((r) => conditionHolds(r, fields)).map((r) => r.field);
  return [...new Set([...type.requires, ...conditional])];
}

/** The fields the type may ask for at all (required always or under a condition). */
export function askedFields(type: IncidentType): Array<keyof IncidentFields> {
  return [...new Set([...type.requires, ...type.requiredIf.map((r) => r.field)])];
}

/** The fields the type requires (given the values) that are missing or blank. */
export function missingFields(type: IncidentType, fields: IncidentFields): Array<keyof IncidentFields> {
  return requiredFields(type, fields).filter((f) => !given(fields[f]));
}

/**
 * The severity an amount gives this type: the highest severityByAmount threshold it reaches,
 * compared exactly in minor units. Null when the type has no thresholds or none is reached.
 */
export function severityForAmount(type: IncidentType, amountMinor: bigint, currency: string): Severity | null {
  let out: Severity | null = null;
  for (const t of type.severityByAmount) if (amountMinor >= unitsToMinor(t.atLeast, currency)) out = t.severity;
  return out;
}

/** The currency of incident amounts at an outlet (by its org-file code). */
export function incidentCurrency(playbook: Playbook, outletCode: string): string {
  const c = playbook.incidents.currency;
  return c.byOutlet[outletCode] ?? c.default;
}

/** The outlet's cash limit in minor units of `currency`, or null when the playbook sets none. */
export function cashLimitMinor(playbook: Playbook, outletCode: string, currency: string): bigint | null {
  const limit = playbook.incidents.cashLimit;
  if (!limit) return null;
  return unitsToMinor(limit.byOutlet[outletCode] ?? limit.amount, currency);
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

/**
 * Whether a counted amount breaks the outlet's cash limit (超限额): only for amount items marked
 * cashLimit, compared exactly in the item's minor units. Such an item then fails.
 */
export function exceedsCashLimit(playbook: Playbook, outletCode: string, item: Item, amountMinor: bigint): boolean {
  if (item.kind !== "amount" || !item.cashLimit) return false;
  const limit = cashLimitMinor(playbook, outletCode, item.currency);
  return limit !== null && amountMinor > limit;
}
