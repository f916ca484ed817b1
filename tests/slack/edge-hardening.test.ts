// The Slack edge against a hostile sender, through real signed HTTP requests: timestamps off
// either way, byte-for-byte replays of interactive payloads and slash commands (also on a
// second replica sharing the database), payloads with many actions, unknown and malformed
// shapes, a response_url outside Slack's hosts, and a submission for a form nobody knows.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { allowedResponseUrl, DEFAULT_RESPONSE_URL_HOSTS } from "../../src/channels/slack/response-url.js";
import { i18n } from "../helpers/db.js";
import { FAKE_TEAM } from "../helpers/fake-slack.js";
import { formBody, interactiveBody, signedHeaders } from "../helpers/slack-sign.js";
import { eventually, type Harness, SIGNING_SECRET, startHarness } from "./harness.js";
import { blockActions, CHANNEL, eventCallback, slashCommand, viewSubmission, WANG_FANG } from "./payloads.js";

const FORM = "application/x-www-form-urlencoded";
const JSON_CT = "application/json";
type Ct = typeof FORM | typeof JSON_CT;

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.stop();
});

const now = () => Math.floor(Date.now() / 1000);
/** One signed request, frozen: sending it again is a byte-for-byte replay. */
function frozen(body: string, ct: Ct, ts = now()) {
  const headers = signedHeaders(SIGNING_SECRET, body, ct, ts);
  return (url = h.url) => fetch(`${url}/slack/events`, { method: "POST", headers, body });
}
const settle = (ms = 200) => new Promise((r) => setTimeout(r, ms));
const callsOf = (fn: string) => h.core.calls.filter((c) => c.fn === fn);

describe("request timestamp", () => {
  const body = JSON.stringify(eventCallback("Ev0CLOCK", { type: "app_home_opened", user: WANG_FANG, tab: "messages" }));

  it("refuses a correctly signed request stamped more than 5 minutes in the future with 401", async () => {
    const res = await frozen(body, JSON_CT, now() + 6 * 60)();
    expect(res.status).toBe(401);
    const far = await frozen(body, JSON_CT, now() + 365 * 24 * 3600)();
    expect(far.status).toBe(401);
    expect(await h.t.db.processedEvent.count()).toBe(0);
  });

  it("refuses a missing or non-numeric timestamp with 401", async () => {
    const signed = signedHeaders(SIGNING_SECRET, body, JSON_CT);
    const { "x-slack-request-timestamp": _ts, ...noTs } = signed;
    expect((await fetch(`${h.url}/slack/events`, { method: "POST", headers: noTs, body })).status).toBe(401);
    const junk = { ...signed, "x-slack-request-timestamp": "1e12" };
    expect((await fetch(`${h.url}/slack/events`, { method: "POST", headers: junk, body })).status).toBe(401);
  });

  it("accepts a clock a few minutes off either way (inside the window)", async () => {
    expect((await frozen(body, JSON_CT, now() + 4 * 60)()).status).toBe(200);
    const other = JSON.stringify(eventCallback("Ev0CLOCK2", { type: "app_home_opened", user: WANG_FANG, tab: "x" }));
    expect((await frozen(other, JSON_CT, now() - 4 * 60)()).status).toBe(200);
  });
});

describe("replayed interactive payloads", () => {
  it("a block_actions payload sent again byte for byte (also concurrently) is handled once", async () => {
    const send = frozen(interactiveBody(blockActions(h.slack, WANG_FANG, "checklist.all_ok", "occ-1")), FORM);
    const [a, b] = await Promise.all([send(), send()]);
    const c = await send();
    expect([a.status, b.status, c.status]).toEqual([200, 200, 200]);
    await eventually(() => expect(h.slack.callsTo("chat.postMessage")).toHaveLength(1));
    await settle();
    expect(callsOf("onAction")).toHaveLength(1);
    const rows = await h.t.db.processedEvent.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ platform: "slack", eventId: expect.stringMatching(/^payload:[0-9a-f]{64}$/) });
  });

  it("a replayed view_submission gets an empty 200 and the core sees one submission", async () => {
    const meta = JSON.stringify({ c: "ctx-incident-1", ch: CHANNEL });
    const values = {
      amount: { value: { type: "plain_text_input", value: "100.00" } },
      cctv: { value: { type: "radio_buttons", selected_option: { value: "yes" } } },
    };
    const send = frozen(interactiveBody(viewSubmission(WANG_FANG, values, meta)), FORM);
    const first = await send();
    expect(first.status).toBe(200);
    const again = await send();
    expect(again.status).toBe(200);
    expect(await again.text()).toBe("");
    await settle();
    expect(callsOf("onSubmit")).toHaveLength(1);
  });

  it("a replayed shortcut and a replayed slash command are dropped too", async () => {
    const shortcut = {
      type: "shortcut",
      token: "x",
      action_ts: "1700000300.1",
      team: { id: FAKE_TEAM, domain: "demo-bank" },
      user: { id: WANG_FANG, username: "wang", team_id: FAKE_TEAM },
      callback_id: "report_incident",
      trigger_id: "13345224609.738474920.cccc",
    };
    const sc = frozen(interactiveBody(shortcut), FORM);
    const cmd = frozen(formBody(slashCommand(h.slack, WANG_FANG, "help")), FORM);
    for (const send of [sc, cmd, sc, cmd]) expect((await send()).status).toBe(200);
    await eventually(() => expect(h.slack.callsTo("views.open")).toHaveLength(1));
    await settle();
    expect(callsOf("onAction")).toHaveLength(1);
    expect(callsOf("onCommand")).toHaveLength(1);
    expect(await h.t.db.processedEvent.count()).toBe(2);
  });

  it("the same payload signed at another second is a new request, not a replay", async () => {
    const body = interactiveBody(blockActions(h.slack, WANG_FANG, "checklist.all_ok", "occ-1"));
    await frozen(body, FORM, now())();
    await frozen(body, FORM, now() - 1)();
    await eventually(() => expect(callsOf("onAction")).toHaveLength(2));
  });

  it("a replay sent to another replica (same database) is dropped there", async () => {
    const other = await startHarness({ sharedDb: h.t });
    try {
      const send = frozen(interactiveBody(blockActions(h.slack, WANG_FANG, "checklist.all_ok", "occ-1")), FORM);
      const [a, b] = await Promise.all([send(h.url), send(other.url)]);
      expect([a.status, b.status]).toEqual([200, 200]);
      await settle(400);
      expect(callsOf("onAction").length + other.core.calls.filter((c) => c.fn === "onAction").length).toBe(1);
      expect(await h.t.db.processedEvent.count()).toBe(1);
    } finally {
      await other.stop();
    }
  });
});

describe("block_actions with many actions", () => {
  it("handles the first 5 and ignores the rest", async () => {
    const p = blockActions(h.slack, WANG_FANG, "checklist.all_ok", "occ-0");
    const one = p.actions[0] as Record<string, unknown>;
    const actions = Array.from({ length: 40 }, (_, i) => ({
      ...one,
      action_id: `checklist.all_ok~${i}`,
      value: `occ-${i}`,
    }));
    const res = await h.post(interactiveBody({ ...p, actions }), FORM);
    expect(res.status).toBe(200);
    await eventually(() => expect(callsOf("onAction")).toHaveLength(5));
    await settle(300);
    expect(callsOf("onAction").map((c) => (c.arg as { value: string }).value)).toEqual([
      "occ-0",
      "occ-1",
      "occ-2",
      "occ-3",
      "occ-4",
    ]);
  });
});

describe("unknown and malformed shapes never get a 500", () => {
  it("an unknown payload type or inner event type is acknowledged with 200 and nothing runs", async () => {
    const suggestion = { type: "block_suggestion", user: { id: WANG_FANG }, action_id: "x", value: "ab" };
    expect((await h.post(interactiveBody(suggestion), FORM)).status).toBe(200);
    expect((await h.post(interactiveBody({ type: "dialog_submission", submission: {} }), FORM)).status).toBe(200);
    expect((await h.post(JSON.stringify({ type: "app_uninstalled_v9", team_id: FAKE_TEAM }), JSON_CT)).status).toBe(
      200,
    );
    const reaction = eventCallback("Ev0REACT", { type: "reaction_added", user: WANG_FANG, reaction: "+1" });
    expect((await h.post(JSON.stringify(reaction), JSON_CT)).status).toBe(200);
    await settle();
    expect(h.core.calls).toHaveLength(0);
  });

  it("answers 400 for bodies that are not a payload at all, and no request gets a 500", async () => {
    const statuses: number[] = [];
    for (const [body, ct] of [
      ["{not json", JSON_CT],
      ["[1,2,3]", JSON_CT],
      ["null", JSON_CT],
      ['"a string"', JSON_CT],
      ["{}", JSON_CT],
      ["payload=%5B%5D", FORM],
      ["payload=", FORM],
      [interactiveBody({ type: 42 }), FORM],
      [interactiveBody({ type: "block_actions", actions: "many" }), FORM],
      [formBody({ command: "/branch" }), FORM],
    ] as Array<[string, Ct]>) {
      statuses.push((await h.post(body, ct)).status);
    }
    expect(statuses).toEqual([400, 400, 400, 400, 400, 400, 400, 400, 400, 400]);
    await settle();
    expect(h.core.calls).toHaveLength(0);
    expect(await h.t.db.processedEvent.count()).toBe(0);
  });

  it("a body over the size cap gets 413", async () => {
    const big = interactiveBody({ ...blockActions(h.slack, WANG_FANG, "x", "y"), pad: "x".repeat(1_100_000) });
    const res = await h.post(big, FORM);
    expect(res.status).toBe(413);
    await settle();
    expect(h.core.calls).toHaveLength(0);
  });

  it("Slack failing the bot's own auth.test is acknowledged (200, Bolt calls no listener), not 500", async () => {
    h.slack.fail("auth.test", { error: "invalid_auth", times: 1 });
    const res = await h.post(interactiveBody(blockActions(h.slack, WANG_FANG, "checklist.all_ok", "occ-1")), FORM);
    expect(res.status).toBe(200);
    await settle();
    expect(h.core.calls).toHaveLength(0);
  });

  it("a database that cannot record the request gives 503 with a fixed body, not 500", async () => {
    await h.t.db.$executeRawUnsafe('DROP TABLE "ProcessedEvent"');
    const res = await h.post(interactiveBody(blockActions(h.slack, WANG_FANG, "checklist.all_ok", "occ-1")), FORM);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: "unavailable" });
    await settle();
    expect(h.core.calls).toHaveLength(0);
  });
});

describe("response_url hosts", () => {
  it("does not post to a response_url outside the allowed hosts and answers through the Web API", async () => {
    const cmd = { ...slashCommand(h.slack, WANG_FANG, "help") };
    cmd.response_url = String(cmd.response_url).replace("127.0.0.1", "localhost");
    expect(cmd.response_url).toMatch(/^http:\/\/localhost:\d+\/response\//);
    expect((await h.post(formBody(cmd), FORM)).status).toBe(200);
    const eph = await eventually(() => {
      const c = h.slack.callsTo("chat.postEphemeral")[0];
      if (!c) throw new Error("no postEphemeral yet");
      return c;
    });
    expect(eph.body).toMatchObject({ channel: CHANNEL, user: WANG_FANG, text: i18n.t("zh-CN", "slack:home.none") });
    await settle();
    expect(h.slack.responses).toHaveLength(0);
  });

  it("refuses look-alike hosts, plain http to Slack and private addresses", async () => {
    const urls = ["https://hooks.slack.com.evil.example/x", "http://hooks.slack.com/x", "https://10.0.0.1/x"];
    for (const url of urls) {
      const res = await h.post(formBody({ ...slashCommand(h.slack, WANG_FANG, "help"), response_url: url }), FORM);
      expect(res.status).toBe(200);
    }
    await eventually(() => expect(h.slack.callsTo("chat.postEphemeral")).toHaveLength(3));
    expect(h.slack.responses).toHaveLength(0);
    expect(allowedResponseUrl("https://hooks.slack.com/commands/T0/1/abc", DEFAULT_RESPONSE_URL_HOSTS)).toBe(true);
    for (const url of urls) expect(allowedResponseUrl(url, DEFAULT_RESPONSE_URL_HOSTS), url).toBe(false);
  });
});

describe("view_submission for a form this version does not know", () => {
  it("is answered at once with a notice, and the core is not called", async () => {
    const started = Date.now();
    const payload = viewSubmission(WANG_FANG, {}, "");
    payload.view.callback_id = "form_from_an_older_release";
    const res = await h.post(interactiveBody(payload), FORM);
    const ms = Date.now() - started;
    expect(res.status).toBe(200);
    const ack = (await res.json()) as { response_action: string; view: { blocks: unknown[] } };
    expect(ack.response_action).toBe("update");
    expect(JSON.stringify(ack.view)).toContain(i18n.t("zh-CN", "slack:form.unknown"));
    expect(ms).toBeLessThan(1000);
    await settle();
    expect(callsOf("onSubmit")).toHaveLength(0);
  });
});
