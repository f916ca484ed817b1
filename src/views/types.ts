// Every view the core can ask an edge to render.
import type { ErrorNoticeEventView, ErrorNoticeView } from "./backoffice.js";
import type { ComplaintEventView, ComplaintView, IncidentEventView, IncidentView } from "./cases.js";
import type { CircularStatusView, CircularView } from "./circulars.js";
import type { FormView, TextView } from "./common.js";
import type { HomeView } from "./home.js";
import type { SummaryView } from "./summary.js";
import type { ConfirmationEchoView, NudgeView, ReminderView, TaskEscalationView, TaskMissedView } from "./tasks.js";

export type View =
  | TextView
  | FormView
  | ReminderView
  | NudgeView
  | TaskEscalationView
  | TaskMissedView
  | ConfirmationEchoView
  | IncidentView
  | IncidentEventView
  | ComplaintView
  | ComplaintEventView
  | ErrorNoticeView
  | ErrorNoticeEventView
  | SummaryView
  | HomeView
  | CircularView
  | CircularStatusView;

export type ViewType = View["type"];
