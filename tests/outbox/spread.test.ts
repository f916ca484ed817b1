// A workspace's cap is spent evenly over each minute, and a 429 ends the pass for that
// workspace: a backlog must not go out as one burst that only collects 429s.
import { afterEach, describe, expect, it } from "vitest";
import { withTx } from "../../src/db/tx.js";
import { ManualClock } from "../../src/domain/clock.js";
import { OutboxDispatcher } from "../../src/services/outbox/dispatcher.js";
import { enqueue } from "../../src/services/outbox/enqueue.js";
import { createTestDb, type TestDb } from "../helpers/db.js";
import { FakeSender } from "./fake-sender.js";

let t: TestDb;
afterEach(async () => t?.cleanup());

async function backlog(n: number) {
  for (let i = 0; i < n; i++) {
    await withTx(t.db, (tx) =>
      enqueue(tx, {
        idempotencyKey: `k${i}`,
        platform: "slack",
        destination: `C${i}`, // every message to its own channel: only the workspace cap applies
        kind: "post",
        locale: "en",
        view: { type: "text", message: { key: "labels:task_state.due" } },
      }),
    );
  }
}

describe("outbox spreading", () => {
  it("sends at most ceil(perMinute / 60) a second, so 120/min goes out 2 per second", async () => {
    t = await createTestDb();
    const clock = new ManualClock("2026-11-23T00:00:00Z");
    await backlog(7);
    const sender = new FakeSender(
      clock,
      { perDestinationIntervalMs: 1000, perWorkspacePerMinute: 120 },
      { p429: 0, p5xx: 0, random: () => 0.5 },
    );
    const d = new OutboxDispatcher({ db: t.db, clock, senders: [sender] });
    const perSecond: number[] = [];
    for (let s = 0; s < 5; s++) {
      perSecond.push((await d.drain(clock.now())).sent);
      clock.advance(1000);
    }
    expect(perSecond).toEqual([2, 2, 2, 1, 0]);
    expect(sender.accepted).toHaveLength(7);
  });

  it("stops the pass after a 429 instead of trying every other channel", async () => {
    t = await createTestDb();
    const clock = new ManualClock("2026-11-23T00:00:00Z");
    await backlog(10);
    const sender = new FakeSender(
      clock,
      { perDestinationIntervalMs: 1000, perWorkspacePerMinute: 600 },
      { p429: 1, p5xx: 0, random: () => 0 },
    );
    const d = new OutboxDispatcher({ db: t.db, clock, senders: [sender] });
    const r = await d.drain(clock.now());
    expect(r.rateLimited).toBe(1);
    expect(sender.rateLimited).toHaveLength(1);
    expect(await t.db.outboxMessage.count({ where: { status: "pending" } })).toBe(10);
  });
});
