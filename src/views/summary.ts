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
}
