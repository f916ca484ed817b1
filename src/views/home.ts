// "My day": Slack's App Home tab, and the Teams personal-chat equivalent.
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
    done: number;
    total: number;
  }>;
  openIncidents: Array<{ incidentId: string; ref: string; typeLabel: Localised; severity: string; status: string }>;
  openComplaints: Array<{ complaintId: string; ref: string; categoryLabel: Localised; stepNo: number; late: boolean }>;
  approvalsWaiting: Array<{
    complaintId: string;
    ref: string;
    stepNo: number;
    dueAt: string | null;
    timeZone: string;
    late: boolean;
  }>;
}
