// Starts the REAL app (src/app.ts) with Teams in local mode on 127.0.0.1:0 over a temp SQLite
// file, a ManualClock, no scheduler and no playground; a fake Bot Connector on loopback is the
// serviceUrl of every activity. The dispatcher's loop is stopped so a test drains the outbox
// itself (the same code the loop runs). Optionally Slack too, against the fake Slack Web API.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "vitest";
import { type RunningApp, startApp } from "../../src/app.js";
import { cardProblems } from "../../src/channels/teams/cards/limits.js";
import { loadConfig } from "../../src/config/env.js";
import { ManualClock } from "../../src/domain/clock.js";
import { createLogger } from "../../src/log.js";
import { demoIds, ROOT } from "../helpers/db.js";
import { type FakeConnector, startFakeConnector } from "../helpers/fake-connector.js";
import { FakeSlack } from "../helpers/fake-slack.js";
import { message, PERSONAL, type TeamsUser } from "./app-activities.js";

// Monday 2026-11-23, 08:50 in Shanghai: opening (08:00) and morning_meeting (08:45) are open
export const MONDAY_0850 = "2026-11-23T00:50:00Z";
export const SLACK_SECRET = "teams0cross0platform0secret00001";

export interface TeamsApp {
  app: RunningApp;
  clock: ManualClock;
  connector: FakeConnector;
  slack?: FakeSlack;
  ids: Awaited<ReturnType<typeof demoIds>>;
  /** POSTs an activity to /api/messages; the JSON body of the answer (invoke responses), if any. */
  post(activity: unknown): Promise<{ status: number; body: unknown }>;
  /** Drains the outbox until nothing is due, stepping the clock past per-destination pacing. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

export async function startTeamsApp(
  opts: { start?: string; orgFile?: string; playbookFile?: string; slack?: boolean } = {},
): Promise<TeamsApp> {
  const dir = mkdtempSync(path.join(tmpdir(), "branchbot-teams-app-"));
  const clock = new ManualClock(opts.start ?? MONDAY_0850);
  const connector = await startFakeConnector();
  const slack = opts.slack ? await new FakeSlack().start() : undefined;
  const config = loadConfig(
    {
      DATABASE_URL: `file:${path.join(dir, "app.db")}`,
      PLAYGROUND: "off",
      SCHEDULER_ENABLED: "false",
      ...(opts.orgFile ? { ORG_FILE: opts.orgFile } : {}),
      ...(opts.playbookFile ? { PLAYBOOK_FILE: opts.playbookFile } : {}),
      ...(slack
        ? {
            SLACK_BOT_TOKEN: "xoxb-test",
            SLACK_SIGNING_SECRET: SLACK_SECRET,
            SLACK_API_URL: slack.apiUrl,
            SLACK_RESPONSE_URL_HOSTS: "127.0.0.1",
          }
        : {}),
    },
    ROOT,
  );
  const app = await startApp({ ...config, port: 0, host: "127.0.0.1" }, { clock, logger: createLogger("silent") });
  await app.runtime.dispatcher.stop();
  return {
    app,
    clock,
    connector,
    ...(slack ? { slack } : {}),
    ids: await demoIds(app.db),
    async post(activity) {
      const res = await fetch(`${app.url}/api/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(activity),
      });
      const text = await res.text();
      const json = res.headers.get("content-type")?.includes("json");
      return { status: res.status, body: text && json ? JSON.parse(text) : text || null };
    },
    async drain() {
      for (let i = 0; i < 30; i++) {
        await app.runtime.dispatcher.drain(clock.now());
        const due = await app.db.outboxMessage.count({
          where: { status: { in: ["pending", "sending"] }, platform: { in: slack ? ["slack", "teams"] : ["teams"] } },
        });
        if (due === 0) return;
        clock.advance(1_001);
      }
    },
    async stop() {
      await app.stop();
      await connector.close();
      await slack?.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type Card = {
  type: string;
  version: string;
  body: Array<Record<string, unknown>>;
  actions?: Array<Record<string, unknown>>;
  refresh?: unknown;
};

/** The Adaptive Card of a message activity, checked against the Teams / 1.5 limits. */
export function cardOf(activity: Record<string, unknown>): Card {
  const att = (activity.attachments as Array<{ contentType: string; content: Card }>)[0];
  expect(att?.contentType).toBe("application/vnd.microsoft.card.adaptive");
  expect(cardProblems(att?.content)).toEqual([]);
  return att?.content as Card;
}

/** The card of an adaptiveCard/action invoke response, checked the same way. */
export function invokeCard(body: unknown): Card {
  const b = body as { statusCode: number; type: string; value: Card };
  expect(b.type).toBe("application/vnd.microsoft.card.adaptive");
  expect(cardProblems(b.value)).toEqual([]);
  return b.value;
}

/** The text of an invoke's private message answer. */
export function invokeMessage(body: unknown): string {
  const b = body as { statusCode: number; type: string; value: string };
  expect(b.type).toBe("application/vnd.microsoft.activity.message");
  return b.value;
}

/** Every TextBlock / FactSet text of a card, joined, for "the person would read" checks. */
export function cardText(card: Card): string {
  const out: string[] = [];
  const walk = (x: unknown) => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === "object") {
      const o = x as Record<string, unknown>;
      if (typeof o.text === "string") out.push(o.text);
      if (typeof o.title === "string") out.push(o.title);
      if (typeof o.value === "string" && o.type === undefined) out.push(o.value);
      for (const [k, v] of Object.entries(o)) if (k !== "data" && k !== "fallback") walk(v);
    }
  };
  walk(card.body);
  walk(card.actions ?? []);
  return out.join("\n");
}

/** The action data of a card's button with this verb. */
export function buttonData(card: Card, verb: string): Record<string, unknown> {
  const b = (card.actions ?? []).find((a) => a.verb === verb);
  if (!b) throw new Error(`no ${verb} button on the card (has ${(card.actions ?? []).map((a) => a.verb)})`);
  return b.data as Record<string, unknown>;
}

/** The one answer to a message in the person's personal chat: the words shown, the card if any, and its id. */
export async function personalAnswer(
  h: TeamsApp,
  from: TeamsUser,
  text: string,
): Promise<{ text: string; card: Card | null; id: string }> {
  h.connector.reset();
  const res = await h.post(message(h.connector.url, from, PERSONAL, text));
  if (res.status !== 200) throw new Error(`"${text}": HTTP ${res.status}`);
  const [call] = await h.connector.waitFor(1);
  const card = call?.body.attachments ? cardOf(call.body) : null;
  return { text: card ? cardText(card) : String(call?.body.text ?? ""), card, id: call?.returnedId ?? "" };
}
