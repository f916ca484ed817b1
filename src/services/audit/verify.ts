// Recomputes the audit hash chain from the first event to the last and reports the first
// broken link. Rows are read in seq order in fixed-size batches (keyset pagination on the
// unique seq index), so memory stays constant however long the trail grows.
import type { Db } from "../../db/client.js";
import type { Tx } from "../../db/tx.js";
import { auditHash, GENESIS_HASH } from "../../domain/audit-hash.js";

export type ChainBreak = "hash_mismatch" | "prev_mismatch" | "seq_gap" | "checkpoint_mismatch" | "backdated";

export type VerifyResult =
  | { ok: true; count: number; lastHash: string }
  /** count: events verified intact before the first broken one. */
  | { ok: false; count: number; firstBroken: { seq: number; id: string; reason: ChainBreak } };

export interface VerifyOptions {
  batchSize?: number;
  /** Called after each batch with the number of events verified so far. */
  onProgress?: (count: number) => void;
  /** Start after this event (it must still be there with this hash) instead of at seq 1. */
  from?: { seq: number; hash: string };
  /** seq → hash the chain must still have there (signed checkpoints). */
  anchors?: ReadonlyMap<number, string>;
  /** Events after `seq` may not be dated before `at` (appended after a checkpoint, dated before it). */
  notBefore?: { seq: number; at: Date };
}

export async function verifyChain(db: Db | Tx, options: VerifyOptions = {}): Promise<VerifyResult> {
  const batchSize = options.batchSize ?? 1000;
  let expectedSeq = 1;
  // start below any possible seq, so a row slipped in before seq 1 is seen as a gap too
  let lastSeq = -2_147_483_648;
  let prevHash = GENESIS_HASH;
  let count = 0;
  const { anchors, notBefore, from } = options;
  if (from) {
    const row = await db.auditEvent.findUnique({ where: { seq: from.seq }, select: { id: true, hash: true } });
    if (row?.hash !== from.hash)
      return { ok: false, count, firstBroken: { seq: from.seq, id: row?.id ?? "", reason: "checkpoint_mismatch" } };
    [expectedSeq, lastSeq, prevHash] = [from.seq + 1, from.seq, from.hash];
  }
  for (;;) {
    const batch = await db.auditEvent.findMany({
      where: { seq: { gt: lastSeq } },
      orderBy: { seq: "asc" },
      take: batchSize,
    });
    for (const e of batch) {
      // checked in this order so each kind of tampering is named by its most direct symptom:
      // a deleted row leaves a gap, a re-hashed row no longer matches its successor's
      // prevHash, an edited row no longer matches its own hash
      const reason: ChainBreak | null =
        e.seq !== expectedSeq
          ? "seq_gap"
          : e.prevHash !== prevHash
            ? "prev_mismatch"
            : auditHash(e.prevHash, e) !== e.hash
              ? "hash_mismatch"
              : anchors?.has(e.seq) && anchors.get(e.seq) !== e.hash
                ? "checkpoint_mismatch"
                : notBefore && e.seq > notBefore.seq && e.at < notBefore.at
                  ? "backdated"
                  : null;
      if (reason) return { ok: false, count, firstBroken: { seq: e.seq, id: e.id, reason } };
      prevHash = e.hash;
      lastSeq = e.seq;
      expectedSeq++;
      count++;
    }
    options.onProgress?.(count);
    if (batch.length < batchSize) return { ok: true, count, lastHash: prevHash };
  }
}
