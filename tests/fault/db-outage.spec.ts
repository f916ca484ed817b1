// Fault tolerance (issue 7 §5): the PostgreSQL server goes away for 30 s (pg_ctl stop -m fast
// through scripts/pg-server.sh, then start on the same data directory) while outbox messages
// are pending. The service process must stay up, answer /healthz with 503 during the outage
// and 200 after it, its scheduler and dispatcher must carry on once the database is back, and
// every pending message must reach the fake Slack exactly once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../../src/db/client.js";
import { withTx } from "../../src/db/tx.js";
import { enqueue } from "../../src/services/outbox/enqueue.js";
import { FakeSlack } from "../helpers/fake-slack.js";
import { eventually, freePort, PgServer, ROOT, ServiceProcess, sleep } from "../helpers/replica.js";
import { bodyText, slackEnv } from "../replicas/slack-client.js";

const PG_PORT = Number(process.env.OUTAGE_PG_PORT ?? 54333);
const OUTAGE_MS = Number(process.env.OUTAGE_MS ?? 30_000);
const CHANNELS = ["C0DEMOLJZ", "C0DEMOXJH", "C0DEMONY5"];
const PER_CHANNEL = 12;

const pgServer = new PgServer(PG_PORT);
const slack = new FakeSlack();
let svc: ServiceProcess;
let databaseUrl = "";

beforeAll(async () => {
  await pgServer.start();
  databaseUrl = await pgServer.createDatabase("outage");
  await slack.start();
  svc = new ServiceProcess("svc-outage", await freePort(), {
    DATABASE_URL: databaseUrl,
    ORG_FILE: `${ROOT}/tests/replicas/fixtures/org.yaml`,
    PLAYBOOK_FILE: `${ROOT}/tests/replicas/fixtures/playbook.yaml`,
    SCHEDULER_ENABLED: "true",
    ...slackEnv(slack),
  });
  await svc.start();
}, 600_000);

afterAll(async () => {
  await svc?.stop();
  await slack.stop();
  await pgServer.start().catch(() => undefined); // a failed test may have left it stopped
  if (databaseUrl) await pgServer.dropDatabase(databaseUrl);
  await pgServer.stop();
}, 120_000);

/** Messages whose text carries one of our markers, per marker. */
function deliveries(markers: string[]): Map<string, number> {
  const posts = slack.callsTo("chat.postMessage").map(bodyText);
  return new Map(markers.map((m) => [m, posts.filter((p) => p.includes(m)).length]));
}

describe("the database is unavailable for 30 s", () => {
  it("stays up, reports 503 on /healthz, recovers, and loses no outbox message", async () => {
    const db: Db = createDb(databaseUrl);
    const figures: Record<string, unknown> = {};
    try {
      // the start-up reminders are out of the way first, so the backlog below is all ours
      await eventually(async () => {
        expect(await db.outboxMessage.count({ where: { status: { in: ["pending", "sending"] } } })).toBe(0);
        expect(await db.taskOccurrence.count({ where: { state: "reminded" } })).toBeGreaterThan(0);
      }, 60_000);
      // start the outage ~10 s before a minute boundary, so a scheduler tick falls inside it
      const toBoundary = 60_000 - (Date.now() % 60_000);
      await sleep(toBoundary > 15_000 ? toBoundary - 12_000 : toBoundary + 48_000);

      // a backlog: 12 messages per channel, paced at 1/s per channel by the dispatcher
      const markers: string[] = [];
      await withTx(db, async (tx) => {
        for (const channel of CHANNELS) {
          for (let i = 0; i < PER_CHANNEL; i++) {
            const marker = `out${channel.slice(-3).toLowerCase()}${String.fromCharCode(97 + i)}x`;
            markers.push(marker);
            await enqueue(tx, {
              idempotencyKey: `outage:${marker}`,
              platform: "slack",
              destination: channel,
              kind: "post",
              locale: "en",
              view: { type: "text", message: { key: "bot:incident.reported", vars: { ref: marker } } },
            });
          }
        }
      });
      // housekeeping deletes event ids older than a day on every tick: a visible scheduler effect
      const staleEvent = `stale-${Date.now()}`;
      await db.processedEvent.create({
        data: { platform: "slack", eventId: staleEvent, receivedAt: new Date(Date.now() - 3 * 86_400_000) },
      });
      await sleep(2_500); // a few go out before the outage
      await db.$disconnect();

      const stoppedAt = Date.now();
      await pgServer.stop();
      figures.pendingAtOutage = markers.length - [...deliveries(markers).values()].filter((n) => n > 0).length;
      const during: number[] = [];
      let slowestHealthMs = 0;
      while (Date.now() - stoppedAt < OUTAGE_MS) {
        const t0 = Date.now();
        const h = await svc.health(5_000);
        slowestHealthMs = Math.max(slowestHealthMs, Date.now() - t0);
        during.push(h?.status ?? 0);
        await sleep(500);
      }
      const deliveredBeforeRecovery = [...deliveries(markers).values()].reduce((a, b) => a + b, 0);
      await pgServer.start();
      const restartedAt = Date.now();
      figures.outageMs = restartedAt - stoppedAt;
      await eventually(async () => expect((await svc.health(5_000))?.status).toBe(200), 30_000, 200);
      figures.healthyAfterMs = Date.now() - restartedAt;

      expect(svc.running, "the service process survived the outage").toBe(true);
      expect(svc.starts).toBe(1);
      // unhealthy throughout the outage (after the first probe), and every probe answered
      expect(during.length).toBeGreaterThan(10);
      expect(
        during.slice(2).every((s) => s === 503),
        `health during outage: ${during.join(",")}`,
      ).toBe(true);
      expect(slowestHealthMs, "/healthz answers fast while the database is down").toBeLessThan(3_000);
      figures.healthProbes = during.length;
      figures.slowestHealthMs = slowestHealthMs;

      // every message delivered, exactly once, after recovery
      await eventually(
        () => {
          const d = deliveries(markers);
          expect([...d.values()].every((n) => n >= 1)).toBe(true);
        },
        90_000,
        500,
      );
      figures.allDeliveredAfterMs = Date.now() - restartedAt;
      figures.deliveredBeforeRecovery = deliveredBeforeRecovery;
      await sleep(3_000); // a late duplicate would show up here
      const d = deliveries(markers);
      const duplicated = [...d.entries()].filter(([, n]) => n > 1).map(([m, n]) => `${m}×${n}`);
      expect(duplicated, "messages delivered more than once").toEqual([]);

      const db2 = createDb(databaseUrl);
      try {
        const rows = await db2.outboxMessage.findMany({ where: { idempotencyKey: { startsWith: "outage:" } } });
        expect(rows).toHaveLength(markers.length);
        expect(rows.every((r) => r.status === "sent")).toBe(true);
        // the scheduler ran again after the outage: housekeeping removed the stale event id
        await eventually(
          async () => expect(await db2.processedEvent.count({ where: { eventId: staleEvent } })).toBe(0),
          75_000,
          1_000,
        );
        figures.schedulerCleanedAfterMs = Date.now() - restartedAt;
      } finally {
        await db2.$disconnect();
      }
      console.log(`[fault:db-outage] summary ${JSON.stringify({ messages: markers.length, ...figures })}`);
    } catch (err) {
      console.log(`[fault:db-outage] figures so far ${JSON.stringify(figures)}\n${svc.logTail(60)}`);
      throw err;
    }
  }, 400_000);
});
