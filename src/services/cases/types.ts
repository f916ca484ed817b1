// The inputs the forms produce for incidents and complaints, the actor who submits them, and
// the typed results every case method returns. Expected user errors are results, never throws.
import type { Playbook } from "../../config/playbook-schema.js";
import type { Db } from "../../db/client.js";
import type { Tx } from "../../db/tx.js";
import type { Clock } from "../../domain/clock.js";
import type { Decision, FollowUpOutcome } from "../../domain/complaint-ladder.js";
import type { FieldErrors, Localised } from "../../views/common.js";
import type { Actor } from "../audit-log.js";
import type { Directory } from "../directory.js";

/** Who acts: the resolved staff member and where the request came from. */
export interface CaseActor {
  staffId: string;
  platform: Actor["platform"];
  /** Platform message or event id, kept in the audit trail. */
  source?: string;
}

export interface ReportIncidentInput {
  outletId: string;
  type: string; // playbook incident type key
  severity?: string; // defaults to the type's severity
  description: string;
  amount?: string; // decimal text, parsed exactly into minor units of the outlet's incident currency
  overShort?: string; // cash discrepancy: over | short | unknown
  policeCalled?: string; // security: yes | no
  denomination?: string;
  serialNumber?: string;
  location?: string;
  sourceResultId?: string; // the failed checklist item this incident came from
}

export interface LogComplaintInput {
  outletId: string;
  category: string; // playbook complaint category key
  intakeChannel: string; // playbook intake channel key
  customerRef: string;
  description: string;
  desiredOutcome: string;
}

export interface DecisionInput {
  complaintId: string;
  decision: Decision;
  comment: string;
  /**
   * The step the decider was looking at. Optional: without it, the step that is current when
   * the call starts is the one decided, so a racing decision that lands first still wins.
   */
  expectedStepId?: string;
}

export interface FollowUpInput {
  complaintId: string;
  outcome: FollowUpOutcome;
  note: string;
  /** 原因分析 and 整改措施: required before the complaint may close; given with the follow-up. */
  causeAnalysis?: string;
  preventiveMeasures?: string;
}

export interface ProposalInput {
  complaintId: string;
  proposal: string;
}

export type RefusalReason = "not_authorised" | "already_decided" | "invalid_state" | "not_found" | "invalid_input";

export interface Refusal {
  ok: false;
  reason: RefusalReason;
  message: Localised;
  /** Per-field problems for invalid_input (keys are the input's field names). */
  errors?: FieldErrors;
  /** For already_decided: who decided first, what and when. */
  decidedBy?: { staffId: string | null; name: string; decision: string; at: Date };
}

export type CaseResult<T extends object = object> = ({ ok: true } & T) | Refusal;

export function refuse(
  reason: RefusalReason,
  key: string,
  extra: Partial<Pick<Refusal, "errors" | "decidedBy">> & { vars?: Localised["vars"] } = {},
): Refusal {
  const { vars, ...rest } = extra;
  return { ok: false, reason, message: vars ? { key, vars } : { key }, ...rest };
}

/** Collaborators of the case services (constructor injection, like every service). */
export interface CasesDeps {
  db: Db;
  clock: Clock;
  playbook: Playbook;
  directory: Directory;
}

/** The audit trail's actor for a case actor: their name as the label, never a secret. */
export async function auditActorOf(tx: Tx, actor: CaseActor): Promise<Actor> {
  const staff = await tx.staff.findUnique({ where: { id: actor.staffId }, select: { name: true } });
  return {
    staffId: actor.staffId,
    label: staff?.name ?? actor.staffId,
    platform: actor.platform,
    source: actor.source,
  };
}
