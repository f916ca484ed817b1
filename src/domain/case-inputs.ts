// What the incident and complaint forms produce and the case services take: declared once,
// here, so the form and the service cannot drift apart (both import these).
import type { Decision, FollowUpOutcome } from "./complaint-ladder.js";

export interface ReportIncidentInput {
  outletId: string;
  type: string; // playbook incident type key
  /** A Severity; checked by the service (callers other than the form may send anything). Defaults to the type's. */
  severity?: string;
  description: string;
  amount?: string; // decimal text, e.g. "12345.60", parsed exactly into minor units of the outlet's incident currency
  overShort?: string; // cash discrepancy: over | short | unknown
  policeCalled?: string; // security: yes | no
  denomination?: string;
  serialNumber?: string;
  location?: string;
  sourceResultId?: string; // the failed checklist item this incident came from
}

export interface LogComplaintInput {
  outletId: string;
  category: string; // playbook complaint category key
  intakeChannel: string; // playbook intake channel key
  customerRef: string;
  description: string;
  desiredOutcome: string;
}

export interface DecisionInput {
  complaintId: string;
  decision: Decision;
  comment: string;
  /**
   * The step the decider was looking at. Optional: without it, the step that is current when
   * the call starts is the one decided, so a racing decision that lands first still wins.
   */
  expectedStepId?: string;
}

export interface FollowUpInput {
  complaintId: string;
  outcome: FollowUpOutcome;
  note: string;
  /** 原因分析 and 整改措施: required before the complaint may close; given with the follow-up. */
  causeAnalysis?: string;
  preventiveMeasures?: string;
}

export interface ProposalInput {
  complaintId: string;
  proposal: string;
}
