// Incidents (异常事件) and complaints as cards: the case card that roots its thread, and the
// timeline entries and decisions that follow in it.

import type { Card, CardBlock, CardField, Tone } from "../card.js";
import type { ComplaintEventView, ComplaintView, IncidentEventView, IncidentView } from "../cases.js";
import { actions, joined, L, mentionBlock, type P, when } from "./context.js";

const SEVERITY_TONE: Record<string, Tone> = {
  critical: "attention",
  serious: "attention",
  major: "warning",
  minor: "default",
};

export function presentIncident(p: P, v: IncidentView): Card {
  const title = p.t("cards:incident.title", { ref: v.ref, type: L(p, v.typeLabel) });
  const subtitle = joined(p, [L(p, v.severityLabel), L(p, v.statusLabel)]);
  const fields: CardField[] = [
    { label: p.t("cards:common.outlet"), value: v.outletName },
    ...v.details.map((d) => ({ label: L(p, d.label), value: typeof d.value === "string" ? d.value : L(p, d.value) })),
  ];
  if (v.source) {
    fields.push({
      label: p.t("cards:incident.source"),
      value: joined(p, [L(p, v.source.taskTitle), L(p, v.source.itemLabel)]),
    });
  }
  fields.push(
    { label: p.t("cards:incident.reported"), value: joined(p, [v.reportedBy, when(p, v.reportedAt, v.timeZone)]) },
    { label: p.t("cards:incident.ack_due"), value: when(p, v.ackDueAt, v.timeZone) },
    { label: p.t("cards:incident.level"), value: String(v.escalationLevel) },
  );
  return {
    title,
    subtitle,
    tone: SEVERITY_TONE[v.severity] ?? "default",
    blocks: [
      { type: "text", text: v.description, style: "quote" },
      { type: "fields", fields },
      ...mentionBlock(p, "cards:common.for", v.notify, true),
    ],
    actions: actions(p, v.actions),
    summary: joined(p, [title, subtitle, v.outletName]),
  };
}

function incidentEventText(p: P, v: IncidentEventView): string {
  const vars = { ref: v.ref, by: v.by ?? "–" };
  switch (v.event) {
    case "acknowledged":
      return p.t("cards:incident.event.acknowledged", vars);
    case "updated":
      return p.t("cards:incident.event.updated", vars);
    case "escalated":
      return v.toRole
        ? p.t("cards:incident.event.escalated_to", { ...vars, role: L(p, v.toRole) })
        : p.t("cards:incident.event.escalated", vars);
    case "resolved":
      return p.t("cards:incident.event.resolved", vars);
    case "closed":
      return p.t("cards:incident.event.closed", vars);
  }
}

/** A thread entry: the event as a sentence, the note quoted, the people it is for. */
function threadEntry(p: P, sentence: string, quote: string | undefined, people: IncidentEventView["notify"]): Card {
  const blocks: CardBlock[] = [];
  if (quote) blocks.push({ type: "text", text: quote, style: "quote" });
  blocks.push(...mentionBlock(p, "cards:common.for", people, true));
  return { title: sentence, blocks, actions: [], summary: sentence };
}

export function presentIncidentEvent(p: P, v: IncidentEventView): Card {
  return threadEntry(p, incidentEventText(p, v), v.note, v.notify);
}

export function presentComplaint(p: P, v: ComplaintView): Card {
  const title = p.t("cards:complaint.title", { ref: v.ref, category: L(p, v.categoryLabel) });
  const step = L(p, v.step.label);
  const clock = v.stepDueAt
    ? p.t(v.late ? "cards:complaint.overdue_since" : "cards:complaint.due_by", {
        time: when(p, v.stepDueAt, v.timeZone),
      })
    : undefined;
  const fields: CardField[] = [
    { label: p.t("cards:common.outlet"), value: v.outletName },
    { label: p.t("cards:complaint.channel"), value: L(p, v.channelLabel) },
    { label: p.t("cards:complaint.customer"), value: v.customerRef },
    { label: p.t("cards:complaint.logged_by"), value: v.loggedBy },
  ];
  if (v.followUpDueAt) {
    fields.push({ label: p.t("cards:complaint.follow_up_due"), value: when(p, v.followUpDueAt, v.timeZone) });
  }
  const blocks: CardBlock[] = [];
  if (clock) blocks.push({ type: "text", text: clock, style: "strong", tone: v.late ? "attention" : "default" });
  blocks.push({ type: "fields", fields });
  if (v.description) {
    blocks.push({ type: "heading", text: p.t("cards:complaint.description") });
    blocks.push({ type: "text", text: v.description, style: "quote" });
  }
  if (v.desiredOutcome) {
    blocks.push({ type: "heading", text: p.t("cards:complaint.desired_outcome") });
    blocks.push({ type: "text", text: v.desiredOutcome, style: "quote" });
  }
  if (v.causeAnalysis) {
    blocks.push({ type: "heading", text: p.t("cards:complaint.cause_analysis") });
    blocks.push({ type: "text", text: v.causeAnalysis, style: "quote" });
  }
  if (v.preventiveMeasures) {
    blocks.push({ type: "heading", text: p.t("cards:complaint.preventive_measures") });
    blocks.push({ type: "text", text: v.preventiveMeasures, style: "quote" });
  }
  blocks.push(...mentionBlock(p, "cards:common.for", v.notify, true));
  return {
    title,
    subtitle: joined(p, [step, L(p, v.statusLabel)]),
    tone: v.late ? "attention" : "default",
    blocks,
    actions: actions(p, v.actions),
    summary: joined(p, [title, step, clock]),
  };
}

function complaintEventText(p: P, v: ComplaintEventView): string {
  const from = L(p, v.from.label);
  const to = v.to ? L(p, v.to.label) : "–";
  const vars = { ref: v.ref, by: v.by ?? "–", from, to };
  switch (v.event) {
    case "acknowledged":
      return p.t("cards:complaint.event.acknowledged", vars);
    case "proposed":
      return p.t("cards:complaint.event.proposed", vars);
    case "approved":
      return p.t("cards:complaint.event.approved", vars);
    case "changes_requested":
      return p.t("cards:complaint.event.changes_requested", vars);
    case "escalated":
      return p.t("cards:complaint.event.escalated", vars);
    case "auto_escalated":
      return p.t("cards:complaint.event.auto_escalated", vars);
    case "flagged_late":
      return p.t("cards:complaint.event.flagged_late", vars);
    case "follow_up_logged":
      return p.t("cards:complaint.event.follow_up_logged", vars);
    case "closed":
      return p.t("cards:complaint.event.closed", vars);
  }
}

export function presentComplaintEvent(p: P, v: ComplaintEventView): Card {
  return threadEntry(p, complaintEventText(p, v), v.comment, v.notify);
}
