// Appends audit events inside the caller's transaction, so a state change and its record
// commit together or not at all. Each event chains to the previous one by hash; seq is
// unique, so two concurrent writers cannot both extend the chain from the same link (the
// loser's transaction is retried by withTx).

import type { Tx } from "../db/tx.js";
import type { Actor } from "../domain/actor.js";
import { auditHash, GENESIS_HASH } from "../domain/audit-hash.js";
import { canonicalJson } from "../domain/canonical-json.js";

export type { Actor } from "../domain/actor.js";

export const SYSTEM_ACTOR: Actor = { staffId: null, label: "system", platform: "system" };

export interface AuditInput {
  actor: Actor;
  action: string; // e.g. task.reminded, complaint.decided
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  at: Date;
}

export async function appendAudit(tx: Tx, input: AuditInput): Promise<void> {
  const last = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  const content = {
    seq: (last?.seq ?? 0) + 1,
    at: input.at,
    actorId: input.actor.staffId ?? null,
    actorLabel: input.actor.label,
    platform: input.actor.platform,
    source: input.actor.source ?? "",
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    before: input.before === undefined ? null : canonicalJson(input.before),
    after: input.after === undefined ? null : canonicalJson(input.after),
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  await tx.auditEvent.create({ data: { ...content, prevHash, hash: auditHash(prevHash, content) } });
}
