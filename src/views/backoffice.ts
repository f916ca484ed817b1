// Views of back-office error notices (事后监督差错单): the notice card that roots its thread,
// and the events (reply, acceptance, return, escalation) that follow in it.
import type { StepRef } from "./cases.js";
import type { ActionButton, Localised, Mention } from "./common.js";

export interface ErrorNoticeView {
  type: "error_notice";
  noticeId: string;
  ref: string;
  outletName: string;
  categoryLabel: Localised;
  status: "open" | "replied" | "accepted" | "returned" | "escalated";
  statusLabel: Localised;
  description: string; // masked
  voucherRef?: string; // masked
  issuedBy: string;
  responsible?: string;
  /** The reply deadline while the outlet owes one; null once replied or accepted. */
  dueAt: string | null;
  overdue: boolean;
  /** The ladder step a late notice climbed to (absent on the outlet's own clock). */
  step?: StepRef;
  reply?: string; // masked
  repliedBy?: string;
  /** Why the last reply was returned (masked), shown until the next reply. */
  returnedBecause?: string;
  timeZone: string;
  notify: Mention[];
  actions: ActionButton[];
}

export interface ErrorNoticeEventView {
  type: "error_notice_event";
  noticeId: string;
  ref: string;
  event: "replied" | "accepted" | "returned" | "escalated" | "flagged_late";
  by?: string;
  comment?: string;
  /** escalated: the step it went to. */
  to?: StepRef;
  /** returned, escalated: the new deadline; flagged_late: the one missed. */
  dueAt?: string;
  timeZone: string;
  notify: Mention[];
}
