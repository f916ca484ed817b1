// The inputs the forms produce for incidents and complaints, the actor who submits them, and
// the typed results every case method returns. Expected user errors are results, never throws.
import type { Playbook } from "../../config/playbook-schema.js";
import type { Db } from "../../db/client.js";
import type { Tx } from "../../db/tx.js";
import type { StaffActor } from "../../domain/actor.js";
import type { Clock } from "../../domain/clock.js";
import type { Refusal as BaseRefusal } from "../../domain/refusal.js";
import { staffName } from "../../queries/index.js";
import type { Localised } from "../../views/common.js";
import type { Actor } from "../audit-log.js";
import type { Directory } from "../directory.js";

/** Who acts: the resolved staff member and where the request came from (src/domain/actor.ts). */
export type CaseActor = StaffActor;

export type {
  DecisionInput,
  FollowUpInput,
  LogComplaintInput,
  ProposalInput,
  ReportIncidentInput,
} from "../../domain/case-inputs.js";

export type RefusalReason = "not_authorised" | "already_decided" | "invalid_state" | "not_found" | "invalid_input";

/** A case refusal (src/domain/refusal.ts); for already_decided, who decided first, what and when. */
export type Refusal = BaseRefusal<RefusalReason> & {
  decidedBy?: { staffId: string | null; name: string; decision: string; at: Date };
};

export type CaseResult<T extends object = object> = ({ ok: true } & T) | Refusal;

export function refuse(
  code: RefusalReason,
  key: string,
  extra: Partial<Pick<Refusal, "errors" | "decidedBy">> & { vars?: Localised["vars"] } = {},
): Refusal {
  const { vars, ...rest } = extra;
  return { ok: false, code, message: vars ? { key, vars } : { key }, ...rest };
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
  const name = await staffName(tx, actor.staffId);
  return {
    staffId: actor.staffId,
    label: name ?? actor.staffId,
    platform: actor.platform,
    source: actor.source,
  };
}
