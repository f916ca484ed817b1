// Views of the daily routine: the reminder with its live progress, nudges, escalations,
// misses, and the echo of a plain-text reply before it is recorded.
import type { Role } from "../config/playbook-schema.js";
import type { ActionButton, Localised, Mention } from "./common.js";

export type OccurrenceState =
  | "due"
  | "reminded"
  | "nudged"
  | "escalated"
  | "confirmed"
  | "confirmed_with_exceptions"
  | "missed";

export type ItemStatus = "pending" | "ok" | "failed" | "awaiting_second";

export interface ReminderItemView {
  key: string;
  number: number; // 1-based, the number people type in replies ("7 fail …")
  label: Localised;
  kind: "yesno" | "number" | "amount" | "text" | "choice" | "photo";
  optional: boolean;
  status: ItemStatus;
  /** The value as recorded (an option's key, the digits of a number): for machines. */
  value?: string;
  /** The value as a person reads it, set whenever value is: "¥12,345.60", "12人", an option's label. */
  valueLabel?: Localised;
  note?: string;
  by?: string; // name of the first confirmer
  secondBy?: string; // name of the second confirmer
  dualControlRole?: Role;
  /** The second confirmer's role as words (labels:role.*), set with dualControlRole. */
  dualControlRoleLabel?: Localised;
}

export interface ReminderView {
  type: "reminder";
  occurrenceId: string;
  taskKey: string;
  title: Localised;
  outletName: string;
  dueAt: string; // ISO instant
  windowEndsAt: string;
  timeZone: string;
  state: OccurrenceState;
  stateLabel: Localised;
  audience: Mention[];
  /** People who have not answered yet (nudges go to them). */
  waitingOn: Mention[];
  items: ReminderItemView[];
  done: number;
  total: number;
  actions: ActionButton[];
}

export interface NudgeView {
  type: "nudge";
  occurrenceId: string;
  title: Localised;
  outletName: string;
  windowEndsAt: string;
  timeZone: string;
  waitingOn: Mention[];
  remaining: number;
}

export interface TaskEscalationView {
  type: "task_escalation";
  occurrenceId: string;
  title: Localised;
  outletName: string;
  dueAt: string;
  windowEndsAt: string;
  timeZone: string;
  to: Mention[];
  waitingOn: Mention[];
  remaining: number;
}

export interface TaskMissedView {
  type: "task_missed";
  occurrenceId: string;
  title: Localised;
  outletName: string;
  dueAt: string;
  timeZone: string;
  to: Mention[];
  remaining: number;
}

/** "Here is what I understood" — shown before anything is recorded. */
export interface ConfirmationEchoView {
  type: "confirmation_echo";
  sessionId: string;
  title: Localised;
  lines: Array<{
    number: number;
    label: Localised;
    status: "ok" | "failed";
    value?: string;
    /** How the value reads, set whenever value is: a choice's label, a number with its unit, an amount. */
    valueLabel?: Localised;
    note?: string;
  }>;
  /** Set when the reply was ambiguous: a question instead of a guess. */
  question?: Localised;
  /**
   * Set once the echo is settled: the edges show it as a status line and render no buttons
   * (Slack cannot disable a button, so it is removed; Teams refreshes the card without actions).
   */
  outcome?: "recorded" | "cancelled";
  actions: ActionButton[]; // confirm / edit / cancel
}
