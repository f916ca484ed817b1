// Events API: thread replies and DMs go to the core as text; a top-level @mention too; opening
// App Home publishes the user's day. Bolt acks events before any middleware runs, then the
// dedupe middleware claims the event_id so a retry (on any replica) does nothing.
import type { AnyMiddlewareArgs, App, Middleware } from "@slack/bolt";
import type { InboundConversation } from "../../../bot/contract.js";
import { claimSlackEvent } from "../dedupe.js";
import { resolveUser } from "../identity.js";
import { AppHomeOpenedEvent, AppMentionEvent, EventCallbackBody, MessageEvent } from "../payloads.js";
import { renderCtx, renderHome, renderNoticeModal } from "../render/index.js";
import { deliverReplies, type ReplyTarget } from "../replies.js";
import { type EdgeEnv, guarded, replyEnv } from "./env.js";

export function dedupeEvents(env: EdgeEnv): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next, context }) => {
    const parsed = EventCallbackBody.safeParse(body);
    if (!parsed.success) {
      await next();
      return;
    }
    if (!(await claimSlackEvent(env.db, parsed.data.event_id))) {
      env.log.info(
        { eventId: parsed.data.event_id, retryNum: context.retryNum, retryReason: context.retryReason },
        "duplicate Slack event dropped",
      );
      return;
    }
    await next();
  };
}

/** "<@U0BOT> today" → "today": the mention addresses the bot, it is not part of the command. */
export function stripBotMention(text: string, botUserId: string | undefined): string {
  const t = botUserId ? text.replaceAll(`<@${botUserId}>`, "") : text.replace(/^\s*<@[A-Z0-9]+>/, "");
  return t.trim();
}

async function handleText(
  env: EdgeEnv,
  client: Parameters<typeof replyEnv>[1],
  teamId: string | undefined,
  userId: string,
  conv: InboundConversation,
  text: string,
) {
  const target: ReplyTarget = { userId, conv };
  await guarded(env, client, target, teamId, async ({ user }) => {
    const replies = await env.core.onText(user, conv, text);
    await deliverReplies(replyEnv(env, client), target, replies);
  });
}

/**
 * Subtypes that are still a person writing: a thread reply also sent to the channel, a message
 * with a file attached, a /me message. Edits, deletions, joins and bot posts are not answers.
 */
const PERSON_SUBTYPES = new Set(["thread_broadcast", "file_share", "me_message"]);

/** Whether the message @-mentions the bot (inside a thread Slack sends it as a message event). */
export function mentionsBot(text: string, botUserId: string | undefined): boolean {
  return botUserId !== undefined && text.includes(`<@${botUserId}>`);
}

export function registerEvents(app: App, env: EdgeEnv): void {
  app.event("message", async ({ event, body, client, context }) => {
    const m = MessageEvent.safeParse(event);
    if (!m.success || m.data.bot_id || !m.data.user) return;
    if (m.data.subtype && !PERSON_SUBTYPES.has(m.data.subtype)) return;
    const msg = m.data;
    const inThread = msg.thread_ts !== undefined && msg.thread_ts !== msg.ts;
    const isDirect = msg.channel_type === "im";
    // top-level channel messages addressed to the bot arrive as app_mention (below)
    if (!inThread && !isDirect) return;
    const conv: InboundConversation = {
      platform: "slack",
      channelId: msg.channel,
      isDirect,
      messageId: msg.ts,
      ...(inThread ? { threadId: msg.thread_ts } : {}),
      ...(mentionsBot(msg.text, context.botUserId) ? { addressed: true } : {}),
    };
    const teamId = (body as { team_id?: string }).team_id;
    await handleText(env, client, teamId, msg.user as string, conv, stripBotMention(msg.text, context.botUserId));
  });

  app.event("app_mention", async ({ event, body, client, context }) => {
    const m = AppMentionEvent.parse(event);
    // A mention inside a thread also arrives as a message event, which handles it.
    if (m.thread_ts && m.thread_ts !== m.ts) return;
    const conv: InboundConversation = {
      platform: "slack",
      channelId: m.channel,
      isDirect: false,
      addressed: true,
      messageId: m.ts,
      threadId: m.ts,
    };
    const teamId = (body as { team_id?: string }).team_id;
    await handleText(env, client, teamId, m.user, conv, stripBotMention(m.text, context.botUserId));
  });

  app.event("app_home_opened", async ({ event, body, client }) => {
    const e = AppHomeOpenedEvent.parse(event);
    if (e.tab && e.tab !== "home") return;
    const teamId = (body as { team_id?: string }).team_id;
    try {
      const who = await resolveUser(env, client, e.user, teamId);
      const home = await env.core.home(who.user);
      const view = home
        ? renderHome(renderCtx(env.i18n, home.locale), home.view)
        : notLinkedHome(env, who.locale, e.user);
      await client.views.publish({ user_id: e.user, view });
    } catch (err) {
      env.log.error({ err, user: e.user }, "could not publish App Home");
    }
  });
}

/** The Home tab of someone not in the org file: what to ask for, with the id an admin needs. */
function notLinkedHome(env: EdgeEnv, locale: Parameters<typeof renderCtx>[1], userId: string) {
  const ctx = renderCtx(env.i18n, locale);
  const notice = renderNoticeModal(ctx, ctx.t("slack:home.not_linked_title"), [
    ctx.t("slack:home.not_linked", { id: userId }),
  ]);
  return { type: "home" as const, blocks: notice.blocks };
}
