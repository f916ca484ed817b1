// Conversation references are what proactive messages need (serviceUrl, conversation, bot).
// Teams hands them over on install, on conversationUpdate and with every message; we keep the
// latest per outlet channel (ChannelBinding.reference) and per person (DirectConversation).
// Upserts keyed on the existing unique keys, so a replayed activity changes nothing.
import { type ConversationReference, TurnContext } from "botbuilder";
import type { Db } from "../../db/client.js";
import { isUniqueViolation } from "../../db/tx.js";
import type { Logger } from "../../log.js";
import { Directory } from "../../services/directory.js";
import { type InboundActivity, isChannel, isPersonal, splitConversationId, tenantOf } from "./activity.js";

export type StoredReference = Partial<ConversationReference>;

/** The reference for the conversation's top level (a channel without ;messageid=). */
export function referenceOf(activity: InboundActivity): StoredReference {
  // activityId is dropped: a proactive post must start a new message, not reply to the one
  // that happened to carry the reference
  const { activityId: _a, ...ref } = TurnContext.getConversationReference(activity as never);
  const conversation = { ...(ref.conversation ?? {}), id: splitConversationId(activity.conversation.id).base };
  return { ...ref, conversation: conversation as ConversationReference["conversation"] };
}

export interface CaptureResult {
  channelBindings: number;
  directStaffId?: string;
}

export async function captureReference(db: Db, activity: InboundActivity, log: Logger): Promise<CaptureResult> {
  const ref = referenceOf(activity);
  if (isChannel(activity)) {
    const ids = [splitConversationId(activity.conversation.id).base, activity.channelData?.channel?.id].filter(
      (x): x is string => Boolean(x),
    );
    const n = await storeChannelReference(db, ids, ref);
    if (n === 0) log.debug({ conversation: ids[0] }, "Teams channel is not bound to an outlet in the org file");
    return { channelBindings: n };
  }
  if (isPersonal(activity)) {
    const staff = await new Directory(db).staffByPlatform(
      "teams",
      [activity.from.id, activity.from.aadObjectId ?? ""],
      tenantOf(activity) ?? "",
    );
    if (!staff) return { channelBindings: 0 };
    await storeDirectReference(db, staff.id, activity.conversation.id, ref);
    return { channelBindings: 0, directStaffId: staff.id };
  }
  return { channelBindings: 0 };
}

/** Sets the reference on every Teams binding whose channel id is one of `channelIds`. */
export async function storeChannelReference(db: Db, channelIds: string[], ref: StoredReference): Promise<number> {
  const json = JSON.stringify(ref);
  const res = await db.channelBinding.updateMany({
    // (NULL-safe "differs": a plain NOT would skip rows that have no reference yet)
    where: {
      platform: "teams",
      channelId: { in: channelIds },
      OR: [{ reference: null }, { reference: { not: json } }],
    },
    data: { reference: json },
  });
  if (res.count > 0) return res.count;
  return db.channelBinding.count({ where: { platform: "teams", channelId: { in: channelIds } } });
}

export async function storeDirectReference(db: Db, staffId: string, conversationId: string, ref: StoredReference) {
  const json = JSON.stringify(ref);
  const write = () =>
    db.directConversation.upsert({
      where: { staffId_platform: { staffId, platform: "teams" } },
      create: { staffId, platform: "teams", channelId: conversationId, reference: json },
      update: { channelId: conversationId, reference: json },
    });
  try {
    await write();
  } catch (err) {
    // two first messages raced on the unique (staff, platform): the other insert won, update it
    if (!isUniqueViolation(err)) throw err;
    await write();
  }
}

/** The stored reference for a destination conversation id, if the bot was ever reached there. */
export async function findReference(db: Db, conversationId: string): Promise<StoredReference | null> {
  const base = splitConversationId(conversationId).base;
  const binding = await db.channelBinding.findFirst({
    where: { platform: "teams", channelId: base, reference: { not: null } },
  });
  if (binding?.reference) return JSON.parse(binding.reference) as StoredReference;
  const direct = await db.directConversation.findFirst({
    where: { platform: "teams", channelId: base, reference: { not: null } },
  });
  if (direct?.reference) return JSON.parse(direct.reference) as StoredReference;
  return null;
}
