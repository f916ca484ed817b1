// Incident and complaint figures from GROUP BY / COUNT / MIN queries. "Open" figures
// describe right now; flows (reported, logged, closed, late steps ended) are counted in the
// period, in each outlet's own time zone.
import type { Db } from "../../db/client.js";
import { hoursSince } from "../../domain/summary.js";
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
    openBySeverity: Object.fromEntries(bySeverity.map((r) => [r.severity, r._count._all])),
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

export async function complaintFigures(
  db: Db,
  outletIds: string[],
  windows: ZoneWindow[],
  categoryLabel: (category: string) => string,
): Promise<SummaryView["complaints"]> {
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
  const byStage: Record<string, number> = {};
  for (const r of byStatusStep) {
    const key = r.status === "open" ? stageKey.step(r.currentStepNo) : stageKey.awaitingFollowUp;
    byStage[key] = (byStage[key] ?? 0) + r._count._all;
  }
  byStage[stageKey.closed] = closed;
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
