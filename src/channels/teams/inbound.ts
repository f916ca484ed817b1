// Teams activity → the platform-neutral inputs of BotCore: who (InboundUser), where
// (InboundConversation: a channel reply chain's root id is the thread), and what (the text
// without the bot's @mention, or the data of a card button).
import { z } from "zod";
import type { InboundConversation, InboundUser } from "../../bot/contract.js";
import { type InboundActivity, isPersonal, splitConversationId, tenantOf } from "./activity.js";

export function inboundUser(a: InboundActivity): InboundUser {
  const ids = [a.from.id, a.from.aadObjectId].filter((x): x is string => Boolean(x));
  const tenant = tenantOf(a);
  return {
    platform: "teams",
    externalIds: ids,
    ...(tenant ? { workspace: tenant } : {}),
    ...(a.from.name ? { displayName: a.from.name } : {}),
    ...(a.locale ? { platformLocale: a.locale } : {}),
  };
}

/** For a card action, the message that holds the card is activity.replyToId. */
export function inboundConversation(a: InboundActivity, fromCard: boolean): InboundConversation {
  const { base, rootId } = splitConversationId(a.conversation.id);
  const messageId = fromCard ? a.replyToId : a.id;
  return {
    platform: "teams",
    channelId: base,
    ...(rootId ? { threadId: rootId } : {}),
    ...(messageId ? { messageId } : {}),
    isDirect: isPersonal(a),
    // Teams delivers channel and group-chat messages to a bot only when it is @mentioned
    addressed: !isPersonal(a),
  };
}

/**
 * Removes the bot's @mention. Teams puts "<at>Bot name</at>" in the text for every mention;
 * the entity whose mentioned.id is the bot tells which one is ours. Without entities, leading
 * mentions are taken as addressing the bot.
 */
export function stripBotMention(a: InboundActivity): string {
  let text = a.text ?? "";
  const botId = a.recipient?.id;
  const ours = (a.entities ?? []).flatMap((e) => {
    const m = e as { type?: string; text?: string; mentioned?: { id?: string } };
    return m.type === "mention" && m.text && (!botId || m.mentioned?.id === botId) ? [m.text] : [];
  });
  for (const tag of ours) text = text.split(tag).join(" ");
  if (ours.length === 0) text = text.replace(/^(\s*<at>[^<]*<\/at>\s*)+/i, " ");
  return text
    .replace(/&nbsp;/g, " ")
    .replace(/<\/?[a-z][^>]*>/gi, " ")
    .replace(/\s+/g, " ")
    .trim();
}

const ActionDataSchema = z.looseObject({
  action: z.string().min(1),
  value: z.string().default(""),
  card: z.string().optional(),
  formKey: z.string().optional(),
  contextId: z.string().optional(),
});
export type CardActionData = z.infer<typeof ActionDataSchema>;

const InvokeValueSchema = z.object({
  action: z.looseObject({ type: z.string().optional(), verb: z.string().optional(), data: z.unknown().optional() }),
  trigger: z.string().optional(),
});

/** Data of a clicked button: from an adaptiveCard/action invoke, or an Action.Submit message. */
export function cardAction(a: InboundActivity): { data: CardActionData; automatic: boolean } | null {
  if (a.type === "invoke" && a.name === "adaptiveCard/action") {
    const v = InvokeValueSchema.safeParse(a.value);
    if (!v.success) return null;
    const raw = (v.data.action.data ?? {}) as Record<string, unknown>;
    const data = ActionDataSchema.safeParse({ action: v.data.action.verb, ...raw });
    return data.success ? { data: data.data, automatic: v.data.trigger === "automatic" } : null;
  }
  if (a.type === "message" && a.value && typeof a.value === "object") {
    const data = ActionDataSchema.safeParse(a.value);
    return data.success ? { data: data.data, automatic: false } : null;
  }
  return null;
}

const RESERVED = new Set(["action", "value", "card", "formKey", "contextId", "form", "msteams"]);

/** The input values of a submitted form card, as strings (Input.Number arrives as a number). */
export function formValues(data: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(data)) {
    if (RESERVED.has(k) || v === undefined || v === null) continue;
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") out[k] = String(v);
  }
  return out;
}
