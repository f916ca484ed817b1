// Hand-made rows for summary tests, written straight through Prisma so the figures can be
// checked against answers worked out by hand (no dependency on the task/case services).
import type { Db } from "../../src/db/client.js";
import { localDate } from "../../src/domain/calendar.js";

const MIN = 60_000;
const at = (iso: string) => new Date(iso);
const plus = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * MIN);

export interface OccurrenceSpec {
  outletId: string;
  task: string; // playbook task key
  dueAt: string; // ISO instant
  state: string;
  /** minutes after dueAt; default nudge 30, window 120 */
  nudgeAfter?: number;
  windowMinutes?: number;
  completedAfter?: number;
  /** failed / ok item results to attach */
  failed?: number;
  ok?: number;
}

export async function addOccurrence(db: Db, s: OccurrenceSpec): Promise<string> {
  const template = await db.taskTemplate.findUniqueOrThrow({ where: { key: s.task }, include: { versions: true } });
  const version = template.versions.find((v) => v.hash === template.currentHash) ?? template.versions[0];
  if (!version) throw new Error(`no version for ${s.task}`);
  const occ = await db.taskOccurrence.create({
    data: {
      outletId: s.outletId,
      templateId: template.id,
      templateVersionId: version.id,
      dueDate: localDate(at(s.dueAt), "Asia/Shanghai"),
      dueAt: at(s.dueAt),
      nudgeAt: plus(s.dueAt, s.nudgeAfter ?? 30),
      escalateAt: plus(s.dueAt, (s.nudgeAfter ?? 30) * 2),
      windowEndsAt: plus(s.dueAt, s.windowMinutes ?? 120),
      state: s.state,
      completedAt: s.completedAfter === undefined ? null : plus(s.dueAt, s.completedAfter),
      missedAt: s.state === "missed" ? plus(s.dueAt, s.windowMinutes ?? 120) : null,
    },
  });
  const staff = await db.staff.findFirstOrThrow();
  const results = [
    ...Array.from({ length: s.failed ?? 0 }, () => "failed"),
    ...Array.from({ length: s.ok ?? 0 }, () => "ok"),
  ];
  for (const [i, status] of results.entries()) {
    await db.checklistItemResult.create({
      data: {
        occurrenceId: occ.id,
        itemKey: `item_${i}`,
        status,
        confirmedById: staff.id,
        confirmedAt: plus(s.dueAt, 5),
        platform: "slack",
      },
    });
  }
  return occ.id;
}

let incidentNo = 0;

export interface IncidentSpec {
  outletId: string;
  severity: string;
  status: string;
  reportedAt: string;
  ackAfter?: number;
  resolveAfter?: number;
}

export async function addIncident(db: Db, s: IncidentSpec): Promise<void> {
  const staff = await db.staff.findFirstOrThrow();
  incidentNo++;
  await db.incident.create({
    data: {
      ref: `INC-T-${incidentNo}`,
      outletId: s.outletId,
      type: "equipment",
      severity: s.severity,
      status: s.status,
      description: "test",
      reportedById: staff.id,
      reportedAt: at(s.reportedAt),
      ackDueAt: plus(s.reportedAt, 30),
      acknowledgedAt: s.ackAfter === undefined ? null : plus(s.reportedAt, s.ackAfter),
      resolvedAt: s.resolveAfter === undefined ? null : plus(s.reportedAt, s.resolveAfter),
    },
  });
}

let complaintNo = 0;

export interface ComplaintSpec {
  outletId: string;
  category: string;
  status: "open" | "resolved" | "closed";
  stepNo: number;
  loggedAt: string;
  closedAt?: string;
  followUp?: boolean;
  /** steps in arrival order: which ladder step, late or not, and when it ended (null = still open) */
  steps: Array<{ stepNo: number; late: boolean; endedAt: string | null }>;
}

export async function addComplaint(db: Db, s: ComplaintSpec): Promise<void> {
  const staff = await db.staff.findFirstOrThrow();
  complaintNo++;
  const c = await db.complaint.create({
    data: {
      ref: `CMP-T-${complaintNo}`,
      outletId: s.outletId,
      category: s.category,
      intakeChannel: "counter",
      customerRef: "***",
      description: "test",
      status: s.status,
      currentStepNo: s.stepNo,
      loggedById: staff.id,
      loggedAt: at(s.loggedAt),
      resolvedAt: s.status === "open" ? null : at(s.loggedAt),
      closedAt: s.closedAt ? at(s.closedAt) : null,
    },
  });
  for (const [i, step] of s.steps.entries()) {
    await db.complaintStep.create({
      data: {
        complaintId: c.id,
        seq: i + 1,
        stepNo: step.stepNo,
        ownerRole: ["supervisor", "manager", "regional"][step.stepNo - 1] ?? "regional",
        startedAt: at(s.loggedAt),
        dueAt: plus(s.loggedAt, 60),
        endedAt: step.endedAt ? at(step.endedAt) : null,
        late: step.late,
      },
    });
  }
  if (s.followUp) {
    await db.complaintFollowUp.create({
      data: { complaintId: c.id, outcome: "satisfied", note: "ok", byId: staff.id, at: at(s.loggedAt) },
    });
  }
}
