// Appends audit events inside the caller's transaction, so a state change and its record
// commit together or not at all. The trail is AUDIT_CHAINS independent hash chains: an
// event goes to the chain its entity hashes to, and links to that chain's previous event.
// (chain, seq) is unique, so two concurrent writers cannot both extend a chain from the same
// link (the loser's transaction is retried by withTx). On PostgreSQL a writer first takes a
// transaction-scoped advisory lock on its chain, so a second writer waits for the head
// instead of doing its whole transaction again; SQLite has one writer at a time anyway. One global chain made every write in
// every replica queue behind one head row; with partitions, writers about different entities
// rarely meet, and all events of one entity stay in one chain, in order (issue 14).

import { createHash } from "node:crypto";
import type { Tx } from "../db/tx.js";
import type { Actor } from "../domain/actor.js";
import { auditHash, GENESIS_HASH } from "../domain/audit-hash.js";
import { canonicalJson } from "../domain/canonical-json.js";

export type { Actor } from "../domain/actor.js";

export const SYSTEM_ACTOR: Actor = { staffId: null, label: "system", platform: "system" };

/** Chains new events are spread over. Verification reads whatever chains exist, so this may change at any time. */
export const DEFAULT_AUDIT_CHAINS = 16;
let chainCount = DEFAULT_AUDIT_CHAINS;

/** Set once at start-up from AUDIT_CHAINS (1 = one chain, as before issue 14). */
export function configureAuditChains(n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > 1024) throw new Error(`AUDIT_CHAINS must be an integer 1–1024, got ${n}`);
  chainCount = n;
}

/** The chain (1…n) of an entity: a stable hash, so an entity's events always share one chain. */
export function auditChainOf(entityType: string, entityId: string, n = chainCount): number {
  const digest = createHash("sha256").update(entityType).update("\n").update(entityId).digest();
  return 1 + (digest.readUInt32BE(0) % n);
}

export interface AuditInput {
  actor: Actor;
  action: string; // e.g. task.reminded, complaint.decided
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  at: Date;
}

/** Advisory-lock class of the audit chains (pg_advisory_xact_lock(class, chain)); any fixed number unique to us. */
const CHAIN_LOCK_CLASS = 0x0a0d17;

/** Serialises writers of one chain on PostgreSQL; released by the commit or rollback. */
async function lockChain(tx: Tx, chain: number): Promise<void> {
  // Prisma exposes the provider on the client and its transactions; the lock is PostgreSQL's.
  if ((tx as unknown as { _activeProvider?: string })._activeProvider !== "postgresql") return;
  await tx.$executeRawUnsafe("SELECT pg_advisory_xact_lock($1, $2)", CHAIN_LOCK_CLASS, chain);
}

export async function appendAudit(tx: Tx, input: AuditInput): Promise<void> {
  const chain = auditChainOf(input.entityType, input.entityId);
  await lockChain(tx, chain);
  const last = await tx.auditEvent.findFirst({
    where: { chain },
    orderBy: { seq: "desc" },
    select: { seq: true, hash: true },
  });
  const content = {
    chain,
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
