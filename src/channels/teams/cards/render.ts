// One entry point from any platform-neutral view to an Adaptive Card, and the identity of the
// card (which entity it shows) so an answer to a click can replace the card it came from.
import type { View } from "../../../views/types.js";
import { complaintCard, complaintEventCard, incidentCard, incidentEventCard } from "./cases.js";
import type { AdaptiveCard, RenderCtx } from "./common.js";
import { formCard } from "./form.js";
import { homeCard, textCard } from "./home.js";
import { summaryCard } from "./summary.js";
import { echoCard, nudgeCard, reminderCard, taskEscalationCard, taskMissedCard } from "./tasks.js";

/** "reminder:<occurrenceId>", "complaint:<id>", "form:<formKey>:<contextId>"…; "" for one-off views. */
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
    case "home":
      return "home";
    default:
      return "";
  }
}

export function renderCard(ctx: RenderCtx, view: View): AdaptiveCard {
  const id = cardIdentity(view);
  switch (view.type) {
    case "text":
      return textCard(ctx, view, id);
    case "form":
      return formCard(ctx, view, id);
    case "reminder":
      return reminderCard(ctx, view, id);
    case "nudge":
      return nudgeCard(ctx, view);
    case "task_escalation":
      return taskEscalationCard(ctx, view);
    case "task_missed":
      return taskMissedCard(ctx, view);
    case "confirmation_echo":
      return echoCard(ctx, view, id);
    case "incident":
      return incidentCard(ctx, view, id);
    case "incident_event":
      return incidentEventCard(ctx, view);
    case "complaint":
      return complaintCard(ctx, view, id);
    case "complaint_event":
      return complaintEventCard(ctx, view);
    case "summary":
      return summaryCard(ctx, view);
    case "home":
      return homeCard(ctx, view);
  }
}

export const CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";

/** A message activity carrying the card (what both turn replies and the outbox send). */
export function cardActivity(card: AdaptiveCard) {
  return { type: "message", attachments: [{ contentType: CARD_CONTENT_TYPE, content: card }] };
}
