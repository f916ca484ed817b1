// Signed Slack requests for benchmark a, as Slack sends them to the app, for the demo org
// (examples/org.demo.yaml): the staff of SH-LJZ in its channel C0DEMOLJZ. Three kinds, in turn:
// - "command": /branch incident (opens the incident modal),
// - "block_actions": the "report incident" button on a bot message (opens the same modal),
// - "view_submission": an incident modal the bot really opened (its views.open as the fake
//   Slack recorded it), filled in and submitted by the person it was opened for.
// Each request has a fresh trigger_id, as Slack's do. Bodies are signed (v0) at send time.
import { formBody, interactiveBody, signedHeaders } from "../../tests/helpers/slack-sign.js";
import type { OpenedModal } from "./fake-slack-child.js";

export type RequestKind = "command" | "block_actions" | "view_submission";
export const KINDS: RequestKind[] = ["block_actions", "command", "view_submission"];

const TEAM = "T0DEMO";
const CHANNEL = "C0DEMOLJZ";
/** wang.fang, li.jun, zhao.qiang, chen.min, emily.zhou: all on staff at SH-LJZ. */
const USERS = ["U0DEMO0001", "U0DEMO0002", "U0DEMO0003", "U0DEMO0004", "U0DEMO0005"];

export interface SignedRequest {
  kind: RequestKind;
  body: string;
  headers: Record<string, string>;
}

interface ModalBlock {
  type: string;
  block_id?: string;
  element?: { type: string; action_id: string; options?: Array<{ value: string; text: unknown }> };
}

export class SlackRequests {
  private seq = 0;
  /** Who each trigger id belongs to, so a modal is submitted by the person it was opened for. */
  private readonly triggerUser = new Map<string, string>();
  private readonly modals: Array<{ user: string; view: Record<string, unknown> }> = [];
  private lastModal?: { user: string; view: Record<string, unknown> };
  /** Submissions that had to reuse an already submitted modal (none queued yet). */
  reused = 0;

  constructor(
    private readonly secret: string,
    private readonly responseBase: string,
  ) {}

  /** Feed from the fake Slack: a modal the bot opened. */
  modalOpened(m: OpenedModal): void {
    const user = this.triggerUser.get(m.triggerId);
    if (!user) return;
    this.triggerUser.delete(m.triggerId);
    const entry = { user, view: m.view };
    this.modals.push(entry);
    this.lastModal = entry;
  }

  get modalsQueued(): number {
    return this.modals.length;
  }

  /** The i-th request of a run; `fresh` false (the baseline) never takes a queued modal. */
  make(i: number, fresh: boolean): SignedRequest {
    const kind = KINDS[i % KINDS.length] as RequestKind;
    const user = USERS[Math.floor(i / KINDS.length) % USERS.length] as string;
    this.seq += 1;
    const trigger = `13345224609.738474920.${this.seq.toString(16).padStart(8, "0")}`;
    const responseUrl = `${this.responseBase}/response/bench-${this.seq}`;
    if (kind === "command") {
      if (fresh) this.triggerUser.set(trigger, user);
      return this.signed(kind, formBody(command(user, trigger, responseUrl)), "application/x-www-form-urlencoded");
    }
    if (kind === "block_actions") {
      if (fresh) this.triggerUser.set(trigger, user);
      return this.signed(
        kind,
        interactiveBody(button(user, trigger, responseUrl, this.seq)),
        "application/x-www-form-urlencoded",
      );
    }
    const modal = fresh ? this.modals.shift() : undefined;
    const chosen = modal ?? this.lastModal;
    if (fresh && !modal) this.reused++;
    const payload = chosen
      ? submission(chosen.user, chosen.view, trigger)
      : submission(user, { callback_id: "incident", private_metadata: "", blocks: [], title: {} }, trigger);
    return this.signed(kind, interactiveBody(payload), "application/x-www-form-urlencoded");
  }

  private signed(kind: RequestKind, body: string, ct: "application/x-www-form-urlencoded"): SignedRequest {
    return { kind, body, headers: signedHeaders(this.secret, body, ct) };
  }
}

function command(user: string, trigger: string, responseUrl: string): Record<string, string> {
  return {
    token: "verification-token-unused",
    team_id: TEAM,
    team_domain: "demo-bank",
    channel_id: CHANNEL,
    channel_name: "ljz-ops",
    user_id: user,
    user_name: user.toLowerCase(),
    command: "/branch",
    text: "incident",
    api_app_id: "A0BRANCH",
    is_enterprise_install: "false",
    response_url: responseUrl,
    trigger_id: trigger,
  };
}

function button(user: string, trigger: string, responseUrl: string, n: number) {
  const ts = `${1_700_000_000 + n}.000200`;
  return {
    type: "block_actions",
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: TEAM },
    api_app_id: "A0BRANCH",
    token: "verification-token-unused",
    container: { type: "message", message_ts: ts, channel_id: CHANNEL, is_ephemeral: false },
    trigger_id: trigger,
    team: { id: TEAM, domain: "demo-bank" },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: CHANNEL, name: "ljz-ops" },
    message: { type: "message", subtype: "bot_message", text: "…", ts, bot_id: "B0BOT" },
    state: { values: {} },
    response_url: responseUrl,
    actions: [
      {
        action_id: "incident.report",
        block_id: `b${n}`,
        text: { type: "plain_text", text: "button", emoji: true },
        value: "",
        type: "button",
        action_ts: ts,
      },
    ],
  };
}

/** The incident modal filled in: type "system" and a description; other inputs left empty. */
function submission(user: string, view: Record<string, unknown>, trigger: string) {
  const answers: Record<string, string> = { type: "system", description: "核心系统登录缓慢，柜面业务受影响" };
  const blocks = (view.blocks ?? []) as ModalBlock[];
  const values: Record<string, Record<string, unknown>> = {};
  for (const b of blocks) {
    if (b.type !== "input" || !b.block_id || !b.element) continue;
    const el = b.element;
    const a = answers[b.block_id];
    let state: Record<string, unknown>;
    if (el.type === "radio_buttons" || el.type === "static_select") {
      const opt = el.options?.find((o) => o.value === a);
      state = { type: el.type, selected_option: opt ? { text: opt.text, value: opt.value } : null };
    } else if (el.type === "datepicker") state = { type: el.type, selected_date: a ?? null };
    else if (el.type === "file_input") state = { type: el.type, files: [] };
    else state = { type: el.type, value: a ?? null };
    values[b.block_id] = { [el.action_id]: state };
  }
  return {
    type: "view_submission",
    team: { id: TEAM, domain: "demo-bank" },
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: TEAM },
    api_app_id: "A0BRANCH",
    token: "verification-token-unused",
    trigger_id: trigger,
    view: {
      id: "V0MODAL",
      team_id: TEAM,
      type: "modal",
      blocks,
      private_metadata: view.private_metadata ?? "",
      callback_id: view.callback_id ?? "incident",
      state: { values },
      hash: "156772938.1827394",
      title: view.title ?? { type: "plain_text", text: "x" },
      previous_view_id: null,
      root_view_id: "V0MODAL",
      app_id: "A0BRANCH",
      bot_id: "B0BOT",
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}
