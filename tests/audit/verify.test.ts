// verifyChain on a real chain written by appendAudit: intact, edited, re-hashed, deleted.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditHash } from "../../src/domain/audit-hash.js";
import { verifyChain } from "../../src/services/audit/verify.js";
import { createTestDb, type TestDb } from "../helpers/db.js";
import { buildChain } from "./chain.js";

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(() => t.cleanup());

const row = (seq: number) => t.db.auditEvent.findFirstOrThrow({ where: { seq } });

describe("verifyChain", () => {
  it("an empty trail is intact", async () => {
    expect(await verifyChain(t.db)).toEqual({ ok: true, count: 0, heads: [] });
  });

  it("accepts an intact chain read over several batches", async () => {
    await buildChain(t.db, 25);
    const progress: number[] = [];
    const r = await verifyChain(t.db, { batchSize: 7, onProgress: (n) => progress.push(n) });
    expect(r).toEqual({ ok: true, count: 25, heads: [{ chain: 1, seq: 25, hash: (await row(25)).hash }] });
    expect(progress).toEqual([7, 14, 21, 25]);
  });

  it("an edited row fails at exactly its seq", async () => {
    await buildChain(t.db, 25);
    await t.db.$executeRaw`UPDATE "AuditEvent" SET "after" = ${'{"n":999}'} WHERE "seq" = ${13}`;
    const r = await verifyChain(t.db, { batchSize: 5 });
    expect(r).toEqual({
      ok: false,
      count: 12,
      firstBroken: { chain: 1, seq: 13, id: (await row(13)).id, reason: "hash_mismatch" },
    });
  });

  it("an edited row with a recomputed hash breaks the link to its successor", async () => {
    await buildChain(t.db, 10);
    const e = await row(4);
    const forged = { ...e, actorLabel: "someone else" };
    await t.db.auditEvent.update({
      where: { id: e.id },
      data: { actorLabel: forged.actorLabel, hash: auditHash(e.prevHash, forged) },
    });
    const r = await verifyChain(t.db);
    expect(r).toMatchObject({ ok: false, count: 4, firstBroken: { seq: 5, reason: "prev_mismatch" } });
  });

  it("a deleted row leaves a seq gap", async () => {
    await buildChain(t.db, 10);
    await t.db.$executeRaw`DELETE FROM "AuditEvent" WHERE "seq" = ${6}`;
    const r = await verifyChain(t.db, { batchSize: 4 });
    expect(r).toEqual({
      ok: false,
      count: 5,
      firstBroken: { chain: 1, seq: 7, id: (await row(7)).id, reason: "seq_gap" },
    });
  });

  it("deleting the first row is caught too", async () => {
    await buildChain(t.db, 3);
    await t.db.$executeRaw`DELETE FROM "AuditEvent" WHERE "seq" = ${1}`;
    expect(await verifyChain(t.db)).toMatchObject({ ok: false, count: 0, firstBroken: { seq: 2, reason: "seq_gap" } });
  });

  it("a changed timestamp is caught", async () => {
    await buildChain(t.db, 5);
    await t.db.auditEvent.updateMany({ where: { seq: 2 }, data: { at: new Date("2020-01-01T00:00:00Z") } });
    expect(await verifyChain(t.db)).toMatchObject({ ok: false, firstBroken: { seq: 2, reason: "hash_mismatch" } });
  });
});
