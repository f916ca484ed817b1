// "My day": Slack's App Home tab, and the Teams personal-chat equivalent.
import type { StepRef } from "./cases.js";
import type { Localised } from "./common.js";
import type { OccurrenceState } from "./tasks.js";

export interface HomeView {
  type: "home";
  staffName: string;
  tasksToday: Array<{
    occurrenceId: string;
    outletName: string;
    title: Localised;
    dueAt: string;
    timeZone: string;
    state: OccurrenceState;
    stateLabel: Localised;
    done: number;
    total: number;
  }>;
  openIncidents: Array<{
    incidentId: string;
    ref: string;
    typeLabel: Localised;
    severityLabel: Localised;
    statusLabel: Localised;
  }>;
  openComplaints: Array<{ complaintId: string; ref: string; categoryLabel: Localised; step: StepRef; late: boolean }>;
  approvalsWaiting: Array<{
    complaintId: string;
    ref: string;
    step: StepRef;
    dueAt: string | null;
    timeZone: string;
    late: boolean;
  }>;
}
