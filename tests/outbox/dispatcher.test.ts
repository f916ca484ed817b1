import { afterEach, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.js";
import { withTx } from "../../src/db/tx.js";
import { ManualClock } from "../../src/domain/clock.js";
import { PermanentSendError } from "../../src/services/outbox/contract.js";
import { OutboxDispatcher } from "../../src/services/outbox/dispatcher.js";
import { enqueue } from "../../src/services/outbox/enqueue.js";
import { createTestDb, type TestDb } from "../helpers/db.js";
import { FakeSender, seeded } from "./fake-sender.js";

const PACING = { perDestinationIntervalMs: 1000, perWorkspacePerMinute: 30 };
const view = (n: number) => ({ type: "text" as const, message: { key: "labels:task_state.due", vars: { n } } });

let t: TestDb;
afterEach(async () => t?.cleanup());

async function post(db: Db, n: number, destination: string, extra: { threadOfKey?: string } = {}) {
  await withTx(db, (tx) =>
    enqueue(tx, {
      idempotencyKey: `k${n}`,
      platform: "slack",
      destination,
      kind: "post",
      locale: "en",
      view: view(n),
      ...extra,
    }),
  );
}
async function update(db: Db, n: number, destination: string, of: number) {
  await withTx(db, (tx) =>
    enqueue(tx, {
      idempotencyKey: `k${n}`,
      platform: "slack",
      destination,
      kind: "update",
      updateOfKey: `k${of}`,
      locale: "en",
      view: view(n),
    }),
  );
}

describe("outbox dispatcher", () => {
  it("under random 429s and 5xx, with two replicas: nothing lost, nothing duplicated, pacing held", async () => {
    t = await createTestDb();
    const clock = new ManualClock("2026-11-23T00:00:00Z");
    const dests = ["C1", "C2", "C3", "C4"];
    // 40 posts, 12 thread replies to the first 12, and two updates each of posts 0..5
    for (let n = 0; n < 40; n++) await post(t.db, n, dests[n % 4] as string);
    for (let n = 0; n < 12; n++) await post(t.db, 100 + n, dests[n % 4] as string, { threadOfKey: `k${n}` });
    for (let n = 0; n < 6; n++) {
      await update(t.db, 200 + n, dests[n % 4] as string, n);
      await update(t.db, 300 + n, dests[n % 4] as string, n);
    }
    const sender = new FakeSender(clock, PACING, { p429: 0.2, p5xx: 0.15, random: seeded(42) });
    // Two replicas interleaving on one client: better-sqlite3 waits for locks synchronously,
    // so two clients in one process would block each other's event loop. The two-process
    // scheduler test covers separate processes.
    const replicas = [t.db, t.db].map(
      (db, i) =>
        new OutboxDispatcher({
          db,
          clock,
          senders: [sender],
          owner: `r${i}`,
          maxAttempts: 40,
          baseBackoffMs: 500,
          maxBackoffMs: 5000,
          random: seeded(i + 7),
        }),
    );
    for (let i = 0; i < 2000; i++) {
      await Promise.all(replicas.map((r) => r.drain(clock.now())));
      if ((await t.db.outboxMessage.count({ where: { status: { in: ["pending", "sending"] } } })) === 0) break;
      clock.advance(250);
    }

    const rows = await t.db.outboxMessage.findMany();
    expect(rows.filter((r) => r.status !== "sent")).toEqual([]);
    expect(sender.rateLimited.length).toBeGreaterThan(5);
    expect(sender.failed.length).toBeGreaterThan(5);

    // every post and reply exactly once; of each original's updates only the newest went out
    const counts = new Map<number, number>();
    for (const a of sender.accepted) counts.set(a.n, (counts.get(a.n) ?? 0) + 1);
    const expected = [
      ...Array(40).keys(),
      ...Array.from({ length: 12 }, (_, i) => 100 + i),
      ...[300, 301, 302, 303, 304, 305],
    ];
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
    expect([...counts.values()].every((c) => c === 1)).toBe(true);
    const superseded = rows
      .filter((r) => r.lastError === "superseded")
      .map((r) => r.idempotencyKey)
      .sort();
    expect(superseded).toEqual(["k200", "k201", "k202", "k203", "k204", "k205"]);

    // pacing per destination and the per-minute cap
    for (const d of dests) {
      const times = sender.accepted
        .filter((a) => a.request.destination === d)
        .map((a) => a.at)
        .sort((a, b) => a - b);
      for (let i = 1; i < times.length; i++)
        expect((times[i] as number) - (times[i - 1] as number)).toBeGreaterThanOrEqual(1000);
    }
    const all = sender.accepted.map((a) => a.at).sort((a, b) => a - b);
    for (let i = 0; i < all.length; i++) {
      expect(all.filter((x) => x >= (all[i] as number) && x < (all[i] as number) + 60_000).length).toBeLessThanOrEqual(
        30,
      );
    }

    // replies thread under their parent's platform id, updates edit the original's
    const byKey = new Map(rows.map((r) => [r.idempotencyKey, r]));
    const byN = new Map(sender.accepted.map((a) => [a.n, a]));
    for (let n = 0; n < 12; n++) {
      expect(byN.get(100 + n)?.request.threadId).toBe(byKey.get(`k${n}`)?.platformMessageId);
      expect(byN.get(100 + n)?.at as number).toBeGreaterThan(byN.get(n)?.at as number);
    }
    for (let n = 0; n < 6; n++) expect(byN.get(300 + n)?.request.messageId).toBe(byKey.get(`k${n}`)?.platformMessageId);

    // a 429 never costs an attempt: attempts equal the 5xx failures of that row
    for (const r of rows) {
      const n = Number(r.idempotencyKey.slice(1));
      expect(r.attempts, r.idempotencyKey).toBe(sender.failed.filter((x) => x === n).length);
    }
  }, 60_000);

  it("marks a permanent error dead at once and a persistent failure dead after maxAttempts", async () => {
    t = await createTestDb();
    const clock = new ManualClock("2026-11-23T00:00:00Z");
    await post(t.db, 1, "C1");
    await post(t.db, 2, "C2");
    const sender = new FakeSender(clock, PACING, {
      p429: 0,
      p5xx: 0,
      random: seeded(1),
      fail: (n) => (n === 1 ? new PermanentSendError("channel_not_found") : n === 2 ? new Error("502") : null),
    });
    const d = new OutboxDispatcher({
      db: t.db,
      clock,
      senders: [sender],
      maxAttempts: 3,
      baseBackoffMs: 1000,
      random: () => 1,
    });
    const first = await d.drain(clock.now());
    expect(first).toMatchObject({ dead: 1, retried: 1 });
    const r2 = await t.db.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: "k2" } });
    expect(r2.nextAttemptAt.toISOString()).toBe("2026-11-23T00:00:01.000Z"); // 1000 ms, full jitter side
    clock.advance(1000);
    await d.drain(clock.now());
    expect(
      (await t.db.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: "k2" } })).nextAttemptAt.toISOString(),
    ).toBe("2026-11-23T00:00:03.000Z");
    clock.advance(2000);
    await d.drain(clock.now());
    const rows = await t.db.outboxMessage.findMany({ orderBy: { idempotencyKey: "asc" } });
    expect(rows.map((r) => [r.status, r.attempts, r.lastError])).toEqual([
      ["dead", 1, "channel_not_found"],
      ["dead", 3, "502"],
    ]);
    expect(sender.accepted).toEqual([]);
  });

  it("retries a row whose sender died mid-send only after its lease expires", async () => {
    t = await createTestDb();
    const clock = new ManualClock("2026-11-23T00:00:00Z");
    await post(t.db, 1, "C1");
    await t.db.outboxMessage.updateMany({
      data: { status: "sending", lockedBy: "crashed", lockedUntil: new Date("2026-11-23T00:01:00Z") },
    });
    const sender = new FakeSender(clock, PACING, { p429: 0, p5xx: 0, random: seeded(1) });
    const d = new OutboxDispatcher({ db: t.db, clock, senders: [sender] });
    expect((await d.drain(clock.now())).sent).toBe(0);
    clock.set("2026-11-23T00:01:01Z");
    expect((await d.drain(clock.now())).sent).toBe(1);
    expect(sender.accepted.map((a) => a.n)).toEqual([1]);
  });

  it("defers an update and a reply until the original is sent", async () => {
    t = await createTestDb();
    const clock = new ManualClock("2026-11-23T00:00:00Z");
    await post(t.db, 1, "C1");
    await update(t.db, 2, "C1", 1);
    await post(t.db, 3, "C1", { threadOfKey: "k1" });
    let down = true;
    const sender = new FakeSender(clock, PACING, {
      p429: 0,
      p5xx: 0,
      random: seeded(1),
      fail: (n) => (n === 1 && down ? new Error("timeout") : null),
    });
    const d = new OutboxDispatcher({ db: t.db, clock, senders: [sender], baseBackoffMs: 10_000, random: () => 0 });
    expect(await d.drain(clock.now())).toMatchObject({ retried: 1, deferred: 2, sent: 0 });
    down = false;
    clock.advance(5_000);
    await d.drain(clock.now());
    clock.advance(1_000);
    await d.drain(clock.now());
    clock.advance(1_000);
    await d.drain(clock.now());
    expect(sender.accepted.map((a) => [a.n, a.request.messageId ?? null, a.request.threadId ?? null])).toEqual([
      [1, null, null],
      [2, "m-1", null],
      [3, null, "m-1"],
    ]);
  });
});
