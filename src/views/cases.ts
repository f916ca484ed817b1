// Views of incidents and complaints: the case card (root message), its timeline entries,
// approval requests and decisions in the complaint's thread.
import type { Severity } from "../config/playbook-schema.js";
import type { ActionButton, Localised, Mention } from "./common.js";

export interface IncidentView {
  type: "incident";
  incidentId: string;
  ref: string;
  outletName: string;
  typeLabel: Localised;
  severity: Severity;
  severityLabel: Localised;
  status: "open" | "acknowledged" | "resolved" | "closed";
  statusLabel: Localised;
  description: string; // already masked
  /** over/short, police called, amount (with its currency), denomination, serial, location */
  details: Array<{ label: Localised; value: string | Localised }>;
  /** The checklist item this incident was raised from, by its labels (never its key). */
  source?: { taskTitle: Localised; itemLabel: Localised };
  reportedBy: string;
  reportedAt: string;
  ackDueAt: string;
  timeZone: string;
  escalationLevel: number;
  notify: Mention[];
  actions: ActionButton[];
}

export interface IncidentEventView {
  type: "incident_event";
  incidentId: string;
  ref: string;
  event: "acknowledged" | "updated" | "escalated" | "resolved" | "closed";
  by?: string;
  note?: string;
  /** For "escalated": the role the incident went to (labels:role.*). */
  toRole?: Localised;
  notify: Mention[];
}

/** A ladder step as people read it: its number and its owner's role. */
export interface StepRef {
  no: number;
  label: Localised; // labels:step — "第 2 步 · 网点负责人"
}

export interface ComplaintView {
  type: "complaint";
  complaintId: string;
  ref: string;
  outletName: string;
  categoryLabel: Localised;
  channelLabel: Localised;
  customerRef: string; // masked
  description: string; // masked
  desiredOutcome: string; // masked
  /** 原因分析 and 整改措施, masked; recorded with the follow-up, before the complaint closes. */
  causeAnalysis?: string;
  preventiveMeasures?: string;
  status: "open" | "resolved" | "closed";
  statusLabel: Localised;
  step: StepRef;
  stepDueAt: string | null;
  late: boolean;
  followUpDueAt: string | null;
  timeZone: string;
  loggedBy: string;
  notify: Mention[];
  actions: ActionButton[]; // approve / request changes / escalate, for the current step
}

export interface ComplaintEventView {
  type: "complaint_event";
  complaintId: string;
  ref: string;
  event:
    | "acknowledged"
    | "proposed"
    | "approved"
    | "changes_requested"
    | "escalated"
    | "auto_escalated"
    | "flagged_late"
    | "follow_up_logged"
    | "closed";
  by?: string;
  comment?: string;
  /** The step the event happened at (for a move: the step it left). */
  from: StepRef;
  /** For a move up the ladder (escalated, auto_escalated): the step it moved to. */
  to?: StepRef;
  notify: Mention[];
}
