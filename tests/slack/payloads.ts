// Request bodies in the shapes Slack sends them (trimmed to realistic fields).
import { FAKE_BOT_USER, FAKE_TEAM, type FakeSlack } from "../helpers/fake-slack.js";

export const CHANNEL = "C0DEMOLJZ";
export const WANG_FANG = "U0DEMO0001"; // zh-CN teller
export const EMILY = "U0DEMO0005"; // en manager
export const STRANGER = "U0STRANGER"; // not in the org file

export function slashCommand(slack: FakeSlack, user: string, text: string): Record<string, string> {
  return {
    token: "verification-token-unused",
    team_id: FAKE_TEAM,
    team_domain: "demo-bank",
    channel_id: CHANNEL,
    channel_name: "ljz-ops",
    user_id: user,
    user_name: user.toLowerCase(),
    command: "/branch",
    text,
    api_app_id: "A0BRANCH",
    is_enterprise_install: "false",
    response_url: slack.responseUrl(`cmd-${user}`),
    trigger_id: "13345224609.738474920.8088930838d88f008e0",
  };
}

export function blockActions(slack: FakeSlack, user: string, actionId: string, value: string) {
  return {
    type: "block_actions",
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: FAKE_TEAM },
    api_app_id: "A0BRANCH",
    token: "verification-token-unused",
    container: { type: "message", message_ts: "1700000000.000100", channel_id: CHANNEL, is_ephemeral: false },
    trigger_id: "13345224609.738474920.aaaa",
    team: { id: FAKE_TEAM, domain: "demo-bank" },
    channel: { id: CHANNEL, name: "ljz-ops" },
    message: { type: "message", ts: "1700000000.000100", text: "reminder", user: FAKE_BOT_USER },
    response_url: slack.responseUrl(`act-${user}`),
    actions: [
      {
        action_id: actionId,
        block_id: "a1",
        text: { type: "plain_text", text: "All OK", emoji: true },
        value,
        type: "button",
        action_ts: "1700000050.000300",
      },
    ],
  };
}

export function viewSubmission(user: string, values: Record<string, Record<string, unknown>>, metadata: string) {
  return {
    type: "view_submission",
    team: { id: FAKE_TEAM, domain: "demo-bank" },
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: FAKE_TEAM },
    api_app_id: "A0BRANCH",
    token: "verification-token-unused",
    trigger_id: "13345224609.738474920.bbbb",
    view: {
      id: "V0MODAL1",
      team_id: FAKE_TEAM,
      type: "modal",
      callback_id: "incident",
      private_metadata: metadata,
      title: { type: "plain_text", text: "Incident" },
      blocks: [
        { type: "input", block_id: "amount", label: { type: "plain_text", text: "Amount" }, element: {} },
        { type: "input", block_id: "cctv", label: { type: "plain_text", text: "CCTV" }, element: {} },
      ],
      state: { values },
      hash: "156772938.1827394",
    },
    response_urls: [],
  };
}

export function eventCallback(eventId: string, event: Record<string, unknown>) {
  return {
    token: "verification-token-unused",
    team_id: FAKE_TEAM,
    api_app_id: "A0BRANCH",
    event,
    type: "event_callback",
    event_id: eventId,
    event_time: 1700000100,
    authorizations: [{ team_id: FAKE_TEAM, user_id: FAKE_BOT_USER, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
}

export function threadMessage(user: string, text: string, extra: Record<string, unknown> = {}) {
  return {
    type: "message",
    channel: CHANNEL,
    user,
    text,
    ts: "1700000100.000200",
    thread_ts: "1700000000.000100",
    channel_type: "channel",
    event_ts: "1700000100.000200",
    ...extra,
  };
}
