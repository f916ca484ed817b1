// One entry point from any platform-neutral view to an Adaptive Card, and the identity of the
// card (which entity it shows) so an answer to a click can replace the card it came from.
// The words come from the neutral presenters (src/views/present/); this folder lays them out.
import type { Mention } from "../../../views/common.js";
import { presentView } from "../../../views/present/index.js";
import type { View } from "../../../views/types.js";
import type { AdaptiveCard, Json, RenderCtx } from "./common.js";
import { formCard } from "./form.js";
import { layoutCard } from "./layout.js";

/** "reminder:<occurrenceId>", "complaint:<id>", "errornotice:<id>", "form:<formKey>:<contextId>"…; "" for one-off views. */
export function cardIdentity(view: View): string {
  switch (view.type) {
    case "reminder":
      return `reminder:${view.occurrenceId}`;
    case "confirmation_echo":
      return `echo:${view.sessionId}`;
    case "form":
      return `form:${view.formKey}:${view.contextId}`;
    case "incident":
      return `incident:${view.incidentId}`;
    case "complaint":
      return `complaint:${view.complaintId}`;
    case "error_notice":
      return `errornotice:${view.noticeId}`;
    case "home":
      return "home";
    default:
      return "";
  }
}

/**
 * The complaint card (and the error notice card) is the root of its reply chain: refresh.userIds
 * lets the people who may act see its live state when they open it (Teams takes at most 60 ids).
 */
function liveRefresh(verb: string, value: string, notify: Mention[], done: boolean, cardId: string): Json {
  const userIds = notify.flatMap((m) => (m.teamsUserId ? [m.teamsUserId] : []));
  if (userIds.length === 0 || done) return {};
  return {
    refresh: {
      action: { type: "Action.Execute", verb, data: { action: verb, value, card: cardId } },
      userIds: userIds.slice(0, 60),
    },
  };
}

function refreshOf(view: View, cardId: string): Json {
  if (view.type === "complaint")
    return liveRefresh("complaint.view", view.complaintId, view.notify, view.status === "closed", cardId);
  if (view.type === "error_notice")
    return liveRefresh("errornotice.view", view.noticeId, view.notify, view.status === "accepted", cardId);
  return {};
}

export function renderCard(ctx: RenderCtx, view: View): AdaptiveCard {
  const id = cardIdentity(view);
  if (view.type === "form") return formCard(ctx, view, id);
  return layoutCard(ctx, presentView(ctx, view), id, refreshOf(view, id));
}

export const CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";

/** A message activity carrying the card (what both turn replies and the outbox send). */
export function cardActivity(card: AdaptiveCard) {
  return { type: "message", attachments: [{ contentType: CARD_CONTENT_TYPE, content: card }] };
}
