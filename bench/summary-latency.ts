// Benchmark c: latency of SummaryService.summarise on generated data — a regional officer
// over their region (~10 outlets) and a manager over their outlet, for today / this week /
// this month, many iterations after warm-up, rotating through requesters so no single
// region's pages stay hot. Targets (issue 7): p95 ≤ 300 ms on SQLite with 50 outlets × 1
// year, p95 ≤ 200 ms on PostgreSQL with 500 outlets × 1 year. When a target is missed the
// query plans of the heaviest queries are attached to the notes.
import { ManualClock } from "../src/domain/clock.js";
import type { PeriodInput } from "../src/domain/summary.js";
import type { SummaryScope } from "../src/services/summary/scope.js";
import { SummaryService } from "../src/services/summary/service.js";
import { type BenchDb, pgServerUrl, postgresDb, sqliteDb } from "./lib/databases.js";
import { explainHeaviest } from "./lib/explain.js";
import { type Generated, generate } from "./lib/generate.js";
import { round, summarise, timeLoop } from "./lib/stats.js";
import { queryBreakdown } from "./lib/summary-breakdown.js";
import type { Benchmark, BenchResult, Figure, RunOptions } from "./lib/types.js";

interface Scenario {
  db: "sqlite" | "postgresql";
  outlets: number;
  days: number;
  targetP95: number;
}

const PERIODS: PeriodInput[] = ["today", "week", "month"];
type Who = "region" | "outlet";

function scenarios(opts: RunOptions): Scenario[] {
  const f = opts.flags;
  const days = Number(f.days ?? (opts.quick ? 14 : 365));
  const list: Scenario[] = [
    { db: "sqlite", outlets: Number(f["sqlite-outlets"] ?? (opts.quick ? 2 : 50)), days, targetP95: 300 },
  ];
  // --quick never touches PostgreSQL (it may need installing); --no-pg skips it on purpose
  if (!opts.quick && f["no-pg"] === undefined) {
    list.push({ db: "postgresql", outlets: Number(f["pg-outlets"] ?? 500), days, targetP95: 200 });
  }
  return list;
}

async function runScenario(s: Scenario, opts: RunOptions): Promise<BenchResult> {
  const label = `${s.db} ${s.outlets} outlets × ${s.days} days`;
  opts.log(`${label}: creating database…`);
  const bdb: BenchDb =
    s.db === "sqlite" ? await sqliteDb(opts.scratchDir, "summary") : await postgresDb(pgServerUrl(), "summary");
  try {
    const g = await generate(bdb.db, bdb.url, { outlets: s.outlets, days: s.days, log: opts.log });
    opts.log(`${label}: generated ${g.totalRows} rows in ${g.seconds} s`);
    // fresh planner statistics, as autovacuum / a periodic ANALYZE would leave them in production
    await bdb.db.$executeRawUnsafe("ANALYZE");
    return await measure(s, bdb, g, opts);
  } finally {
    if (opts.flags.keep === undefined) await bdb.cleanup();
    else await bdb.db.$disconnect();
  }
}

async function measure(s: Scenario, bdb: BenchDb, g: Generated, opts: RunOptions): Promise<BenchResult> {
  const service = new SummaryService(bdb.db, new ManualClock(g.now), { playbook: g.playbook });
  const managers = g.outlets.map((o) => o.staff.manager?.[0] as string);
  const requests: Record<Who, (i: number) => [string, SummaryScope]> = {
    region: (i) => [g.regions[i % g.regions.length]?.regionalId as string, { kind: "region" }],
    outlet: (i) => [managers[i % managers.length] as string, { kind: "outlet" }],
  };
  const iterations = Number(opts.flags.iterations ?? (opts.quick ? 5 : 60));
  const warmup = opts.quick ? 1 : 5;
  const maxMs = Number(opts.flags["max-seconds"] ?? (opts.quick ? 10 : 90)) * 1000;
  const figures: Figure[] = [
    { metric: `${s.db}.data.outlets`, value: s.outlets, unit: "count" },
    { metric: `${s.db}.data.rows`, value: g.totalRows, unit: "count" },
    { metric: `${s.db}.data.generate_seconds`, value: g.seconds, unit: "s" },
  ];
  const target = { op: "<=" as const, value: s.targetP95 };
  const all: number[] = [];
  const notes = [`${s.db}: rows ${JSON.stringify(g.rows)}; now = ${g.now.toISOString()}`];
  for (const who of ["region", "outlet"] as Who[]) {
    for (const period of PERIODS) {
      const samples = await timeLoop(
        async (i) => {
          const [requester, scope] = requests[who](i);
          const r = await service.summarise(requester, scope, period);
          if (!r.ok) throw new Error(`summary refused for ${who}/${String(period)}: ${r.code}`);
        },
        { warmup, iterations, maxMs },
      );
      all.push(...samples);
      const st = summarise(samples);
      opts.log(`${s.db} ${who} ${String(period)}: n=${st.n} p50=${round(st.p50)} p95=${round(st.p95)} ms`);
      const m = `${s.db}.${who}.${String(period)}`;
      figures.push(
        { metric: `${m}.p50`, value: round(st.p50), unit: "ms" },
        { metric: `${m}.p95`, value: round(st.p95), unit: "ms", target },
        { metric: `${m}.p99`, value: round(st.p99), unit: "ms" },
      );
    }
  }
  const overall = summarise(all);
  figures.push(
    { metric: `${s.db}.all.n`, value: overall.n, unit: "count" },
    { metric: `${s.db}.all.p50`, value: round(overall.p50), unit: "ms" },
    { metric: `${s.db}.all.p95`, value: round(overall.p95), unit: "ms", target },
    { metric: `${s.db}.all.p99`, value: round(overall.p99), unit: "ms" },
  );
  // where the time goes in the heaviest request (a region's month), query group by group
  const breakdown = await queryBreakdown(bdb.db, g, opts.quick ? 2 : 10);
  for (const [part, ms] of Object.entries(breakdown)) {
    figures.push({ metric: `${s.db}.region.month.part.${part}.p50`, value: round(ms), unit: "ms" });
  }
  const missed = figures.some((f) => f.target && f.value > f.target.value);
  if (missed || opts.flags.explain !== undefined) notes.push(...(await explainHeaviest(bdb, g)));
  return { figures, notes };
}

export const summaryLatency: Benchmark = {
  name: "summary",
  description: "summary query latency (issue 7 c): summarise() p50/p95/p99 on generated data",
  async run(opts) {
    const out: BenchResult = { figures: [], notes: [] };
    for (const s of scenarios(opts)) {
      const r = await runScenario(s, opts);
      out.figures.push(...r.figures);
      out.notes?.push(...(r.notes ?? []));
    }
    return out;
  },
};
