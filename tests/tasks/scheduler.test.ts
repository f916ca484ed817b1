import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/domain/clock.js";
import { Scheduler } from "../../src/scheduler/scheduler.js";
import { verifyChain } from "../../src/services/audit/verify.js";
import { createDemoDb, createTestDb, ROOT, type TestDb } from "../helpers/db.js";

const run = promisify(execFile);
const WORKER = path.join(ROOT, "tests/tasks/helpers/scheduler-worker.ts");

let t: TestDb;
afterEach(async () => t?.cleanup());

describe("scheduler across replicas", () => {
  it("two processes ticking the same minutes create, remind and escalate each occurrence exactly once", async () => {
    t = await createDemoDb(new ManualClock("2026-11-22T00:00:00Z"));
    // 07:55 to 10:30 local (Asia/Shanghai) on Monday 23 November, every five minutes
    const ticks = Array.from({ length: 32 }, (_, i) =>
      new Date(Date.parse("2026-11-22T23:55:00Z") + i * 300_000).toISOString(),
    );
    const spawn = (owner: string) =>
      run(process.execPath, ["--import", "tsx", WORKER, t.url, owner, ticks.join(",")], {
        cwd: ROOT,
        timeout: 120_000,
      });
    const outputs = await Promise.all([spawn("replica-a"), spawn("replica-b")]);
    for (const o of outputs) expect(JSON.parse(o.stdout)).toMatchObject({ ticks: 32, failures: [] });

    const occurrences = await t.db.taskOccurrence.findMany();
    expect(occurrences).toHaveLength(14); // 7 daily tasks (aml_screening included) × 2 outlets
    const audits = await t.db.auditEvent.findMany();
    const taskAudits = audits.filter((a) => a.entityType === "task_occurrence");
    const pairs = taskAudits.map((a) => `${a.entityId}|${a.action}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    expect(taskAudits.filter((a) => a.action === "task.occurrence.created")).toHaveLength(14);

    // every reminded occurrence has exactly one reminder per bound channel (Slack + Teams)
    const reminded = occurrences.filter((o) => o.remindedAt !== null);
    expect(reminded.length).toBe(taskAudits.filter((a) => a.action === "task.reminded").length);
    expect(reminded.length).toBe(6); // opening, lobby_ready, morning_meeting × 2 outlets
    for (const o of reminded) {
      const posts = await t.db.outboxMessage.findMany({
        where: { idempotencyKey: { startsWith: `reminder:${o.id}:` }, kind: "post" },
      });
      expect(posts.map((p) => p.platform).sort()).toEqual(["slack", "teams"]);
    }
    // by 10:30 local opening (window to 09:30) and lobby (to 09:30) are missed, the meeting (to 10:00) too
    expect(occurrences.filter((o) => o.state === "missed")).toHaveLength(6);

    // every audit chain is intact: contiguous seq per chain, each hash over its predecessor
    expect(await verifyChain(t.db)).toMatchObject({ ok: true, count: audits.length });
  }, 180_000);
});

describe("Scheduler", () => {
  it("runs jobs in order, keeps going after a failure, and reports lag", async () => {
    t = await createTestDb();
    const clock = new ManualClock("2026-11-23T00:00:30Z");
    const calls: string[] = [];
    const s = new Scheduler({ db: t.db, clock })
      .register("a", async (now) => {
        calls.push(`a@${now.toISOString()}`);
      })
      .register("b", async () => {
        throw new Error("boom");
      })
      .register("c", async () => {
        calls.push("c");
      });
    expect(() => s.register("a", async () => {})).toThrow(/already registered/);
    const report = await s.runOnce(new Date("2026-11-23T00:00:00Z"), new Date("2026-11-23T00:00:00Z"));
    expect(calls).toEqual(["a@2026-11-23T00:00:00.000Z", "c"]);
    expect(report.jobs.map((j) => [j.name, j.ok, j.error ?? null])).toEqual([
      ["a", true, null],
      ["b", false, "boom"],
      ["c", true, null],
    ]);
    expect(report.lagMs).toBe(30_000);
  });

  it("with claimTicks, only one replica runs a given minute", async () => {
    t = await createTestDb();
    const clock = new ManualClock("2026-11-23T00:00:00Z");
    let runs = 0;
    const make = (owner: string) =>
      new Scheduler({ db: t.db, clock, claimTicks: true, owner }).register("count", async () => {
        runs++;
      });
    const [a, b] = [make("a"), make("b")];
    const reports = await Promise.all([
      a.runOnce(new Date("2026-11-23T00:00:05Z")),
      b.runOnce(new Date("2026-11-23T00:00:40Z")),
    ]);
    expect(reports.map((r) => r.skipped).sort()).toEqual([false, true]);
    await b.runOnce(new Date("2026-11-23T00:01:00Z"));
    expect(runs).toBe(2);
    expect((await t.db.schedulerClaim.findMany()).map((c) => c.key).sort()).toEqual([
      "tick:2026-11-23T00:00:00.000Z",
      "tick:2026-11-23T00:01:00.000Z",
    ]);
  });

  it("start() runs a catch-up tick at once and stop() waits for it", async () => {
    t = await createTestDb();
    const clock = new ManualClock("2026-11-23T00:00:00Z");
    const seen: string[] = [];
    const s = new Scheduler({ db: t.db, clock }).register("x", async (now) => {
      seen.push(now.toISOString());
    });
    s.start();
    await s.stop();
    expect(seen).toEqual(["2026-11-23T00:00:00.000Z"]);
  });
});
