// Recomputes every audit hash chain from its first event to its last and reports the first
// broken link. The trail is several chains (src/services/audit-log.ts); each is checked on its
// own, in seq order, in fixed-size batches (keyset pagination on the unique (chain, seq)
// index), so memory stays constant however long the trail grows.
import type { Db } from "../../db/client.js";
import type { Tx } from "../../db/tx.js";
import { auditHash, GENESIS_HASH } from "../../domain/audit-hash.js";

export type ChainBreak = "hash_mismatch" | "prev_mismatch" | "seq_gap" | "checkpoint_mismatch" | "backdated";

/** The last event of one chain. */
export interface ChainHead {
  chain: number;
  seq: number;
  hash: string;
}

export type VerifyResult =
  /** count: events verified, over all chains; heads: each chain's last event, by chain number. */
  | { ok: true; count: number; heads: ChainHead[] }
  /** count: events verified intact before the first broken one. */
  | { ok: false; count: number; firstBroken: { chain: number; seq: number; id: string; reason: ChainBreak } };

export interface VerifyOptions {
  batchSize?: number;
  /** Called after each batch with the number of events verified so far. */
  onProgress?: (count: number) => void;
  /** Per chain: start after this event (it must still be there with this hash) instead of at seq 1. */
  from?: ReadonlyMap<number, { seq: number; hash: string }>;
  /** Per chain: seq → hash the chain must still have there (signed checkpoints). */
  anchors?: ReadonlyMap<number, ReadonlyMap<number, string>>;
  /**
   * Events appended after a checkpoint may not be dated before `at`: per chain, the events
   * after `seqs.get(chain)` (after seq 0 for a chain the checkpoint did not know).
   */
  notBefore?: { at: Date; seqs: ReadonlyMap<number, number> };
}

type Broken = Extract<VerifyResult, { ok: false }>["firstBroken"];

export async function verifyChain(db: Db | Tx, options: VerifyOptions = {}): Promise<VerifyResult> {
  const present = await db.auditEvent.groupBy({ by: ["chain"], orderBy: { chain: "asc" } });
  // a chain a checkpoint started from must still exist, even if every row of it was deleted
  const chains = [...new Set([...present.map((p) => p.chain), ...(options.from?.keys() ?? [])])].sort((a, b) => a - b);
  const heads: ChainHead[] = [];
  let count = 0;
  for (const chain of chains) {
    const r = await verifyOne(db, chain, options, (n) => options.onProgress?.(count + n));
    count += r.count;
    if ("broken" in r) return { ok: false, count, firstBroken: r.broken };
    if (r.head) heads.push(r.head);
  }
  return { ok: true, count, heads };
}

async function verifyOne(
  db: Db | Tx,
  chain: number,
  options: VerifyOptions,
  progress: (n: number) => void,
): Promise<{ count: number; head: ChainHead | null } | { count: number; broken: Broken }> {
  const batchSize = options.batchSize ?? 1000;
  let expectedSeq = 1;
  // start below any possible seq, so a row slipped in before seq 1 is seen as a gap too
  let lastSeq = -2_147_483_648;
  let prevHash = GENESIS_HASH;
  let head: ChainHead | null = null;
  let count = 0;
  const from = options.from?.get(chain);
  const anchors = options.anchors?.get(chain);
  const notBefore = options.notBefore;
  const notBeforeSeq = notBefore?.seqs.get(chain) ?? 0;
  if (from) {
    const row = await db.auditEvent.findUnique({
      where: { chain_seq: { chain, seq: from.seq } },
      select: { id: true, hash: true },
    });
    if (row?.hash !== from.hash)
      return { count, broken: { chain, seq: from.seq, id: row?.id ?? "", reason: "checkpoint_mismatch" } };
    [expectedSeq, lastSeq, prevHash] = [from.seq + 1, from.seq, from.hash];
    head = { chain, seq: from.seq, hash: from.hash };
  }
  for (;;) {
    const batch = await db.auditEvent.findMany({
      where: { chain, seq: { gt: lastSeq } },
      orderBy: { seq: "asc" },
      take: batchSize,
    });
    for (const e of batch) {
      // checked in this order so each kind of tampering is named by its most direct symptom:
      // a deleted row leaves a gap, a re-hashed row no longer matches its successor's
      // prevHash, an edited row (or one moved to another chain) no longer matches its own hash
      const reason: ChainBreak | null =
        e.seq !== expectedSeq
          ? "seq_gap"
          : e.prevHash !== prevHash
            ? "prev_mismatch"
            : auditHash(e.prevHash, e) !== e.hash
              ? "hash_mismatch"
              : anchors?.has(e.seq) && anchors.get(e.seq) !== e.hash
                ? "checkpoint_mismatch"
                : notBefore && e.seq > notBeforeSeq && e.at < notBefore.at
                  ? "backdated"
                  : null;
      if (reason) return { count, broken: { chain, seq: e.seq, id: e.id, reason } };
      prevHash = e.hash;
      lastSeq = e.seq;
      head = { chain, seq: e.seq, hash: e.hash };
      expectedSeq++;
      count++;
    }
    progress(count);
    if (batch.length < batchSize) return { count, head };
  }
}
