// Puts the core's replies where they belong relative to the inbound message: in its thread, in
// the channel, visible to the user only, or in the user's DM with the bot. These are direct
// answers to a person who is waiting, so they go out at once rather than through the outbox.
import type { webApi } from "@slack/bolt";
import type { BotReply, InboundConversation } from "../../bot/contract.js";
import type { I18n, Locale } from "../../i18n/index.js";
import type { Logger } from "../../log.js";
import type { FormView } from "../../views/common.js";
import type { View } from "../../views/types.js";
import { encodeModalContext } from "./modal-context.js";
import { renderCtx, renderMessages, renderModal, type SlackMessage } from "./render/index.js";

export type RespondFn = (
  message:
    | { response_type: "ephemeral"; replace_original: false; text: string; blocks: SlackMessage["blocks"] }
    | { replace_original: true; text: string; blocks: SlackMessage["blocks"] },
) => Promise<unknown>;

export interface ReplyEnv {
  client: webApi.WebClient;
  i18n: I18n;
  log: Logger;
}

export interface ReplyTarget {
  userId: string;
  conv: InboundConversation;
  /** response_url of a command or action: ephemeral answers work even where the bot is not a member. */
  respond?: RespondFn;
}

/** The user's DM channel with the bot (opens it the first time). */
export async function directChannel(client: webApi.WebClient, userId: string): Promise<string> {
  const res = await client.conversations.open({ users: userId });
  const channel = res.channel?.id;
  if (!channel) throw new Error("conversations.open returned no channel");
  return channel;
}

async function post(env: ReplyEnv, channel: string, m: SlackMessage, threadTs?: string) {
  await env.client.chat.postMessage({
    channel,
    text: m.text,
    blocks: m.blocks,
    unfurl_links: false,
    ...(threadTs ? { thread_ts: threadTs } : {}),
  });
}

/**
 * Slack answers these when the bot cannot show a message in the channel: a slash command or a
 * modal used in a channel the bot was never invited to, or one archived since. The person is
 * still waiting for the answer, so it goes to their DM with the bot instead.
 */
const NOT_HERE = new Set(["channel_not_found", "not_in_channel", "is_archived", "user_not_in_channel"]);

async function ephemeralOrDirect(env: ReplyEnv, target: ReplyTarget, m: SlackMessage) {
  const { conv } = target;
  try {
    await env.client.chat.postEphemeral({
      channel: conv.channelId,
      user: target.userId,
      text: m.text,
      blocks: m.blocks,
      ...(conv.threadId ? { thread_ts: conv.threadId } : {}),
    });
  } catch (err) {
    const code = (err as { data?: { error?: string } }).data?.error;
    if (!code || !NOT_HERE.has(code)) throw err;
    env.log.info({ code, channel: conv.channelId }, "cannot answer privately in this channel; answering in the DM");
    await post(env, await directChannel(env.client, target.userId), m);
  }
}

/**
 * Edits the message whose button was clicked (an echo settled by Confirm or Cancel) rather than
 * posting another: through the action's response_url, which also reaches an ephemeral message,
 * else chat.update on the clicked message; with neither, the answer goes in the thread.
 */
async function replaceClicked(env: ReplyEnv, target: ReplyTarget, m: SlackMessage) {
  const { conv } = target;
  if (target.respond) {
    await target.respond({ replace_original: true, text: m.text, blocks: m.blocks });
  } else if (conv.channelId && conv.messageId) {
    await env.client.chat.update({ channel: conv.channelId, ts: conv.messageId, text: m.text, blocks: m.blocks });
  } else {
    await post(env, conv.channelId, m, conv.threadId ?? conv.messageId);
  }
}

async function deliverOne(env: ReplyEnv, target: ReplyTarget, reply: BotReply) {
  const { conv } = target;
  const messages = renderMessages(env.i18n, reply.locale, reply.view);
  // Without a channel (App Home, a global shortcut) only the user's DM is left.
  const visibility = conv.channelId ? reply.visibility : "direct";
  for (const m of messages) {
    switch (visibility) {
      case "thread":
        await post(env, conv.channelId, m, conv.threadId ?? conv.messageId);
        break;
      case "channel":
        await post(env, conv.channelId, m);
        break;
      case "ephemeral":
        if (target.respond) {
          await target.respond({ response_type: "ephemeral", replace_original: false, text: m.text, blocks: m.blocks });
        } else {
          await ephemeralOrDirect(env, target, m);
        }
        break;
      case "replace":
        await replaceClicked(env, target, m);
        break;
      case "direct":
        await post(
          env,
          conv.isDirect && conv.channelId ? conv.channelId : await directChannel(env.client, target.userId),
          m,
        );
        break;
    }
  }
}

export async function deliverReplies(env: ReplyEnv, target: ReplyTarget, replies: BotReply[]): Promise<void> {
  for (const reply of replies) await deliverOne(env, target, reply);
}

/** A one-line answer from the edge itself (errors, "form took too long"), shown to the user only. */
export async function tellUser(env: ReplyEnv, target: ReplyTarget, locale: Locale, key: string): Promise<void> {
  const view: View = { type: "text", message: { key } };
  await deliverReplies(env, target, [{ view, visibility: "ephemeral", locale }]);
}

/**
 * Opens a form as a modal. trigger_id is valid for 3 s from the click, so this runs right after
 * the core answers; if Slack says the trigger expired, the user is told to try again.
 */
export async function openModal(
  env: ReplyEnv,
  target: ReplyTarget,
  triggerId: string,
  form: { view: View; locale: Locale },
): Promise<void> {
  if (form.view.type !== "form") {
    await deliverReplies(env, target, [{ view: form.view, visibility: "ephemeral", locale: form.locale }]);
    return;
  }
  const view = renderModal(
    renderCtx(env.i18n, form.locale),
    form.view as FormView,
    encodeModalContext(form.view.contextId, target.conv),
  );
  try {
    await env.client.views.open({ trigger_id: triggerId, view });
  } catch (err) {
    const code = (err as { data?: { error?: string } }).data?.error;
    if (code !== "expired_trigger_id" && code !== "invalid_trigger_id") throw err;
    env.log.warn({ code }, "modal trigger expired before the form was ready");
    await tellUser(env, target, form.locale, "slack:errors.form_expired");
  }
}
