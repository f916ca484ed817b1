// The full-day scenario's world: the production wiring on a fake clock. The demo org and default
// playbook on a real SQLite file (or PostgreSQL, see tests/helpers/db.ts); the services built by
// createCore and the replica's scheduler jobs and outbox dispatcher built by createRuntime, as
// src/app.ts builds them; the real Slack and Teams senders talking real HTTP to the loopback fakes,
// each behind a tap that records what the platform accepted. The test drives the runtime's own
// scheduler (runOnce) and dispatcher (drain) instead of node-schedule timers, so the run is
// deterministic and time only moves when the scenario moves it.

import path from "node:path";
import { createCore } from "../../../src/bot/index.js";
import { SlackSender } from "../../../src/channels/slack/sender.js";
import { createTeamsEdge } from "../../../src/channels/teams/edge.js";
import { loadConfig } from "../../../src/config/env.js";
import { ManualClock } from "../../../src/domain/clock.js";
import { createLogger } from "../../../src/log.js";
import { Metrics } from "../../../src/metrics.js";
import { createRuntime } from "../../../src/runtime.js";
import type { Confirmer } from "../../../src/services/tasks/checklist-types.js";
import { createDemoDb, demoIds, i18n, playbook, ROOT } from "../../helpers/db.js";
import { startFakeConnector } from "../../helpers/fake-connector.js";
import { FakeSlack } from "../../helpers/fake-slack.js";
import { occurrenceId } from "../../tasks/helpers/task-deps.js";
import { RecordingSender } from "./recording-sender.js";

/** Tuesday 25 August 2026, Asia/Shanghai (UTC+8, no daylight saving). */
export const DAY = "2026-08-25";
/** An outlet-local wall-clock time on DAY ("08:15", "08:15:30") as an instant. */
export const local = (hhmm: string) => new Date(`${DAY}T${hhmm.length === 5 ? `${hhmm}:00` : hhmm}+08:00`);

/** David Sun installed the app in his Teams personal chat: the only Teams DM in the scenario. */
export const DAVID_TEAMS_CHAT = "a:demo-david-sun-personal";

/**
 * The minutes the scheduler ticks: every half hour as a heartbeat, every action's minute, and
 * each lifecycle instant together with the minute before it, so a step that fires a minute
 * early or late shows up in the timestamps it stamps (ticking all 780 minutes takes too long).
 */
export function dayTicks(instants: readonly string[], actions: readonly Action[]): string[] {
  const minutes = new Set<string>(actions.map((a) => a.at));
  for (let m = 7 * 60; m <= 20 * 60; m += 30) minutes.add(fmt(m));
  for (const t of instants) {
    const [h, mm] = t.split(":").map(Number) as [number, number];
    minutes.add(fmt(h * 60 + mm - 1)).add(fmt(h * 60 + mm));
  }
  return [...minutes].sort();
}

/** Every minute from `from` to `to`, inclusive ("07:59" … "08:16"). */
export function everyMinute(from: string, to: string): string[] {
  const toMin = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  return Array.from({ length: toMin(to) - toMin(from) + 1 }, (_, i) => fmt(toMin(from) + i));
}

/** The dispatcher loop's idle wait (DispatcherOptions.pollMs default). */
const POLL_MS = 500;

const fmt = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;

/** A person acting at some minute of the day, through the real services. */
export interface Action {
  at: string; // outlet-local "HH:MM"; runs 30 s into that minute, after the scheduler's tick
  name: string;
  run: (w: DayWorld) => Promise<void>;
}

export type DayWorld = Awaited<ReturnType<typeof createDayWorld>>;

/**
 * teamsInstalled: the Branchbot app was added to both outlets' Teams channels and to David Sun's
 * personal chat, so their conversation references are stored (the demo import has none).
 */
export async function createDayWorld({ teamsInstalled = true } = {}) {
  const clock = new ManualClock(local("06:00"));
  const t = await createDemoDb(clock);
  const ids = await demoIds(t.db);
  const fakeSlack = await new FakeSlack().start();
  const connector = await startFakeConnector();
  const config = loadConfig(
    {
      DATABASE_URL: t.url,
      SLACK_BOT_TOKEN: "xoxb-scenario",
      SLACK_SIGNING_SECRET: "scenario-signing-secret",
      SLACK_API_URL: fakeSlack.apiUrl,
      AUDIT_CHECKPOINT_FILE: path.join(t.dir, "audit-checkpoints.jsonl"),
      AUDIT_CHECKPOINT_KEY: "scenario-audit-checkpoint-key-of-32-chars",
      PLAYGROUND: "off",
    },
    ROOT,
  );
  const log = createLogger("silent");
  const reference = (conversation: string) =>
    teamsInstalled
      ? JSON.stringify({
          serviceUrl: connector.url,
          channelId: "msteams",
          bot: { id: "28:branchbot-app-id", name: "Branchbot" },
          conversation: { id: conversation },
        })
      : null;
  await t.db.directConversation.create({
    data: {
      staffId: ids.staff["david.sun"] as string,
      platform: "teams",
      channelId: DAVID_TEAMS_CHAT,
      reference: reference(DAVID_TEAMS_CHAT),
    },
  });
  for (const b of await t.db.channelBinding.findMany({ where: { platform: "teams" } }))
    await t.db.channelBinding.update({ where: { id: b.id }, data: { reference: reference(b.channelId) } });

  // as src/app.ts wires them: createCore, the senders for the configured platforms, createRuntime
  const metrics = new Metrics(t.db);
  const { core, services } = createCore({
    db: t.db,
    clock,
    i18n,
    playbook,
    defaultLocale: config.defaultLocale,
    databaseProvider: config.databaseProvider,
    log,
  });
  const slackConfig = config.slack as NonNullable<typeof config.slack>;
  const slack = new RecordingSender(
    new SlackSender({ botToken: slackConfig.botToken, apiUrl: slackConfig.apiUrl, i18n, log }),
    clock,
  );
  const teamsEdge = createTeamsEdge({ config, db: t.db, log, i18n, core, metrics });
  const teams = new RecordingSender(teamsEdge.createSender(), clock);
  const runtime = createRuntime({ config, db: t.db, clock, log, metrics, services, senders: [slack, teams] });
  const { scheduler, dispatcher } = runtime;
  const checklist = services.checklist;
  const replies = services.replyFlow;
  /** The job names of every tick the scenario ran, in order: what production's list ran here. */
  const tickJobs: string[][] = [];
  const failures: string[] = [];

  const staff = async (code: string): Promise<Confirmer> => {
    const s = await t.db.staff.findUniqueOrThrow({ where: { code } });
    return { id: s.id, name: s.name };
  };
  const occ = (outletCode: string, taskKey: string) => occurrenceId(t.db, outletCode, taskKey, DAY);

  /**
   * Drains the outbox until nothing is due within the next 25 s, moving the clock to each
   * row's next allowed time (per-channel pacing, a thread reply waiting for its parent, a
   * retry). A row still due after a drain was held by the platform's per-second cap (Slack:
   * 5 a second); the dispatcher's loop looks again after its poll interval, so the clock moves
   * on by that much. Rows backing off for longer wait for a later tick.
   */
  async function settle(): Promise<void> {
    const limit = clock.now().getTime() + 25_000;
    for (let round = 0; round < 200; round++) {
      await dispatcher.drain(clock.now());
      const next = await t.db.outboxMessage.findFirst({
        where: { status: { in: ["pending", "sending"] } },
        orderBy: { nextAttemptAt: "asc" },
      });
      if (!next) return;
      if (next.nextAttemptAt.getTime() > limit) return;
      const now = clock.now().getTime();
      clock.set(new Date(next.nextAttemptAt.getTime() > now ? next.nextAttemptAt.getTime() : now + POLL_MS));
    }
    throw new Error("outbox did not settle in 200 drains");
  }

  /** One scheduler tick at `at` (as node-schedule would fire it), then the outbox. */
  async function tick(at: Date): Promise<void> {
    clock.set(at);
    const report = await scheduler.runOnce(at);
    tickJobs.push(report.jobs.map((j) => j.name));
    for (const j of report.jobs) if (!j.ok) failures.push(`${at.toISOString()} ${j.name}: ${j.error}`);
    await settle();
  }

  /**
   * Ticks at the given local minutes, in order; the actions due in a minute run 30 s into it,
   * after that minute's tick. Every action's minute must be one of the ticks.
   */
  async function runDay(ticks: readonly string[], actions: readonly Action[] = []): Promise<void> {
    const pending = new Set(actions);
    for (const minute of ticks) {
      await tick(local(minute));
      for (const a of actions.filter((x) => x.at === minute)) {
        clock.set(local(`${minute}:30`));
        await a.run(world);
        await settle();
        pending.delete(a);
      }
    }
    if (pending.size > 0) throw new Error(`actions not run: ${[...pending].map((a) => a.at).join(", ")}`);
  }

  const world = {
    ...t,
    async cleanup() {
      await runtime.stop();
      await fakeSlack.stop();
      await connector.close();
      await t.cleanup();
    },
    clock,
    config,
    ids,
    runtime,
    tickJobs,
    fakeSlack,
    connector,
    scheduler,
    dispatcher,
    slack,
    teams,
    checklist,
    replies,
    failures,
    staff,
    occ,
    tick,
    runDay,
  };
  return world;
}
