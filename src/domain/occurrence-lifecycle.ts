// The reminder lifecycle as a pure decision: given an occurrence's state and its precomputed
// instants, which single step is due now. The scheduler applies steps one at a time (each a
// conditional update) and asks again, so after downtime an occurrence is reminded and then
// jumps straight to the latest step that applies instead of replaying every missed one.

export type OpenState = "due" | "reminded" | "nudged" | "escalated";
export type FinalState = "confirmed" | "confirmed_with_exceptions" | "missed";
export type LifecycleState = OpenState | FinalState;

export type Step = "remind" | "nudge" | "escalate" | "miss";

export const STEP_TARGET: Record<Step, LifecycleState> = {
  remind: "reminded",
  nudge: "nudged",
  escalate: "escalated",
  miss: "missed",
};

const RANK: Record<OpenState, number> = { due: 0, reminded: 1, nudged: 2, escalated: 3 };

export function isOpenState(state: string): state is OpenState {
  return state in RANK;
}

export interface LifecycleTimes {
  dueAt: Date;
  nudgeAt: Date;
  escalateAt: Date;
  windowEndsAt: Date;
}

/**
 * The one step to take now, or null. Final states never move. The window end wins over
 * everything (an occurrence whose window passed while nobody reminded it is missed, not
 * reminded); a due occurrence is reminded before any later step; escalation supersedes a
 * nudge that is also past.
 */
export function nextStep(state: string, t: LifecycleTimes, now: Date): Step | null {
  if (!isOpenState(state)) return null;
  const at = now.getTime();
  if (at >= t.windowEndsAt.getTime()) return "miss";
  if (at < t.dueAt.getTime()) return null;
  const rank = RANK[state];
  if (rank === 0) return "remind";
  if (rank < 3 && at >= t.escalateAt.getTime()) return "escalate";
  if (rank < 2 && at >= t.nudgeAt.getTime()) return "nudge";
  return null;
}
