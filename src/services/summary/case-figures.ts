// Incident and complaint figures from GROUP BY / COUNT / MIN queries. "Open" figures
// describe right now; flows (reported, logged, closed, late steps ended) are counted in the
// period, in each outlet's own time zone.

import { type Playbook, SEVERITIES } from "../../config/playbook-schema.js";
import type { Db } from "../../db/client.js";
import { awaitsReply, NOT_CLOSED } from "../../domain/error-notices.js";
import { hoursSince } from "../../domain/summary.js";
import { complaintStageLabel, severityLabel } from "../../views/labels.js";
import type { SummaryView } from "../../views/summary.js";
import { medianIncidentMinutes, type SqlProvider } from "./median.js";
import { inWindows, type ZoneWindow } from "./windows.js";

export const OPEN_INCIDENT_STATUSES = ["open", "acknowledged"];

export async function incidentFigures(
  db: Db,
  provider: SqlProvider,
  outletIds: string[],
  windows: ZoneWindow[],
  now: Date,
): Promise<SummaryView["incidents"]> {
  const open = { outletId: { in: outletIds }, status: { in: OPEN_INCIDENT_STATUSES } };
  const [bySeverity, oldest, medianAckMinutes, medianResolveMinutes] = await Promise.all([
    db.incident.groupBy({ by: ["severity"], where: open, _count: { _all: true }, orderBy: { severity: "asc" } }),
    db.incident.aggregate({ where: open, _min: { reportedAt: true } }),
    medianIncidentMinutes(db, provider, windows, "acknowledgedAt"),
    medianIncidentMinutes(db, provider, windows, "resolvedAt"),
  ]);
  const oldestAt = oldest._min.reportedAt;
  return {
    // every grade, most severe first, zeros included: the chart's axis is the same every day
    openBySeverity: SEVERITIES.map((severity) => ({
      severity,
      label: severityLabel(severity),
      count: bySeverity.find((r) => r.severity === severity)?._count._all ?? 0,
    })),
    oldestOpenHours: oldestAt ? hoursSince(oldestAt, now) : null,
    medianAckMinutes,
    medianResolveMinutes,
  };
}

/** Open incidents per outlet right now, for the "furthest behind" ranking. */
export async function openIncidentsByOutlet(db: Db, outletIds: string[]): Promise<Map<string, number>> {
  const rows = await db.incident.groupBy({
    by: ["outletId"],
    where: { outletId: { in: outletIds }, status: { in: OPEN_INCIDENT_STATUSES } },
    _count: { _all: true },
  });
  return new Map(rows.map((r) => [r.outletId, r._count._all]));
}

/** Stage keys in SummaryView.complaints.byStage. */
export const stageKey = {
  step: (n: number) => `step_${n}`,
  awaitingFollowUp: "awaiting_follow_up",
  closed: "closed",
} as const;

/** Error notices not yet accepted in the outlets, and those whose reply is overdue now (one read). */
export async function errorNoticeFigures(
  db: Db,
  outletIds: string[],
  now: Date,
): Promise<{ open: number; overdue: number }> {
  const rows = await db.errorNotice.findMany({
    where: { outletId: { in: outletIds }, status: { in: [...NOT_CLOSED] } },
    select: { status: true, dueAt: true, step: true },
  });
  // overdue: still awaiting the reply past the outlet's own deadline (escalated ones included)
  const overdue = rows.filter(
    (r) => awaitsReply(r.status) && (r.step > 0 || r.dueAt.getTime() <= now.getTime()),
  ).length;
  return { open: rows.length, overdue };
}

export async function complaintFigures(
  db: Db,
  outletIds: string[],
  windows: ZoneWindow[],
  categoryLabel: (category: string) => string,
  playbook: Pick<Playbook, "complaints" | "roles">,
): Promise<SummaryView["complaints"]> {
  const ladder = playbook.complaints.ladder;
  const current = { outletId: { in: outletIds }, status: { in: ["open", "resolved"] } };
  const [byStatusStep, closed, byCategory, lateSteps, followUpsDue] = await Promise.all([
    db.complaint.groupBy({ by: ["status", "currentStepNo"], where: current, _count: { _all: true } }),
    // status narrows the scan to the (outletId, status) index; closedAt is set only on closing
    db.complaint.count({ where: { AND: [{ status: "closed" }, inWindows(windows, "closedAt")] } }),
    db.complaint.groupBy({ by: ["category"], where: inWindows(windows, "loggedAt"), _count: { _all: true } }),
    // a late step counts while it is still open (a flagged step stays in every summary) and
    // in the period it ended in
    db.complaintStep.count({
      where: {
        late: true,
        OR: windows.map((w) => ({
          complaint: { outletId: { in: w.outletIds } },
          OR: [{ endedAt: null }, { endedAt: { gte: w.start, lt: w.end } }],
        })),
      },
    }),
    db.complaint.count({ where: { outletId: { in: outletIds }, status: "resolved", followUp: { is: null } } }),
  ]);
  const counts = new Map<string, number>();
  for (const r of byStatusStep) {
    const key = r.status === "open" ? stageKey.step(r.currentStepNo) : stageKey.awaitingFollowUp;
    counts.set(key, (counts.get(key) ?? 0) + r._count._all);
  }
  // every ladder step in order (zeros included), then awaiting follow-up, then closed; a step
  // number the ladder no longer has (an edited playbook) still shows with its count
  const stray = byStatusStep
    .filter((r) => r.status === "open" && !ladder.some((s) => s.step === r.currentStepNo))
    .map((r) => ({ step: r.currentStepNo, role: "" }));
  const steps = [...ladder, ...stray.filter((s, i) => stray.findIndex((x) => x.step === s.step) === i)];
  const byStage: SummaryView["complaints"]["byStage"] = [
    ...steps.map((s) => ({
      stage: stageKey.step(s.step),
      label: complaintStageLabel({ kind: "step", no: s.step, role: s.role }, playbook.roles),
      count: counts.get(stageKey.step(s.step)) ?? 0,
    })),
    {
      stage: stageKey.awaitingFollowUp,
      label: complaintStageLabel({ kind: "awaiting_follow_up" }),
      count: counts.get(stageKey.awaitingFollowUp) ?? 0,
    },
    { stage: stageKey.closed, label: complaintStageLabel({ kind: "closed" }), count: closed },
  ];
  return {
    byStage,
    byCategory: byCategory
      .map((r) => ({ category: r.category, count: r._count._all }))
      .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category))
      .map((r) => ({ label: { key: categoryLabel(r.category) }, count: r.count })),
    lateSteps,
    followUpsDue,
  };
}
