// Incidents and complaints on Teams. The complaint card is the root of the complaint's reply
// chain; its Approve / Request changes / Escalate buttons are Action.Execute verbs (e.g.
// complaint.approve) so the card refreshes with the decision, and refresh.userIds lets the
// people who may act see the current state when they open it.
import type { ComplaintEventView, ComplaintView, IncidentEventView, IncidentView } from "../../../views/cases.js";
import {
  type AdaptiveCard,
  buttons,
  card,
  facts,
  heading,
  type Json,
  L,
  localTime,
  mentionLine,
  type RenderCtx,
  text,
} from "./common.js";

const SEVERITY_COLOR: Record<string, string> = { critical: "Attention", high: "Warning", normal: "Default" };

export function incidentCard(ctx: RenderCtx, v: IncidentView, cardId: string): AdaptiveCard {
  const body: Json[] = [
    heading(`${v.ref} · ${L(ctx, v.typeLabel)}`),
    text(`${ctx.t(`teams:severity.${v.severity}`)} · ${ctx.t(`teams:incident.status.${v.status}`)}`, {
      color: SEVERITY_COLOR[v.severity] ?? "Default",
      weight: "Bolder",
      spacing: "None",
    }),
    text(v.description),
    facts([
      [ctx.t("teams:incident.outlet"), v.outletName],
      ...v.details.map((d): [string, string] => [L(ctx, d.label), d.value]),
      [ctx.t("teams:incident.reported"), `${v.reportedBy} · ${localTime(ctx, v.reportedAt, v.timeZone)}`],
      [ctx.t("teams:incident.ack_due"), localTime(ctx, v.ackDueAt, v.timeZone)],
      [ctx.t("teams:incident.level"), String(v.escalationLevel)],
    ]),
  ];
  if (v.notify.length > 0) body.push(text(ctx.t("teams:common.notify", { names: mentionLine(v.notify) })));
  return card(body, buttons(ctx, v.actions, cardId), v.notify);
}

export function incidentEventCard(ctx: RenderCtx, v: IncidentEventView): AdaptiveCard {
  const body: Json[] = [
    text(ctx.t(`teams:incident.event.${v.event}`, { ref: v.ref, by: v.by ?? "–" }), { weight: "Bolder" }),
  ];
  if (v.note) body.push(text(v.note));
  if (v.notify.length > 0) body.push(text(mentionLine(v.notify)));
  return card(body, [], v.notify);
}

export function complaintCard(ctx: RenderCtx, v: ComplaintView, cardId: string): AdaptiveCard {
  const clock = v.stepDueAt
    ? ctx.t(v.late ? "teams:complaint.due_late" : "teams:complaint.due", {
        at: localTime(ctx, v.stepDueAt, v.timeZone),
      })
    : "–";
  const body: Json[] = [
    heading(`${v.ref} · ${L(ctx, v.categoryLabel)}`),
    text(
      ctx.t("teams:complaint.step", {
        step: v.stepNo,
        role: ctx.t(`teams:roles.${v.stepRole}`),
        status: ctx.t(`teams:complaint.status.${v.status}`),
      }),
      { weight: "Bolder", spacing: "None", color: v.late ? "Attention" : "Default" },
    ),
    text(clock, { spacing: "None", color: v.late ? "Attention" : "Default" }),
    facts([
      [ctx.t("teams:complaint.outlet"), v.outletName],
      [ctx.t("teams:complaint.channel"), L(ctx, v.channelLabel)],
      [ctx.t("teams:complaint.customer"), v.customerRef],
      [ctx.t("teams:complaint.logged_by"), v.loggedBy],
      [ctx.t("teams:complaint.follow_up_due"), localTime(ctx, v.followUpDueAt, v.timeZone)],
    ]),
    text(ctx.t("teams:complaint.description"), { weight: "Bolder" }),
    text(v.description, { spacing: "None" }),
    text(ctx.t("teams:complaint.desired_outcome"), { weight: "Bolder" }),
    text(v.desiredOutcome, { spacing: "None" }),
  ];
  if (v.notify.length > 0) body.push(text(ctx.t("teams:common.notify", { names: mentionLine(v.notify) })));
  const userIds = v.notify.flatMap((m) => (m.teamsUserId ? [m.teamsUserId] : []));
  // refresh shows the deciders the live state when they open the chain (at most 60 ids).
  const refresh: Json =
    userIds.length > 0 && v.status !== "closed"
      ? {
          refresh: {
            action: {
              type: "Action.Execute",
              verb: "complaint.view",
              data: { action: "complaint.view", value: v.complaintId, card: cardId },
            },
            userIds: userIds.slice(0, 60),
          },
        }
      : {};
  return card(body, buttons(ctx, v.actions, cardId), v.notify, refresh);
}

export function complaintEventCard(ctx: RenderCtx, v: ComplaintEventView): AdaptiveCard {
  const body: Json[] = [
    text(ctx.t(`teams:complaint.event.${v.event}`, { ref: v.ref, by: v.by ?? "–", step: v.stepNo }), {
      weight: "Bolder",
    }),
  ];
  if (v.comment) body.push(text(v.comment));
  if (v.notify.length > 0) body.push(text(mentionLine(v.notify)));
  return card(body, [], v.notify);
}
