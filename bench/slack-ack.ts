// Benchmark a (issue 7): ack latency of Slack interactions. The real Branchbot (src/main.ts in a
// child process: demo org, a temporary SQLite database, Slack in HTTP mode against a fake Slack
// on loopback, PLAYGROUND=off, SCHEDULER_ENABLED=false) and a bare Bolt app that only acks
// (bench/lib/bare-bolt-app.ts, same Bolt, same receiver settings) each get signed
// block_actions, slash commands and view submissions at a steady rate (100/s), open loop. The
// ack is the HTTP response; latency is measured by the client. The two apps are driven in
// alternating blocks (A B B A …), so drift and noise on the shared machine hit both alike;
// both processes are up all the time. What Branchbot does after the ack (opening modals,
// storing incidents, posting replies) is not timed, but every non-2xx answer is counted.
import { readFileSync, rmSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { type AppName, ackFigures, outcomes } from "./lib/ack-figures.js";
import { type RunningChild, startChild } from "./lib/app-runner.js";
import { ROOT, sqliteDb } from "./lib/databases.js";
import { startFakeSlack } from "./lib/fake-slack-child.js";
import { openLoop, type Sample } from "./lib/open-loop.js";
import { sleep } from "./lib/proc.js";
import { queriesPerKind } from "./lib/query-count.js";
import { KINDS, SlackRequests } from "./lib/slack-requests.js";
import type { Benchmark, Figure, RunOptions } from "./lib/types.js";

const SECRET = "bench0ack0signing0secret00000001";

interface Plan {
  /** The rate first (judged against the targets), then any diagnostic rates. */
  rates: number[];
  blockMs: number;
  rounds: number;
  warmupMs: number;
  gapMs: number;
}

function plan(opts: RunOptions): Plan {
  const f = opts.flags;
  return {
    rates: (f["ack-rates"] ?? (opts.quick ? "10" : "100")).split(",").map(Number),
    blockMs: Number(f["ack-block-seconds"] ?? (opts.quick ? 1 : 5)) * 1000,
    // 6 rounds × 5 s = 30 s measured per app and rate
    rounds: Number(f["ack-rounds"] ?? (opts.quick ? 2 : 6)),
    warmupMs: Number(f["ack-warmup-seconds"] ?? (opts.quick ? 1 : 5)) * 1000,
    gapMs: 1500,
  };
}

/** CPU time (user + system) a process has used, in ms, from /proc (clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

interface Session {
  urls: Record<AppName, string>;
  pids: Record<AppName, number>;
  agent: http.Agent;
  requests: SlackRequests;
}

/** Warm-up, then alternating blocks (A B, B A, …) at one rate; figures and notes. */
async function measureAt(rate: number, prefix: string, s: Session, p: Plan, opts: RunOptions) {
  const block = (app: AppName, durationMs: number) =>
    openLoop({
      url: s.urls[app],
      rate,
      durationMs,
      timeoutMs: 10_000,
      agent: s.agent,
      make: (i) => s.requests.make(i, app === "branchbot"),
    });
  opts.log(`${rate}/s: warm-up ${p.warmupMs / 1000} s each`);
  await block("branchbot", p.warmupMs);
  await block("bare", p.warmupMs);
  await sleep(p.gapMs);
  const samples: Record<AppName, Sample[]> = { branchbot: [], bare: [] };
  const cpu: Record<AppName, number> = { branchbot: 0, bare: 0 };
  for (let r = 0; r < p.rounds; r++) {
    const order: AppName[] = r % 2 === 0 ? ["branchbot", "bare"] : ["bare", "branchbot"];
    for (const app of order) {
      const cpu0 = cpuMs(s.pids[app]);
      samples[app].push(...(await block(app, p.blockMs)));
      await sleep(p.gapMs);
      // the gap is counted: it is where the work after the acks finishes
      cpu[app] += cpuMs(s.pids[app]) - cpu0;
    }
    opts.log(`${rate}/s: round ${r + 1}/${p.rounds} done (${s.requests.modalsQueued} modals queued)`);
  }
  const figures = ackFigures(prefix, samples, cpu, (p.rounds * p.blockMs) / 1000);
  const notes = [
    `${rate}/s: ${p.rounds} alternating rounds of ${p.blockMs / 1000} s per app (after ${p.warmupMs / 1000} s warm-up each); ` +
      `answers: branchbot ${JSON.stringify(outcomes(samples.branchbot))}, bare ${JSON.stringify(outcomes(samples.bare))}`,
  ];
  const firstError = samples.branchbot.find((x) => x.status < 200 || x.status >= 300);
  if (firstError)
    notes.push(
      `${rate}/s: first non-2xx from branchbot: ${firstError.kind} → ${firstError.status} ${firstError.error ?? ""}`,
    );
  return { figures, notes };
}

export const slackAck: Benchmark = {
  name: "slack-ack",
  description: "Slack ack latency (issue 7 a): Branchbot vs a bare Bolt app at a steady rate, open loop",
  async run(opts) {
    const p = plan(opts);
    const fake = await startFakeSlack("plain");
    const bdb = await sqliteDb(opts.scratchDir, "slack-ack");
    await bdb.db.$disconnect();
    const children: RunningChild[] = [];
    const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
    try {
      const env = { NODE_ENV: "production", SLACK_SIGNING_SECRET: SECRET };
      const bot = await startChild(
        [
          // --cpu-prof=DIR: a V8 CPU profile of Branchbot, written when it stops (where the time goes)
          ...(opts.flags["cpu-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(opts.flags["cpu-prof"])}`] : []),
          "--import",
          "tsx",
          "src/main.ts",
        ],
        {
          ...env,
          DATABASE_URL: bdb.url,
          ORG_FILE: path.join(ROOT, "examples/org.demo.yaml"),
          PLAYBOOK_FILE: path.join(ROOT, "playbooks/default.yaml"),
          SLACK_BOT_TOKEN: "xoxb-bench-ack",
          SLACK_API_URL: fake.apiUrl,
          // the fake Slack serves the response_urls on loopback
          SLACK_RESPONSE_URL_HOSTS: "127.0.0.1",
          PLAYGROUND: "off",
          SCHEDULER_ENABLED: "false",
          LOG_LEVEL: "info",
        },
        { cwd: ROOT, ipc: false, startTimeoutMs: 90_000 },
      );
      children.push(bot);
      const bare = await startChild(["--import", "tsx", "bench/lib/bare-bolt-app.ts"], env, {
        cwd: ROOT,
        ipc: false,
        startTimeoutMs: 60_000,
      });
      children.push(bare);
      const requests = new SlackRequests(SECRET, fake.apiUrl.replace(/\/api\/$/, ""));
      fake.onModal((m) => requests.modalOpened(m));
      const session: Session = {
        urls: { branchbot: `${bot.url}/slack/events`, bare: `${bare.url}/slack/events` },
        pids: { branchbot: bot.pid, bare: bare.pid },
        agent,
        requests,
      };
      // a few slash commands first, so the first submissions have a real modal to submit
      await openLoop({
        url: session.urls.branchbot,
        rate: 10,
        durationMs: 500,
        timeoutMs: 10_000,
        agent,
        make: (i) => requests.make(3 * i + 1, true),
      });
      for (let i = 0; i < 100 && requests.modalsQueued === 0; i++) await sleep(100);

      const figures: Figure[] = await queriesPerKind({
        eventsUrl: session.urls.branchbot,
        metricsUrl: `${bot.url}/metrics`,
        agent,
        requests,
      });
      const notes: string[] = [
        `request mix, in turn: ${KINDS.join(", ")}`,
        "queries_per.<kind>: SQL statements per request of that kind, work after the ack included, from a 5 req/s pass before the load (/metrics)",
      ];
      for (const [i, rate] of p.rates.entries()) {
        // let the previous rate's backlog (work after the acks) finish first
        if (i > 0) await sleep(10_000);
        const r = await measureAt(rate, i === 0 ? "" : `at${rate}.`, session, p, opts);
        figures.push(...r.figures);
        notes.push(...r.notes);
      }
      const stats = await fake.stats<{ byMethod: Record<string, number>; responseUrlPosts: number }>();
      figures.push(
        { metric: "branchbot.modals_opened", value: stats.byMethod["views.open"] ?? 0, unit: "count" },
        { metric: "branchbot.submissions_reusing_a_modal", value: requests.reused, unit: "count" },
      );
      notes.push(`fake Slack calls made by Branchbot after its acks: ${JSON.stringify(stats.byMethod)}`);
      return { figures, notes };
    } finally {
      agent.destroy();
      for (const c of children.reverse()) await c.stop();
      await fake.stop();
      rmSync(path.dirname(bdb.url.replace(/^file:/, "")), { recursive: true, force: true });
    }
  },
};
