// One request as the handlers see it: who (the staff member, resolved from the platform user),
// where (the conversation), in which language, and the actor the audit trail records.

import type { Actor, StaffActor } from "../domain/actor.js";
import type { Locale } from "../i18n/index.js";
import type { StaffRef } from "../services/directory.js";
import type { BotReply, InboundConversation, InboundUser } from "./contract.js";
import { privately, text } from "./replies.js";
import type { CoreServices } from "./services.js";

export interface Req {
  user: InboundUser;
  conv: InboundConversation;
  staff: StaffRef;
  locale: Locale;
  /** Who acts and from where: what every service call and the audit trail take. */
  actor: Actor & StaffActor;
}

export type Resolved = { ok: true; req: Req } | { ok: false; locale: Locale; reply: BotReply };

/**
 * Resolves the platform user to a staff member. An unlinked user gets an explanation with
 * their platform id (so an admin can add it to the org file) and nothing else happens.
 * In a DM, the chat is remembered so direct and proactive messages can reach the person.
 */
export async function resolveRequest(s: CoreServices, user: InboundUser, conv: InboundConversation): Promise<Resolved> {
  const staff = await s.identity.staffOf(user);
  const locale = await s.identity.localeFor(user, staff);
  if (!staff) {
    const view = text("bot:errors.not_linked", {
      platform: user.platform === "slack" ? "bot:platform.slack" : "bot:platform.teams",
      id: user.externalIds[0] ?? "",
    });
    return { ok: false, locale, reply: { view, visibility: privately({ conv }), locale } };
  }
  if (conv.isDirect && conv.channelId) await s.identity.rememberDirectChat(staff.id, user.platform, conv.channelId);
  const source = conv.messageId;
  return {
    ok: true,
    req: {
      user,
      conv,
      staff,
      locale,
      actor: { staffId: staff.id, label: staff.name, platform: user.platform, ...(source ? { source } : {}) },
    },
  };
}
