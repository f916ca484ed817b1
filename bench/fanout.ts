// Benchmark b (issue 7, issue 14): reminder fan-out. N outlets, each bound to its own Slack
// channel, and one task ("opening", 08:00 on a Monday) due at the same moment at all of them.
// The REAL scheduler tick (createRuntime: ensure occurrences, reminder tick and the other
// sweeps) enqueues the reminders, and the REAL OutboxDispatcher loop sends them through the
// REAL SlackSender (its shipped SLACK_PACING, per workspace) to a fake Slack in its own process
// (limited-slack.ts): 1 message per second per channel, a cap of 600/min per workspace (team
// id), 429 + Retry-After on 5% of calls at random and on every call over a limit. Time runs at
// real speed (the clock is only shifted to the due moment), because the limits are real-time
// limits.
//
// Measured: total time from the tick to the last reminder marked sent, against the rate-limit
// floor max(N per workspace / cap, per-channel floor); lost reminders (never sent), duplicates
// (a channel that got its reminder twice) and 429s. Two variants: "single" (1,000 outlets in
// one workspace, the target) and "multi" (10,000 outlets dealt round-robin over 10
// workspaces, each with its own cap: measured, bounded by --fanout-max-seconds).
import { createCore } from "../src/bot/index.js";
import { SLACK_PACING, SlackSender } from "../src/channels/slack/sender.js";
import { loadConfig } from "../src/config/env.js";
import { roleSet } from "../src/config/playbook-roles.js";
import type { Clock } from "../src/domain/clock.js";
import { ManualClock } from "../src/domain/clock.js";
import { createI18n } from "../src/i18n/index.js";
import { createLogger } from "../src/log.js";
import { Metrics } from "../src/metrics.js";
import { createRuntime } from "../src/runtime.js";
import { RowCounter } from "./lib/bulk.js";
import { ROOT, sqliteDb } from "./lib/databases.js";
import { startFakeSlack } from "./lib/fake-slack-child.js";
import { loadDefaultPlaybook } from "./lib/generate.js";
import { benchTeamId, buildOrg, insertOrg } from "./lib/generate-org.js";
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
  name: "single" | "multi";
  outlets: number;
  /** Slack workspaces the outlets are dealt over. */
  workspaces: number;
}

export interface FanoutSetup {
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
  const full = loadDefaultPlaybook();
  const org = buildOrg(v.outlets, roleSet(full), 10, v.workspaces);
  await fake.setChannelTeams(
    Object.fromEntries(org.outlets.map((o, i) => [o.slack?.channel as string, benchTeamId(i, v.workspaces)])),
  );
  const log = createLogger("error");
  try {
    const playbook = { ...full, tasks: full.tasks.filter((t) => t.key === TASK) };
    await insertOrg(bdb.db, org, playbook, new ManualClock(new Date(DUE.getTime() - 3600_000)), new RowCounter());
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
    const sender = new SlackSender({ botToken: "xoxb-bench-fanout", apiUrl: fake.apiUrl, i18n, log });
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
    const unsent = count("pending") + count("sending");
    const channels = Object.keys(stats.perChannel).length;
    const perChannelMax = Math.max(1, ...Object.values(stats.perChannel));
    const perWorkspace = Math.ceil(v.outlets / v.workspaces);
    const floor = floorSeconds(perWorkspace, 1, s.workspacePerMinute);
    const lastAcceptedS = stats.lastAcceptedAt ? (stats.lastAcceptedAt - t0) / 1000 : Number.NaN;
    const total429 = stats.limited.channel + stats.limited.workspace + stats.limited.random;
    const teams = Object.values(stats.perTeam);
    opts.log(
      `${v.name}: ${sentRows}/${v.outlets} sent in ${round(totalS)} s (floor ${round(floor)} s), ${total429} × 429, ` +
        `${channels} channels reached, busiest got ${perChannelMax}; per workspace ${Math.min(...teams)}–${Math.max(...teams)}`,
    );
    const p = v.name;
    return [
      { metric: `${p}.outlets`, value: v.outlets, unit: "count" },
      { metric: `${p}.workspaces`, value: v.workspaces, unit: "count" },
      { metric: `${p}.reminders_enqueued`, value: enqueued, unit: "count" },
      { metric: `${p}.workspace_cap`, value: s.workspacePerMinute, unit: "msg/min" },
      {
        metric: `${p}.dispatcher_per_workspace_per_minute`,
        value: sender.pacing.perWorkspacePerMinute,
        unit: "msg/min",
      },
      { metric: `${p}.floor`, value: round(floor), unit: "s" },
      { metric: `${p}.tick`, value: round(tickS), unit: "s" },
      { metric: `${p}.total`, value: round(totalS), unit: "s" },
      { metric: `${p}.last_accepted_by_slack`, value: round(lastAcceptedS), unit: "s" },
      {
        metric: `${p}.ratio_to_floor`,
        value: round(totalS / floor, 2),
        unit: "x",
        ...(v.name === "single" ? { target: RATIO_TARGET } : {}),
      },
      { metric: `${p}.ratio_after_tick`, value: round((totalS - tickS) / floor, 2), unit: "x" },
      // rows still pending when the bound stopped the run are not lost: they would go on being sent
      { metric: `${p}.unsent_at_bound`, value: unsent, unit: "count" },
      { metric: `${p}.lost`, value: v.outlets - unsent - Math.min(sentRows, channels), unit: "count", target: ZERO },
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
  description: "reminder fan-out (issue 7 b, issue 14): one task due at N outlets at once, rate-limited fake Slack",
  async run(opts) {
    const outlets = Number(opts.flags["fanout-outlets"] ?? (opts.quick ? 20 : 1000));
    const workspaces = Number(opts.flags["fanout-workspaces"] ?? 10);
    const multiOutlets = Number(opts.flags["fanout-multi-outlets"] ?? (opts.quick ? 40 : outlets * workspaces));
    const variants = (opts.flags["fanout-variants"] ?? "single,multi").split(",");
    const workspacePerMinute = Number(opts.flags["workspace-cap"] ?? DEFAULT_LIMITS.workspacePerMinute);
    const floor = floorSeconds(outlets, 1, workspacePerMinute);
    const maxMs = Number(opts.flags["fanout-max-seconds"] ?? Math.min(900, Math.max(60, floor * 4))) * 1000;
    const setup = { workspacePerMinute, maxMs };
    opts.log(
      `workspace cap ${workspacePerMinute}/min: single = ${outlets} outlets in 1 workspace (floor ${round(floor)} s), ` +
        `multi = ${multiOutlets} outlets over ${workspaces} workspaces; each variant stops after ${maxMs / 1000} s`,
    );
    const figures: Figure[] = [];
    if (variants.includes("single")) {
      figures.push(...(await runVariant({ name: "single", outlets, workspaces: 1 }, setup, opts)));
    }
    if (variants.includes("multi")) {
      figures.push(...(await runVariant({ name: "multi", outlets: multiOutlets, workspaces }, setup, opts)));
    }
    return {
      figures,
      notes: [
        `fake Slack: ${workspacePerMinute}/min per workspace (token bucket, 1 s burst), 1 msg/s per channel, ` +
          `${DEFAULT_LIMITS.random429 * 100}% random 429 (Retry-After ${DEFAULT_LIMITS.randomRetryAfterS} s)`,
        `dispatcher: SLACK_PACING (${SLACK_PACING.perDestinationIntervalMs} ms per channel, ` +
          `${SLACK_PACING.perWorkspacePerMinute}/min per workspace)`,
        "floor = max(outlets per workspace / cap, per-channel floor); the tick and the dispatcher share one process",
      ],
    };
  },
};
