// The status summary a manager asks for: figures for a scope and period, with the trend
// against the previous period and the outlets furthest behind.
import type { Localised } from "./common.js";

export interface SummaryView {
  type: "summary";
  scope: { kind: "outlet" | "outlets" | "region"; names: string[] };
  period: { kind: "today" | "week" | "month" | "custom"; from: string; to: string; timeZone: string };
  completion: {
    onTimePct: number | null;
    confirmed: number;
    withExceptions: number;
    missed: number;
    open: number;
    total: number;
  };
  trend: { onTimePctPrev: number | null; deltaPct: number | null };
  overdue: Array<{ outletName: string; title: Localised; dueAt: string; state: string; stateLabel: Localised }>;
  exceptions: number;
  incidents: {
    /** Every grade, most severe first, zeros included so the chart's axis is the same each day. */
    openBySeverity: Array<{ severity: string; label: Localised; count: number }>;
    oldestOpenHours: number | null;
    medianAckMinutes: number | null;
    medianResolveMinutes: number | null;
  };
  complaints: {
    /** Ladder steps in order, then awaiting follow-up, then closed in the period. */
    byStage: Array<{ stage: string; label: Localised; count: number }>;
    byCategory: Array<{ label: Localised; count: number }>;
    lateSteps: number;
    followUpsDue: number;
  };
  /** 事后监督差错单 (when the playbook has backOffice): not yet accepted, and the reply overdue. */
  errorNotices?: { open: number; overdue: number };
  behind: Array<{ outletName: string; onTimePct: number | null; overdue: number; openIncidents: number }>;
  /**
   * Circulars (通知学习确认) someone at these outlets has not acknowledged, newest first: counts
   * over the scope's own recipients, and the names still outstanding.
   */
  circulars?: Array<{ ref: string; title: string; acknowledged: number; total: number; pending: string[] }>;
  /** A scheduled digest (end of day, weekly) rather than a summary someone asked for. */
  digest?: "daily" | "weekly";
  /** On-time / late / missed rates of the measured tasks (digests and exports). */
  rates?: SummaryRates;
  /** Every outlet of the scope, best first (digests and exports). */
  ranking?: SummaryRankRow[];
}

export interface SummaryRates {
  /** Tasks the rates are over: done, missed, or overdue now. */
  measured: number;
  onTimePct: number | null;
  latePct: number | null;
  missedPct: number | null;
}

export interface SummaryRankRow extends SummaryRates {
  rank: number;
  outletCode: string;
  outletName: string;
}
