// The audit trail as several hash chains (issue 14): events spread over chains by entity, each
// chain verified on its own, checkpoints sign every chain's head, and a trail written before
// partitioning (chain 0, with a v1 checkpoint line) still verifies and is carried forward.
import { createHmac } from "node:crypto";
import { appendFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/env.js";
import { withTx } from "../../src/db/tx.js";
import { auditHash, GENESIS_HASH } from "../../src/domain/audit-hash.js";
import {
  AuditCheckpointer,
  type CheckpointKey,
  readCheckpoints,
  verifyAuditTrail,
} from "../../src/services/audit/checkpoint.js";
import { verifyChain } from "../../src/services/audit/verify.js";
import { appendAudit, auditChainOf, configureAuditChains, DEFAULT_AUDIT_CHAINS } from "../../src/services/audit-log.js";
import { createTestDb, type TestDb } from "../helpers/db.js";
import { buildChain } from "./chain.js";

const KEY: CheckpointKey = { key: Buffer.from("0123456789abcdef0123456789abcdef0123456789abcdef"), source: "config" };
const NOV_3 = new Date("2026-11-03T00:00:00Z");

let t: TestDb;
let file: string;
beforeEach(async () => {
  t = await createTestDb();
  file = path.join(t.dir, "audit-checkpoints.jsonl");
});
afterEach(() => {
  configureAuditChains(DEFAULT_AUDIT_CHAINS);
  return t.cleanup();
});

const rows = () => t.db.auditEvent.findMany({ orderBy: [{ chain: "asc" }, { seq: "asc" }] });
const checkpoint = (at = NOV_3) => new AuditCheckpointer({ db: t.db, file, key: KEY, intervalMs: 0 }).run(at);
const problems = async () => (await verifyAuditTrail(t.db, { file, key: KEY })).problems.map((p) => p.reason);

describe("several chains", () => {
  it("spreads events over chains by entity; each chain is numbered from 1 and links to itself", async () => {
    await buildChain(t.db, 40, "2026-11-01T00:00:00Z", 16);
    const all = await rows();
    const chains = new Set(all.map((r) => r.chain));
    expect(chains.size).toBeGreaterThan(8); // 40 entities over 16 chains
    for (const r of all) expect(r.chain).toBe(auditChainOf(r.entityType, r.entityId, 16));
    for (const c of chains) {
      const mine = all.filter((r) => r.chain === c);
      expect(mine.map((r) => r.seq)).toEqual(mine.map((_, i) => i + 1));
      expect(mine[0]?.prevHash).toBe(GENESIS_HASH);
      for (let i = 1; i < mine.length; i++) expect(mine[i]?.prevHash).toBe(mine[i - 1]?.hash);
    }
    const r = await verifyChain(t.db);
    expect(r).toMatchObject({ ok: true, count: 40 });
    if (r.ok) expect(r.heads.map((h) => h.chain)).toEqual([...chains].sort((a, b) => a - b));
  });

  it("all events of one entity stay in one chain, in order", async () => {
    for (let i = 0; i < 5; i++)
      await withTx(t.db, (tx) =>
        appendAudit(tx, {
          actor: { staffId: null, label: "system", platform: "system" },
          action: `step.${i}`,
          entityType: "complaint",
          entityId: "c-1",
          at: new Date(Date.parse("2026-11-01T00:00:00Z") + i * 1000),
        }),
      );
    const mine = await t.db.auditEvent.findMany({ where: { entityId: "c-1" }, orderBy: { seq: "asc" } });
    expect(new Set(mine.map((r) => r.chain)).size).toBe(1);
    expect(mine.map((r) => r.action)).toEqual(["step.0", "step.1", "step.2", "step.3", "step.4"]);
  });

  it("concurrent writers about different entities all commit, and every chain stays intact", async () => {
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        withTx(t.db, (tx) =>
          appendAudit(tx, {
            actor: { staffId: null, label: "system", platform: "system" },
            action: "task.reminded",
            entityType: "occurrence",
            entityId: `o-${i}`,
            at: new Date("2026-11-01T08:00:00Z"),
          }),
        ),
      ),
    );
    expect(await verifyChain(t.db)).toMatchObject({ ok: true, count: 24 });
  });

  it("concurrent writers of one chain wait for its head instead of running their transaction again", async () => {
    let runs = 0;
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        withTx(t.db, async (tx) => {
          runs++;
          await appendAudit(tx, {
            actor: { staffId: null, label: "system", platform: "system" },
            action: "task.reminded",
            entityType: "occurrence",
            entityId: "same-entity",
            after: { i },
            at: new Date("2026-11-01T08:00:00Z"),
          });
        }),
      ),
    );
    // on PostgreSQL the chain's advisory lock queues them; on SQLite there is one writer anyway
    expect(runs).toBe(12);
    expect(await verifyChain(t.db)).toMatchObject({ ok: true, count: 12 });
  });

  it("a row moved to another chain is caught, even with its seq and link made to fit", async () => {
    await buildChain(t.db, 30, "2026-11-01T00:00:00Z", 4);
    const all = await rows();
    const victim = all.find((r) => r.chain === 1 && r.seq === 1);
    const other = all.filter((r) => r.chain === 2).at(-1);
    if (!victim || !other) throw new Error("fixture: chains 1 and 2 expected");
    // only the first event of chain 1 moves; chain 1 then starts at seq 2, chain 2 gains a row
    await t.db.auditEvent.update({
      where: { id: victim.id },
      data: { chain: 2, seq: other.seq + 1, prevHash: other.hash },
    });
    const r = await verifyChain(t.db);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(["seq_gap", "hash_mismatch"]).toContain(r.firstBroken.reason);
  });

  it("a checkpoint signs every chain's head; truncating one chain is named by its number", async () => {
    await buildChain(t.db, 30, "2026-11-01T00:00:00Z", 4);
    const out = await checkpoint();
    expect(out.kind).toBe("written");
    const [cp] = readCheckpoints(file);
    expect(cp?.v).toBe(2);
    expect(cp?.count).toBe(30);
    const heads = await verifyChain(t.db);
    if (!heads.ok) throw new Error("fixture broken");
    expect(cp?.heads).toEqual(heads.heads.map((h) => [h.chain, h.seq, h.hash]));
    expect(await problems()).toEqual([]);

    const longest = [...heads.heads].sort((a, b) => b.seq - a.seq)[0];
    if (!longest) throw new Error("no heads");
    await t.db.$executeRaw`DELETE FROM "AuditEvent" WHERE "chain" = ${longest.chain} AND "seq" = ${longest.seq}`;
    const r = await verifyAuditTrail(t.db, { file, key: KEY });
    expect(r.problems).toEqual([{ reason: "truncated", detail: expect.stringContaining(`chain ${longest.chain} `) }]);
  });

  it("deleting a whole chain after its checkpoint is caught", async () => {
    await buildChain(t.db, 30, "2026-11-01T00:00:00Z", 4);
    await checkpoint();
    await t.db.$executeRaw`DELETE FROM "AuditEvent" WHERE "chain" = ${3}`;
    expect(await problems()).toContain("truncated");
  });
});

describe("a trail written before partitioning", () => {
  /** n events in chain 0 hashed exactly as the single-chain writer did, and a v1 checkpoint line. */
  async function legacyTrail(n: number) {
    let prev = GENESIS_HASH;
    for (let seq = 1; seq <= n; seq++) {
      const content = {
        chain: 0,
        seq,
        at: new Date(Date.parse("2026-10-01T00:00:00Z") + seq * 60_000),
        actorId: null,
        actorLabel: "system",
        platform: "system",
        source: "",
        action: "task.reminded",
        entityType: "occurrence",
        entityId: `old-${seq}`,
        before: null,
        after: null,
      };
      const hash = auditHash(prev, content);
      await t.db.auditEvent.create({ data: { ...content, prevHash: prev, hash } });
      prev = hash;
    }
    // the v1 line format and signed text of the code before issue 14
    const at = "2026-10-02T00:00:00.000Z";
    const sig = createHmac("sha256", KEY.key)
      .update(["branchbot-audit-checkpoint/v1", n, n, prev, at].join("\n"))
      .digest("hex");
    appendFileSync(file, `${JSON.stringify({ v: 1, seq: n, count: n, hash: prev, at, keyId: "k", sig })}\n`);
  }

  it("chain 0 and its v1 checkpoint still verify; new events go to new chains; the next checkpoint carries chain 0", async () => {
    await legacyTrail(12);
    expect(await problems()).toEqual([]);
    await buildChain(t.db, 10, "2026-11-01T00:00:00Z", 16);
    expect(await t.db.auditEvent.count({ where: { chain: 0 } })).toBe(12);
    expect(await problems()).toEqual([]);
    expect((await checkpoint()).kind).toBe("written");
    const [v1, v2] = readCheckpoints(file);
    expect(v1?.v).toBe(1);
    expect(v2?.heads[0]?.slice(0, 2)).toEqual([0, 12]);
    expect(v2?.count).toBe(22);
    expect(await problems()).toEqual([]);
  });

  it("truncating chain 0 below its v1 checkpoint is still caught", async () => {
    await legacyTrail(12);
    await t.db.$executeRaw`DELETE FROM "AuditEvent" WHERE "chain" = ${0} AND "seq" > ${9}`;
    expect(await problems()).toEqual(["truncated"]);
  });
});

describe("AUDIT_CHAINS", () => {
  it("defaults to 16, takes 1–1024, and refuses anything else by name", () => {
    expect(loadConfig({}).audit.chains).toBe(16);
    expect(loadConfig({ AUDIT_CHAINS: "1" }).audit.chains).toBe(1);
    expect(() => loadConfig({ AUDIT_CHAINS: "0" })).toThrow(/AUDIT_CHAINS/);
    expect(() => loadConfig({ AUDIT_CHAINS: "many" })).toThrow(/AUDIT_CHAINS/);
    expect(() => configureAuditChains(2000)).toThrow(/AUDIT_CHAINS/);
  });
});
