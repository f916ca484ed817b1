// Benchmark d: resident memory of the service, idle and under load. The app runs in a child
// process (the harness's own memory must not count) and its VmRSS is read from /proc.
// Variants: `node --import tsx src/main.ts` (the sources, as `npm run dev` runs them); the same
// start-up through bench/lib/app-process.ts with --expose-gc, so idle can be measured after a
// full GC and summaries can be added to the load; exactly what `npm start` runs (the tsc
// build in dist/ under node --max-semi-space-size=2); and a plain compiled build for comparison.
// Load = closed-loop /healthz and /metrics requests on loopback (plus summaries in the gc
// variant), bounded by time and count. Target (issue 7): ≤ 150 MB idle.
import { execFileSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { stringify } from "yaml";
import { type RunningChild, startChild } from "./lib/app-runner.js";
import { buildCompiled } from "./lib/compiled-build.js";
import { ROOT, sqliteDb } from "./lib/databases.js";
import { generate } from "./lib/generate.js";
import { get, httpLoad, rssMiB, sampleWhile, sleep, treeRssMiB } from "./lib/proc.js";
import { round } from "./lib/stats.js";
import type { Benchmark, Figure, RunOptions } from "./lib/types.js";

const MiB = 2 ** 20;
const IDLE_TARGET = { op: "<=" as const, value: 150 };

interface Setup {
  env: Record<string, string>;
  settleMs: number;
  loadMs: number;
  regionals: string[];
  now: string;
}

async function prepare(opts: RunOptions): Promise<Setup & { cleanup: () => Promise<void> }> {
  const outlets = Number(opts.flags["memory-outlets"] ?? (opts.quick ? 2 : 20));
  const days = Number(opts.flags["memory-days"] ?? (opts.quick ? 14 : 90));
  const bdb = await sqliteDb(opts.scratchDir, "memory");
  const g = await generate(bdb.db, bdb.url, { outlets, days });
  await bdb.db.$disconnect();
  // the app re-imports this file at start-up; it matches what is stored, so nothing changes
  const orgFile = path.join(opts.scratchDir, `memory-org-${process.pid}.yaml`);
  writeFileSync(orgFile, stringify(g.org));
  opts.log(`data: ${outlets} outlets × ${days} days, ${g.totalRows} rows`);
  return {
    env: {
      DATABASE_URL: bdb.url,
      ORG_FILE: orgFile,
      PLAYBOOK_FILE: path.join(ROOT, "playbooks/default.yaml"),
      PLAYGROUND: "off",
      SCHEDULER_ENABLED: "false",
      LOG_LEVEL: "warn",
      NODE_ENV: "production",
    },
    settleMs: Number(opts.flags["settle-seconds"] ?? (opts.quick ? 1 : 10)) * 1000,
    loadMs: Number(opts.flags["load-seconds"] ?? (opts.quick ? 2 : 30)) * 1000,
    regionals: g.regions.map((r) => r.regionalId),
    now: g.now.toISOString(),
    async cleanup() {
      rmSync(orgFile, { force: true });
      await bdb.cleanup();
    },
  };
}

/** A /metrics gauge value (prom-client's default process and heap metrics). */
async function metric(child: RunningChild, name: string): Promise<number> {
  const body = (await get(`${child.url}/metrics`)).body;
  const m = new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+]+)$`, "m").exec(body);
  return m ? Number(m[1]) : Number.NaN;
}

const httpUrls = (c: RunningChild) => [`${c.url}/healthz`, `${c.url}/metrics`];

async function measureVariant(
  variant: string,
  args: string[],
  s: Setup,
  opts: RunOptions,
  mode: { gc: boolean; summaries: boolean; tree?: boolean; cwd?: string },
  notes: string[],
): Promise<Figure[]> {
  const child = await startChild(args, s.env, { cwd: mode.cwd ?? ROOT, ipc: mode.gc, startTimeoutMs: 90_000 });
  const rss = () => (mode.tree ? treeRssMiB(child.pid) : rssMiB(child.pid));
  try {
    await sleep(s.settleMs);
    if (mode.gc) await child.request({ cmd: "gc" }, 10_000);
    const idle = rss();
    const figures: Figure[] = [{ metric: `${variant}.idle_rss`, value: round(idle), unit: "MiB", target: IDLE_TARGET }];
    if (mode.tree) return figures; // the process tree is only measured idle
    const heap = await metric(child, "branchbot_nodejs_heap_size_used_bytes");
    const reported = await metric(child, "branchbot_process_resident_memory_bytes");
    figures.push(
      { metric: `${variant}.idle_heap_used`, value: round(heap / MiB), unit: "MiB" },
      { metric: `${variant}.idle_rss_reported_by_metrics`, value: round(reported / MiB), unit: "MiB" },
    );
    const load = Promise.all([
      httpLoad(httpUrls(child), { concurrency: 8, durationMs: s.loadMs, maxRequests: 200_000 }),
      mode.summaries
        ? child.request(
            { cmd: "summaries", durationMs: s.loadMs, maxCount: 5_000, now: s.now, requesters: s.regionals },
            s.loadMs + 60_000,
          )
        : Promise.resolve({ count: 0 }),
    ]);
    const { result, peak } = await sampleWhile(rss, 200, load);
    const [http, summaries] = result;
    opts.log(`${variant}: ${http.requests} HTTP requests (${http.errors} errors), ${summaries.count} summaries`);
    if (http.firstError) notes.push(`${variant}: first HTTP error: ${http.firstError}`);
    figures.push(
      { metric: `${variant}.load_peak_rss`, value: round(peak), unit: "MiB" },
      { metric: `${variant}.load_http_requests_per_s`, value: round(http.requests / http.seconds), unit: "req/s" },
      { metric: `${variant}.load_http_errors`, value: http.errors, unit: "count", target: { op: "==", value: 0 } },
    );
    if (mode.summaries)
      figures.push({ metric: `${variant}.load_summaries`, value: Number(summaries.count), unit: "count" });
    await sleep(s.settleMs);
    if (mode.gc) await child.request({ cmd: "gc" }, 10_000);
    figures.push({ metric: `${variant}.after_load_rss`, value: round(rss()), unit: "MiB" });
    return figures;
  } finally {
    await child.stop();
  }
}

export const memory: Benchmark = {
  name: "memory",
  description: "memory (issue 7 d): service RSS idle and under /healthz + /metrics + summary load",
  async run(opts) {
    const s = await prepare(opts);
    const notes: string[] = [];
    const cleanups: Array<() => void> = [];
    try {
      const figures = [
        ...(await measureVariant(
          "tsx",
          ["--import", "tsx", "src/main.ts"],
          s,
          opts,
          { gc: false, summaries: false },
          notes,
        )),
        ...(await measureVariant(
          "tsx_gc",
          ["--expose-gc", "--import", "tsx", "bench/lib/app-process.ts"],
          s,
          opts,
          {
            gc: true,
            summaries: true,
          },
          notes,
        )),
      ];
      if (!opts.quick && opts.flags["no-build"] === undefined) {
        // exactly what `npm start` runs: the tsc build in dist/ with a 2 MB young generation
        const started = Date.now();
        execFileSync("npx", ["tsc", "-p", "tsconfig.build.json"], { cwd: ROOT, stdio: "ignore" });
        notes.push(`npm start's build (npm run build): ${Math.round((Date.now() - started) / 100) / 10} s`);
        figures.push(
          ...(await measureVariant(
            "npm_start",
            ["--max-semi-space-size=2", path.join(ROOT, "dist/main.js")],
            s,
            opts,
            { gc: false, summaries: false },
            notes,
          )),
        );
      }
      if (!opts.quick && opts.flags["no-build"] === undefined) {
        const build = await buildCompiled(opts.scratchDir, opts.log);
        notes.push(`compiled build: ${build.seconds} s with tsc into ${path.relative(ROOT, build.dir)}`);
        cleanups.push(() => rmSync(build.dir, { recursive: true, force: true }));
        figures.push(
          ...(await measureVariant(
            "compiled",
            [path.join(build.dir, "src/main.js")],
            s,
            opts,
            {
              gc: false,
              summaries: false,
            },
            notes,
          )),
        );
      }
      return { figures, notes };
    } finally {
      for (const c of cleanups) c();
      await s.cleanup();
    }
  },
};
