// The complaint escalation ladder: where a decision sends the complaint, the clocks of each
// step, and what the sweep does with a late step. Pure; the service applies the answers.
import type { LadderStep, Playbook } from "../config/playbook-schema.js";
import { addDuration, type OutletCalendar } from "./calendar.js";

export type ComplaintStatus = "open" | "resolved" | "closed";
export type Decision = "approve" | "request_changes" | "escalate";
export const DECISIONS: readonly Decision[] = ["approve", "request_changes", "escalate"];
export type StepOutcome = "approved" | "changes_requested" | "escalated" | "auto_escalated";
export type FollowUpOutcome = "satisfied" | "unsatisfied" | "unreachable";
export const FOLLOW_UP_OUTCOMES: readonly FollowUpOutcome[] = ["satisfied", "unsatisfied", "unreachable"];

/** A ladder (the complaint ladder, the back-office ladder): its steps in order. */
export type Ladder = readonly LadderStep[];

export function ladderStep(playbook: Playbook, stepNo: number): LadderStep | undefined {
  return stepIn(playbook.complaints.ladder, stepNo);
}

export function stepIn(ladder: Ladder, stepNo: number): LadderStep | undefined {
  return ladder.find((s) => s.step === stepNo);
}

export function topStepNo(playbook: Playbook): number {
  return Math.max(...playbook.complaints.ladder.map((s) => s.step));
}

export type DecisionEffect =
  | { kind: "resolve"; outcome: "approved" }
  | { kind: "move"; toStepNo: number; outcome: "changes_requested" | "escalated" }
  | { kind: "invalid"; why: "top_of_ladder" };

/**
 * What a decision at `stepNo` does. Approve resolves; request changes sends the complaint
 * back one step (at step 1 it opens step 1 again, as a new step row with fresh clocks);
 * escalate moves it one step up, and is refused at the top of the ladder.
 */
export function decisionEffect(playbook: Playbook, stepNo: number, decision: Decision): DecisionEffect {
  if (decision === "approve") return { kind: "resolve", outcome: "approved" };
  if (decision === "request_changes") {
    const lower = [...playbook.complaints.ladder].reverse().find((s) => s.step < stepNo);
    return { kind: "move", toStepNo: lower?.step ?? stepNo, outcome: "changes_requested" };
  }
  const higher = playbook.complaints.ladder.find((s) => s.step > stepNo);
  return higher
    ? { kind: "move", toStepNo: higher.step, outcome: "escalated" }
    : { kind: "invalid", why: "top_of_ladder" };
}

export interface StepClocks {
  ackDueAt: Date | null;
  dueAt: Date;
}

/** The clocks of a step that starts at `startedAt`, in the outlet's business time. */
export function stepClocks(cal: OutletCalendar, step: LadderStep, startedAt: Date): StepClocks {
  return {
    ackDueAt: step.ackWithin ? addDuration(cal, startedAt, step.ackWithin) : null,
    dueAt: addDuration(cal, startedAt, step.actWithin),
  };
}

export interface OpenStepState {
  stepNo: number;
  dueAt: Date;
  ackDueAt: Date | null;
  acknowledgedAt: Date | null;
  late: boolean;
}

/** True when the step missed its acknowledgement clock or its action clock. */
export function stepIsLate(s: OpenStepState, now: Date): boolean {
  if (s.dueAt.getTime() <= now.getTime()) return true;
  return s.ackDueAt !== null && s.acknowledgedAt === null && s.ackDueAt.getTime() <= now.getTime();
}

export type LateAction = { kind: "none" } | { kind: "flag" } | { kind: "escalate"; toStepNo: number };

/**
 * What the sweep does with an open step at `now`: escalate when the playbook says so and
 * there is a step above; otherwise flag it once (it stays and shows as overdue).
 */
export function lateAction(playbook: Playbook, s: OpenStepState, now: Date): LateAction {
  return lateActionOn(playbook.complaints.ladder, s, now);
}

/** lateAction on any ladder (the back-office ladder reuses it for notices not replied in time). */
export function lateActionOn(ladder: Ladder, s: OpenStepState, now: Date): LateAction {
  if (!stepIsLate(s, now)) return { kind: "none" };
  const step = stepIn(ladder, s.stepNo);
  const higher = ladder.find((x) => x.step > s.stepNo);
  if (step?.ifLate === "escalate" && higher) return { kind: "escalate", toStepNo: higher.step };
  return s.late ? { kind: "none" } : { kind: "flag" };
}

export function followUpDueAt(cal: OutletCalendar, playbook: Playbook, resolvedAt: Date): Date {
  return addDuration(cal, resolvedAt, playbook.complaints.followUpWithin);
}

/** A follow-up logged after its clock ran out is kept, and flagged late. */
export function followUpIsLate(dueAt: Date | null, at: Date): boolean {
  return dueAt !== null && at.getTime() > dueAt.getTime();
}
