// Liveness, readiness and the SIGTERM drain.
// - /livez is 200 whatever the database does; /readyz and /healthz are 503 while it is
//   unreachable and while the process drains (in-process, database closed under the app).
// - A real service process (node --import tsx src/main.ts) gets SIGTERM while a request is in
//   flight: the request completes with 200, new connections are refused, the process exits 0,
//   and the drain time is printed (issue 12).
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startApp } from "../../src/app.js";
import { loadConfig } from "../../src/config/env.js";
import { ROOT } from "../helpers/db.js";
import { freePort, sleep } from "../helpers/replica.js";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "branchbot-shutdown-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function start(name: string, extra: Record<string, string> = {}): Promise<RunningApp> {
  const config = loadConfig(
    { DATABASE_URL: `file:${dir}/${name}.db`, SCHEDULER_ENABLED: "false", PLAYGROUND: "off", ...extra },
    ROOT,
  );
  return startApp({ ...config, port: 0, host: "127.0.0.1" }, { logger: pino({ level: "silent" }) });
}

describe("probes", () => {
  it("/livez stays 200 while the database is unreachable; /readyz and /healthz turn 503", async () => {
    const app = await start("probes");
    try {
      for (const p of ["/livez", "/readyz", "/healthz"]) expect((await fetch(app.url + p)).status, p).toBe(200);
      // Simulate an outage: every query fails as it would with the server gone.
      const db = app.db as unknown as { $queryRawUnsafe: () => Promise<never> };
      const original = db.$queryRawUnsafe;
      db.$queryRawUnsafe = () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:5432"));
      const live = await fetch(`${app.url}/livez`);
      expect(live.status).toBe(200);
      expect(await live.json()).toMatchObject({ status: "ok", draining: false });
      for (const p of ["/readyz", "/healthz"]) {
        const res = await fetch(app.url + p);
        expect(res.status, p).toBe(503);
        expect(await res.json()).toMatchObject({ status: "unhealthy", database: { status: "down" } });
      }
      db.$queryRawUnsafe = original;
      expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
    } finally {
      await app.stop();
    }
  });

  it("stop() waits for an in-flight request, refuses new connections, and reports the drain", async () => {
    const app = await start("drain-inproc", { SHUTDOWN_TIMEOUT_SECONDS: "5" });
    const registry = app.metrics.registry as unknown as { metrics: () => Promise<string> };
    const original = registry.metrics.bind(registry);
    registry.metrics = async () => {
      await sleep(800);
      return original();
    };
    const inFlight = fetch(`${app.url}/metrics`);
    await sleep(200);
    const stopped = app.stop();
    await sleep(50);
    await expect(fetch(`${app.url}/livez`)).rejects.toThrow();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("branchbot_outbox_depth");
    const report = await stopped;
    expect(report.abandonedRequests).toBe(0);
    expect(report.drainMs).toBeGreaterThanOrEqual(400);
    expect(report.drainMs).toBeLessThan(5_000);
  });

  it("cuts a request that outlives SHUTDOWN_TIMEOUT_SECONDS, and still stops", async () => {
    const app = await start("drain-bound", { SHUTDOWN_TIMEOUT_SECONDS: "1" });
    const registry = app.metrics.registry as unknown as { metrics: () => Promise<string> };
    registry.metrics = () => new Promise(() => {}); // never answers
    const hung = fetch(`${app.url}/metrics`).then(
      () => "answered",
      () => "cut",
    );
    await sleep(200);
    const report = await app.stop();
    expect(report.abandonedRequests).toBe(1);
    expect(report.drainMs).toBeGreaterThanOrEqual(900);
    expect(report.drainMs).toBeLessThan(4_000);
    expect(await hung).toBe("cut");
  });
});

describe("SIGTERM to a real service process", () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    if (child && child.exitCode === null) child.kill("SIGKILL");
  });

  it("finishes the in-flight request, then exits 0 within the bound", async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    child = spawn(
      process.execPath,
      ["--import", "tsx", "--import", "./tests/foundation/fixtures/slow-metrics.mjs", "src/main.ts"],
      {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? "",
          HOME: process.env.HOME ?? "",
          PORT: String(port),
          HOST: "127.0.0.1",
          DATABASE_URL: `file:${dir}/sigterm.db`,
          PLAYGROUND: "off",
          LOG_LEVEL: "info",
          SHUTDOWN_TIMEOUT_SECONDS: "10",
          SLOW_METRICS_MS: "1500",
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let out = "";
    child.stdout?.on("data", (c: Buffer) => {
      out += c.toString();
    });
    child.stderr?.on("data", (c: Buffer) => {
      out += c.toString();
    });
    const exited = new Promise<number | null>((resolve) => child?.once("exit", (code) => resolve(code)));
    const deadline = Date.now() + 60_000;
    for (;;) {
      const ok = await fetch(`${url}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`service did not become ready:\n${out}`);
      await sleep(100);
    }

    const t0 = performance.now();
    const inFlight = fetch(`${url}/metrics`).then(async (r) => ({ status: r.status, body: await r.text() }));
    await sleep(300); // the request is now inside the (slowed) handler
    const signalledAt = performance.now();
    child.kill("SIGTERM");
    await sleep(100);
    const refused = await fetch(`${url}/livez`).then(
      () => false,
      () => true,
    );
    const res = await inFlight;
    const answeredMs = performance.now() - t0;
    const code = await exited;
    const exitMs = performance.now() - signalledAt;
    const drain = /"drainMs":(\d+)/.exec(out);
    console.log(
      `SIGTERM drain: in-flight request answered ${Math.round(answeredMs)} ms after it was sent (handler 1500 ms); ` +
        `process exited ${Math.round(exitMs)} ms after SIGTERM; drainMs=${drain?.[1]} (the app's own figure)`,
    );
    expect(res.status).toBe(200);
    expect(res.body).toContain("branchbot_outbox_depth");
    expect(refused, "no new connections while draining").toBe(true);
    expect(code, out).toBe(0);
    expect(out).toContain("draining: no new connections");
    expect(Number(drain?.[1])).toBeGreaterThanOrEqual(1000);
    expect(exitMs).toBeLessThan(10_000);
  }, 90_000);
});
