// Request bodies as Slack sends them to the real app, with fresh ids per request (trigger_id,
// event_id) as Slack does. View submissions are built from the modal the bot actually opened
// (views.open as recorded by the fake), filled in the way Slack reports each element's state.
import { FAKE_BOT_ID, FAKE_BOT_USER, FAKE_TEAM, type FakeCall, type FakeSlack } from "../helpers/fake-slack.js";
import { eventCallback } from "./payloads.js";

export const LJZ = "C0DEMOLJZ";
export const LJZ_SUP = "C0DEMOLJZSUP";
export const USERS = {
  wang: "U0DEMO0001", // teller @LJZ, zh-CN
  li: "U0DEMO0002", // lobby @LJZ
  zhao: "U0DEMO0003", // security @LJZ and @XJH
  chen: "U0DEMO0004", // supervisor @LJZ, teller @XJH, zh-CN
  emily: "U0DEMO0005", // manager @LJZ, en
  david: "U0DEMO0007", // supervisor @XJH, en
} as const;

let seq = 0;
const next = () => {
  seq += 1;
  return seq;
};
const trigger = () => `13345224609.738474920.${next().toString(16).padStart(8, "0")}`;

export function command(slack: FakeSlack, user: string, text: string, channel = LJZ): Record<string, string> {
  const n = next();
  return {
    token: "verification-token-unused",
    team_id: FAKE_TEAM,
    team_domain: "demo-bank",
    channel_id: channel,
    channel_name: channel.startsWith("D") ? "directmessage" : "ljz-ops",
    user_id: user,
    user_name: user.toLowerCase(),
    command: "/branch",
    text,
    api_app_id: "A0BRANCH",
    is_enterprise_install: "false",
    response_url: slack.responseUrl(`cmd-${n}`),
    trigger_id: trigger(),
  };
}

/** The response_url id a command built with `command()` answers on. */
export const responseId = (fields: Record<string, string>) => (fields.response_url ?? "").split("/").pop() ?? "";

/** A button click on a message the bot posted (top level or in a thread). */
export function buttonClick(
  slack: FakeSlack,
  user: string,
  on: { channel: string; ts: string; threadTs?: string },
  button: { action_id: string; value: string },
) {
  const n = next();
  return {
    type: "block_actions",
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: FAKE_TEAM },
    api_app_id: "A0BRANCH",
    token: "verification-token-unused",
    container: {
      type: "message",
      message_ts: on.ts,
      channel_id: on.channel,
      is_ephemeral: false,
      ...(on.threadTs ? { thread_ts: on.threadTs } : {}),
    },
    trigger_id: trigger(),
    team: { id: FAKE_TEAM, domain: "demo-bank" },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: on.channel, name: "ljz-ops" },
    message: {
      type: "message",
      subtype: "bot_message",
      text: "…",
      ts: on.ts,
      bot_id: FAKE_BOT_ID,
      ...(on.threadTs ? { thread_ts: on.threadTs } : {}),
    },
    state: { values: {} },
    response_url: slack.responseUrl(`act-${n}`),
    actions: [
      {
        action_id: button.action_id,
        block_id: `b${n}`,
        text: { type: "plain_text", text: "button", emoji: true },
        value: button.value,
        type: "button",
        action_ts: "1700000050.000300",
      },
    ],
  };
}

interface ModalBlock {
  type: string;
  block_id?: string;
  element?: { type: string; action_id: string; options?: Array<{ value: string; text: unknown }> };
}
export interface OpenedModal {
  callback_id: string;
  private_metadata: string;
  title: { text: string };
  blocks: ModalBlock[];
}

export const modalOf = (call: FakeCall) => call.body.view as OpenedModal;

/** Input block ids of a modal, in order. */
export const inputIds = (m: OpenedModal) => m.blocks.filter((b) => b.type === "input").map((b) => b.block_id);

/**
 * A view_submission for a modal the bot opened: answers by block_id, every other input left
 * empty, each element's state in Slack's shape (value / selected_option / selected_date).
 */
export function submission(user: string, modal: OpenedModal, answers: Record<string, string>, viewId = "V0MODAL") {
  const values: Record<string, Record<string, unknown>> = {};
  for (const b of modal.blocks) {
    if (b.type !== "input" || !b.block_id || !b.element) continue;
    const el = b.element;
    const a = answers[b.block_id];
    let state: Record<string, unknown>;
    switch (el.type) {
      case "radio_buttons":
      case "static_select": {
        const opt = el.options?.find((o) => o.value === a);
        if (a !== undefined && !opt) throw new Error(`no option ${a} in ${b.block_id}`);
        state = { type: el.type, selected_option: opt ? { text: opt.text, value: opt.value } : null };
        break;
      }
      case "datepicker":
        state = { type: el.type, selected_date: a ?? null };
        break;
      case "file_input":
        state = { type: el.type, files: [] };
        break;
      default:
        state = { type: el.type, value: a ?? null };
    }
    values[b.block_id] = { [el.action_id]: state };
  }
  return {
    type: "view_submission",
    team: { id: FAKE_TEAM, domain: "demo-bank" },
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: FAKE_TEAM },
    api_app_id: "A0BRANCH",
    token: "verification-token-unused",
    trigger_id: trigger(),
    view: {
      id: viewId,
      team_id: FAKE_TEAM,
      type: "modal",
      blocks: modal.blocks,
      private_metadata: modal.private_metadata,
      callback_id: modal.callback_id,
      state: { values },
      hash: "156772938.1827394",
      title: modal.title,
      previous_view_id: null,
      root_view_id: viewId,
      app_id: "A0BRANCH",
      bot_id: FAKE_BOT_ID,
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

export function envelope(event: Record<string, unknown>, eventId = `Ev0${next().toString().padStart(8, "0")}`) {
  return { ...eventCallback(eventId, event), event_context: "4-eyJldCI6Im1lc3NhZ2UifQ" };
}

let tsSeq = 1_800_000_000;
export const newTs = () => {
  tsSeq += 1;
  return `${tsSeq}.000200`;
};

/** A person's message: in a thread when threadTs is given; channel_type "im" for a DM. */
export function userMessage(user: string, channel: string, text: string, threadTs?: string) {
  const ts = newTs();
  return {
    type: "message",
    channel,
    user,
    text,
    ts,
    event_ts: ts,
    team: FAKE_TEAM,
    blocks: [{ type: "rich_text", block_id: "r1", elements: [] }],
    channel_type: channel.startsWith("D") ? "im" : "channel",
    ...(threadTs ? { thread_ts: threadTs, parent_user_id: FAKE_BOT_USER } : {}),
  };
}

export function homeOpened(user: string) {
  return { type: "app_home_opened", user, channel: `D${user.slice(1)}`, tab: "home", event_ts: newTs() };
}

/** All texts of a Block Kit payload (header, sections, fields, context, buttons), joined. */
export function blockText(blocks: unknown): string {
  const out: string[] = [];
  const walk = (x: unknown) => {
    if (Array.isArray(x)) for (const y of x) walk(y);
    else if (x && typeof x === "object") {
      const o = x as Record<string, unknown>;
      if (typeof o.text === "string") out.push(o.text);
      for (const [k, v] of Object.entries(o)) if (k !== "text" || typeof v !== "string") walk(v);
    }
  };
  walk(blocks);
  return out.join("\n");
}

/** Buttons (action_id → value) in a Block Kit payload. */
export function buttons(blocks: unknown): Array<{ action_id: string; value: string }> {
  const list = (blocks ?? []) as Array<{ type: string; elements?: Array<{ action_id: string; value: string }> }>;
  return list.filter((b) => b.type === "actions").flatMap((b) => b.elements ?? []);
}

/** Text as it appears in mrkdwn (Slack's three control characters escaped). */
export const mrkdwn = (s: string) => s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

/** The DM channel the fake's conversations.open gives a user (U0DEMO0005 → D0DEMO0005). */
export const dmOf = (user: string) => user.replace(/^[UW]/, "D");
