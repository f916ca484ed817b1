// Slack and Teams limit per workspace (team id / tenant id), not per platform: the dispatcher
// paces each pacing key on its own, so one workspace's backlog or 429s never hold back
// another's, and enqueue records each row's key from the directory.
import { afterEach, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.js";
import { withTx } from "../../src/db/tx.js";
import { ManualClock } from "../../src/domain/clock.js";
import { RateLimitedError } from "../../src/services/outbox/contract.js";
import { OutboxDispatcher } from "../../src/services/outbox/dispatcher.js";
import { enqueue } from "../../src/services/outbox/enqueue.js";
import { createDemoDb, createTestDb, type TestDb } from "../helpers/db.js";
import { FakeSender } from "./fake-sender.js";

/** 2 a second per workspace, 1 a second per channel. */
const PACING = { perDestinationIntervalMs: 1000, perWorkspacePerMinute: 120 };
const view = (n: number) => ({ type: "text" as const, message: { key: "labels:task_state.due", vars: { n } } });

let t: TestDb;
afterEach(async () => t?.cleanup());

/** Messages n = from … from+count-1, each to its own channel of the workspace. */
async function backlog(db: Db, workspace: string, from: number, count: number) {
  for (let n = from; n < from + count; n++) {
    await withTx(db, (tx) =>
      enqueue(tx, {
        idempotencyKey: `k${n}`,
        platform: "slack",
        destination: `C${workspace}${n}`,
        pacingKey: workspace,
        kind: "post",
        locale: "en",
        view: view(n),
      }),
    );
  }
}

const sentTo = (sender: FakeSender, workspace: string) =>
  sender.accepted.filter((a) => a.request.destination.startsWith(`C${workspace}`)).length;

describe("pacing per workspace", () => {
  it("gives each workspace its own budget: two workspaces do not slow each other", async () => {
    t = await createTestDb();
    const clock = new ManualClock("2026-11-23T00:00:00Z");
    await backlog(t.db, "TA", 0, 4);
    await backlog(t.db, "TB", 100, 4);
    const sender = new FakeSender(clock, PACING, { p429: 0, p5xx: 0, random: () => 0.5 });
    const d = new OutboxDispatcher({ db: t.db, clock, senders: [sender] });

    const first = await d.drain(clock.now());
    // 2 for each workspace in the first second; one platform-wide budget would have sent 2 in all
    expect(first.sent).toBe(4);
    expect([sentTo(sender, "TA"), sentTo(sender, "TB")]).toEqual([2, 2]);
    // told when the budget frees: one second after the oldest send in the window
    expect(first.nextDueAt?.getTime()).toBe(clock.now().getTime() + 1_001);

    clock.advance(1_001);
    expect((await d.drain(clock.now())).sent).toBe(4);
    expect(sender.accepted).toHaveLength(8);
  });

  it("a workspace's 429s with Retry-After hold that workspace only; the other goes on", async () => {
    t = await createTestDb();
    const clock = new ManualClock("2026-11-23T00:00:00Z");
    await backlog(t.db, "TA", 0, 4);
    await backlog(t.db, "TB", 100, 4);
    const start = clock.now().getTime();
    // workspace A is over its limit for 10 s: every call there gets a 429 until then
    let limitedInA = 0;
    const sender = new FakeSender(clock, PACING, {
      p429: 0,
      p5xx: 0,
      random: () => 0.5,
      fail: (n) => {
        if (n >= 100 || clock.now().getTime() >= start + 10_000) return null;
        limitedInA++;
        return new RateLimitedError(10_000);
      },
    });
    const d = new OutboxDispatcher({ db: t.db, clock, senders: [sender] });

    // first pass: one 429 in A ends A's pass (only that channel is held); B sends its 2
    const first = await d.drain(clock.now());
    expect(first.rateLimited).toBe(1);
    expect(sentTo(sender, "TB")).toBe(2);
    // the next pass meets a 429 on a second channel of A: that is A's limit, all of A waits
    expect((await d.drain(clock.now())).rateLimited).toBe(1);
    const heldA = await t.db.outboxMessage.findMany({ where: { pacingKey: "TA", status: "pending" } });
    expect(heldA).toHaveLength(4);
    for (const row of heldA) expect(row.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(start + 10_000);

    // B drains at its own pace meanwhile; A is not tried again before its Retry-After
    clock.advance(1_001);
    expect((await d.drain(clock.now())).sent).toBe(2);
    expect(sentTo(sender, "TB")).toBe(4);
    expect(limitedInA).toBe(2);

    // after Retry-After, A goes at its own 2 a second
    clock.set(new Date(start + 10_000));
    expect((await d.drain(clock.now())).sent).toBe(2);
    clock.advance(1_001);
    expect((await d.drain(clock.now())).sent).toBe(2);
    expect(sentTo(sender, "TA")).toBe(4);
  });

  it("a single 429 holds its channel, not the rest of its workspace", async () => {
    t = await createTestDb();
    const clock = new ManualClock("2026-11-23T00:00:00Z");
    await backlog(t.db, "TA", 0, 3);
    let calls = 0;
    const sender = new FakeSender(clock, PACING, {
      p429: 0,
      p5xx: 0,
      random: () => 0.5,
      fail: () => (++calls === 1 ? new RateLimitedError(5_000) : null),
    });
    const d = new OutboxDispatcher({ db: t.db, clock, senders: [sender] });
    expect((await d.drain(clock.now())).rateLimited).toBe(1);
    // the next pass goes straight on with the workspace's other channels
    expect((await d.drain(clock.now())).sent).toBe(2);
    const held = await t.db.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: "k0" } });
    expect(held.status).toBe("pending");
    expect(held.nextAttemptAt.getTime()).toBe(clock.now().getTime() + 5_000);
  });

  it("enqueue records the workspace of an outlet channel, a Teams thread and a DM as the pacing key", async () => {
    const clock = new ManualClock("2026-11-23T00:00:00Z");
    t = await createDemoDb(clock);
    await t.db.channelBinding.updateMany({ where: { platform: "slack" }, data: { workspace: "T0ACME" } });
    await t.db.channelBinding.updateMany({ where: { platform: "teams" }, data: { workspace: "tenant-acme" } });
    await t.db.platformIdentity.updateMany({ where: { platform: "slack" }, data: { workspace: "T0ACME" } });
    const teamsChannel = (await t.db.channelBinding.findFirstOrThrow({ where: { platform: "teams" } })).channelId;
    const cases: Array<[string, "slack" | "teams", string, string]> = [
      ["channel", "slack", "C0DEMOLJZ", "T0ACME"],
      ["dm", "slack", "U0DEMO0001", "T0ACME"],
      ["thread", "teams", `${teamsChannel};messageid=1700000000000`, "tenant-acme"],
      ["unknown", "slack", "C0NOTBOUND", ""],
    ];
    for (const [name, platform, destination] of cases) {
      await withTx(t.db, (tx) =>
        enqueue(tx, { idempotencyKey: name, platform, destination, kind: "post", locale: "en", view: view(1) }),
      );
    }
    for (const [name, , , key] of cases) {
      const row = await t.db.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: name } });
      expect([name, row.pacingKey]).toEqual([name, key]);
    }
  });
});
