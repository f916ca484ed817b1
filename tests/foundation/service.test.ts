import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startApp } from "../../src/app.js";
import { loadConfig } from "../../src/config/env.js";
import { ROOT } from "../helpers/db.js";

let app: RunningApp;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "branchbot-svc-"));
  const config = loadConfig(
    { PORT: "1", DATABASE_URL: `file:${dir}/svc.db`, SCHEDULER_ENABLED: "false", PLAYGROUND: "off" },
    ROOT,
  );
  app = await startApp({ ...config, port: 0, host: "127.0.0.1" }, { logger: pino({ level: "silent" }) });
});

afterAll(async () => {
  await app?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("the service", () => {
  it("answers /healthz with the version and database status", async () => {
    const res = await fetch(`${app.url}/healthz`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      status: "ok",
      version: expect.any(String),
      database: { status: "ok", provider: "sqlite" },
    });
  });

  it("has migrated and imported the demo org on start", async () => {
    expect(await app.db.outlet.count()).toBe(2);
    expect(await app.db.taskTemplate.count()).toBe(14);
  });

  it("serves Prometheus metrics, including the outbox depth read from the database", async () => {
    const res = await fetch(`${app.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const body = await res.text();
    expect(body).toContain('branchbot_outbox_depth{status="pending"} 0');
    expect(body).toContain("branchbot_process_resident_memory_bytes");
  });

  it("answers unknown paths with 404 JSON", async () => {
    const res = await fetch(`${app.url}/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: "not_found" });
  });
});
