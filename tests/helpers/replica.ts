// Real service processes for the replica and fault-tolerance suites: each replica is
// `node --import tsx src/main.ts` (what `npm start` runs, minus the Prisma generate step) with
// its own PORT and environment, watched through GET /healthz, stopped with SIGTERM or killed
// with SIGKILL. Also a throwaway PostgreSQL server per suite, started and stopped through
// scripts/pg-server.sh on a port of its own, so stopping it never disturbs another suite.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";

export const ROOT = path.resolve(import.meta.dirname, "../..");
const run = promisify(execFile);

/** A free TCP port on loopback (the OS picks it; released before the replica binds it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Health {
  status: number;
  body: { status?: string; database?: { status?: string; error?: string } };
}

/** One service process. Restartable: start() after kill9()/stop() spawns a fresh one. */
export class ServiceProcess {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  private readonly tail: string[] = [];
  /** How many processes this handle has spawned, and how many it killed with SIGKILL. */
  starts = 0;
  kills = 0;

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The last lines the process printed (for failure messages). */
  logTail(lines = 40): string {
    return this.tail.slice(-lines).join("\n");
  }

  /** Spawns the service and waits until /healthz answers 200 (or the process dies, or time runs out). */
  async start(timeoutMs = 90_000): Promise<void> {
    if (this.running) throw new Error(`${this.name} is already running`);
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "/tmp",
        NODE_ENV: "test",
        HOST: "127.0.0.1",
        PORT: String(this.port),
        PLAYGROUND: "off",
        LOG_LEVEL: "warn",
        ...this.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child = child;
    this.starts++;
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString("utf8").split("\n")) if (line.trim()) this.tail.push(`[${this.name}] ${line}`);
      if (this.tail.length > 400) this.tail.splice(0, this.tail.length - 400);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    this.exited = new Promise((resolve) => child.once("exit", () => resolve()));
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (!this.running) throw new Error(`${this.name} exited during start-up:\n${this.logTail()}`);
      const h = await this.health(1000);
      if (h?.status === 200) return;
      await sleep(150);
    }
    throw new Error(`${this.name} did not become healthy within ${timeoutMs} ms:\n${this.logTail()}`);
  }

  /** GET /healthz; null when nothing answers (process down, or no answer within timeoutMs). */
  async health(timeoutMs = 3000): Promise<Health | null> {
    try {
      const res = await fetch(`${this.url}/healthz`, { signal: AbortSignal.timeout(timeoutMs) });
      return { status: res.status, body: (await res.json()) as Health["body"] };
    } catch {
      return null;
    }
  }

  /** kill -9: no shutdown code runs, in-flight requests and transactions are cut off. */
  async kill9(): Promise<void> {
    if (!this.child || !this.running) return;
    this.kills++;
    this.child.kill("SIGKILL");
    await this.exited;
  }

  /** Graceful stop (SIGTERM), SIGKILL after graceMs. Safe to call on a stopped process. */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.child || !this.running) return;
    const child = this.child;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}

/**
 * A PostgreSQL server of this suite's own (scripts/pg-server.sh with PGTEST_PORT/PGTEST_DIR):
 * the script installs Debian's postgresql on a clean machine, initialises the data directory
 * once and starts the server on 127.0.0.1. stop() is `pg_ctl -m fast stop` on the same data dir.
 */
export class PgServer {
  url = "";
  constructor(
    readonly port: number,
    readonly dir = `/tmp/branchbot-pg-${port}`,
  ) {}

  private script(cmd: "start" | "stop") {
    return run(path.join(ROOT, "scripts/pg-server.sh"), [cmd], {
      env: { ...process.env, PGTEST_PORT: String(this.port), PGTEST_DIR: this.dir },
      timeout: 600_000,
    });
  }

  async start(): Promise<string> {
    const { stdout } = await this.script("start");
    this.url = stdout.trim().split("\n").pop() ?? "";
    if (!this.url.startsWith("postgresql://")) throw new Error(`pg-server.sh printed no URL: ${stdout}`);
    return this.url;
  }

  async stop(): Promise<void> {
    await this.script("stop");
  }

  /** A fresh, empty database on this server; its URL. */
  async createDatabase(prefix = "bb"): Promise<string> {
    const name = `${prefix}_${randomBytes(5).toString("hex")}`;
    await this.admin(`CREATE DATABASE ${name}`);
    const u = new URL(this.url);
    u.pathname = `/${name}`;
    return u.toString();
  }

  async dropDatabase(url: string): Promise<void> {
    const name = new URL(url).pathname.slice(1);
    await this.admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
  }

  private async admin(sql: string): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }
}

/** Polls `check` until it stops throwing or timeoutMs passes (then rethrows its last error). */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 15_000, everyMs = 100): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > until) throw err;
      await sleep(everyMs);
    }
  }
}
