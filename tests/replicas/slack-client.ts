// What Slack sends to a replica, signed with the shared signing secret: slash commands,
// button clicks, modal submissions and Events API envelopes, in the shapes Slack uses. Any
// request can go to any replica: that is the point of these suites.
import { FAKE_BOT_USER, FAKE_TEAM, type FakeCall, type FakeSlack } from "../helpers/fake-slack.js";
import { formBody, interactiveBody, signedHeaders } from "../helpers/slack-sign.js";

export const SIGNING_SECRET = "replicas0signing0secret0000000001";
export const BOT_TOKEN = "xoxb-replicas-test";

/** Demo org Slack ids (tests/replicas/fixtures/org.yaml keeps the demo staff). */
export const USERS = {
  wangFang: "U0DEMO0001", // teller @ SH-LJZ
  chenMin: "U0DEMO0004", // supervisor @ SH-LJZ
  emily: "U0DEMO0005", // manager @ SH-LJZ
} as const;
export const LJZ_CHANNEL = "C0DEMOLJZ";

/** The environment every replica gets for Slack in HTTP mode against the fake Web API. */
export function slackEnv(slack: FakeSlack): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    SLACK_RESPONSE_URL_HOSTS: "127.0.0.1",
  };
}

type Ct = "application/json" | "application/x-www-form-urlencoded";

export async function postSigned(
  baseUrl: string,
  body: string,
  ct: Ct,
  extra: Record<string, string> = {},
  timeoutMs = 10_000,
): Promise<Response> {
  return fetch(`${baseUrl}/slack/events`, {
    method: "POST",
    headers: { ...signedHeaders(SIGNING_SECRET, body, ct), ...extra },
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });
}

/** A new trigger id: views.open echoes it, which ties the modal to the request that asked. */
export const newTrigger = () => `trig${Date.now()}${Math.random().toString(36).slice(2, 10)}`;

export function command(
  baseUrl: string,
  slack: FakeSlack,
  user: string,
  text: string,
  triggerId = newTrigger(),
  channel = LJZ_CHANNEL,
) {
  const fields = {
    team_id: FAKE_TEAM,
    team_domain: "demo-bank",
    channel_id: channel,
    channel_name: "ljz-ops",
    user_id: user,
    user_name: user.toLowerCase(),
    command: "/branch",
    text,
    api_app_id: "A0BRANCH",
    is_enterprise_install: "false",
    response_url: slack.responseUrl(`cmd-${user}-${Date.now()}`),
    trigger_id: triggerId,
  };
  return postSigned(baseUrl, formBody(fields), "application/x-www-form-urlencoded");
}

export function buttonClick(
  baseUrl: string,
  slack: FakeSlack,
  user: string,
  actionId: string,
  value: string,
  triggerId = newTrigger(),
) {
  const payload = {
    type: "block_actions",
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: FAKE_TEAM },
    api_app_id: "A0BRANCH",
    container: { type: "message", message_ts: "1700000000.000100", channel_id: LJZ_CHANNEL, is_ephemeral: false },
    trigger_id: triggerId,
    team: { id: FAKE_TEAM, domain: "demo-bank" },
    channel: { id: LJZ_CHANNEL, name: "ljz-ops" },
    message: { type: "message", ts: "1700000000.000100", text: "case", user: FAKE_BOT_USER },
    response_url: slack.responseUrl(`act-${user}-${Date.now()}`),
    actions: [{ action_id: actionId, block_id: "a1", value, type: "button", action_ts: "1700000050.000300" }],
  };
  return postSigned(baseUrl, interactiveBody(payload), "application/x-www-form-urlencoded");
}

/** A modal submission: the opened modal's callback_id and private_metadata, and the typed values. */
export function submitModal(
  baseUrl: string,
  user: string,
  opened: OpenedModal,
  values: Record<string, { type: "plain_text_input"; value: string } | { type: "static_select"; value: string }>,
  timeoutMs?: number,
) {
  const state: Record<string, Record<string, unknown>> = {};
  for (const [block, v] of Object.entries(values)) {
    state[block] =
      v.type === "static_select"
        ? { [block]: { type: "static_select", selected_option: { value: v.value } } }
        : { [block]: { type: "plain_text_input", value: v.value } };
  }
  const payload = {
    type: "view_submission",
    team: { id: FAKE_TEAM, domain: "demo-bank" },
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: FAKE_TEAM },
    api_app_id: "A0BRANCH",
    trigger_id: `trigger-${Math.random().toString(36).slice(2)}`,
    view: {
      id: opened.viewId,
      team_id: FAKE_TEAM,
      type: "modal",
      callback_id: opened.callbackId,
      private_metadata: opened.privateMetadata,
      title: { type: "plain_text", text: "Form" },
      blocks: Object.keys(values).map((b) => ({
        type: "input",
        block_id: b,
        label: { type: "plain_text", text: b },
        element: {},
      })),
      state: { values: state },
      hash: "1.1",
    },
    response_urls: [],
  };
  return postSigned(baseUrl, interactiveBody(payload), "application/x-www-form-urlencoded", {}, timeoutMs);
}

/** A DM to the bot as an Events API envelope; `retryNum` adds Slack's retry headers. */
export function directMessage(baseUrl: string, eventId: string, user: string, text: string, retryNum?: number) {
  const ts = `${Math.floor(Date.now() / 1000)}.${String(Math.floor(Math.random() * 1e6)).padStart(6, "0")}`;
  const envelope = {
    team_id: FAKE_TEAM,
    api_app_id: "A0BRANCH",
    type: "event_callback",
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: FAKE_TEAM, user_id: FAKE_BOT_USER, is_bot: true, is_enterprise_install: false }],
    event: { type: "message", channel: dmChannel(user), channel_type: "im", user, text, ts, event_ts: ts },
  };
  const retry: Record<string, string> = retryNum
    ? { "x-slack-retry-num": String(retryNum), "x-slack-retry-reason": "http_timeout" }
    : {};
  return postSigned(baseUrl, JSON.stringify(envelope), "application/json", retry);
}

/** The fake's conversations.open answer for a user: "D" + the id without its U. */
export const dmChannel = (user: string) => `D${user.replace(/^[UW]/, "")}`;

export interface OpenedModal {
  viewId: string;
  callbackId: string;
  privateMetadata: string;
  /** The form session id the submission must echo. */
  contextId: string;
}

/** The modal a views.open call with this trigger_id opened, or null if none yet. */
export function modalOpened(slack: FakeSlack, triggerId: string): OpenedModal | null {
  const call = slack.callsTo("views.open").find((c) => c.body.trigger_id === triggerId);
  const view = call?.body.view as { callback_id?: string; private_metadata?: string } | undefined;
  if (!view?.callback_id || !view.private_metadata) return null;
  return {
    viewId: `V0${triggerId}`,
    callbackId: view.callback_id,
    privateMetadata: view.private_metadata,
    contextId: (JSON.parse(view.private_metadata) as { c: string }).c,
  };
}

/** Text of every message the bot posted to a channel (chat.postMessage), oldest first. */
export function postedTo(slack: FakeSlack, channel: string): FakeCall[] {
  return slack.callsTo("chat.postMessage").filter((c) => c.body.channel === channel);
}

export const bodyText = (c: FakeCall) => JSON.stringify(c.body);
