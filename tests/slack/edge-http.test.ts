// The real Bolt app in HTTP mode, signed requests with real payload shapes, the fake Slack Web
// API recording what the edge sends, and the database showing what was recorded.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { i18n } from "../helpers/db.js";
import { FAKE_TEAM } from "../helpers/fake-slack.js";
import { formBody, interactiveBody, signedHeaders } from "../helpers/slack-sign.js";
import { eventually, type Harness, SIGNING_SECRET, startHarness } from "./harness.js";
import {
  blockActions,
  CHANNEL,
  EMILY,
  eventCallback,
  STRANGER,
  slashCommand,
  threadMessage,
  viewSubmission,
  WANG_FANG,
} from "./payloads.js";

const FORM = "application/x-www-form-urlencoded";
const JSON_CT = "application/json";

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.stop();
});

describe("slash command /branch", () => {
  it("acks at once and answers ephemerally through response_url in the user's language", async () => {
    const res = await h.post(formBody(slashCommand(h.slack, WANG_FANG, "help")), FORM);
    expect(res.status).toBe(200);
    const reply = await eventually(() => {
      const r = h.slack.responses.find((x) => x.id === `cmd-${WANG_FANG}`);
      if (!r) throw new Error("no response yet");
      return r.body;
    });
    expect(reply.response_type).toBe("ephemeral");
    expect(reply.text).toBe(i18n.t("zh-CN", "slack:home.none"));
    const call = h.core.calls.find((c) => c.fn === "onCommand");
    expect(call?.arg).toBe("help");
    expect(call?.user).toMatchObject({ platform: "slack", externalIds: [WANG_FANG], workspace: FAKE_TEAM });
    expect(call?.conv).toMatchObject({ channelId: CHANNEL, isDirect: false });
    // a linked user's locale comes from the staff record: Slack is not asked
    expect(h.slack.callsTo("users.info")).toHaveLength(0);
  });

  it("opens a modal with the trigger_id when the core returns a form", async () => {
    await h.post(formBody(slashCommand(h.slack, WANG_FANG, "incident")), FORM);
    const open = await eventually(() => {
      const c = h.slack.callsTo("views.open")[0];
      if (!c) throw new Error("no views.open yet");
      return c;
    });
    expect(open.body.trigger_id).toBe("13345224609.738474920.8088930838d88f008e0");
    const view = open.body.view as {
      callback_id: string;
      private_metadata: string;
      blocks: Array<{ block_id?: string }>;
    };
    expect(view.callback_id).toBe("incident");
    expect(JSON.parse(view.private_metadata)).toMatchObject({ c: "ctx-incident-1", ch: CHANNEL });
    expect(view.blocks.map((b) => b.block_id)).toEqual(["amount", "cctv"]);
    expect(open.token).toBe("xoxb-test-token");
  });

  it("asks users.info for the locale of someone not linked to a staff record", async () => {
    h.slack.locales.set(STRANGER, "en-US");
    await h.post(formBody(slashCommand(h.slack, STRANGER, "help")), FORM);
    const reply = await eventually(() => {
      const r = h.slack.responses.find((x) => x.id === `cmd-${STRANGER}`);
      if (!r) throw new Error("no response yet");
      return r.body;
    });
    expect(reply.text).toBe(i18n.t("en", "slack:home.none"));
    expect(h.slack.callsTo("users.info")[0]?.body).toMatchObject({ user: STRANGER, include_locale: "true" });
    expect(h.core.calls.find((c) => c.fn === "onCommand")?.user.platformLocale).toBe("en-US");
  });
});

describe("block_actions", () => {
  it("passes the action name and value to the core and replies in the message's thread", async () => {
    const res = await h.post(interactiveBody(blockActions(h.slack, WANG_FANG, "checklist.all_ok~2", "occ-1")), FORM);
    expect(res.status).toBe(200);
    const post = await eventually(() => {
      const c = h.slack.callsTo("chat.postMessage")[0];
      if (!c) throw new Error("no post yet");
      return c;
    });
    expect(h.core.calls.find((c) => c.fn === "onAction")?.arg).toEqual({ action: "checklist.all_ok", value: "occ-1" });
    expect(h.core.calls.find((c) => c.fn === "onAction")?.conv).toMatchObject({
      channelId: CHANNEL,
      messageId: "1700000000.000100",
    });
    expect(post.body).toMatchObject({ channel: CHANNEL, thread_ts: "1700000000.000100" });
    expect(post.body.text).toBe(i18n.t("zh-CN", "slack:form.saved"));
  });
});

describe("view_submission", () => {
  const meta = JSON.stringify({ c: "ctx-incident-1", ch: CHANNEL, th: "1700000000.000100" });
  const values = (amount: string) => ({
    amount: { value: { type: "plain_text_input", value: amount } },
    cctv: {
      value: { type: "radio_buttons", selected_option: { value: "yes", text: { type: "plain_text", text: "Yes" } } },
    },
  });

  it("returns validation errors in the ack, in the user's language", async () => {
    const zh = await h.post(interactiveBody(viewSubmission(WANG_FANG, values("12,34"), meta)), FORM);
    expect(await zh.json()).toEqual({
      response_action: "errors",
      errors: { amount: i18n.t("zh-CN", "slack:form.currency", { currency: "CNY" }) },
    });
    const en = await h.post(interactiveBody(viewSubmission(EMILY, values("abc"), meta)), FORM);
    expect(await en.json()).toEqual({
      response_action: "errors",
      errors: { amount: i18n.t("en", "slack:form.currency", { currency: "CNY" }) },
    });
    expect(h.slack.callsTo("chat.postMessage")).toHaveLength(0);
  });

  it("closes the modal, hands the values to the core and posts the replies in the thread", async () => {
    const res = await h.post(interactiveBody(viewSubmission(WANG_FANG, values("12345.60"), meta)), FORM);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");
    const submit = h.core.calls.find((c) => c.fn === "onSubmit");
    expect(submit?.arg).toEqual({
      formKey: "incident",
      contextId: "ctx-incident-1",
      values: { amount: "12345.60", cctv: "yes" },
    });
    expect(submit?.conv).toMatchObject({ channelId: CHANNEL, threadId: "1700000000.000100" });
    const post = await eventually(() => {
      const c = h.slack.callsTo("chat.postMessage")[0];
      if (!c) throw new Error("no post yet");
      return c;
    });
    expect(post.body).toMatchObject({ channel: CHANNEL, thread_ts: "1700000000.000100" });
  });
});

describe("events", () => {
  it("sends a thread reply to the core as text, answers in the thread and records the event once", async () => {
    const body = JSON.stringify(eventCallback("Ev0THREAD1", threadMessage(WANG_FANG, "<@U0BOTUSER> 7 ok")));
    const res = await h.post(body, JSON_CT);
    expect(res.status).toBe(200);
    const post = await eventually(() => {
      const c = h.slack.callsTo("chat.postMessage")[0];
      if (!c) throw new Error("no post yet");
      return c;
    });
    const call = h.core.calls.find((c) => c.fn === "onText");
    expect(call?.arg).toBe("7 ok");
    expect(call?.conv).toMatchObject({ channelId: CHANNEL, threadId: "1700000000.000100", isDirect: false });
    expect(post.body).toMatchObject({ channel: CHANNEL, thread_ts: "1700000000.000100" });
    expect(await h.t.db.processedEvent.count({ where: { platform: "slack", eventId: "Ev0THREAD1" } })).toBe(1);
  });

  it("drops a retried event with the same event_id, also while the first is still running", async () => {
    const body = JSON.stringify(eventCallback("Ev0RETRY1", threadMessage(WANG_FANG, "7 ok")));
    const [a, b] = await Promise.all([
      h.post(body, JSON_CT),
      h.post(body, JSON_CT, { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const late = await h.post(body, JSON_CT, { "x-slack-retry-num": "2", "x-slack-retry-reason": "http_timeout" });
    expect(late.status).toBe(200);
    await eventually(() => expect(h.slack.callsTo("chat.postMessage")).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 150));
    expect(h.core.calls.filter((c) => c.fn === "onText")).toHaveLength(1);
    expect(await h.t.db.processedEvent.count()).toBe(1);
  });

  it("ignores edits, bot posts and top-level channel chatter", async () => {
    await h.post(
      JSON.stringify(eventCallback("Ev0EDIT", threadMessage(WANG_FANG, "x", { subtype: "message_changed" }))),
      JSON_CT,
    );
    await h.post(
      JSON.stringify(eventCallback("Ev0BOT", threadMessage(WANG_FANG, "x", { bot_id: "B0OTHER" }))),
      JSON_CT,
    );
    await h.post(
      JSON.stringify(eventCallback("Ev0TOP", threadMessage(WANG_FANG, "x", { thread_ts: undefined }))),
      JSON_CT,
    );
    await new Promise((r) => setTimeout(r, 200));
    expect(h.core.calls).toHaveLength(0);
  });

  it("treats a DM as text for the core", async () => {
    const dm = threadMessage(EMILY, "today", { channel: "D0EMILY", channel_type: "im", thread_ts: undefined });
    await h.post(JSON.stringify(eventCallback("Ev0DM", dm)), JSON_CT);
    await eventually(() =>
      expect(h.core.calls.find((c) => c.fn === "onText")?.conv).toMatchObject({ isDirect: true, channelId: "D0EMILY" }),
    );
  });

  it("publishes App Home when the home tab is opened", async () => {
    const ev = {
      type: "app_home_opened",
      user: WANG_FANG,
      channel: "D0WANG",
      tab: "home",
      event_ts: "1700000200.000100",
    };
    await h.post(JSON.stringify(eventCallback("Ev0HOME", ev)), JSON_CT);
    const publish = await eventually(() => {
      const c = h.slack.callsTo("views.publish")[0];
      if (!c) throw new Error("no publish yet");
      return c;
    });
    expect(publish.body.user_id).toBe(WANG_FANG);
    const view = publish.body.view as { type: string; blocks: Array<{ type: string; text?: { text: string } }> };
    expect(view.type).toBe("home");
    expect(view.blocks[0]?.type).toBe("header");
    expect(view.blocks[0]?.text?.text).toBe(i18n.t("zh-CN", "cards:home.title", { name: "王芳" }));
    expect(view.blocks[0]?.text?.text).toBe("王芳 的今日工作");
  });
});

describe("shortcuts", () => {
  it("turns the global shortcut into incident.report in the user's DM and opens the form", async () => {
    const payload = {
      type: "shortcut",
      token: "x",
      action_ts: "1700000300.1",
      team: { id: FAKE_TEAM, domain: "demo-bank" },
      user: { id: WANG_FANG, username: "wang", team_id: FAKE_TEAM },
      callback_id: "report_incident",
      trigger_id: "13345224609.738474920.cccc",
    };
    await h.post(interactiveBody(payload), FORM);
    await eventually(() => expect(h.slack.callsTo("views.open")).toHaveLength(1));
    const call = h.core.calls.find((c) => c.fn === "onAction");
    expect(call?.arg).toEqual({ action: "incident.report", value: "" });
    expect(call?.conv).toMatchObject({ channelId: "D0DEMO0001", isDirect: true });
  });

  it("passes the message text with the message shortcut", async () => {
    const payload = {
      type: "message_action",
      token: "x",
      action_ts: "1700000300.2",
      team: { id: FAKE_TEAM, domain: "demo-bank" },
      user: { id: WANG_FANG, name: "wang", team_id: FAKE_TEAM },
      channel: { id: CHANNEL, name: "ljz-ops" },
      callback_id: "raise_complaint",
      trigger_id: "13345224609.738474920.dddd",
      message_ts: "1700000000.000900",
      message: { type: "message", user: EMILY, ts: "1700000000.000900", text: "客户反映排队时间过长" },
      response_url: h.slack.responseUrl("msg-shortcut"),
    };
    await h.post(interactiveBody(payload), FORM);
    await eventually(() =>
      expect(h.core.calls.find((c) => c.fn === "onAction")?.arg).toEqual({
        action: "complaint.from_message",
        value: "客户反映排队时间过长",
      }),
    );
  });
});

describe("request verification", () => {
  const body = JSON.stringify(eventCallback("Ev0SIGNED", threadMessage(WANG_FANG, "7 ok")));

  it("rejects a bad signature with 401 and records nothing", async () => {
    const headers = signedHeaders("not-the-secret", body, JSON_CT);
    const res = await fetch(`${h.url}/slack/events`, { method: "POST", headers, body });
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(await h.t.db.processedEvent.count()).toBe(0);
    expect(h.core.calls).toHaveLength(0);
  });

  it("rejects a stale timestamp with 401", async () => {
    const headers = signedHeaders(SIGNING_SECRET, body, JSON_CT, Math.floor(Date.now() / 1000) - 6 * 60);
    const res = await fetch(`${h.url}/slack/events`, { method: "POST", headers, body });
    expect(res.status).toBe(401);
    expect(await h.t.db.processedEvent.count()).toBe(0);
  });

  it("rejects malformed payloads with 400 and records nothing", async () => {
    const noEventId = JSON.stringify({ type: "event_callback", team_id: FAKE_TEAM, event: { type: "message" } });
    expect((await h.post(noEventId, JSON_CT)).status).toBe(400);
    const badMessage = JSON.stringify(eventCallback("Ev0BAD", { type: "message", text: 42 }));
    expect((await h.post(badMessage, JSON_CT)).status).toBe(400);
    const noActions = interactiveBody({ ...blockActions(h.slack, WANG_FANG, "x", "y"), actions: [] });
    expect((await h.post(noActions, FORM)).status).toBe(400);
    expect((await h.post("payload=%7Bnot-json", FORM)).status).toBe(400);
    await new Promise((r) => setTimeout(r, 100));
    expect(await h.t.db.processedEvent.count()).toBe(0);
    expect(h.core.calls).toHaveLength(0);
  });

  it("answers Slack's url_verification challenge", async () => {
    const res = await h.post(JSON.stringify({ type: "url_verification", token: "x", challenge: "c-123" }), JSON_CT);
    expect(await res.json()).toEqual({ challenge: "c-123" });
  });
});
