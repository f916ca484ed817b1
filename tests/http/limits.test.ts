// The shared HTTP server's limits through real sockets against the real app: slow headers
// and slow bodies are cut off with 408, idle keep-alive connections are closed, connections
// beyond the cap are refused, oversized bodies get 413 with a fixed JSON body (Teams and
// Slack), a broken JSON body gets 400 without Express's stack page, and /metrics can require
// a bearer token or move to a port of its own.
import { mkdtempSync, rmSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startApp } from "../../src/app.js";
import { loadConfig } from "../../src/config/env.js";
import { createLogger } from "../../src/log.js";
import { ROOT } from "../helpers/db.js";
import { FakeSlack } from "../helpers/fake-slack.js";
import { signedHeaders } from "../helpers/slack-sign.js";

const SECRET = "limits0signing0secret00000000001";
const METRICS_TOKEN = "metrics-token-0123456789abcdef";

interface Started {
  app: RunningApp;
  stop(): Promise<void>;
}

async function start(env: Record<string, string>, metricsPort?: number): Promise<Started> {
  const dir = mkdtempSync(path.join(tmpdir(), "branchbot-limits-"));
  const slack = await new FakeSlack().start();
  const config = loadConfig(
    {
      DATABASE_URL: `file:${dir}/limits.db`,
      SCHEDULER_ENABLED: "false",
      PLAYGROUND: "off",
      SLACK_BOT_TOKEN: "xoxb-limits",
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      SLACK_RESPONSE_URL_HOSTS: "127.0.0.1",
      ...env,
    },
    ROOT,
  );
  const metrics = metricsPort === undefined ? config.metrics : { ...config.metrics, port: metricsPort };
  const app = await startApp({ ...config, port: 0, host: "127.0.0.1", metrics }, { logger: createLogger("silent") });
  return {
    app,
    async stop() {
      await app.stop();
      await slack.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A raw TCP client: what it received and when the server closed it. */
function rawClient(port: number): Promise<{ socket: Socket; data: () => string; closed: Promise<number> }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let data = "";
    const socket = connect(port, "127.0.0.1");
    const closed = new Promise<number>((r) => socket.once("close", () => r(Date.now() - started)));
    socket.on("data", (d) => {
      data += d.toString();
    });
    socket.on("error", () => undefined);
    socket.once("connect", () => resolve({ socket, data: () => data, closed }));
    socket.once("error", reject);
  });
}

const within = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<"timeout">((r) => setTimeout(() => r("timeout"), ms))]);

describe("HTTP server limits", () => {
  let s: Started;
  beforeAll(async () => {
    s = await start({
      HTTP_HEADERS_TIMEOUT_MS: "500",
      HTTP_REQUEST_TIMEOUT_MS: "1000",
      HTTP_KEEP_ALIVE_TIMEOUT_MS: "300",
      HTTP_MAX_CONNECTIONS: "4",
      HTTP_MAX_BODY_BYTES: "4096",
    });
  });
  afterAll(async () => {
    await s.stop();
  });

  it("answers 408 and closes a connection whose headers do not arrive in time", async () => {
    const c = await rawClient(s.app.port);
    c.socket.write("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ");
    const ms = await within(c.closed, 4000);
    expect(ms).not.toBe("timeout");
    expect(c.data()).toMatch(/^HTTP\/1\.1 408 /);
  });

  it("answers 408 to a request whose body dribbles in past the request timeout", async () => {
    const c = await rawClient(s.app.port);
    c.socket.write(
      "POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{",
    );
    const timer = setInterval(() => c.socket.write(" "), 100);
    const ms = await within(c.closed, 5000);
    clearInterval(timer);
    expect(ms).not.toBe("timeout");
    expect(c.data()).toMatch(/^HTTP\/1\.1 408 /);
  });

  it("closes an idle keep-alive connection after the keep-alive timeout", async () => {
    const c = await rawClient(s.app.port);
    c.socket.write("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n");
    const ms = await within(c.closed, 3000);
    expect(ms).not.toBe("timeout");
    expect(c.data()).toMatch(/^HTTP\/1\.1 200 /);
  });

  it("refuses connections beyond the cap and accepts again once one closes", async () => {
    const open = await Promise.all([1, 2, 3, 4].map(() => rawClient(s.app.port)));
    await new Promise((r) => setTimeout(r, 50));
    const extra = await rawClient(s.app.port);
    extra.socket.write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    expect(await within(extra.closed, 1000)).not.toBe("timeout");
    expect(extra.data()).toBe("");
    for (const c of open) c.socket.destroy();
    await new Promise((r) => setTimeout(r, 100));
    expect((await fetch(`${s.app.url}/healthz`)).status).toBe(200);
  });

  it("answers 413 with a fixed body to an oversized Teams activity and Slack payload", async () => {
    const big = JSON.stringify({ type: "message", text: "x".repeat(5000) });
    const teams = await fetch(`${s.app.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: big,
    });
    expect(teams.status).toBe(413);
    expect(await teams.json()).toEqual({ error: "payload_too_large" });
    const slack = await fetch(`${s.app.url}/slack/events`, {
      method: "POST",
      headers: signedHeaders(SECRET, big, "application/json"),
      body: big,
    });
    expect(slack.status).toBe(413);
    expect(await slack.json()).toEqual({ error: "payload_too_large" });
  });

  it("answers 400 with a fixed JSON body to a broken Teams body (no stack trace page)", async () => {
    const res = await fetch(`${s.app.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"type": "message", ',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    expect(await res.json()).toEqual({ error: "bad_request" });
  });
});

describe("/metrics protected by METRICS_TOKEN", () => {
  let s: Started;
  beforeAll(async () => {
    s = await start({ METRICS_TOKEN });
  });
  afterAll(async () => {
    await s.stop();
  });

  it("answers 401 with a fixed body without the bearer token or with a wrong one, 200 with it", async () => {
    expect(s.app.metricsUrl).toBe(`${s.app.url}/metrics`);
    const none = await fetch(s.app.metricsUrl);
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(await none.json()).toEqual({ error: "unauthorized" });
    const wrong = await fetch(s.app.metricsUrl, { headers: { authorization: `Bearer ${METRICS_TOKEN}x` } });
    expect(wrong.status).toBe(401);
    const basic = await fetch(s.app.metricsUrl, { headers: { authorization: `Basic ${METRICS_TOKEN}` } });
    expect(basic.status).toBe(401);
    const ok = await fetch(s.app.metricsUrl, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("branchbot_outbox_depth");
    // the health check stays open for the load balancer
    expect((await fetch(`${s.app.url}/healthz`)).status).toBe(200);
  });
});

describe("/metrics on METRICS_PORT", () => {
  let s: Started;
  beforeAll(async () => {
    s = await start({}, 0);
  });
  afterAll(async () => {
    await s.stop();
  });

  it("serves /metrics on its own port only", async () => {
    expect(s.app.metricsUrl).not.toBe(`${s.app.url}/metrics`);
    const res = await fetch(s.app.metricsUrl);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("branchbot_inbound_requests_total");
    const main = await fetch(`${s.app.url}/metrics`);
    expect(main.status).toBe(404);
    const other = await fetch(s.app.metricsUrl.replace("/metrics", "/slack/events"), { method: "POST" });
    expect(other.status).toBe(404);
  });
});

describe("configuration", () => {
  it("refuses METRICS_PORT equal to PORT and headers allowed longer than the request", () => {
    expect(() => loadConfig({ PORT: "3978", METRICS_PORT: "3978" })).toThrow(/METRICS_PORT: must differ from PORT/);
    expect(() => loadConfig({ HTTP_HEADERS_TIMEOUT_MS: "5000", HTTP_REQUEST_TIMEOUT_MS: "1000" })).toThrow(
      /HTTP_HEADERS_TIMEOUT_MS: must not exceed HTTP_REQUEST_TIMEOUT_MS/,
    );
    expect(() => loadConfig({ METRICS_TOKEN: "short" })).toThrow(/METRICS_TOKEN: must be at least 16 characters/);
    const c = loadConfig({});
    expect(c.http).toEqual({
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      keepAliveTimeoutMs: 5_000,
      maxConnections: 1024,
      maxBodyBytes: 1_048_576,
    });
    expect(c.metrics).toEqual({ port: undefined, host: undefined, token: undefined });
  });
});
