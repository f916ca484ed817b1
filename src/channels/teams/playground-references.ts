// A newcomer's `npm start`: the playground's conversations are pinned (playground-config.ts),
// so the bot can know where they are before the browser ever sends an activity. Without this
// the outlet channels and the personal chat have no conversation reference until the
// playground happens to send a conversationUpdate there, and every reminder to them ends dead
// after its retries. References pointing at a real Teams service (not loopback) are kept.
import type { Db } from "../../db/client.js";
import type { Logger } from "../../log.js";
import { Directory } from "../../services/directory.js";
import { isLoopback } from "./local-guard.js";
import {
  PLAYGROUND_BOT,
  PLAYGROUND_PERSONAL_CHAT_ID,
  PLAYGROUND_TENANT_ID,
  PLAYGROUND_USER,
  type PlaygroundChannel,
} from "./playground-config.js";
import { type StoredReference, storeChannelReference, storeDirectReference } from "./references.js";

/** A reference can be replaced when it is missing or points at a local (playground) service. */
function replaceable(json: string | null): boolean {
  if (!json) return true;
  try {
    const host = new URL((JSON.parse(json) as StoredReference).serviceUrl ?? "").hostname;
    return host === "localhost" || isLoopback(host.replace(/^\[|\]$/g, ""));
  } catch {
    return true;
  }
}

function reference(serviceUrl: string, conversation: Record<string, unknown>, user?: object): StoredReference {
  return {
    channelId: "msteams",
    serviceUrl,
    bot: { ...PLAYGROUND_BOT },
    ...(user ? { user: user as StoredReference["user"] } : {}),
    conversation: { tenantId: PLAYGROUND_TENANT_ID, ...conversation } as StoredReference["conversation"],
  };
}

export interface PlaygroundReach {
  channels: number;
  personalChatStaff?: string;
}

/**
 * Stores the playground's connector as the reference of the outlet channels it shows and of
 * its user's personal chat (for the staff member linked to the playground user).
 */
export async function rememberPlaygroundConversations(
  db: Db,
  serviceUrl: string,
  channels: PlaygroundChannel[],
  log: Logger,
): Promise<PlaygroundReach> {
  let stored = 0;
  for (const c of channels) {
    const bindings = await db.channelBinding.findMany({ where: { platform: "teams", channelId: c.id } });
    if (!bindings.every((b) => replaceable(b.reference))) continue;
    const ref = reference(serviceUrl, { id: c.id, conversationType: "channel", isGroup: true, name: c.name });
    stored += await storeChannelReference(db, [c.id], ref);
  }
  const staff = await new Directory(db).staffByPlatform(
    "teams",
    [PLAYGROUND_USER.id, PLAYGROUND_USER.aadObjectId],
    PLAYGROUND_TENANT_ID,
  );
  let personalChatStaff: string | undefined;
  if (staff) {
    const existing = await db.directConversation.findUnique({
      where: { staffId_platform: { staffId: staff.id, platform: "teams" } },
    });
    if (!existing || replaceable(existing.reference)) {
      const personal = { id: PLAYGROUND_PERSONAL_CHAT_ID, conversationType: "personal" };
      const ref = reference(serviceUrl, personal, { ...PLAYGROUND_USER });
      await storeDirectReference(db, staff.id, PLAYGROUND_PERSONAL_CHAT_ID, ref);
      personalChatStaff = staff.code;
    }
  }
  log.info(
    { serviceUrl, channels: stored, personalChat: personalChatStaff ?? null },
    "Teams conversations of the Agents Playground remembered: reminders reach it from now on",
  );
  return { channels: stored, ...(personalChatStaff ? { personalChatStaff } : {}) };
}
