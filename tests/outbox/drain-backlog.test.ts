// Found by the fan-out benchmark (bench/fanout.ts): one drain pass over more due rows than
// SQLite takes bind parameters (about a thousand, e.g. one reminder per outlet at 1,000
// outlets) used to fail with "query parameter limit exceeded", because every row already
// looked at was excluded by id. The drain now pages with a keyset cursor; this keeps it so.
import { afterEach, expect, it } from "vitest";
import { ManualClock } from "../../src/domain/clock.js";
import type { OutboxSender, SendRequest } from "../../src/services/outbox/contract.js";
import { OutboxDispatcher } from "../../src/services/outbox/dispatcher.js";
import { createTestDb, type TestDb } from "../helpers/db.js";

let t: TestDb | undefined;
afterEach(async () => t?.cleanup());

const ROWS = 1_100;

it("sends a backlog of 1,100 due rows, each exactly once, in one drain", async () => {
  t = await createTestDb();
  const clock = new ManualClock("2026-11-23T00:00:00Z");
  const now = clock.now();
  const payload = JSON.stringify({ locale: "en", view: { type: "text", message: { key: "labels:task_state.due" } } });
  // one row per channel, as the reminder fan-out writes them (bulk, so the test stays quick)
  await t.db.outboxMessage.createMany({
    data: Array.from({ length: ROWS }, (_, i) => ({
      idempotencyKey: `reminder:${i}:slack:C${i}`,
      platform: "slack",
      destination: `C${i}`,
      kind: "post",
      payload,
      nextAttemptAt: new Date(now.getTime() - (i % 7) * 1000),
    })),
  });
  const sent: SendRequest[] = [];
  const sender: OutboxSender = {
    platform: "slack",
    pacing: { perDestinationIntervalMs: 1000, perWorkspacePerMinute: 100_000 },
    async send(req) {
      sent.push(req);
      return { platformMessageId: `ts${sent.length}` };
    },
  };
  const dispatcher = new OutboxDispatcher({ db: t.db, clock, senders: [sender] });

  const result = await dispatcher.drain(now);

  expect(result.sent).toBe(ROWS);
  expect(new Set(sent.map((r) => r.destination)).size).toBe(ROWS);
  expect(await t.db.outboxMessage.count({ where: { status: { not: "sent" } } })).toBe(0);
  // nothing left for a second pass
  expect((await dispatcher.drain(now)).sent).toBe(0);
}, 120_000);
