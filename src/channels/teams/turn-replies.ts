// Delivers the core's replies during a turn. Teams has no ephemeral messages: "ephemeral" and
// "direct" replies in a shared conversation go to the person's personal chat, through the
// stored reference or, the first time, a personal chat the bot opens (createConversation); a
// refusal or a per-person notice is never posted in the shared thread unless Teams refuses
// both. Everything else answers in the conversation the activity came from, which for a
// channel is the reply chain (…;messageid=<root>).
import { type CloudAdapter, TurnContext } from "botbuilder";
import type { BotReply } from "../../bot/contract.js";
import type { Db } from "../../db/client.js";
import type { I18n, Locale } from "../../i18n/index.js";
import type { Logger } from "../../log.js";
import { Directory } from "../../services/directory.js";
import type { View } from "../../views/types.js";
import { type InboundActivity, isPersonal, tenantOf } from "./activity.js";
import type { AdaptiveCard } from "./cards/common.js";
import { fitToLimit } from "./cards/fit.js";
import { cardActivity, renderCard } from "./cards/render.js";
import { storeDirectReference } from "./references.js";

export interface ReplyDeps {
  db: Db;
  log: Logger;
  i18n: I18n;
  adapter: CloudAdapter;
  appId: string;
}

export function renderFor(i18n: I18n, view: View, locale: Locale): AdaptiveCard {
  return fitToLimit(renderCard({ t: i18n.fixed(locale), locale }, view));
}

async function directReference(db: Db, a: InboundActivity) {
  const staff = await new Directory(db).staffByPlatform(
    "teams",
    [a.from.id, a.from.aadObjectId ?? ""],
    tenantOf(a) ?? "",
  );
  if (!staff) return null;
  const dc = await db.directConversation.findUnique({
    where: { staffId_platform: { staffId: staff.id, platform: "teams" } },
  });
  return dc?.reference ? JSON.parse(dc.reference) : null;
}

/** Opens the person's personal chat and sends the activity there; false when Teams refuses. */
async function sendInNewPersonalChat(deps: ReplyDeps, a: InboundActivity, activity: Record<string, unknown>) {
  const tenantId = tenantOf(a);
  try {
    let conversationId = "";
    let reference: ReturnType<typeof TurnContext.getConversationReference> | null = null;
    await deps.adapter.createConversationAsync(
      deps.appId,
      a.channelId ?? "msteams",
      a.serviceUrl,
      "https://api.botframework.com",
      {
        isGroup: false,
        bot: { id: a.recipient?.id ?? deps.appId, name: a.recipient?.name ?? "" },
        members: [{ id: a.from.id, name: a.from.name ?? "" }],
        ...(tenantId ? { tenantId, channelData: { tenant: { id: tenantId } } } : {}),
      } as Parameters<CloudAdapter["createConversationAsync"]>[4],
      async (c) => {
        conversationId = c.activity.conversation?.id ?? "";
        reference = TurnContext.getConversationReference(c.activity);
        await c.sendActivity(activity);
      },
    );
    const staff = await new Directory(deps.db).staffByPlatform(
      "teams",
      [a.from.id, a.from.aadObjectId ?? ""],
      tenantId ?? "",
    );
    if (staff && reference && conversationId) await storeDirectReference(deps.db, staff.id, conversationId, reference);
    return true;
  } catch (err) {
    deps.log.warn({ err: (err as Error).message }, "could not open a personal chat; answering in the conversation");
    return false;
  }
}

export async function sendReplies(deps: ReplyDeps, ctx: TurnContext, a: InboundActivity, replies: BotReply[]) {
  for (const r of replies) {
    const activity = cardActivity(renderFor(deps.i18n, r.view, r.locale));
    const private_ = (r.visibility === "direct" || r.visibility === "ephemeral") && !isPersonal(a);
    const ref = private_ ? await directReference(deps.db, a) : null;
    if (ref) {
      await deps.adapter.continueConversationAsync(deps.appId, ref, async (c) => {
        await c.sendActivity(activity);
      });
    } else if (!private_ || !(await sendInNewPersonalChat(deps, a, activity))) {
      await ctx.sendActivity(activity);
    }
  }
}
