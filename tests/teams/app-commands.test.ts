// The real app over HTTP, Teams in local mode: typed commands, conversation references, and
// malformed activities. Replies are read off the fake connector the activities point at.
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { i18n } from "../helpers/db.js";
import {
  CHEN,
  conversationUpdate,
  inChannel,
  installationUpdate,
  LJZ_CHANNEL,
  message,
  PERSONAL,
  personalChatOf,
  STRANGER,
  type TeamsUser,
} from "./app-activities.js";
import { cardOf, cardText, startTeamsApp, type TeamsApp } from "./app-harness.js";

let h: TeamsApp;
beforeAll(async () => {
  h = await startTeamsApp({ orgFile: path.join(import.meta.dirname, "org.teams-manager.yaml") });
  // what the scheduler's first tick of the day does
  await h.app.services.occurrences.ensureOccurrences(h.clock.now());
});
afterAll(async () => {
  await h.stop();
});
beforeEach(() => h.connector.reset());

const EMILY: TeamsUser = {
  id: "29:test-emily-zhou",
  name: "Emily Zhou",
  aadObjectId: "22222222-3333-4444-5555-666666666605",
};

/** Posts a message and returns the one card the bot answered with. */
async function ask(from: TeamsUser, text: string, where = PERSONAL) {
  const res = await h.post(message(h.connector.url, from, where, text));
  expect(res.status).toBe(200);
  const calls = await h.connector.waitFor(1);
  expect(calls).toHaveLength(1);
  return { call: calls[0]!, card: cardOf(calls[0]!.body) };
}

describe("typed commands in Teams, through the real app", () => {
  it("`today` in the personal chat lists my open tasks with Open buttons, and remembers the chat", async () => {
    const { call, card } = await ask(CHEN, "today");
    expect(call.conversationId).toBe(personalChatOf(CHEN));
    const text = cardText(card);
    expect(text).toContain(i18n.t("zh-CN", "playbook:tasks.opening.title"));
    expect(text).toContain(i18n.t("zh-CN", "playbook:tasks.morning_meeting.title"));
    expect((card.actions ?? []).map((a) => a.verb)).toContain("checklist.open");
    const dc = await h.app.db.directConversation.findFirstOrThrow({
      where: { platform: "teams", staff: { code: "chen.min" } },
    });
    expect(dc.channelId).toBe(personalChatOf(CHEN));
    expect(JSON.parse(dc.reference ?? "{}")).toMatchObject({ serviceUrl: h.connector.url });
  });

  it("`今天` answers the same in Chinese", async () => {
    const { card } = await ask(CHEN, "今天");
    expect(cardText(card)).toContain(i18n.t("zh-CN", "playbook:tasks.opening.title"));
  });

  it("`status week` as the branch manager is a summary card with charts that have fallbacks", async () => {
    const { card } = await ask(EMILY, "status week");
    const charts = card.body.filter((b) => String(b.type).startsWith("Chart."));
    expect(charts.length).toBeGreaterThan(0);
    for (const c of charts) expect(c.fallback).toBeDefined();
    expect(cardText(card)).toContain("Lujiazui");
    // in her language (en), for her outlet only
    expect(cardText(card)).toContain(i18n.t("en", "cards:summary.on_time"));
    expect(cardText(card)).not.toContain("Xujiahui");
  });

  it("`status week` asked in an outlet channel answers privately, in the asker's personal chat", async () => {
    // Teams has no ephemeral messages: a personal result goes to the person's known 1:1 chat
    const { call, card } = await ask(CHEN, "status week", inChannel(LJZ_CHANNEL, "1700000000100"));
    expect(call.conversationId).toBe(personalChatOf(CHEN));
    expect(card.body.some((b) => String(b.type).startsWith("Chart."))).toBe(true);
  });

  it("an unlinked person is told their Teams id and nothing is stored for them", async () => {
    const { card } = await ask(STRANGER, "today");
    expect(cardText(card)).toContain(STRANGER.id);
    expect(await h.app.db.directConversation.count({ where: { channelId: personalChatOf(STRANGER) } })).toBe(0);
  });
});

describe("conversation references", () => {
  it("conversationUpdate in an outlet channel stores its reference, once and without greeting", async () => {
    await h.app.db.channelBinding.updateMany({ where: { platform: "teams" }, data: { reference: null } });
    const act = conversationUpdate(h.connector.url, CHEN, inChannel(LJZ_CHANNEL));
    expect((await h.post(act)).status).toBe(200);
    expect((await h.post(act)).status).toBe(200);
    const bound = await h.app.db.channelBinding.findMany({ where: { platform: "teams", reference: { not: null } } });
    expect(bound.map((b) => b.channelId)).toEqual([LJZ_CHANNEL]);
    expect(JSON.parse(bound[0]!.reference!)).toMatchObject({
      serviceUrl: h.connector.url,
      conversation: { id: LJZ_CHANNEL },
    });
    expect(h.connector.calls).toHaveLength(0);
  });

  it("installationUpdate in the personal chat stores the reference and greets with my day", async () => {
    await h.app.db.directConversation.deleteMany({ where: { platform: "teams" } });
    expect((await h.post(installationUpdate(h.connector.url, CHEN, PERSONAL))).status).toBe(200);
    const [call] = await h.connector.waitFor(1);
    expect(call!.conversationId).toBe(personalChatOf(CHEN));
    expect(cardText(cardOf(call!.body))).toContain("陈敏");
    const dc = await h.app.db.directConversation.findFirstOrThrow({ where: { platform: "teams" } });
    expect(JSON.parse(dc.reference ?? "{}")).toMatchObject({ serviceUrl: h.connector.url, user: { id: CHEN.id } });
  });
});

describe("malformed activities", () => {
  async function footprint() {
    const db = h.app.db;
    return {
      audit: await db.auditEvent.count(),
      direct: await db.directConversation.count(),
      refs: (await db.channelBinding.findMany({ select: { reference: true } })).map((b) => b.reference),
      forms: await db.formSession.count(),
      outbox: await db.outboxMessage.count(),
      processed: await db.processedEvent.count(),
    };
  }

  it("are answered 400 and leave no trace", async () => {
    const before = await footprint();
    const good = message(h.connector.url, CHEN, PERSONAL, "today") as Record<string, unknown>;
    const { conversation: _c, ...noConversation } = good;
    const { from: _f, ...noFrom } = good;
    const bad = [
      noConversation,
      noFrom,
      { ...good, serviceUrl: "" },
      { ...good, type: 42 },
      { ...good, from: { name: "no id" } },
      "just a string",
      [],
    ];
    for (const body of bad) expect((await h.post(body)).status).toBe(400);
    const broken = await fetch(`${h.app.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"type":"message",',
    });
    expect(broken.status).toBe(400);
    expect(await footprint()).toEqual(before);
    expect(h.connector.calls).toHaveLength(0);
  });
});
