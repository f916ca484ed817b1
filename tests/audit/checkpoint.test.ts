// Signed checkpoints against a real SQLite chain: truncation, full deletion, re-hashing without
// the key and appended forged rows are all caught; an untouched chain passes. The CLI is run as
// a child process on the same files.
import { execFile } from "node:child_process";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/env.js";
import { auditHash, GENESIS_HASH } from "../../src/domain/audit-hash.js";
import { canonicalJson } from "../../src/domain/canonical-json.js";
import {
  AuditCheckpointer,
  type CheckpointKey,
  readCheckpoints,
  resolveCheckpointKey,
  signCheckpoint,
  verifyAuditTrail,
} from "../../src/services/audit/checkpoint.js";
import { createTestDb, onPostgres, ROOT, type TestDb } from "../helpers/db.js";
import { buildChain } from "./chain.js";

const exec = promisify(execFile);
const KEY_TEXT = "0123456789abcdef0123456789abcdef0123456789abcdef";
const KEY: CheckpointKey = { key: Buffer.from(KEY_TEXT), source: "config" };

let t: TestDb;
let file: string;
beforeEach(async () => {
  t = await createTestDb();
  file = path.join(t.dir, "audit-checkpoints.jsonl");
});
afterEach(() => t.cleanup());

const NOV_2 = new Date("2026-11-02T00:00:00Z"); // after the 30 hourly events of buildChain

async function chainWithCheckpoint(n = 30) {
  await buildChain(t.db, n);
  const out = await new AuditCheckpointer({ db: t.db, file, key: KEY, intervalMs: 0 }).run(NOV_2);
  expect(out.kind).toBe("written");
}

const verify = (key: CheckpointKey | null = KEY) => verifyAuditTrail(t.db, { file, key });
const reasons = async (key?: CheckpointKey | null) => (await verify(key)).problems.map((p) => p.reason);

/** Recomputes every hash from seq 1, as someone with database access but without the key can. */
async function rehashAll() {
  const rows = await t.db.auditEvent.findMany({ orderBy: { seq: "asc" } });
  let prev = GENESIS_HASH;
  for (const r of rows) {
    const hash = auditHash(prev, r);
    await t.db.auditEvent.update({ where: { id: r.id }, data: { prevHash: prev, hash } });
    prev = hash;
  }
}

async function appendForged(at: Date, seqOffset = 1) {
  const head = await t.db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
  const content = {
    chain: head.chain,
    seq: head.seq + seqOffset,
    at,
    actorId: null,
    actorLabel: "陈敏",
    platform: "slack",
    source: "forged",
    action: "complaint.follow_up_logged",
    entityType: "complaint",
    entityId: "c-forged",
    before: null,
    after: canonicalJson({ outcome: "satisfied" }),
  };
  await t.db.auditEvent.create({ data: { ...content, prevHash: head.hash, hash: auditHash(head.hash, content) } });
}

describe("signed checkpoints", () => {
  it("an untouched chain passes, and keeps passing as events are added after the checkpoint", async () => {
    await chainWithCheckpoint();
    const r = await verify();
    expect(r).toMatchObject({ ok: true, problems: [], checkpoints: 1, checkpoint: { v: 2, count: 30 } });
    expect(r.checkpoint?.heads).toEqual([
      [1, 30, (await t.db.auditEvent.findFirstOrThrow({ where: { seq: 30 } })).hash],
    ]);
    await buildChain(t.db, 3, "2026-11-02T01:00:00Z"); // legitimate later events
    expect((await verify()).ok).toBe(true);
  });

  it("tail truncation below the checkpoint is caught", async () => {
    await chainWithCheckpoint();
    await t.db.$executeRaw`DELETE FROM "AuditEvent" WHERE "seq" > ${27}`;
    expect(await reasons()).toEqual(["truncated"]);
  });

  it("deleting every row is caught", async () => {
    await chainWithCheckpoint();
    await t.db.$executeRaw`DELETE FROM "AuditEvent"`;
    const r = await verify();
    expect(r.chain).toMatchObject({ ok: true, count: 0 });
    expect(r.problems.map((p) => p.reason)).toEqual(["truncated"]);
  });

  it("an edit with every hash recomputed (without the key) is caught", async () => {
    await chainWithCheckpoint();
    await t.db.$executeRaw`UPDATE "AuditEvent" SET "after" = ${'{"n":999}'} WHERE "seq" = ${5}`;
    await rehashAll();
    const r = await verify();
    expect(r.chain).toMatchObject({ ok: false, firstBroken: { seq: 30, reason: "checkpoint_mismatch" } });
    expect(r.problems.map((p) => p.reason)).toEqual(["checkpoint_mismatch"]);
  });

  it("truncating and re-hashing, then forging a new checkpoint without the key, is caught", async () => {
    await chainWithCheckpoint();
    await t.db.$executeRaw`DELETE FROM "AuditEvent" WHERE "seq" > ${20}`;
    const head = await t.db.auditEvent.findFirstOrThrow({ where: { seq: 20 } });
    const forged = signCheckpoint(Buffer.from("a guessed key that is not the real one!!"), {
      heads: [[1, 20, head.hash]],
      count: 20,
      at: "2026-11-02T00:05:00.000Z",
    });
    writeFileSync(file, `${readFileSync(file, "utf8")}${JSON.stringify(forged)}\n`);
    expect(await reasons()).toEqual(["checkpoint_signature", "checkpoint_order"]);
  });

  it("an appended forged row with a made-up hash fails the chain", async () => {
    await chainWithCheckpoint();
    const head = await t.db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
    await t.db.auditEvent.create({
      data: {
        seq: 31,
        at: new Date("2026-11-02T00:10:00Z"),
        actorLabel: "x",
        platform: "slack",
        source: "",
        action: "complaint.closed",
        entityType: "complaint",
        entityId: "c1",
        prevHash: head.hash,
        hash: "f".repeat(64),
      },
    });
    expect(await reasons()).toEqual(["chain_broken"]);
  });

  it("an appended, correctly linked row dated before the latest checkpoint is caught as backdated", async () => {
    await chainWithCheckpoint();
    await appendForged(new Date("2026-11-01T12:30:00Z"));
    const r = await verify();
    expect(r.chain).toMatchObject({ ok: false, firstBroken: { seq: 31, reason: "backdated" } });
  });

  it("an appended row with a seq gap is caught", async () => {
    await chainWithCheckpoint();
    await appendForged(new Date("2026-11-02T01:00:00Z"), 5);
    expect(await reasons()).toEqual(["chain_broken"]);
  });

  it("a checkpoint file that was edited is caught", async () => {
    await chainWithCheckpoint();
    const [cp] = readCheckpoints(file);
    writeFileSync(file, `${JSON.stringify({ ...cp, heads: [[1, 10, cp?.heads[0]?.[2]]], count: 10 })}\n`);
    expect(await reasons()).toContain("checkpoint_signature");
    writeFileSync(file, "not json\n");
    expect(await reasons()).toEqual(["checkpoint_unreadable"]);
  });

  it("checkpoints with no key to check them are an error, not a pass", async () => {
    await chainWithCheckpoint();
    expect(await reasons(null)).toEqual(["no_key"]);
  });

  it("the job writes on its interval only when the head moved, verifies before signing, and keeps history", async () => {
    await buildChain(t.db, 5);
    const job = new AuditCheckpointer({ db: t.db, file, key: KEY, intervalMs: 15 * 60_000 });
    expect((await job.run(NOV_2)).kind).toBe("written");
    expect((await job.run(new Date(NOV_2.getTime() + 60_000))).kind).toBe("not_due");
    expect((await job.run(new Date(NOV_2.getTime() + 16 * 60_000))).kind).toBe("unchanged");
    await buildChain(t.db, 2, "2026-11-02T00:20:00Z");
    expect((await job.run(new Date(NOV_2.getTime() + 30 * 60_000))).kind).toBe("written");
    expect(readCheckpoints(file).map((c) => c.count)).toEqual([5, 7]);
    // a tampered chain is never signed: the events since the last checkpoint are verified first
    await buildChain(t.db, 2, "2026-11-02T01:00:00Z");
    await t.db.$executeRaw`UPDATE "AuditEvent" SET "after" = ${'{"n":1}'} WHERE "seq" = ${8}`;
    const refused = await job.run(new Date(NOV_2.getTime() + 90 * 60_000));
    expect(refused.kind).toBe("refused");
    expect(readCheckpoints(file)).toHaveLength(2);
  });

  it("with no key outside production a random dev key file is created (0600); production has none", () => {
    const config = loadConfig({ DATABASE_URL: `file:${path.join(t.dir, "x.db")}` });
    expect(config.audit.checkpointFile).toBe(file);
    expect(resolveCheckpointKey(config.audit, { production: false, create: false })).toBeNull();
    const dev = resolveCheckpointKey(config.audit, { production: false, create: true });
    expect(dev?.source).toBe("dev-file");
    expect(dev?.key.length).toBe(64);
    expect(statSync(config.audit.devKeyFile).mode & 0o777).toBe(0o600);
    expect(resolveCheckpointKey(config.audit, { production: true, create: true })).toBeNull();
    const keyed = loadConfig({ AUDIT_CHECKPOINT_KEY: KEY_TEXT });
    expect(resolveCheckpointKey(keyed.audit, { production: true, create: false })?.source).toBe("config");
    expect(() => loadConfig({ AUDIT_CHECKPOINT_KEY: "short" })).toThrow(/at least 32 characters/);
  });
});

describe("npm run audit:checkpoint / audit:verify (child processes)", () => {
  async function cli(script: string) {
    try {
      const r = await exec(process.execPath, ["--import", "tsx", path.join("src/cli", script)], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: t.url, LOG_LEVEL: "silent", AUDIT_CHECKPOINT_KEY: KEY_TEXT },
      });
      return { code: 0, stdout: r.stdout };
    } catch (err) {
      const e = err as { code?: number; stdout?: string };
      return { code: e.code ?? -1, stdout: e.stdout ?? "" };
    }
  }

  // the CLIs derive the default checkpoint path from a SQLite file URL; on PostgreSQL it is ./data
  it.skipIf(onPostgres)("passes on an untouched chain and fails after truncation, naming the checkpoint", async () => {
    await buildChain(t.db, 10);
    const written = await cli("audit-checkpoint.ts");
    expect(written).toMatchObject({ code: 0 });
    expect(written.stdout).toMatch(/Checkpoint written to .*audit-checkpoints\.jsonl: 10 events in 1 chain/);
    expect(existsSync(file)).toBe(true);
    const ok = await cli("audit-verify.ts");
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/Checkpoint OK/);
    await t.db.$executeRaw`DELETE FROM "AuditEvent" WHERE "seq" > ${8}`;
    const bad = await cli("audit-verify.ts");
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/Audit chain OK: 8 events in 1 chain verified/);
    expect(bad.stdout).toMatch(/Audit trail BROKEN: truncated/);
  });
});
