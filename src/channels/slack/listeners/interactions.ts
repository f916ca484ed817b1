// Buttons (block_actions) and shortcuts. A button's action_id is the view's action name (with a
// "~n" suffix when one block repeats it) and its value is passed through untouched. Shortcuts
// become the same core actions a button would trigger.
import type { App, webApi } from "@slack/bolt";
import type { InboundConversation } from "../../../bot/contract.js";
import { BlockActionsBody, GlobalShortcutBody, MessageShortcutBody } from "../payloads.js";
import { decodeActionId } from "../render/kit.js";
import { deliverReplies, directChannel, openModal, type ReplyTarget } from "../replies.js";
import { safeRespond } from "../response-url.js";
import { type EdgeEnv, guarded, isDirectChannel, replyEnv } from "./env.js";

/** Actions handled from one block_actions payload (a click carries one). */
export const MAX_ACTIONS_PER_PAYLOAD = 5;

/** Shortcut callback ids (manifest.json) → the core action each one stands for. */
export const SHORTCUT_ACTIONS = {
  report_incident: "incident.report",
  log_complaint: "complaint.new",
  raise_complaint: "complaint.from_message",
} as const;

async function runAction(
  env: EdgeEnv,
  client: webApi.WebClient,
  target: ReplyTarget,
  teamId: string | undefined,
  triggerId: string,
  action: { action: string; value: string },
) {
  await guarded(env, client, target, teamId, async ({ user }) => {
    const result = await env.core.onAction(user, target.conv, action);
    if (result.openForm) await openModal(replyEnv(env, client), target, triggerId, result.openForm);
    await deliverReplies(replyEnv(env, client), target, result.replies);
  });
}

export function registerInteractions(app: App, env: EdgeEnv): void {
  app.action(/.+/, async ({ ack, body, client, respond }) => {
    await ack();
    const b = BlockActionsBody.parse(body);
    const channelId = b.channel?.id ?? b.container?.channel_id;
    // App Home buttons have no channel: replies go to the user's DM with the bot.
    const conv: InboundConversation = channelId
      ? {
          platform: "slack",
          channelId,
          isDirect: isDirectChannel(channelId, b.channel?.name),
          ...((b.message?.thread_ts ?? b.container?.thread_ts)
            ? { threadId: b.message?.thread_ts ?? b.container?.thread_ts }
            : {}),
          ...((b.message?.ts ?? b.container?.message_ts)
            ? { messageId: b.message?.ts ?? b.container?.message_ts }
            : {}),
        }
      : { platform: "slack", channelId: await directChannel(client, b.user.id), isDirect: true };
    const viaUrl = safeRespond(env.log, env.responseUrlHosts, b.response_url, respond);
    const target: ReplyTarget = { userId: b.user.id, conv, ...(viaUrl ? { respond: viaUrl } : {}) };
    const teamId = b.team?.id ?? b.user.team_id;
    // A click sends one action; a crafted payload with hundreds must not fan out into as many
    // core calls. The first few are handled, the rest are dropped and logged.
    if (b.actions.length > MAX_ACTIONS_PER_PAYLOAD) {
      env.log.warn(
        { actions: b.actions.length, handled: MAX_ACTIONS_PER_PAYLOAD, user: b.user.id },
        "block_actions payload with too many actions; the extra ones are ignored",
      );
    }
    for (const a of b.actions.slice(0, MAX_ACTIONS_PER_PAYLOAD)) {
      const value = a.value ?? a.selected_option?.value ?? "";
      await runAction(env, client, target, teamId, b.trigger_id, { action: decodeActionId(a.action_id), value });
    }
  });

  // One listener for every shortcut: Bolt runs each matching listener, so a specific one plus a
  // catch-all would ack twice. A callback id this version does not know (a manifest edited by
  // hand, an app updated before the code) is acked at once and answered politely by the core,
  // instead of Slack waiting 3 s for an ack that never comes.
  app.shortcut(/.*/, async ({ ack, body, client, respond }) => {
    await ack();
    if (MessageShortcutBody.safeParse(body).success) {
      await messageShortcut(env, client, MessageShortcutBody.parse(body), respond);
      return;
    }
    const s = GlobalShortcutBody.parse(body);
    const conv: InboundConversation = {
      platform: "slack",
      channelId: await directChannel(client, s.user.id),
      isDirect: true,
    };
    const target: ReplyTarget = { userId: s.user.id, conv };
    await runAction(env, client, target, s.team?.id ?? s.user.team_id, s.trigger_id, {
      action: shortcutAction(s.callback_id),
      value: "",
    });
  });
}

/** The core action a shortcut stands for; an unknown callback id passes through (the core refuses it). */
export function shortcutAction(callbackId: string): string {
  return Object.hasOwn(SHORTCUT_ACTIONS, callbackId)
    ? SHORTCUT_ACTIONS[callbackId as keyof typeof SHORTCUT_ACTIONS]
    : `shortcut.${callbackId}`;
}

async function messageShortcut(env: EdgeEnv, client: webApi.WebClient, s: MessageShortcutBody, respond: unknown) {
  const conv: InboundConversation = {
    platform: "slack",
    channelId: s.channel.id,
    isDirect: isDirectChannel(s.channel.id),
    messageId: s.message.ts,
    ...(s.message.thread_ts ? { threadId: s.message.thread_ts } : {}),
  };
  const viaUrl = safeRespond(env.log, env.responseUrlHosts, s.response_url, respond);
  const target: ReplyTarget = { userId: s.user.id, conv, ...(viaUrl ? { respond: viaUrl } : {}) };
  const action = shortcutAction(s.callback_id);
  // "Raise as complaint": the message's text is the value, the core pre-fills the complaint from it
  const value = action === SHORTCUT_ACTIONS.raise_complaint ? s.message.text : "";
  await runAction(env, client, target, s.team?.id ?? s.user.team_id, s.trigger_id, { action, value });
}
