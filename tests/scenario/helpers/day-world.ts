// The full-day scenario's world: the demo org and default playbook on a real SQLite file, one
// fake clock shared by every service, the production scheduler jobs, the outbox dispatcher with
// recording Slack and Teams senders, and the checklist services people act through. Time only
// moves when the scenario moves it, so the run is deterministic.

import { ManualClock } from "../../../src/domain/clock.js";
import { Scheduler } from "../../../src/scheduler/scheduler.js";
import { registerTaskJobs } from "../../../src/scheduler/task-jobs.js";
import { OutboxDispatcher } from "../../../src/services/outbox/dispatcher.js";
import { ChecklistService } from "../../../src/services/tasks/checklist.js";
import { labelLookup } from "../../../src/services/tasks/checklist-labels.js";
import { ChecklistReplyFlow } from "../../../src/services/tasks/checklist-reply.js";
import type { Confirmer } from "../../../src/services/tasks/checklist-types.js";
import { createDemoDb, demoIds, i18n } from "../../helpers/db.js";
import { occurrenceId, taskDeps } from "../../tasks/helpers/task-deps.js";
import { RecordingSender, SLACK_PACING, TEAMS_PACING } from "./recording-sender.js";

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
  const reference = (conversation: string) =>
    teamsInstalled ? JSON.stringify({ serviceUrl: "https://smba.example/", conversation: { id: conversation } }) : null;
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
  const reachable = async (destination: string) =>
    (await t.db.channelBinding.count({
      where: { platform: "teams", channelId: destination, reference: { not: null } },
    })) +
      (await t.db.directConversation.count({
        where: { platform: "teams", channelId: destination, reference: { not: null } },
      })) >
    0;
  const deps = taskDeps(t.db, clock);
  const scheduler = new Scheduler({ db: t.db, clock, owner: "scenario-scheduler" });
  registerTaskJobs(scheduler, deps);
  const slack = new RecordingSender("slack", SLACK_PACING, clock);
  const teams = new RecordingSender("teams", TEAMS_PACING, clock, reachable);
  const dispatcher = new OutboxDispatcher({
    db: t.db,
    clock,
    senders: [slack, teams],
    owner: "scenario-dispatcher",
    random: () => 0.5,
  });
  const checklist = new ChecklistService({ ...deps, labels: labelLookup(i18n) });
  const replies = new ChecklistReplyFlow({ db: t.db, clock }, checklist);
  const failures: string[] = [];

  const staff = async (code: string): Promise<Confirmer> => {
    const s = await t.db.staff.findUniqueOrThrow({ where: { code } });
    return { id: s.id, name: s.name };
  };
  const occ = (outletCode: string, taskKey: string) => occurrenceId(t.db, outletCode, taskKey, DAY);

  /**
   * Drains the outbox until nothing is due within the next 25 s, moving the clock to each
   * row's next allowed time (per-channel pacing, a thread reply waiting for its parent, a
   * retry). Rows backing off for longer wait for a later tick.
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
      clock.set(new Date(Math.max(next.nextAttemptAt.getTime(), clock.now().getTime())));
    }
    throw new Error("outbox did not settle in 200 drains");
  }

  /** One scheduler tick at `at` (as node-schedule would fire it), then the outbox. */
  async function tick(at: Date): Promise<void> {
    clock.set(at);
    const report = await scheduler.runOnce(at);
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
    clock,
    ids,
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
