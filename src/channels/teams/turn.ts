// One Teams turn: remember where the bot can reach people, then turn the activity into one
// BotCore call and deliver its views. Nothing here decides business rules. Any failure is
// answered with an apology in the user's language instead of a 500 that Teams would retry.
import type { TurnContext } from "botbuilder";
import type { BotCore, InboundUser } from "../../bot/contract.js";
import type { Locale } from "../../i18n/index.js";
import { ActivitySchema, type InboundActivity } from "./activity.js";
import { type CardActionDeps, handleCardAction, invokeMessage } from "./card-actions.js";
import { cardAction, inboundConversation, inboundUser, stripBotMention } from "./inbound.js";
import { captureReference } from "./references.js";
import { sendReplies } from "./turn-replies.js";

export interface TurnDeps extends CardActionDeps {
  core: BotCore;
  defaultLocale: Locale;
}

/**
 * Teams sends both installationUpdate and conversationUpdate (bot added) on install, in a
 * personal chat and in a team alike (the Agents Playground too); greeting on both would say
 * hello twice. installationUpdate greets; conversationUpdate only stores the reference.
 */
function botWasAdded(a: InboundActivity): boolean {
  return a.type === "installationUpdate" && (a.action === undefined || a.action.startsWith("add"));
}

async function safeLocale(deps: TurnDeps, user: InboundUser): Promise<Locale> {
  try {
    return await deps.core.localeFor(user);
  } catch {
    return deps.defaultLocale;
  }
}

async function welcome(deps: TurnDeps, ctx: TurnContext, a: InboundActivity, user: InboundUser) {
  const locale = await safeLocale(deps, user);
  const home = a.conversation.conversationType === "personal" ? await deps.core.home(user) : null;
  const view = home
    ? home.view
    : { type: "text" as const, message: { key: "teams:welcome.message" }, lines: [{ key: "teams:welcome.commands" }] };
  await sendReplies(deps, ctx, a, [{ view, locale: home?.locale ?? locale, visibility: "thread" }]);
}

async function dispatch(deps: TurnDeps, ctx: TurnContext, a: InboundActivity): Promise<void> {
  const user = inboundUser(a);
  const clicked = cardAction(a);
  if (clicked) {
    return handleCardAction(deps, ctx, a, user, inboundConversation(a, true), clicked.data);
  }
  if (a.type === "invoke") {
    // Invokes this bot does not handle (message extensions, task modules) get 501, as botbuilder's ActivityHandler does.
    await ctx.sendActivity({ type: "invokeResponse", value: { status: 501 } });
    return;
  }
  if (botWasAdded(a)) return welcome(deps, ctx, a, user);
  if (a.type !== "message") return;
  const text = stripBotMention(a);
  if (!text) return;
  const replies = await deps.core.onText(user, inboundConversation(a, false), text);
  await sendReplies(deps, ctx, a, replies);
}

export function createTurnHandler(deps: TurnDeps) {
  return async (ctx: TurnContext): Promise<void> => {
    const parsed = ActivitySchema.safeParse(ctx.activity);
    if (!parsed.success) return; // the edge already answered 400 for these
    const a = parsed.data;
    try {
      await captureReference(deps.db, a, deps.log);
    } catch (err) {
      // a lost reference only delays proactive messages; the user's request still gets served
      deps.log.warn({ err: String(err), conversation: a.conversation.id }, "could not store the Teams reference");
    }
    try {
      await dispatch(deps, ctx, a);
    } catch (err) {
      deps.log.error({ err: err instanceof Error ? err.stack : String(err), type: a.type }, "Teams activity failed");
      const locale = await safeLocale(deps, inboundUser(a));
      const sorry = deps.i18n.t(locale, "teams:error.generic");
      if (a.type === "invoke") await ctx.sendActivity({ type: "invokeResponse", value: invokeMessage(sorry) });
      else
        await sendReplies(deps, ctx, a, [
          { view: { type: "text", message: { key: "teams:error.generic" } }, locale, visibility: "thread" },
        ]).catch(() => undefined);
    }
  };
}
