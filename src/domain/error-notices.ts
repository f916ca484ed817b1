// 事后监督差错整改: the life of an error notice, pure. The outlet's own clock is step 0
// (backOffice.replyWithin, or the notice's own number of business days); a notice not replied
// by its deadline climbs backOffice.ladder with the complaint ladder's rules (lateActionOn),
// and the top step flags it once. A reply stops the clock; a return restarts it at step 0.
import type { BackOffice, Duration } from "../config/playbook-schema.js";
import { addDuration, type OutletCalendar } from "./calendar.js";
import { type LateAction, lateActionOn, stepIn } from "./complaint-ladder.js";

export const NOTICE_STATUSES = ["open", "replied", "accepted", "returned", "escalated"] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

/** The statuses in which the outlet owes a reply (its clock runs). */
export const AWAITING_REPLY: readonly NoticeStatus[] = ["open", "returned", "escalated"];
/** Every status but the final one: what the lists and summaries count as open. */
export const NOT_CLOSED: readonly NoticeStatus[] = ["open", "replied", "returned", "escalated"];

export const awaitsReply = (status: string) => (AWAITING_REPLY as readonly string[]).includes(status);

export interface RaiseNoticeInput {
  outletId: string;
  category: string;
  description: string;
  voucherRef?: string | undefined;
  responsibleStaffId?: string | undefined;
  /** The notice's own reply deadline in business days, instead of backOffice.replyWithin. */
  replyDays?: number | undefined;
}

/** Most business days a notice may set for its own reply. */
export const MAX_REPLY_DAYS = 30;

/** The reply deadline from `from`: the notice's own business days, else the playbook's replyWithin. */
export function replyDueAt(cal: OutletCalendar, bo: BackOffice, from: Date, replyDays?: number): Date {
  const within: Duration = replyDays ? { businessDays: replyDays } : bo.replyWithin;
  return addDuration(cal, from, within);
}

export interface NoticeClock {
  step: number;
  dueAt: Date;
  flagged: boolean;
}

/**
 * What the sweep does with a notice still awaiting its reply at `now`: from the outlet's own
 * clock (step 0) to the ladder's first step; on the ladder, as a complaint step would.
 */
export function noticeLateAction(bo: BackOffice, n: NoticeClock, now: Date): LateAction {
  if (n.dueAt.getTime() > now.getTime()) return { kind: "none" };
  if (n.step === 0) {
    const first = bo.ladder[0];
    if (first) return { kind: "escalate", toStepNo: first.step };
    return n.flagged ? { kind: "none" } : { kind: "flag" };
  }
  return lateActionOn(
    bo.ladder,
    { stepNo: n.step, dueAt: n.dueAt, ackDueAt: null, acknowledgedAt: null, late: n.flagged },
    now,
  );
}

/** The deadline of ladder step `stepNo`, starting at `from`. */
export function stepDueAt(cal: OutletCalendar, bo: BackOffice, stepNo: number, from: Date): Date | null {
  const step = stepIn(bo.ladder, stepNo);
  return step ? addDuration(cal, from, step.actWithin) : null;
}

export const stepRole = (bo: BackOffice, stepNo: number) => stepIn(bo.ladder, stepNo)?.role;
