// "My day" (Slack App Home, Teams personal chat) and the "today" command: today's tasks at the
// person's outlets (where they are in the task's audience, or supervise), open incidents and
// complaints they raised or whose outlet they handle, and the complaint steps they may decide.
import type { Role, Task } from "../config/playbook-schema.js";
import { localDate } from "../domain/calendar.js";
import { canConfirmTask, canDecideComplaintStep, decidesComplaints, handlesIncidents } from "../permissions/index.js";
import {
  complaintsAwaitingDecision,
  occurrencesDueOn,
  openComplaintsFor,
  openIncidentsFor,
  outletHeader,
} from "../queries/index.js";
import { stepRef, typeLabel } from "../services/cases/case-views.js";
import type { StaffRef } from "../services/directory.js";
import type { HomeView } from "../views/home.js";
import { incidentStatusLabel, severityLabel, taskStateLabel } from "../views/labels.js";
import type { OccurrenceState } from "../views/tasks.js";
import type { CoreServices } from "./services.js";

/** Longest list of cases in a home view; the summary has the full figures. */
const CASE_CAP = 20;

export type TaskToday = HomeView["tasksToday"][number];

/** Today's occurrences the person confirms or oversees, by due time. */
export async function tasksToday(s: CoreServices, staffId: string): Promise<TaskToday[]> {
  const now = s.clock.now();
  const out: TaskToday[] = [];
  for (const o of await s.directory.outletsOf(staffId)) {
    const outlet = await outletHeader(s.db, o.outletId);
    const rows = await occurrencesDueOn(s.db, o.outletId, localDate(now, outlet.timeZone));
    for (const r of rows) {
      const task = JSON.parse(r.templateVersion.definition) as Task;
      if (!canConfirmTask(s.playbook, task, o.roles)) continue;
      out.push({
        occurrenceId: r.id,
        outletName: outlet.name,
        title: { key: task.title },
        dueAt: r.dueAt.toISOString(),
        timeZone: outlet.timeZone,
        state: r.state as OccurrenceState,
        stateLabel: taskStateLabel(r.state),
        done: r.results.filter((x) => x.status === "ok" || x.status === "failed").length,
        total: task.items.length,
      });
    }
  }
  return out.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}

export async function homeView(s: CoreServices, staff: StaffRef): Promise<HomeView> {
  const outlets = await s.directory.outletsOf(staff.id);
  const handled = outlets.filter((o) => handlesIncidents(s.playbook, o.roles)).map((o) => o.outletId);
  const incidents = await openIncidentsFor(s.db, staff.id, handled, CASE_CAP);
  const complaints = await openComplaintsFor(s.db, staff.id, handled, CASE_CAP);
  return {
    type: "home",
    staffName: staff.name,
    tasksToday: await tasksToday(s, staff.id),
    openIncidents: incidents.map((i) => ({
      incidentId: i.id,
      ref: i.ref,
      typeLabel: typeLabel(s.playbook, i.type),
      severityLabel: severityLabel(i.severity),
      statusLabel: incidentStatusLabel(i.status),
    })),
    openComplaints: complaints.map((c) => {
      const category = s.playbook.complaints.categories.find((x) => x.key === c.category);
      return {
        complaintId: c.id,
        ref: c.ref,
        categoryLabel: category ? { key: category.label } : { key: "complaints:unknown", vars: { key: c.category } },
        step: stepRef(s.playbook, c.currentStepNo),
        late: c.late,
      };
    }),
    approvalsWaiting: await approvalsWaiting(s, outlets),
  };
}

/** Open complaints whose current step this person may decide (the step's role or one above). */
async function approvalsWaiting(s: CoreServices, outlets: Array<{ outletId: string; roles: Role[] }>) {
  const deciding = outlets.filter((o) => decidesComplaints(s.playbook, o.roles));
  if (deciding.length === 0) return [];
  const open = await complaintsAwaitingDecision(
    s.db,
    deciding.map((o) => o.outletId),
  );
  return open.flatMap((c) => {
    const step = c.steps[0];
    const roles = deciding.find((o) => o.outletId === c.outletId)?.roles ?? [];
    if (!step || !canDecideComplaintStep(s.playbook, step.ownerRole, roles)) return [];
    return [
      {
        complaintId: c.id,
        ref: c.ref,
        step: stepRef(s.playbook, step.stepNo, step.ownerRole),
        dueAt: step.dueAt.toISOString(),
        timeZone: c.outlet.timeZone,
        late: c.late,
      },
    ];
  });
}
