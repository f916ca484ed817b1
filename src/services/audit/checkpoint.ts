// Signed checkpoints of the audit chain heads, kept OUTSIDE the database (a JSON-lines file),
// so that truncating a chain, deleting it, or re-hashing it without the key is caught by
// `npm run audit:verify`. Each line is
//   { v: 2, heads: [[chain, seq, hash], …], count, at, keyId, sig }
//   sig = HMAC-SHA256(key, "branchbot-audit-checkpoint/v2\n" count \n at \n chain:seq:hash \n …)
// with one head per chain, by chain number. Lines of the single-chain format written before
// issue 14 ({ v: 1, seq, count, hash, … }) are still read and checked: they name chain 0.
// The file is append-only history; the last line is the latest checkpoint. See docs/audit.md.
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { appendFileSync, chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { AuditConfig } from "../../config/env.js";
import type { Db } from "../../db/client.js";
import type { Logger } from "../../log.js";
import { type ChainHead, verifyChain } from "./verify.js";

/** [chain, seq, hash] of one chain's last event. */
export type HeadEntry = [chain: number, seq: number, hash: string];

export interface Checkpoint {
  /** 2 for a checkpoint of several chains; 1 for a line of the single-chain format (heads then names chain 0). */
  v: 1 | 2;
  /** Each chain's head when the checkpoint was taken, by chain number. */
  heads: HeadEntry[];
  /** Events in the trail then, over all chains (the sum of the heads' seqs for an intact trail). */
  count: number;
  /** When the checkpoint was taken (ISO-8601). */
  at: string;
  /** Which key signed it: the first 16 hex digits of sha256(key), not the key. */
  keyId: string;
  sig: string;
}

export interface CheckpointKey {
  key: Buffer;
  source: "config" | "dev-file";
}

const DOMAIN_V1 = "branchbot-audit-checkpoint/v1";
const DOMAIN = "branchbot-audit-checkpoint/v2";

export function keyIdOf(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 16);
}

function signedText(c: Pick<Checkpoint, "v" | "heads" | "count" | "at">): string {
  if (c.v === 1) {
    const [, seq, hash] = c.heads[0] ?? [0, 0, ""];
    return [DOMAIN_V1, seq, c.count, hash, c.at].join("\n");
  }
  return [DOMAIN, c.count, c.at, ...c.heads.map(([chain, seq, hash]) => `${chain}:${seq}:${hash}`)].join("\n");
}

function hmac(key: Buffer, c: Pick<Checkpoint, "v" | "heads" | "count" | "at">): string {
  return createHmac("sha256", key).update(signedText(c)).digest("hex");
}

export function signCheckpoint(
  key: Buffer,
  c: { heads: ChainHead[] | HeadEntry[]; count: number; at: string },
): Checkpoint {
  const heads = c.heads
    .map((h): HeadEntry => (Array.isArray(h) ? [h[0], h[1], h[2]] : [h.chain, h.seq, h.hash]))
    .sort((a, b) => a[0] - b[0]);
  const body = { v: 2 as const, heads, count: c.count, at: c.at };
  return { ...body, keyId: keyIdOf(key), sig: hmac(key, body) };
}

export function signatureValid(key: Buffer, c: Checkpoint): boolean {
  const expected = Buffer.from(hmac(key, c), "hex");
  const given = Buffer.from(typeof c.sig === "string" ? c.sig : "", "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** chain → seq of a checkpoint's heads. */
export function headSeqs(c: Checkpoint): Map<number, number> {
  return new Map(c.heads.map(([chain, seq]) => [chain, seq]));
}

/**
 * The checkpoint key: AUDIT_CHECKPOINT_KEY, or outside production a dev-only random key kept
 * in a file next to the checkpoints (created when `create` is set). Nothing is derived from
 * data an attacker could read. null when there is no key to use.
 */
export function resolveCheckpointKey(
  audit: AuditConfig,
  o: { production: boolean; create: boolean; log?: Logger },
): CheckpointKey | null {
  if (audit.checkpointKey) return { key: Buffer.from(audit.checkpointKey, "utf8"), source: "config" };
  if (o.production) {
    o.log?.error("AUDIT_CHECKPOINT_KEY is not set: no audit checkpoints are written (see docs/audit.md)");
    return null;
  }
  if (!existsSync(audit.devKeyFile)) {
    if (!o.create) return null;
    mkdirSync(path.dirname(audit.devKeyFile), { recursive: true });
    writeFileSync(audit.devKeyFile, `${randomBytes(32).toString("hex")}\n`, { mode: 0o600, flag: "wx" });
  }
  chmodSync(audit.devKeyFile, 0o600);
  o.log?.warn(
    { keyFile: audit.devKeyFile },
    "AUDIT_CHECKPOINT_KEY is not set: audit checkpoints are signed with a dev-only key file; set the key in production",
  );
  return { key: Buffer.from(readFileSync(audit.devKeyFile, "utf8").trim(), "utf8"), source: "dev-file" };
}

export class CheckpointFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    problem: string,
  ) {
    super(`${file}:${line}: ${problem}`);
    this.name = "CheckpointFileError";
  }
}

const isHead = (h: unknown): h is HeadEntry =>
  Array.isArray(h) && h.length === 3 && Number.isInteger(h[0]) && Number.isInteger(h[1]) && typeof h[2] === "string";

/** A line of either format as a Checkpoint, or null when it is not one. */
function asCheckpoint(x: unknown): Checkpoint | null {
  const c = x as Record<string, unknown>;
  if (typeof c !== "object" || c === null || typeof c.at !== "string" || typeof c.sig !== "string") return null;
  if (!Number.isInteger(c.count)) return null;
  const base = { count: c.count as number, at: c.at, keyId: String(c.keyId ?? ""), sig: c.sig };
  if (c.v === 2 && Array.isArray(c.heads) && c.heads.every(isHead)) return { v: 2, heads: c.heads, ...base };
  if (c.v === 1 && Number.isInteger(c.seq) && typeof c.hash === "string")
    return { v: 1, heads: [[0, c.seq as number, c.hash]], ...base };
  return null;
}

/** Every checkpoint in the file, oldest first; [] when the file does not exist. */
export function readCheckpoints(file: string): Checkpoint[] {
  if (!existsSync(file)) return [];
  const out: Checkpoint[] = [];
  readFileSync(file, "utf8")
    .split("\n")
    .forEach((line, i) => {
      if (line.trim() === "") return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        throw new CheckpointFileError(file, i + 1, "not valid JSON");
      }
      const checkpoint = asCheckpoint(parsed);
      if (!checkpoint) throw new CheckpointFileError(file, i + 1, "not a checkpoint record");
      out.push(checkpoint);
    });
  return out;
}

export function appendCheckpoint(file: string, c: Checkpoint): void {
  mkdirSync(path.dirname(file), { recursive: true });
  // one write of one line with O_APPEND: replicas sharing the file never interleave a line
  appendFileSync(file, `${JSON.stringify(toLine(c))}\n`, { mode: 0o640 });
}

/** A checkpoint in the format its signature covers. */
function toLine(c: Checkpoint): Record<string, unknown> {
  const tail = { count: c.count, at: c.at, keyId: c.keyId, sig: c.sig };
  if (c.v === 2) return { v: 2, heads: c.heads, ...tail };
  const [, seq, hash] = c.heads[0] ?? [0, 0, ""];
  return { v: 1, seq, ...tail, hash };
}

export type CheckpointOutcome =
  | { kind: "written"; checkpoint: Checkpoint }
  | { kind: "unchanged" | "not_due" | "empty" }
  | { kind: "refused"; reason: string };

/**
 * The scheduler job: when the chain head moved and the interval has passed, verify the events
 * added since the last checkpoint (so a tampered chain is never signed) and append a new one.
 */
export class AuditCheckpointer {
  private last: Checkpoint | null | undefined;
  constructor(private readonly o: { db: Db; file: string; key: CheckpointKey; intervalMs: number; log?: Logger }) {}

  async run(now: Date): Promise<CheckpointOutcome> {
    if (this.last === undefined) this.last = readCheckpoints(this.o.file).at(-1) ?? null;
    const last = this.last;
    if (last && now.getTime() - Date.parse(last.at) < this.o.intervalMs) return { kind: "not_due" };
    const heads = await currentHeads(this.o.db);
    if (heads.length === 0) {
      if (last) return this.refuse(`the audit trail is empty but the checkpoint at ${last.at} says it had events`);
      return { kind: "empty" };
    }
    if (last && sameHeads(heads, last.heads)) return { kind: "unchanged" };
    if (last && !signatureValid(this.o.key.key, last))
      return this.refuse("the latest checkpoint's signature does not verify with this key");
    // only what was added since the last checkpoint is verified, each chain from its head then
    const from = new Map(last?.heads.map(([chain, seq, hash]) => [chain, { seq, hash }]) ?? []);
    const chain = await verifyChain(this.o.db, { from });
    if (!chain.ok) {
      const b = chain.firstBroken;
      return this.refuse(`audit chain ${b.chain} is broken at seq ${b.seq} (${b.reason})`);
    }
    const count = chain.heads.reduce((n, h) => n + h.seq, 0);
    const checkpoint = signCheckpoint(this.o.key.key, { heads: chain.heads, count, at: now.toISOString() });
    appendCheckpoint(this.o.file, checkpoint);
    this.last = checkpoint;
    return { kind: "written", checkpoint };
  }

  private refuse(reason: string): CheckpointOutcome {
    this.o.log?.error({ file: this.o.file }, `audit checkpoint not written: ${reason}; run npm run audit:verify`);
    return { kind: "refused", reason };
  }
}

/** Each chain's last event now, by chain number. */
async function currentHeads(db: Db): Promise<HeadEntry[]> {
  const tops = await db.auditEvent.groupBy({ by: ["chain"], _max: { seq: true }, orderBy: { chain: "asc" } });
  const heads: HeadEntry[] = [];
  for (const t of tops) {
    const seq = t._max.seq ?? 0;
    const row = await db.auditEvent.findUnique({
      where: { chain_seq: { chain: t.chain, seq } },
      select: { hash: true },
    });
    if (row) heads.push([t.chain, seq, row.hash]);
  }
  return heads;
}

function sameHeads(a: HeadEntry[], b: HeadEntry[]): boolean {
  return a.length === b.length && a.every((h, i) => h[0] === b[i]?.[0] && h[1] === b[i]?.[1] && h[2] === b[i]?.[2]);
}

export type TrailProblem =
  | "chain_broken"
  | "truncated"
  | "checkpoint_mismatch"
  | "checkpoint_signature"
  | "checkpoint_order"
  | "checkpoint_unreadable"
  | "no_key";

export interface TrailResult {
  ok: boolean;
  chain: Awaited<ReturnType<typeof verifyChain>>;
  /** The latest checkpoint, when there is one. */
  checkpoint: Checkpoint | null;
  checkpoints: number;
  problems: Array<{ reason: TrailProblem; detail: string }>;
  warnings: string[];
}

/**
 * The whole check behind `npm run audit:verify`: the hash chain, then every checkpoint in the
 * file. Each checkpoint must carry a valid signature, the history must never go backwards, the
 * chain must still reach the latest checkpoint's seq, and the event at each checkpoint's seq
 * must still have that checkpoint's hash. Events after the latest checkpoint may not claim a
 * time before it (minus `skewMs`): a row appended later cannot pretend to be old.
 */
export async function verifyAuditTrail(
  db: Db,
  o: { file: string; key: CheckpointKey | null; skewMs?: number },
): Promise<TrailResult> {
  const problems: TrailResult["problems"] = [];
  const warnings: string[] = [];
  let checkpoints: Checkpoint[] = [];
  try {
    checkpoints = readCheckpoints(o.file);
  } catch (err) {
    problems.push({ reason: "checkpoint_unreadable", detail: (err as Error).message });
  }
  const latest = checkpoints.at(-1) ?? null;
  if (checkpoints.length > 0) {
    if (!o.key) problems.push({ reason: "no_key", detail: "checkpoints exist but no key is configured to check them" });
    else {
      const bad = checkpoints.findIndex((c) => !signatureValid(o.key?.key as Buffer, c));
      if (bad >= 0)
        problems.push({
          reason: "checkpoint_signature",
          detail: `checkpoint ${bad + 1} (at ${checkpoints[bad]?.at}) has an invalid signature (forged, edited, or another key)`,
        });
    }
    for (let i = 1; i < checkpoints.length; i++) {
      const [a, b] = [checkpoints[i - 1] as Checkpoint, checkpoints[i] as Checkpoint];
      const bSeqs = headSeqs(b);
      // a chain may only grow: a later checkpoint with a chain missing or shorter goes back
      const shrank = a.heads.some(([chain, seq]) => (bSeqs.get(chain) ?? (chain === 0 ? seq : -1)) < seq);
      if (shrank || b.count < a.count || Date.parse(b.at) < Date.parse(a.at)) {
        problems.push({ reason: "checkpoint_order", detail: `checkpoint ${i + 1} goes back before checkpoint ${i}` });
        break;
      }
    }
  } else if (!problems.length)
    warnings.push(`no checkpoint in ${o.file} yet: truncation and re-hashing cannot be detected`);

  // every checkpoint's heads must still be in their chains; later checkpoints win for a seq listed twice
  const anchors = new Map<number, Map<number, string>>();
  for (const c of checkpoints)
    for (const [chain, seq, hash] of c.heads) {
      const m = anchors.get(chain) ?? new Map<number, string>();
      m.set(seq, hash);
      anchors.set(chain, m);
    }
  const chain = await verifyChain(db, {
    anchors,
    ...(latest
      ? { notBefore: { at: new Date(Date.parse(latest.at) - (o.skewMs ?? 5 * 60_000)), seqs: headSeqs(latest) } }
      : {}),
  });
  if (!chain.ok) {
    const b = chain.firstBroken;
    const reason = b.reason === "checkpoint_mismatch" ? "checkpoint_mismatch" : "chain_broken";
    problems.push({ reason, detail: `chain ${b.chain} seq ${b.seq}: ${b.reason}` });
  } else if (latest) {
    const now = new Map(chain.heads.map((h) => [h.chain, h.seq]));
    const short = latest.heads.filter(([c, seq]) => (now.get(c) ?? 0) < seq);
    for (const [c, seq] of short)
      problems.push({
        reason: "truncated",
        detail: `chain ${c} has ${now.get(c) ?? 0} events but the checkpoint at ${latest.at} recorded ${seq}`,
      });
  }
  return { ok: problems.length === 0, chain, checkpoint: latest, checkpoints: checkpoints.length, problems, warnings };
}
