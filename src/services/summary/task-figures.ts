// Checklist figures for a scope and period, all from COUNT / GROUP BY queries: the database
// returns at most one row per state or per outlet, never the occurrences themselves (except
// the capped list of overdue and missed tasks).
import type { Db } from "../../db/client.js";
import type { Tx } from "../../db/tx.js";
import { percent } from "../../domain/summary.js";
import type { Localised } from "../../views/common.js";
import { taskStateLabel } from "../../views/labels.js";
import { inWindows, type ZoneWindow } from "./windows.js";

type Reader = Db | Tx;

export const OPEN_STATES = ["due", "reminded", "nudged", "escalated"];
export const DONE_STATES = ["confirmed", "confirmed_with_exceptions"];

export interface PerOutletTaskCounts {
  onTime: number;
  measured: number;
  missed: number;
  overdue: number;
}

export interface TaskFigures {
  completion: {
    onTimePct: number | null;
    confirmed: number;
    withExceptions: number;
    missed: number;
    open: number;
    total: number;
  };
  exceptions: number;
  perOutlet: Map<string, PerOutletTaskCounts>;
}

/**
 * Missed = marked missed, or still open after its window closed (the scheduler may not have
 * marked it yet; either way it was not done in time).
 */
function missedWhere(now: Date) {
  return { OR: [{ state: "missed" }, { state: { in: OPEN_STATES }, windowEndsAt: { lte: now } }] };
}

/**
 * Measured = counts in the on-time rate: completed, missed, window over, or overdue now (open
 * past nudgeAt, the same instant `overdueNowWhere` lists it). An overdue task counts against the
 * rate while it stays open, so the rate can never read 100 % next to a task listed as overdue;
 * finished within its window it counts as on time again, as every other on-time task does.
 */
function measuredWhere(now: Date) {
  return {
    OR: [
      { state: { in: [...DONE_STATES, "missed"] } },
      { windowEndsAt: { lte: now } },
      { state: { in: OPEN_STATES }, nudgeAt: { lte: now } },
    ],
  };
}

function onTimeWhere(db: Reader) {
  // column-to-column comparison in SQL (a Prisma field reference), not in memory
  return { state: { in: DONE_STATES }, completedAt: { lte: db.taskOccurrence.fields.windowEndsAt } };
}

/** Open, past its nudge time, window still open: late but still doable, right now. */
export function overdueNowWhere(outletIds: string[], now: Date) {
  return { outletId: { in: outletIds }, state: { in: OPEN_STATES }, nudgeAt: { lte: now }, windowEndsAt: { gt: now } };
}

async function countByOutlet(db: Reader, where: object): Promise<Map<string, number>> {
  const rows = await db.taskOccurrence.groupBy({ by: ["outletId"], where, _count: { _all: true } });
  return new Map(rows.map((r) => [r.outletId, r._count._all]));
}

export async function taskFigures(
  db: Reader,
  outletIds: string[],
  windows: ZoneWindow[],
  now: Date,
): Promise<TaskFigures> {
  const inPeriod = inWindows(windows, "dueAt");
  const [byState, onTime, measured, missed, overdue, exceptions] = await Promise.all([
    db.taskOccurrence.groupBy({ by: ["state"], where: inPeriod, _count: { _all: true } }),
    countByOutlet(db, { AND: [inPeriod, onTimeWhere(db)] }),
    countByOutlet(db, { AND: [inPeriod, measuredWhere(now)] }),
    countByOutlet(db, { AND: [inPeriod, missedWhere(now)] }),
    countByOutlet(db, overdueNowWhere(outletIds, now)),
    db.checklistItemResult.count({ where: { status: "failed", occurrence: inPeriod } }),
  ]);
  const state = new Map(byState.map((r) => [r.state, r._count._all]));
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const total = sum(state);
  const confirmed = state.get("confirmed") ?? 0;
  const withExceptions = state.get("confirmed_with_exceptions") ?? 0;
  const missedTotal = sum(missed);
  const perOutlet = new Map<string, PerOutletTaskCounts>();
  for (const id of outletIds) {
    perOutlet.set(id, {
      onTime: onTime.get(id) ?? 0,
      measured: measured.get(id) ?? 0,
      missed: missed.get(id) ?? 0,
      overdue: overdue.get(id) ?? 0,
    });
  }
  return {
    completion: {
      onTimePct: percent(sum(onTime), sum(measured)),
      confirmed,
      withExceptions,
      missed: missedTotal,
      open: total - confirmed - withExceptions - missedTotal,
      total,
    },
    exceptions,
    perOutlet,
  };
}

/** On-time % alone, for the previous period of the trend. */
export async function onTimePct(db: Reader, windows: ZoneWindow[], now: Date): Promise<number | null> {
  const inPeriod = inWindows(windows, "dueAt");
  const [onTime, measured] = await Promise.all([
    db.taskOccurrence.count({ where: { AND: [inPeriod, onTimeWhere(db)] } }),
    db.taskOccurrence.count({ where: { AND: [inPeriod, measuredWhere(now)] } }),
  ]);
  return percent(onTime, measured);
}

export interface ListedTask {
  outletName: string;
  title: Localised;
  dueAt: string;
  state: string;
  stateLabel: Localised;
}

/**
 * Overdue tasks right now, then the most recent missed tasks of the period, at most `cap`
 * rows in all (LIMIT in SQL). Missed rows read state "missed" even when the scheduler has not
 * marked them yet, so the list agrees with the counts.
 */
export async function listOverdueAndMissed(
  db: Reader,
  outletIds: string[],
  windows: ZoneWindow[],
  now: Date,
  cap: number,
): Promise<ListedTask[]> {
  const select = {
    dueAt: true,
    state: true,
    outlet: { select: { name: true } },
    template: { select: { key: true } },
    templateVersion: { select: { definition: true } },
  } as const;
  const overdue = await db.taskOccurrence.findMany({
    where: overdueNowWhere(outletIds, now),
    orderBy: [{ dueAt: "asc" }, { id: "asc" }],
    take: cap,
    select,
  });
  const missed =
    overdue.length >= cap
      ? []
      : await db.taskOccurrence.findMany({
          where: { AND: [inWindows(windows, "dueAt"), missedWhere(now)] },
          orderBy: [{ dueAt: "desc" }, { id: "asc" }],
          take: cap - overdue.length,
          select,
        });
  const row = (o: (typeof overdue)[number], state: string): ListedTask => ({
    outletName: o.outlet.name,
    title: { key: titleKey(o.templateVersion.definition, o.template.key) },
    dueAt: o.dueAt.toISOString(),
    state,
    stateLabel: taskStateLabel(state),
  });
  return [...overdue.map((o) => row(o, o.state)), ...missed.map((o) => row(o, "missed"))];
}

/** The title key of the task version the occurrence was created under. */
function titleKey(definition: string, templateKey: string): string {
  try {
    const title = (JSON.parse(definition) as { title?: unknown }).title;
    if (typeof title === "string") return title;
  } catch {
    // an unreadable stored definition falls back to the playbook's naming convention
  }
  return `playbook:tasks.${templateKey}.title`;
}
