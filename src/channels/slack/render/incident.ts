// The incident card (root message) and its timeline entries in the thread.
import type { IncidentEventView, IncidentView } from "../../../views/cases.js";
import type { Block, SlackMessage } from "./block-types.js";
import {
  actionBlocks,
  context,
  esc,
  fallback,
  fieldSections,
  formatTime,
  header,
  mentions,
  type RenderCtx,
  section,
  tr,
} from "./kit.js";
import { INCIDENT_STATUS_KEYS, labelOf, SEVERITY_KEYS } from "./labels.js";

const SEVERITY_ICONS: Record<string, string> = { critical: "🔴", high: "🟠", normal: "🟡" };

const EVENT_KEYS: Record<IncidentEventView["event"], string> = {
  acknowledged: "slack:incident.event.acknowledged",
  updated: "slack:incident.event.updated",
  escalated: "slack:incident.event.escalated",
  resolved: "slack:incident.event.resolved",
  closed: "slack:incident.event.closed",
};

export function renderIncident(ctx: RenderCtx, v: IncidentView): SlackMessage {
  const type = tr(ctx, v.typeLabel);
  const severity = labelOf(ctx.t, SEVERITY_KEYS, v.severity);
  const title = ctx.t("slack:incident.header", { ref: v.ref, type });
  const fields = [
    `*${ctx.t("slack:incident.severity")}*\n${SEVERITY_ICONS[v.severity] ?? ""} ${severity}`,
    `*${ctx.t("slack:incident.status_label")}*\n${labelOf(ctx.t, INCIDENT_STATUS_KEYS, v.status)}`,
    `*${ctx.t("slack:common.outlet")}*\n${esc(v.outletName)}`,
    `*${ctx.t("slack:incident.reported")}*\n${esc(v.reportedBy)} · ${formatTime(v.reportedAt, v.timeZone, ctx.locale)}`,
    `*${ctx.t("slack:incident.ack_due")}*\n${formatTime(v.ackDueAt, v.timeZone, ctx.locale)}`,
    `*${ctx.t("slack:incident.level")}*\n${v.escalationLevel}`,
    ...v.details.map((d) => `*${esc(tr(ctx, d.label))}*\n${esc(d.value)}`),
  ];
  const blocks: Block[] = [header(title), ...fieldSections(fields)];
  if (v.description) blocks.push(section(`>${esc(v.description).replaceAll("\n", "\n>")}`));
  if (v.notify.length > 0) blocks.push(context([ctx.t("slack:common.notify", { people: mentions(v.notify) })]));
  blocks.push(...actionBlocks(ctx, v.actions));
  return { text: fallback(title, severity, v.outletName, mentions(v.notify)), blocks };
}

export function renderIncidentEvent(ctx: RenderCtx, v: IncidentEventView): SlackMessage {
  const text = ctx.t(EVENT_KEYS[v.event], { ref: v.ref, by: v.by ?? "–" });
  const lines = [text];
  if (v.note) lines.push(`>${esc(v.note).replaceAll("\n", "\n>")}`);
  if (v.notify.length > 0) lines.push(mentions(v.notify));
  return { text: fallback(text, mentions(v.notify)), blocks: [section(lines.join("\n"))] };
}
