// One entry point from any view to what a person reads. Both edges call these and only lay
// the result out, so a label cannot differ between Slack and Teams.
import type { Card } from "../card.js";
import type { View } from "../types.js";
import { presentErrorNotice, presentErrorNoticeEvent } from "./backoffice.js";
import { presentComplaint, presentComplaintEvent, presentIncident, presentIncidentEvent } from "./cases.js";
import { presentCircular, presentCircularStatus } from "./circulars.js";
import type { P } from "./context.js";
import { formAsLines, presentForm } from "./form.js";
import { presentHome, presentText } from "./home.js";
import { presentSummary } from "./summary.js";
import { presentEcho, presentNudge, presentReminder, presentTaskEscalation, presentTaskMissed } from "./tasks.js";

export type { P } from "./context.js";
export { type FormDoc, type FormDocField, presentForm } from "./form.js";

export function presentView(p: P, view: View): Card {
  switch (view.type) {
    case "text":
      return presentText(p, view);
    case "form": {
      // a form that arrives as a message (not as a modal or an input card): its questions
      const doc = presentForm(p, view);
      return {
        title: doc.title,
        blocks: [{ type: "items", items: formAsLines(p, doc).map((text) => ({ text })) }],
        actions: [],
        summary: doc.title,
      };
    }
    case "reminder":
      return presentReminder(p, view);
    case "nudge":
      return presentNudge(p, view);
    case "task_escalation":
      return presentTaskEscalation(p, view);
    case "task_missed":
      return presentTaskMissed(p, view);
    case "confirmation_echo":
      return presentEcho(p, view);
    case "incident":
      return presentIncident(p, view);
    case "incident_event":
      return presentIncidentEvent(p, view);
    case "complaint":
      return presentComplaint(p, view);
    case "complaint_event":
      return presentComplaintEvent(p, view);
    case "error_notice":
      return presentErrorNotice(p, view);
    case "error_notice_event":
      return presentErrorNoticeEvent(p, view);
    case "summary":
      return presentSummary(p, view);
    case "home":
      return presentHome(p, view);
    case "circular":
      return presentCircular(p, view);
    case "circular_status":
      return presentCircularStatus(p, view);
  }
}
