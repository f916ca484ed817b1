// The audit chain's hash rule, shared by the writer and `npm run audit:verify`.
import { createHash } from "node:crypto";
import { canonicalJson } from "./canonical-json.js";

export const GENESIS_HASH = "0".repeat(64);

export interface AuditContent {
  /** The chain the event belongs to; 0 is the single chain of the events written before partitioning. */
  chain: number;
  seq: number;
  at: Date;
  actorId: string | null;
  actorLabel: string;
  platform: string;
  source: string;
  action: string;
  entityType: string;
  entityId: string;
  before: string | null;
  after: string | null;
}

export function auditHash(prevHash: string, c: AuditContent): string {
  const body = canonicalJson({
    // chain 0 keeps the body it was hashed with before partitioning, so old trails still verify;
    // every other chain signs its number, so a row cannot be moved to another chain unnoticed
    ...(c.chain === 0 ? {} : { chain: c.chain }),
    seq: c.seq,
    at: c.at.toISOString(),
    actorId: c.actorId,
    actorLabel: c.actorLabel,
    platform: c.platform,
    source: c.source,
    action: c.action,
    entityType: c.entityType,
    entityId: c.entityId,
    before: c.before,
    after: c.after,
  });
  return createHash("sha256").update(prevHash).update("\n").update(body).digest("hex");
}
