// Fault tolerance (issue 7 §5): kill -9 the service at random moments while scripted Slack
// clients keep reporting incidents through the real modal flow (/branch incident → views.open
// → view_submission), restart it on the same database, and check afterwards that every
// submission the service acknowledged (HTTP 200) is stored exactly once. A submission whose
// request was cut off is retried by its client with the SAME form session (what Slack's
// client does when the user presses Submit again), which must never store it twice.
// Runs on a SQLite file and on PostgreSQL; bounded by time, submissions and kills.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client.js";
import { FakeSlack } from "../helpers/fake-slack.js";
import { eventually, freePort, PgServer, ServiceProcess, sleep } from "../helpers/replica.js";
import { command, modalOpened, newTrigger, type OpenedModal, slackEnv, submitModal } from "../replicas/slack-client.js";

const RUN_MS = Number(process.env.FAULT_KILL_RUN_MS ?? 45_000);
const MAX_SUBMISSIONS = 400;
const MAX_KILLS = 12;
const PG_PORT = Number(process.env.FAULT_PG_PORT ?? 54332);
// three clients, three people: a form session is per person, form and outlet
const CLIENTS = ["U0DEMO0001", "U0DEMO0002", "U0DEMO0003"]; // wang.fang, li.jun, zhao.qiang @ SH-LJZ

interface Submission {
  tag: string;
  attempts: number;
  /** HTTP 200 received for one of the attempts. */
  acked: boolean;
  /** The first attempt got no answer (connection cut by a kill). */
  cutOff: boolean;
}

const pgServer = new PgServer(PG_PORT);
const dirs: string[] = [];
const summaries: string[] = [];

beforeAll(async () => {
  await pgServer.start();
}, 600_000);

afterAll(async () => {
  await pgServer.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  for (const s of summaries) console.log(s);
}, 60_000);

describe.each(["sqlite", "postgresql"] as const)("kill -9 during submissions (%s)", (provider) => {
  const slack = new FakeSlack();
  let svc: ServiceProcess;
  let databaseUrl = "";

  beforeAll(async () => {
    await slack.start();
    if (provider === "sqlite") {
      const dir = mkdtempSync(path.join(tmpdir(), "branchbot-fault-"));
      dirs.push(dir);
      databaseUrl = `file:${path.join(dir, "fault.db")}`;
    } else {
      databaseUrl = await pgServer.createDatabase("fault");
    }
    svc = new ServiceProcess(`svc-${provider}`, await freePort(), {
      DATABASE_URL: databaseUrl,
      SCHEDULER_ENABLED: "true",
      ...slackEnv(slack),
    });
    await svc.start();
  }, 180_000);

  afterAll(async () => {
    await svc?.stop();
    await slack.stop();
    if (provider === "postgresql" && databaseUrl) await pgServer.dropDatabase(databaseUrl);
  }, 60_000);

  it("stores every acknowledged submission exactly once", async () => {
    const started = Date.now();
    const deadline = started + RUN_MS;
    const subs: Submission[] = [];
    let restarting: Promise<void> = Promise.resolve();
    let restartMs = 0;

    const waitUp = async () => {
      for (;;) {
        await restarting;
        if (svc.running) return;
        await sleep(50);
      }
    };

    // the killer: SIGKILL at a random moment 0.3–2.5 s after each (re)start, then restart
    const killer = (async () => {
      while (Date.now() < deadline - 3000 && svc.kills < MAX_KILLS) {
        await sleep(300 + Math.random() * 2200);
        await svc.kill9();
        const t0 = Date.now();
        restarting = svc.start();
        await restarting;
        restartMs += Date.now() - t0;
      }
    })();

    const openForm = async (user: string): Promise<OpenedModal | null> => {
      for (let attempt = 0; attempt < 6; attempt++) {
        await waitUp();
        const trigger = newTrigger();
        try {
          const res = await command(svc.url, slack, user, "incident SH-LJZ", trigger);
          if (res.status !== 200) continue;
          return await eventually(() => {
            const m = modalOpened(slack, trigger);
            if (!m) throw new Error("no modal yet");
            return m;
          }, 5_000);
        } catch {
          // cut off by a kill: ask again once the service is back
        }
      }
      return null;
    };

    const client = async (user: string) => {
      while (Date.now() < deadline && subs.length < MAX_SUBMISSIONS) {
        const opened = await openForm(user);
        if (!opened) continue;
        const sub: Submission = { tag: tagFor(subs.length), attempts: 0, acked: false, cutOff: false };
        subs.push(sub);
        // same form session on every attempt: a retry must find it already submitted
        while (!sub.acked && sub.attempts < 6) {
          await waitUp();
          sub.attempts++;
          try {
            const res = await submitModal(
              svc.url,
              user,
              opened,
              {
                type: { type: "static_select", value: "system" },
                description: { type: "plain_text_input", value: `core banking terminal down ${sub.tag}` },
              },
              8_000,
            );
            if (res.status === 200) sub.acked = true;
            await res.text();
          } catch {
            if (sub.attempts === 1) sub.cutOff = true;
          }
        }
      }
    };

    await Promise.all(CLIENTS.map(client));
    await killer;
    await waitUp();
    const elapsed = Date.now() - started;

    const db = createDb(databaseUrl);
    try {
      const rows = await db.incident.findMany({ select: { description: true } });
      const stored = new Map<string, number>();
      for (const r of rows) {
        const tag = /sub-[a-z]+/.exec(r.description)?.[0];
        if (tag) stored.set(tag, (stored.get(tag) ?? 0) + 1);
      }
      const acked = subs.filter((s) => s.acked);
      const count = (s: Submission) => stored.get(s.tag) ?? 0;
      const duplicates = [...stored.values()].filter((n) => n > 1).length;
      // acknowledged by the very request that carried it: the service answered after its commit
      const firstTime = acked.filter((s) => !s.cutOff);
      const firstTimeMissing = firstTime.filter((s) => count(s) !== 1);
      // cut off by a kill, then acknowledged on a retry with the same form session
      const retriedAcked = acked.filter((s) => s.cutOff);
      const lostAfterCut = retriedAcked.filter((s) => count(s) === 0);
      const summary = {
        provider,
        seconds: Math.round(elapsed / 1000),
        kills: svc.kills,
        avgRestartMs: svc.kills ? Math.round(restartMs / svc.kills) : 0,
        submissions: subs.length,
        acked: acked.length,
        stored: stored.size,
        ackedFirstTime: firstTime.length,
        cutOffThenRetried: retriedAcked.length,
        cutOffStoredOnce: retriedAcked.length - lostAfterCut.length,
        // known gap (docs/deploy.md): the form session closes in one commit and the record is
        // saved in the next; a kill between the two leaves "already submitted" and no record
        lostBetweenCloseAndSave: lostAfterCut.length,
        duplicates,
      };
      summaries.push(`[fault:kill9] summary ${JSON.stringify(summary)}`);
      expect(svc.kills, "the service was killed at least 3 times").toBeGreaterThanOrEqual(3);
      expect(firstTime.length, "enough submissions went through").toBeGreaterThanOrEqual(20);
      expect(duplicates, "no submission stored twice, retries included").toBe(0);
      expect(
        firstTimeMissing.map((s) => `${s.tag} stored ${count(s)}×`),
        "acknowledged on the first attempt but not stored exactly once",
      ).toEqual([]);
      // A submission acknowledged on a retry (its first attempt was cut off by the kill) is
      // stored too: the form session closes in the same transaction as the record it creates.
      expect(
        lostAfterCut.map((s) => s.tag),
        "acknowledged on a retry but not stored",
      ).toEqual([]);
      // nothing is stored that no client sent
      expect([...stored.keys()].every((t) => subs.some((s) => s.tag === t))).toBe(true);
    } finally {
      await db.$disconnect();
    }
  }, 300_000);
});

/** Markers of letters only: the masking of customer identifiers rewrites long digit runs. */
function tagFor(n: number): string {
  let s = "";
  let x = n + 26 * 26;
  while (x > 0) {
    s = String.fromCharCode(97 + (x % 26)) + s;
    x = Math.floor(x / 26);
  }
  return `sub-${s}${String.fromCharCode(97 + Math.floor(Math.random() * 26))}`;
}
