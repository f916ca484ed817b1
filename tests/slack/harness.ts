// Starts the real Slack edge (Bolt, HTTP mode) on an Express server bound to 127.0.0.1:0,
// against the fake Slack Web API, over a real migrated SQLite database with the demo org.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { createSlackEdge, type SlackEdge } from "../../src/channels/slack/edge.js";
import { createLogger } from "../../src/log.js";
import { createDemoDb, i18n, type TestDb } from "../helpers/db.js";
import { FakeSlack } from "../helpers/fake-slack.js";
import { signedHeaders } from "../helpers/slack-sign.js";
import { RecordingCore } from "./recording-core.js";

export const SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
export const BOT_TOKEN = "xoxb-test-token";

export interface Harness {
  url: string;
  slack: FakeSlack;
  core: RecordingCore;
  t: TestDb;
  edge: SlackEdge;
  post(
    body: string,
    contentType: "application/json" | "application/x-www-form-urlencoded",
    headers?: Record<string, string>,
  ): Promise<Response>;
  stop(): Promise<void>;
}

export async function startHarness(
  opts: {
    submitBudgetMs?: number;
    /** Another replica: this edge uses the given database (and leaves it to its owner). */
    sharedDb?: TestDb;
  } = {},
): Promise<Harness> {
  const slack = await new FakeSlack().start();
  const t = opts.sharedDb ?? (await createDemoDb());
  const core = new RecordingCore(t.db);
  const edge = createSlackEdge({
    config: {
      botToken: BOT_TOKEN,
      signingSecret: SIGNING_SECRET,
      apiUrl: slack.apiUrl,
      // the fake Slack serves response_urls on loopback; production allows hooks.slack.com only
      responseUrlHosts: ["127.0.0.1"],
      defaultLocale: "zh-CN",
      ...(opts.submitBudgetMs !== undefined ? { submitBudgetMs: opts.submitBudgetMs } : {}),
    },
    db: t.db,
    log: createLogger("silent"),
    i18n,
    core,
  });
  const app = express();
  edge.mount(app);
  app.use((_req, res) => res.status(404).json({ error: "not_found" }));
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  await edge.start();
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    slack,
    core,
    t,
    edge,
    post: (body, contentType, headers = {}) =>
      fetch(`${url}/slack/events`, {
        method: "POST",
        headers: { ...signedHeaders(SIGNING_SECRET, body, contentType), ...headers },
        body,
      }),
    async stop() {
      await edge.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await slack.stop();
      if (!opts.sharedDb) await t.cleanup();
    },
  };
}

/** Waits until `check` stops throwing: the edge works after the ack, so effects land a moment later. */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 5000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}
