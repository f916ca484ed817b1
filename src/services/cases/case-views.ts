// Builds the platform-neutral views of incidents and complaints (src/views/cases.ts) from
// stored rows. Texts are already masked when stored; labels are i18n keys.
import type { Playbook, Severity } from "../../config/playbook-schema.js";
import { ladderStep, topStepNo } from "../../domain/complaint-ladder.js";
import type { IncidentStatus } from "../../domain/incident-rules.js";
import { displayMinor } from "../../domain/money.js";
import type { Complaint, ComplaintStep, Incident } from "../../generated/prisma/client.js";
import type { ComplaintEventView, ComplaintView, IncidentEventView, IncidentView, StepRef } from "../../views/cases.js";
import type { ActionButton, Localised, Mention } from "../../views/common.js";
import {
  complaintStatusLabel,
  incidentStatusLabel,
  overShortLabel,
  roleLabel,
  severityLabel,
  stepLabel,
  yesNoLabel,
} from "../../views/labels.js";

export interface OutletInfo {
  name: string;
  timeZone: string;
}

const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);

function incidentActions(incidentId: string, status: IncidentStatus): ActionButton[] {
  const b = (action: string, label: string, style?: ActionButton["style"]): ActionButton => ({
    action,
    label: { key: label },
    value: incidentId,
    ...(style ? { style } : {}),
  });
  switch (status) {
    case "open":
      return [
        b("incident.acknowledge", "incidents:actions.acknowledge", "primary"),
        b("incident.update", "incidents:actions.update"),
        b("incident.resolve", "incidents:actions.resolve"),
      ];
    case "acknowledged":
      return [
        b("incident.update", "incidents:actions.update"),
        b("incident.resolve", "incidents:actions.resolve", "primary"),
      ];
    case "resolved":
      return [
        b("incident.update", "incidents:actions.update"),
        b("incident.close", "incidents:actions.close", "primary"),
      ];
    case "closed":
      return [];
  }
}

function incidentDetails(i: Incident): IncidentView["details"] {
  const out: IncidentView["details"] = [];
  const add = (key: string, value: string | Localised | null) => {
    if (value) out.push({ label: { key }, value });
  };
  add("incidents:fields.overShort", i.overShort ? overShortLabel(i.overShort) : null);
  add("incidents:fields.policeCalled", i.policeCalled !== null ? yesNoLabel(i.policeCalled) : null);
  // an amount is always stored with its currency (the outlet's incident currency)
  add("incidents:fields.amount", i.amountMinor !== null ? displayMinor(i.amountMinor, i.currency ?? "CNY") : null);
  add("incidents:fields.denomination", i.denomination);
  add("incidents:fields.serialNumber", i.serialNumber);
  add("incidents:fields.location", i.location);
  return out;
}

export function typeLabel(playbook: Playbook, typeKey: string): Localised {
  const t = playbook.incidents.types.find((x) => x.key === typeKey);
  return t ? { key: t.label } : { key: "incidents:type_unknown", vars: { type: typeKey } };
}

export function buildIncidentView(
  playbook: Playbook,
  i: Incident,
  ctx: { outlet: OutletInfo; reporterName: string; notify: Mention[] },
): IncidentView {
  const status = i.status as IncidentStatus;
  return {
    type: "incident",
    incidentId: i.id,
    ref: i.ref,
    outletName: ctx.outlet.name,
    typeLabel: typeLabel(playbook, i.type),
    severity: i.severity as Severity,
    severityLabel: severityLabel(i.severity),
    status,
    statusLabel: incidentStatusLabel(status),
    description: i.description,
    details: incidentDetails(i),
    reportedBy: ctx.reporterName,
    reportedAt: i.reportedAt.toISOString(),
    ackDueAt: i.ackDueAt.toISOString(),
    timeZone: ctx.outlet.timeZone,
    escalationLevel: i.escalationLevel,
    notify: ctx.notify,
    actions: incidentActions(i.id, status),
  };
}

export function buildIncidentEventView(
  i: Pick<Incident, "id" | "ref">,
  event: IncidentEventView["event"],
  ctx: { by?: string; note?: string | null; notify?: Mention[]; toRole?: string; roles?: Playbook["roles"] },
): IncidentEventView {
  return {
    type: "incident_event",
    incidentId: i.id,
    ref: i.ref,
    event,
    ...(ctx.by ? { by: ctx.by } : {}),
    ...(ctx.note ? { note: ctx.note } : {}),
    ...(ctx.toRole ? { toRole: roleLabel(ctx.toRole, ctx.roles) } : {}),
    notify: ctx.notify ?? [],
  };
}

/** A ladder step by number, named by its owner's role (the stored row's, else the playbook's). */
export function stepRef(playbook: Playbook, no: number, role?: string): StepRef {
  return { no, label: stepLabel(no, role ?? ladderStep(playbook, no)?.role ?? "", playbook.roles) };
}

function complaintActions(playbook: Playbook, c: Complaint, hasFollowUp: boolean): ActionButton[] {
  const b = (action: string, label: string, style?: ActionButton["style"]): ActionButton => ({
    action,
    label: { key: label },
    value: c.id,
    ...(style ? { style } : {}),
  });
  if (c.status === "open") {
    const out = [
      b("complaint.approve", "complaints:actions.approve", "primary"),
      b("complaint.request_changes", "complaints:actions.request_changes"),
    ];
    if (c.currentStepNo < topStepNo(playbook))
      out.push(b("complaint.escalate", "complaints:actions.escalate", "danger"));
    return out;
  }
  if (c.status === "resolved") {
    return hasFollowUp
      ? [b("complaint.close", "complaints:actions.close", "primary")]
      : [b("complaint.follow_up", "complaints:actions.follow_up", "primary")];
  }
  return [];
}

export function buildComplaintView(
  playbook: Playbook,
  c: Complaint,
  ctx: { outlet: OutletInfo; step: ComplaintStep | null; loggedBy: string; notify: Mention[]; hasFollowUp: boolean },
): ComplaintView {
  const category = playbook.complaints.categories.find((x) => x.key === c.category);
  const channel = playbook.complaints.intakeChannels.find((x) => x.key === c.intakeChannel);
  const open = c.status === "open";
  return {
    type: "complaint",
    complaintId: c.id,
    ref: c.ref,
    outletName: ctx.outlet.name,
    categoryLabel: category ? { key: category.label } : { key: "complaints:unknown", vars: { key: c.category } },
    channelLabel: channel ? { key: channel.label } : { key: "complaints:unknown", vars: { key: c.intakeChannel } },
    customerRef: c.customerRef,
    description: c.description,
    desiredOutcome: c.desiredOutcome,
    ...(c.causeAnalysis ? { causeAnalysis: c.causeAnalysis } : {}),
    ...(c.preventiveMeasures ? { preventiveMeasures: c.preventiveMeasures } : {}),
    status: c.status as ComplaintView["status"],
    statusLabel: complaintStatusLabel(c.status),
    step: stepRef(playbook, c.currentStepNo, ctx.step?.ownerRole),
    stepDueAt: open ? iso(ctx.step?.dueAt) : null,
    late: c.late,
    followUpDueAt: iso(c.followUpDueAt),
    timeZone: ctx.outlet.timeZone,
    loggedBy: ctx.loggedBy,
    notify: ctx.notify,
    actions: complaintActions(playbook, c, ctx.hasFollowUp),
  };
}

export function buildComplaintEventView(
  playbook: Playbook,
  c: Pick<Complaint, "id" | "ref">,
  event: ComplaintEventView["event"],
  ctx: { stepNo: number; toStepNo?: number | undefined; by?: string; comment?: string | null; notify?: Mention[] },
): ComplaintEventView {
  return {
    type: "complaint_event",
    complaintId: c.id,
    ref: c.ref,
    event,
    from: stepRef(playbook, ctx.stepNo),
    ...(ctx.toStepNo !== undefined ? { to: stepRef(playbook, ctx.toStepNo) } : {}),
    ...(ctx.by ? { by: ctx.by } : {}),
    ...(ctx.comment ? { comment: ctx.comment } : {}),
    notify: ctx.notify ?? [],
  };
}
