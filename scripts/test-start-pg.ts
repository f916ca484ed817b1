// npm run test:start-pg — what a user does on a fresh machine, checked end to end:
//   git clone <this repo> <tmp>/branchbot      (the committed HEAD, not the working tree)
//   npm install                                 (postinstall generates both clients, builds dist/)
//   DATABASE_URL=postgresql://… npm start       → GET /readyz 200 within the bound
// against a fresh database on the throwaway PostgreSQL server of scripts/pg-server.sh.
// Prisma's engine downloads are pointed at a dead address (PRISMA_ENGINES_MIRROR) and the output
// is checked for any download attempt, so a regression to "generate fetches libquery_engine"
// fails here even on a machine with internet.
// Options: --install=copy  copy this checkout's node_modules instead of `npm install` (faster;
//          then `npm run postinstall` runs what install would) · --keep  leave the clone
//          · --bound-ms=N  the start → ready bound for the second start (default 3000).
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";

const root = path.resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);
const flag = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const install = flag("install") ?? "npm";
const keep = args.includes("--keep");
const boundMs = Number(flag("bound-ms") ?? 3000);
const FIRST_START_BOUND_MS = 30_000; // includes migrating and importing into an empty database

const DEAD = "http://127.0.0.1:9"; // discard port: nothing listens, connections are refused
const offlineEnv = { PRISMA_ENGINES_MIRROR: DEAD };

function step(what: string) {
  console.log(`\n── ${what}`);
}

function run(cmd: string, cmdArgs: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  const t0 = performance.now();
  const r = spawnSync(cmd, cmdArgs, { cwd, env, encoding: "utf8", maxBuffer: 64 * 2 ** 20 });
  const out = `${r.stdout ?? ""}${r.stderr ?? ""}`;
  console.log(`$ ${cmd} ${cmdArgs.join(" ")}  (${((performance.now() - t0) / 1000).toFixed(1)} s, exit ${r.status})`);
  if (r.status !== 0) {
    console.log(out.slice(-6000));
    throw new Error(`${cmd} ${cmdArgs.join(" ")} failed`);
  }
  return out;
}

function assertNoDownload(out: string, what: string) {
  const hit = /binaries\.prisma\.sh|libquery_engine|Downloading Prisma engines|ENOTFOUND|127\.0\.0\.1:9\b/.exec(out);
  if (hit) throw new Error(`${what} tried to download a Prisma engine (${hit[0]}):\n${out.slice(-4000)}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** `npm start` in dir; resolves with ms from spawn to the first /readyz 200, then SIGTERMs it. */
async function timedStart(dir: string, env: NodeJS.ProcessEnv, limitMs: number): Promise<{ ms: number; out: string }> {
  const port = await freePort();
  const child = spawn("npm", ["start"], {
    cwd: dir,
    env: { ...env, PORT: String(port), HOST: "127.0.0.1", PLAYGROUND: "off" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group: SIGTERM reaches npm and the node it runs
  });
  let out = "";
  child.stdout.on("data", (c: Buffer) => {
    out += c.toString();
  });
  child.stderr.on("data", (c: Buffer) => {
    out += c.toString();
  });
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  const t0 = performance.now();
  let ms = Number.NaN;
  try {
    while (performance.now() - t0 < Math.max(limitMs * 4, 60_000)) {
      if (child.exitCode !== null) break;
      const ok = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(1000) }).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) {
        ms = performance.now() - t0;
        break;
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  } finally {
    if (child.exitCode === null && child.pid) process.kill(-child.pid, "SIGTERM");
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r("timeout"), 20_000))]);
    if (code === "timeout" && child.pid) process.kill(-child.pid, "SIGKILL");
  }
  if (Number.isNaN(ms)) throw new Error(`npm start never became ready:\n${out.slice(-6000)}`);
  return { ms, out };
}

const server = execFileSync(path.join(root, "scripts/pg-server.sh"), ["start"], { encoding: "utf8" }).trim();
const dbName = `start_pg_${process.pid}`;
const admin = async (sql: string) => {
  const c = new pg.Client({ connectionString: server });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
};
const tmp = mkdtempSync(path.join(tmpdir(), "branchbot-clone-"));
const dir = path.join(tmp, "branchbot");
let failed = false;
try {
  await admin(`CREATE DATABASE ${dbName}`);
  const u = new URL(server);
  u.pathname = `/${dbName}`;
  const databaseUrl = u.toString();
  console.log(`PostgreSQL: ${databaseUrl}`);

  step("git clone (committed HEAD)");
  run("git", ["clone", "--quiet", "--no-hardlinks", root, dir], tmp);
  console.log(`HEAD ${run("git", ["rev-parse", "--short", "HEAD"], dir).trim()}`);

  // The user's environment already says PostgreSQL at install, as a deployment's would.
  const env: NodeJS.ProcessEnv = { ...process.env, ...offlineEnv, DATABASE_URL: databaseUrl };
  delete env.npm_config_prefix;
  if (install === "copy") {
    step("install: copy node_modules from this checkout, then the postinstall script");
    cpSync(path.join(root, "node_modules"), path.join(dir, "node_modules"), {
      recursive: true,
      verbatimSymlinks: true,
    });
    assertNoDownload(run("npm", ["run", "postinstall"], dir, env), "postinstall");
  } else {
    step("install: npm install");
    const out = run("npm", ["install", "--no-audit", "--no-fund"], dir, env);
    assertNoDownload(out, "npm install");
  }
  run("node", ["scripts/prepare.mjs", "--check"], dir, env);

  step("npm start on PostgreSQL: first start (empty database: migrations, org import)");
  const first = await timedStart(dir, env, FIRST_START_BOUND_MS);
  assertNoDownload(first.out, "npm start");
  console.log(`ready after ${Math.round(first.ms)} ms (bound ${FIRST_START_BOUND_MS} ms)`);
  if (first.ms > FIRST_START_BOUND_MS) throw new Error("first start exceeded its bound");

  step("npm start on PostgreSQL: restart (built tree, migrated database)");
  const again = await timedStart(dir, env, boundMs);
  assertNoDownload(again.out, "npm start");
  if (/prepare: (tsc|prisma generate)/.test(again.out)) throw new Error(`a restart rebuilt:\n${again.out}`);
  console.log(`ready after ${Math.round(again.ms)} ms (bound ${boundMs} ms)`);
  if (again.ms > boundMs) throw new Error(`restart took ${Math.round(again.ms)} ms, over the ${boundMs} ms bound`);
  console.log(
    `\nsummary: clean clone, install=${install}, PostgreSQL; first start ${Math.round(first.ms)} ms, restart ${Math.round(again.ms)} ms`,
  );
} catch (err) {
  failed = true;
  console.error(`\nFAILED: ${(err as Error).message}`);
} finally {
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
  if (keep) console.log(`clone kept at ${dir}`);
  else rmSync(tmp, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
