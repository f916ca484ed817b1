// Signed checkpoints of the audit chain head, kept OUTSIDE the database (a JSON-lines file),
// so that truncating the chain, deleting it, or re-hashing it without the key is caught by
// `npm run audit:verify`. Each line is
//   { v: 1, seq, count, hash, at, keyId, sig }    sig = HMAC-SHA256(key, "branchbot-audit-checkpoint/v1\n" seq \n count \n hash \n at)
// The file is append-only history; the last line is the latest checkpoint. See docs/audit.md.
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { appendFileSync, chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { AuditConfig } from "../../config/env.js";
import type { Db } from "../../db/client.js";
import type { Logger } from "../../log.js";
import { verifyChain } from "./verify.js";

export interface Checkpoint {
  v: 1;
  /** seq of the chain head when the checkpoint was taken. */
  seq: number;
  /** Number of events in the chain then (equal to seq for an intact chain). */
  count: number;
  /** hash of the event at seq. */
  hash: string;
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

const DOMAIN = "branchbot-audit-checkpoint/v1";

export function keyIdOf(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 16);
}

function signedText(c: Pick<Checkpoint, "seq" | "count" | "hash" | "at">): string {
  return [DOMAIN, c.seq, c.count, c.hash, c.at].join("\n");
}

export function signCheckpoint(key: Buffer, c: Pick<Checkpoint, "seq" | "count" | "hash" | "at">): Checkpoint {
  const sig = createHmac("sha256", key).update(signedText(c)).digest("hex");
  return { v: 1, seq: c.seq, count: c.count, hash: c.hash, at: c.at, keyId: keyIdOf(key), sig };
}

export function signatureValid(key: Buffer, c: Checkpoint): boolean {
  const expected = Buffer.from(signCheckpoint(key, c).sig, "hex");
  const given = Buffer.from(typeof c.sig === "string" ? c.sig : "", "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
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

function isCheckpoint(x: unknown): x is Checkpoint {
  const c = x as Checkpoint;
  return (
    typeof c === "object" &&
    c !== null &&
    c.v === 1 &&
    Number.isInteger(c.seq) &&
    Number.isInteger(c.count) &&
    typeof c.hash === "string" &&
    typeof c.at === "string" &&
    typeof c.sig === "string"
  );
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
      if (!isCheckpoint(parsed)) throw new CheckpointFileError(file, i + 1, "not a checkpoint record");
      out.push(parsed);
    });
  return out;
}

export function appendCheckpoint(file: string, c: Checkpoint): void {
  mkdirSync(path.dirname(file), { recursive: true });
  // one write of one line with O_APPEND: replicas sharing the file never interleave a line
  appendFileSync(file, `${JSON.stringify(c)}\n`, { mode: 0o640 });
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
    const head = await this.o.db.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
    if (!head) {
      if (last) return this.refuse(`the audit chain is empty but checkpoint seq ${last.seq} says it had events`);
      return { kind: "empty" };
    }
    if (last && head.seq === last.seq && head.hash === last.hash) return { kind: "unchanged" };
    if (last && !signatureValid(this.o.key.key, last))
      return this.refuse("the latest checkpoint's signature does not verify with this key");
    const chain = await verifyChain(this.o.db, last ? { from: { seq: last.seq, hash: last.hash } } : {});
    if (!chain.ok)
      return this.refuse(`the audit chain is broken at seq ${chain.firstBroken.seq} (${chain.firstBroken.reason})`);
    const seq = last ? last.seq + chain.count : chain.count;
    const checkpoint = signCheckpoint(this.o.key.key, { seq, count: seq, hash: chain.lastHash, at: now.toISOString() });
    appendCheckpoint(this.o.file, checkpoint);
    this.last = checkpoint;
    return { kind: "written", checkpoint };
  }

  private refuse(reason: string): CheckpointOutcome {
    this.o.log?.error({ file: this.o.file }, `audit checkpoint not written: ${reason}; run npm run audit:verify`);
    return { kind: "refused", reason };
  }
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
          detail: `checkpoint ${bad + 1} (seq ${checkpoints[bad]?.seq}) has an invalid signature (forged, edited, or another key)`,
        });
    }
    for (let i = 1; i < checkpoints.length; i++) {
      const [a, b] = [checkpoints[i - 1] as Checkpoint, checkpoints[i] as Checkpoint];
      if (b.seq < a.seq || Date.parse(b.at) < Date.parse(a.at)) {
        problems.push({ reason: "checkpoint_order", detail: `checkpoint ${i + 1} goes back before checkpoint ${i}` });
        break;
      }
    }
  } else if (!problems.length)
    warnings.push(`no checkpoint in ${o.file} yet: truncation and re-hashing cannot be detected`);

  // later checkpoints win for a seq listed twice; all must agree with the chain
  const anchors = new Map(checkpoints.map((c) => [c.seq, c.hash]));
  const chain = await verifyChain(db, {
    anchors,
    ...(latest
      ? { notBefore: { seq: latest.seq, at: new Date(Date.parse(latest.at) - (o.skewMs ?? 5 * 60_000)) } }
      : {}),
  });
  if (!chain.ok) {
    const reason = chain.firstBroken.reason === "checkpoint_mismatch" ? "checkpoint_mismatch" : "chain_broken";
    problems.push({ reason, detail: `seq ${chain.firstBroken.seq}: ${chain.firstBroken.reason}` });
  } else if (latest && chain.count < latest.seq) {
    problems.push({
      reason: "truncated",
      detail: `the chain has ${chain.count} events but checkpoint at ${latest.at} recorded ${latest.seq}`,
    });
  }
  return { ok: problems.length === 0, chain, checkpoint: latest, checkpoints: checkpoints.length, problems, warnings };
}
