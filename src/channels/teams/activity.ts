// The minimal shape of an inbound Bot Framework activity, checked with zod before anything
// else runs: an activity without it is answered 400 and leaves no trace in the database.
// Everything else on the activity stays optional and is read defensively.
import { z } from "zod";

const Account = z.object({ id: z.string().min(1), name: z.string().optional(), aadObjectId: z.string().optional() });

export const ActivitySchema = z.looseObject({
  type: z.string().min(1),
  id: z.string().optional(),
  name: z.string().optional(),
  text: z.string().optional(),
  locale: z.string().optional(),
  replyToId: z.string().optional(),
  channelId: z.string().min(1),
  serviceUrl: z.string().min(1),
  from: Account.loose(),
  recipient: Account.loose().optional(),
  conversation: z.looseObject({
    id: z.string().min(1),
    conversationType: z.string().optional(),
    tenantId: z.string().optional(),
    isGroup: z.boolean().optional(),
  }),
  channelData: z
    .looseObject({
      tenant: z.object({ id: z.string() }).loose().optional(),
      channel: z.object({ id: z.string() }).loose().optional(),
      team: z.object({ id: z.string() }).loose().optional(),
    })
    .optional(),
  membersAdded: z.array(Account.loose()).optional(),
  action: z.string().optional(),
  value: z.unknown().optional(),
  entities: z.array(z.looseObject({ type: z.string().optional() })).optional(),
});

export type InboundActivity = z.infer<typeof ActivitySchema>;

/** "19:abc@thread.tacv2;messageid=123" → { base: "19:abc@thread.tacv2", rootId: "123" }. */
export function splitConversationId(id: string): { base: string; rootId?: string } {
  const m = /^(.*?);messageid=(.+)$/.exec(id);
  return m ? { base: m[1] as string, rootId: m[2] as string } : { base: id };
}

export function tenantOf(a: InboundActivity): string | undefined {
  return a.channelData?.tenant?.id ?? a.conversation.tenantId ?? undefined;
}

/** Personal (1:1) chat with the bot. Group chats and channels are not direct. */
export function isPersonal(a: InboundActivity): boolean {
  if (a.conversation.conversationType) return a.conversation.conversationType === "personal";
  return !a.conversation.isGroup && !a.channelData?.channel;
}

export function isChannel(a: InboundActivity): boolean {
  return a.conversation.conversationType === "channel" || Boolean(a.channelData?.channel);
}
