// Starts the REAL app (src/app.ts: config, migrations, org import, BotCore, Slack edge in HTTP
// mode, Teams edge, runtime) on 127.0.0.1:0 against the fake Slack Web API, with a ManualClock.
// The dispatcher's background loop is stopped right after start so each test drains the outbox
// itself at the instant it chooses (the same code path the loop runs).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type RunningApp, startApp } from "../../src/app.js";
import { loadConfig } from "../../src/config/env.js";
import { ManualClock } from "../../src/domain/clock.js";
import { createLogger, type Logger } from "../../src/log.js";
import type { DrainResult } from "../../src/services/outbox/dispatcher.js";
import { demoIds, ROOT } from "../helpers/db.js";
import { type FakeCall, FakeSlack } from "../helpers/fake-slack.js";
import { formBody, interactiveBody, signedHeaders } from "../helpers/slack-sign.js";
import { command, modalOf, type OpenedModal, responseId } from "./app-payloads.js";

export const APP_SECRET = "e2e1c0ffee5ecret0fbranchbot00001";
// Monday 2026-11-23, 08:05 in Shanghai: a working day at both demo outlets
export const MONDAY_0805 = "2026-11-23T00:05:00Z";

const FORM = "application/x-www-form-urlencoded";
const JSON_CT = "application/json";

export interface SlackApp {
  app: RunningApp;
  slack: FakeSlack;
  clock: ManualClock;
  ids: Awaited<ReturnType<typeof demoIds>>;
  /** A signed form-encoded slash command; resolves with the HTTP response. */
  command(fields: Record<string, string>): Promise<Response>;
  /** A signed interactive payload (block_actions, view_submission, shortcuts). */
  interact(payload: unknown): Promise<Response>;
  /** A signed Events API envelope. */
  event(envelope: unknown, headers?: Record<string, string>): Promise<Response>;
  raw(body: string, contentType: string, headers: Record<string, string>): Promise<Response>;
  /** Drains the outbox until nothing is due, stepping the clock past per-channel pacing. */
  drain(maxRounds?: number): Promise<DrainResult[]>;
  /** Waits for the n-th (1-based) call to a Web API method. */
  waitFor(method: string, n?: number, match?: (c: FakeCall) => boolean): Promise<FakeCall>;
  stop(): Promise<void>;
}

export async function startSlackApp(
  start: string = MONDAY_0805,
  opts: { logger?: Logger; playbookFile?: string; orgFile?: string } = {},
): Promise<SlackApp> {
  const slack = await new FakeSlack().start();
  const dir = mkdtempSync(path.join(tmpdir(), "branchbot-slack-app-"));
  const clock = new ManualClock(start);
  const config = loadConfig(
    {
      DATABASE_URL: `file:${path.join(dir, "app.db")}`,
      SLACK_BOT_TOKEN: "xoxb-test",
      SLACK_SIGNING_SECRET: APP_SECRET,
      SLACK_API_URL: slack.apiUrl,
      // the fake Slack serves response_urls on loopback; production allows hooks.slack.com only
      SLACK_RESPONSE_URL_HOSTS: "127.0.0.1",
      PLAYGROUND: "off",
      SCHEDULER_ENABLED: "false",
      ...(opts.playbookFile ? { PLAYBOOK_FILE: opts.playbookFile } : {}),
      ...(opts.orgFile ? { ORG_FILE: opts.orgFile } : {}),
    },
    ROOT,
  );
  const app = await startApp(
    { ...config, port: 0, host: "127.0.0.1" },
    {
      clock,
      logger: opts.logger ?? createLogger("silent"),
    },
  );
  await app.runtime.dispatcher.stop();
  const ids = await demoIds(app.db);

  const raw = (body: string, contentType: string, headers: Record<string, string>) =>
    fetch(`${app.url}/slack/events`, { method: "POST", headers: { "content-type": contentType, ...headers }, body });
  const signed = (body: string, ct: typeof FORM | typeof JSON_CT, extra: Record<string, string> = {}) =>
    fetch(`${app.url}/slack/events`, {
      method: "POST",
      headers: { ...signedHeaders(APP_SECRET, body, ct), ...extra },
      body,
    });

  return {
    app,
    slack,
    clock,
    ids,
    command: (fields) => signed(formBody(fields), FORM),
    interact: (payload) => signed(interactiveBody(payload), FORM),
    event: (envelope, headers) => signed(JSON.stringify(envelope), JSON_CT, headers),
    raw,
    async drain(maxRounds = 30) {
      const rounds: DrainResult[] = [];
      for (let i = 0; i < maxRounds; i++) {
        rounds.push(await app.runtime.dispatcher.drain(clock.now()));
        const due = await app.db.outboxMessage.count({ where: { status: { in: ["pending", "sending"] } } });
        if (due === 0) break;
        // one chat.postMessage per second per channel: step past the pacing slot
        clock.advance(1_001);
      }
      return rounds;
    },
    waitFor: (method, n = 1, match = () => true) =>
      eventually(() => {
        const c = slack.callsTo(method).filter(match)[n - 1];
        if (!c) throw new Error(`no call #${n} to ${method} yet (calls: ${slack.calls.map((x) => x.method)})`);
        return c;
      }),
    async stop() {
      await app.stop();
      await slack.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits until `check` stops throwing: the edge works after the ack, so effects land a moment later. */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 8000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

/** Lets in-flight work after an ack finish before asserting that something did NOT happen. */
export const settle = (ms = 300) => new Promise((r) => setTimeout(r, ms));

/** `/branch <text>` from `user` and the modal it opened. */
export async function openModalWith(s: SlackApp, user: string, text: string): Promise<OpenedModal> {
  const before = s.slack.callsTo("views.open").length;
  await s.command(command(s.slack, user, text));
  return modalOf(await s.waitFor("views.open", before + 1));
}

/** What a slash command's response_url received: its private answer. */
export interface SlashAnswer {
  text: string;
  blocks: unknown[];
  response_type?: string;
}

/** `/branch <text>` from `user`, acked with 200, and the answer posted to its response_url. */
export async function slashAnswer(s: SlackApp, user: string, text: string): Promise<SlashAnswer> {
  const fields = command(s.slack, user, text);
  const res = await s.command(fields);
  if (res.status !== 200) throw new Error(`/branch ${text}: HTTP ${res.status}`);
  return eventually(() => {
    const r = s.slack.responses.find((x) => x.id === responseId(fields));
    if (!r) throw new Error("no response_url post yet");
    return r.body as unknown as SlashAnswer;
  });
}
