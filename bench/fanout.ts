// Benchmark b (issue 7): reminder fan-out. N outlets (1,000; 20 with --quick), each bound to
// its own Slack channel, and one task ("opening", 08:00 on a Monday) due at the same moment at
// all of them. The REAL scheduler tick (createRuntime: ensure occurrences, reminder tick and
// the other sweeps) enqueues the reminders, and the REAL OutboxDispatcher loop sends them
// through the REAL SlackSender to a fake Slack in its own process (limited-slack.ts): 1 message
// per second per channel, a workspace cap of 600/min, 429 + Retry-After on 5% of calls at random
// and on every call over a limit. Time runs at real speed (the clock is only shifted to the due
// moment), because the limits are real-time limits.
//
// Measured: total time from the tick to the last reminder marked sent, against the rate-limit
// floor max(N / cap, per-channel floor); lost reminders (never sent), duplicates (a channel
// that got its reminder twice) and 429s. Two variants: "shipped" uses SLACK_PACING as it is
// (perWorkspacePerMinute 300, half the workspace cap, a margin for interactive replies), "matched"
// gives the dispatcher the fake's cap (600/min) so the drain loop itself is measured.
import { createCore } from "../src/bot/index.js";
import { SLACK_PACING, SlackSender } from "../src/channels/slack/sender.js";
import { loadConfig } from "../src/config/env.js";
import type { Clock } from "../src/domain/clock.js";
import { ManualClock } from "../src/domain/clock.js";
import { createI18n } from "../src/i18n/index.js";
import { createLogger } from "../src/log.js";
import { Metrics } from "../src/metrics.js";
import { createRuntime } from "../src/runtime.js";
import type { OutboxSender } from "../src/services/outbox/contract.js";
import { RowCounter } from "./lib/bulk.js";
import { ROOT, sqliteDb } from "./lib/databases.js";
import { startFakeSlack } from "./lib/fake-slack-child.js";
import { loadDefaultPlaybook } from "./lib/generate.js";
import { buildOrg, insertOrg } from "./lib/generate-org.js";
import { DEFAULT_LIMITS, duplicates, type LimitedSlackStats } from "./lib/limited-slack.js";
import { sleep } from "./lib/proc.js";
import { round } from "./lib/stats.js";
import type { Benchmark, Figure, RunOptions } from "./lib/types.js";

/** Monday 2026-11-23 08:00 in Shanghai: "opening" is due at every generated outlet. */
const DUE = new Date("2026-11-23T00:00:00Z");
const TASK = "opening";
const RATIO_TARGET = { op: "<=" as const, value: 1.1 };
const ZERO = { op: "==" as const, value: 0 };

/** Real time, shifted so that the run starts at the due moment. */
class ShiftedClock implements Clock {
  private readonly offset: number;
  constructor(start: Date) {
    this.offset = start.getTime() - Date.now();
  }
  now(): Date {
    return new Date(Date.now() + this.offset);
  }
}

interface Variant {
  name: "shipped" | "matched";
  /** The dispatcher's global cap; SLACK_PACING's own when undefined. */
  perWorkspacePerMinute?: number;
}

export interface FanoutSetup {
  outlets: number;
  workspacePerMinute: number;
  maxMs: number;
}

/** The rate-limit floor: every message at the workspace rate, or one channel's messages at 1/s. */
export function floorSeconds(messages: number, perChannelMax: number, workspacePerMinute: number): number {
  return Math.max((messages * 60) / workspacePerMinute, perChannelMax - 1);
}

async function runVariant(v: Variant, s: FanoutSetup, opts: RunOptions): Promise<Figure[]> {
  const fake = await startFakeSlack("limited", { workspacePerMinute: s.workspacePerMinute });
  const bdb = await sqliteDb(opts.scratchDir, `fanout-${v.name}`);
  const log = createLogger("error");
  try {
    const full = loadDefaultPlaybook();
    const playbook = { ...full, tasks: full.tasks.filter((t) => t.key === TASK) };
    await insertOrg(
      bdb.db,
      buildOrg(s.outlets),
      playbook,
      new ManualClock(new Date(DUE.getTime() - 3600_000)),
      new RowCounter(),
    );
    const config = loadConfig(
      {
        DATABASE_URL: bdb.url,
        SLACK_BOT_TOKEN: "xoxb-bench-fanout",
        SLACK_SIGNING_SECRET: "bench-fanout-secret",
        SLACK_API_URL: fake.apiUrl,
        PLAYGROUND: "off",
        SCHEDULER_ENABLED: "false",
      },
      ROOT,
    );
    const i18n = createI18n();
    const clock = new ShiftedClock(new Date(DUE.getTime() + 1000));
    const db = bdb.db;
    const { services } = createCore({
      db,
      clock,
      i18n,
      playbook,
      defaultLocale: "zh-CN",
      databaseProvider: "sqlite",
      log,
    });
    const slack = new SlackSender({ botToken: "xoxb-bench-fanout", apiUrl: fake.apiUrl, i18n, log });
    const sender: OutboxSender = v.perWorkspacePerMinute
      ? {
          platform: "slack",
          pacing: { ...SLACK_PACING, perWorkspacePerMinute: v.perWorkspacePerMinute },
          send: (r) => slack.send(r),
        }
      : slack;
    const runtime = createRuntime({ config, db, clock, log, metrics: new Metrics(db), services, senders: [sender] });
    const reminders = { idempotencyKey: { startsWith: "reminder:" }, kind: "post" };

    // the dispatcher runs all along, as in production; the tick's rows are sent as they commit
    runtime.dispatcher.start();
    const t0 = Date.now();
    await runtime.scheduler.runOnce(clock.now());
    const tickS = (Date.now() - t0) / 1000;
    const enqueued = await db.outboxMessage.count({ where: reminders });
    opts.log(`${v.name}: tick took ${round(tickS)} s and enqueued ${enqueued} reminders; sending…`);
    let remaining = enqueued;
    let lastLog = Date.now();
    while (remaining > 0 && Date.now() - t0 < s.maxMs) {
      await sleep(250);
      remaining = await db.outboxMessage.count({ where: { ...reminders, status: { in: ["pending", "sending"] } } });
      if (Date.now() - lastLog > 15_000) {
        lastLog = Date.now();
        opts.log(`${v.name}: ${enqueued - remaining}/${enqueued} sent after ${round((Date.now() - t0) / 1000)} s`);
      }
    }
    const totalS = (Date.now() - t0) / 1000;
    await runtime.stop();

    const stats = await fake.stats<LimitedSlackStats>();
    const byStatus = await db.outboxMessage.groupBy({ by: ["status"], where: reminders, _count: true });
    const count = (st: string) => byStatus.find((b) => b.status === st)?._count ?? 0;
    const sentRows = count("sent");
    const channels = Object.keys(stats.perChannel).length;
    const perChannelMax = Math.max(1, ...Object.values(stats.perChannel));
    const floor = floorSeconds(s.outlets, 1, s.workspacePerMinute);
    const lastAcceptedS = stats.lastAcceptedAt ? (stats.lastAcceptedAt - t0) / 1000 : Number.NaN;
    const total429 = stats.limited.channel + stats.limited.workspace + stats.limited.random;
    const capOfDispatcher = v.perWorkspacePerMinute ?? SLACK_PACING.perWorkspacePerMinute;
    const dispatcherFloor = floorSeconds(s.outlets, 1, Math.min(capOfDispatcher, s.workspacePerMinute));
    opts.log(
      `${v.name}: ${sentRows}/${s.outlets} sent in ${round(totalS)} s (floor ${round(floor)} s), ${total429} × 429, ` +
        `${channels} channels reached, busiest got ${perChannelMax}`,
    );
    const p = v.name;
    return [
      { metric: `${p}.outlets`, value: s.outlets, unit: "count" },
      { metric: `${p}.reminders_enqueued`, value: enqueued, unit: "count" },
      { metric: `${p}.workspace_cap`, value: s.workspacePerMinute, unit: "msg/min" },
      { metric: `${p}.dispatcher_global_per_minute`, value: capOfDispatcher, unit: "msg/min" },
      { metric: `${p}.floor`, value: round(floor), unit: "s" },
      { metric: `${p}.floor_at_dispatcher_cap`, value: round(dispatcherFloor), unit: "s" },
      { metric: `${p}.tick`, value: round(tickS), unit: "s" },
      { metric: `${p}.total`, value: round(totalS), unit: "s" },
      { metric: `${p}.last_accepted_by_slack`, value: round(lastAcceptedS), unit: "s" },
      { metric: `${p}.ratio_to_floor`, value: round(totalS / floor, 2), unit: "x", target: RATIO_TARGET },
      { metric: `${p}.ratio_to_dispatcher_floor`, value: round(totalS / dispatcherFloor, 2), unit: "x" },
      { metric: `${p}.lost`, value: s.outlets - Math.min(sentRows, channels), unit: "count", target: ZERO },
      { metric: `${p}.duplicates`, value: duplicates(stats) + stats.duplicateContent, unit: "count", target: ZERO },
      { metric: `${p}.dead`, value: count("dead"), unit: "count", target: ZERO },
      { metric: `${p}.responses_429`, value: total429, unit: "count" },
      { metric: `${p}.responses_429_random`, value: stats.limited.random, unit: "count" },
      { metric: `${p}.responses_429_channel_limit`, value: stats.limited.channel, unit: "count" },
      { metric: `${p}.responses_429_workspace_limit`, value: stats.limited.workspace, unit: "count" },
      { metric: `${p}.post_message_calls`, value: stats.calls, unit: "count" },
    ];
  } finally {
    await fake.stop();
    await bdb.cleanup();
  }
}

export const fanout: Benchmark = {
  name: "fanout",
  description: "reminder fan-out (issue 7 b): N outlets, one task due at once, rate-limited fake Slack",
  async run(opts) {
    const outlets = Number(opts.flags["fanout-outlets"] ?? (opts.quick ? 20 : 1000));
    const workspacePerMinute = Number(opts.flags["workspace-cap"] ?? DEFAULT_LIMITS.workspacePerMinute);
    const floor = floorSeconds(outlets, 1, workspacePerMinute);
    const maxMs = Number(opts.flags["fanout-max-seconds"] ?? Math.min(900, Math.max(60, floor * 4))) * 1000;
    const setup = { outlets, workspacePerMinute, maxMs };
    opts.log(
      `${outlets} outlets, workspace cap ${workspacePerMinute}/min: floor = max(${outlets} / ${workspacePerMinute} per min, ` +
        `per channel 0 s) = ${round(floor)} s; each variant stops after ${maxMs / 1000} s`,
    );
    const figures = [
      ...(await runVariant({ name: "shipped" }, setup, opts)),
      ...(await runVariant({ name: "matched", perWorkspacePerMinute: workspacePerMinute }, setup, opts)),
    ];
    return {
      figures,
      notes: [
        `fake Slack: ${workspacePerMinute}/min per workspace (token bucket, 1 s burst), 1 msg/s per channel, ` +
          `${DEFAULT_LIMITS.random429 * 100}% random 429 (Retry-After ${DEFAULT_LIMITS.randomRetryAfterS} s)`,
        `shipped = SLACK_PACING (${SLACK_PACING.perDestinationIntervalMs} ms per channel, ${SLACK_PACING.perWorkspacePerMinute}/min); ` +
          `matched = the same with perWorkspacePerMinute ${workspacePerMinute}`,
      ],
    };
  },
};
