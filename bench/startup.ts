// Benchmark: start-up time (issue 12) — from spawning the service process to the first
// GET /readyz that answers 200 (database migrated, org imported, HTTP listening), on a built
// tree. Polls /readyz every 25 ms; each run is a fresh process, stopped with SIGTERM.
// Variants:
//   - node dist/main.js (what `npm start` runs after its staleness check), SQLite and PostgreSQL,
//     on a database that is already migrated and imported (a restart: the usual case);
//   - the whole `npm start` (npm, the prestart staleness check, the service), SQLite;
//   - the first start on an empty database (migrations and the org import from scratch);
//   - before issue 12: `npm start` as it was (prisma generate ×2 and tsc at every start),
//     reproduced as those two commands followed by the service; one run (skip: --no-before).
// Target: median ≤ 3,000 ms from process start to ready on a built tree.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { type BenchDb, pgServerUrl, postgresDb, ROOT, sqliteDb } from "./lib/databases.js";
import { freePort, get, sleep } from "./lib/proc.js";
import { round } from "./lib/stats.js";
import type { Benchmark, Figure, RunOptions } from "./lib/types.js";

const TARGET = { op: "<=" as const, value: 3000 };
const NODE_ARGS = ["--max-semi-space-size=2", "dist/main.js"];

interface Run {
  readyMs: number;
  stopMs: number;
}

/** Spawns `cmd args`, times spawn → /readyz 200, then SIGTERM → exit. */
async function timeStart(cmd: string, args: string[], env: Record<string, string>, timeoutMs = 120_000): Promise<Run> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/readyz`;
  const t0 = performance.now();
  const child: ChildProcess = spawn(cmd, args, {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      PLAYGROUND: "off",
      LOG_LEVEL: "warn",
      NODE_ENV: "production",
      ...env,
      PORT: String(port),
      HOST: "127.0.0.1",
    },
    stdio: ["ignore", "ignore", "pipe"],
    detached: cmd !== process.execPath, // npm: its own process group, so SIGTERM reaches node too
  });
  let stderr = "";
  child.stderr?.on("data", (c: Buffer) => {
    stderr = (stderr + c.toString()).slice(-4000);
  });
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  let readyMs = Number.NaN;
  while (performance.now() - t0 < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`exited before ready:\n${stderr}`);
    try {
      if ((await get(url, 1000)).status === 200) {
        readyMs = performance.now() - t0;
        break;
      }
    } catch {
      // not listening yet
    }
    await sleep(25);
  }
  const s0 = performance.now();
  if (child.pid && cmd !== process.execPath) process.kill(-child.pid, "SIGTERM");
  else child.kill("SIGTERM");
  const kill = setTimeout(() => child.kill("SIGKILL"), 20_000);
  await exited;
  clearTimeout(kill);
  if (Number.isNaN(readyMs)) throw new Error(`not ready after ${timeoutMs} ms:\n${stderr}`);
  return { readyMs, stopMs: performance.now() - s0 };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

function figuresOf(name: string, runs: Run[], judged: boolean): Figure[] {
  const ready = runs.map((r) => r.readyMs);
  return [
    {
      metric: `${name}.ready.median`,
      value: round(median(ready)),
      unit: "ms",
      ...(judged ? { target: TARGET } : {}),
    },
    { metric: `${name}.ready.min`, value: round(Math.min(...ready)), unit: "ms" },
    { metric: `${name}.ready.max`, value: round(Math.max(...ready)), unit: "ms" },
    { metric: `${name}.stop.median`, value: round(median(runs.map((r) => r.stopMs))), unit: "ms" },
  ];
}

async function repeat(n: number, f: () => Promise<Run>, log: (l: string) => void, label: string): Promise<Run[]> {
  const runs: Run[] = [];
  for (let i = 0; i < n; i++) {
    const r = await f();
    log(`${label} run ${i + 1}/${n}: ready in ${Math.round(r.readyMs)} ms, stopped in ${Math.round(r.stopMs)} ms`);
    runs.push(r);
  }
  return runs;
}

export const startup: Benchmark = {
  name: "startup",
  description: "start-up (issue 12): process start → GET /readyz 200, on a built tree",
  async run(opts: RunOptions) {
    const n = Number(opts.flags.runs ?? (opts.quick ? 2 : 7));
    const figures: Figure[] = [];
    const notes: string[] = [];
    const t = performance.now();
    execFileSync(process.execPath, ["scripts/prepare.mjs"], { cwd: ROOT, stdio: "ignore" });
    const check0 = performance.now();
    execFileSync(process.execPath, ["scripts/prepare.mjs", "--check"], { cwd: ROOT, stdio: "ignore" });
    notes.push(
      `tree built (scripts/prepare.mjs: ${Math.round(check0 - t)} ms); the staleness check on a fresh tree took ${Math.round(performance.now() - check0)} ms`,
    );
    const dbs: BenchDb[] = [];
    try {
      const lite = await sqliteDb(opts.scratchDir, "startup");
      dbs.push(lite);
      await lite.db.$disconnect();
      const env = { DATABASE_URL: lite.url };
      // the first start imports the org into the migrated, empty database
      const first = await timeStart(process.execPath, NODE_ARGS, env);
      opts.log(`sqlite first start (org import from scratch): ${Math.round(first.readyMs)} ms`);
      figures.push({ metric: "sqlite.first-start.ready", value: round(first.readyMs), unit: "ms" });
      figures.push(
        ...figuresOf(
          "sqlite.node",
          await repeat(n, () => timeStart(process.execPath, NODE_ARGS, env), opts.log, "node dist/main.js, SQLite"),
          true,
        ),
      );
      figures.push(
        ...figuresOf(
          "sqlite.npm-start",
          await repeat(n, () => timeStart("npm", ["start"], env), opts.log, "npm start, SQLite"),
          true,
        ),
      );
      if (!opts.quick && opts.flags["no-pg"] === undefined) {
        const pgdb = await postgresDb(pgServerUrl(), "startup");
        dbs.push(pgdb);
        await pgdb.db.$disconnect();
        const penv = { DATABASE_URL: pgdb.url };
        await timeStart(process.execPath, NODE_ARGS, penv); // first start: org import
        figures.push(
          ...figuresOf(
            "postgresql.node",
            await repeat(
              n,
              () => timeStart(process.execPath, NODE_ARGS, penv),
              opts.log,
              "node dist/main.js, PostgreSQL",
            ),
            true,
          ),
        );
        figures.push(
          ...figuresOf(
            "postgresql.npm-start",
            await repeat(n, () => timeStart("npm", ["start"], penv), opts.log, "npm start, PostgreSQL"),
            true,
          ),
        );
      }
      if (!opts.quick && opts.flags["no-before"] === undefined) {
        // What `npm start` did before issue 12: prestart = `npm run db:generate && npm run build` (tsc).
        const before = await timeStart(
          "sh",
          [
            "-c",
            `npx prisma generate >/dev/null && npx prisma generate --schema prisma/postgresql/schema.prisma >/dev/null && npx tsc -p tsconfig.build.json && exec node ${NODE_ARGS.join(" ")}`,
          ],
          env,
          300_000,
        );
        opts.log(`before (generate + tsc at every start): ${Math.round(before.readyMs)} ms`);
        figures.push({ metric: "before.npm-start.ready", value: round(before.readyMs), unit: "ms" });
        // tsc rewrote dist/ with the same output; the stamp still matches the sources
      }
    } finally {
      for (const d of dbs) await d.cleanup().catch(() => {});
    }
    notes.push(`${n} runs per variant; ready = first 200 from GET /readyz (polled every 25 ms)`);
    notes.push("PLAYGROUND=off, NODE_ENV=production, LOG_LEVEL=warn, SCHEDULER_ENABLED default (on)");
    return { figures, notes };
  },
};
