// Task occurrences for every scheduled date of every playbook task over the period, with a
// realistic mix of outcomes (mostly confirmed in time, some with exceptions, a few missed,
// today's still open or not yet due), and checklist results for every occurrence with
// exceptions (one or two failed items: the summary counts those) plus a sample of the
// confirmed ones.
import type { Item, Task } from "../../src/config/playbook-schema.js";
import { addDays, type OutletCalendar } from "../../src/domain/calendar.js";
import { occurrencesBetween, type PlannedOccurrence } from "../../src/domain/schedule.js";
import type { GeneratedOutlet } from "./generate-org.js";
import type { Rng } from "./random.js";

export interface TemplateRef {
  templateId: string;
  versionId: string;
  task: Task;
}

export interface OccurrenceRow {
  id: string;
  outletId: string;
  templateId: string;
  templateVersionId: string;
  dueDate: string;
  dueAt: Date;
  nudgeAt: Date;
  escalateAt: Date;
  windowEndsAt: Date;
  state: string;
  remindedAt: Date | null;
  nudgedAt: Date | null;
  escalatedAt: Date | null;
  completedAt: Date | null;
  missedAt: Date | null;
  createdAt: Date;
}

export interface ResultRow {
  id: string;
  occurrenceId: string;
  itemKey: string;
  status: string;
  valueText: string | null;
  amountMinor: bigint | null;
  note: string | null;
  confirmedById: string;
  confirmedAt: Date;
  secondConfirmedById: string | null;
  secondConfirmedAt: Date | null;
  platform: string;
}

/** A failed checklist item, for incidents drafted from it. */
export interface FailedItem {
  resultId: string;
  at: Date;
  incidentType: string;
}

/** The schedule is the same for every outlet with the same calendar: plan it once. */
export function planOccurrences(
  templates: TemplateRef[],
  cal: OutletCalendar,
  today: string,
  days: number,
): Array<{ tpl: TemplateRef; p: PlannedOccurrence }> {
  const from = addDays(today, -(days - 1));
  return templates.flatMap((tpl) => occurrencesBetween(tpl.task, cal, from, today).map((p) => ({ tpl, p })));
}

const CONFIRMED_SAMPLE = 0.05; // share of cleanly confirmed occurrences that get result rows
const P_MISSED = 0.035;
const P_EXCEPTIONS = 0.08;

export function occurrencesFor(
  outlet: GeneratedOutlet,
  plan: Array<{ tpl: TemplateRef; p: PlannedOccurrence }>,
  now: Date,
  rng: Rng,
  newId: () => string,
): { occurrences: OccurrenceRow[]; results: ResultRow[]; failed: FailedItem[] } {
  const occurrences: OccurrenceRow[] = [];
  const results: ResultRow[] = [];
  const failed: FailedItem[] = [];
  const t = now.getTime();
  for (const { tpl, p } of plan) {
    const row: OccurrenceRow = {
      id: newId(),
      outletId: outlet.id,
      templateId: tpl.templateId,
      templateVersionId: tpl.versionId,
      dueDate: p.dueDate,
      dueAt: p.dueAt,
      nudgeAt: p.nudgeAt,
      escalateAt: p.escalateAt,
      windowEndsAt: p.windowEndsAt,
      state: "due",
      remindedAt: null,
      nudgedAt: null,
      escalatedAt: null,
      completedAt: null,
      missedAt: null,
      createdAt: new Date(p.dueAt.getTime() - 86_400_000),
    };
    occurrences.push(row);
    if (p.dueAt.getTime() > t) continue; // later today: created by the scheduler, not yet due
    row.remindedAt = p.dueAt;
    const windowOver = p.windowEndsAt.getTime() <= t;
    const r = rng.next();
    if (windowOver && r < P_MISSED) {
      Object.assign(row, { state: "missed", nudgedAt: p.nudgeAt, escalatedAt: p.escalateAt, missedAt: p.windowEndsAt });
      continue;
    }
    if (!windowOver && r < 0.45) {
      // still open right now, at whatever stage the clock has reached
      row.state = t >= p.escalateAt.getTime() ? "escalated" : t >= p.nudgeAt.getTime() ? "nudged" : "reminded";
      if (t >= p.nudgeAt.getTime()) row.nudgedAt = p.nudgeAt;
      if (t >= p.escalateAt.getTime()) row.escalatedAt = p.escalateAt;
      continue;
    }
    const done = completionTime(p, windowOver ? p.windowEndsAt : now, rng);
    row.completedAt = done;
    if (done > p.nudgeAt) row.nudgedAt = p.nudgeAt;
    if (done > p.escalateAt) row.escalatedAt = p.escalateAt;
    const exceptions = rng.chance(P_EXCEPTIONS);
    row.state = exceptions ? "confirmed_with_exceptions" : "confirmed";
    if (exceptions || rng.chance(CONFIRMED_SAMPLE)) {
      results.push(...itemResults(outlet, tpl.task, row.id, done, exceptions, rng, newId, failed));
    }
  }
  return { occurrences, results, failed };
}

/** Mostly before the nudge, some after it, a few after escalation; never after `latest`. */
function completionTime(p: PlannedOccurrence, latest: Date, rng: Rng): Date {
  const r = rng.next();
  const [a, b] =
    r < 0.75 ? [p.dueAt, p.nudgeAt] : r < 0.93 ? [p.nudgeAt, p.escalateAt] : [p.escalateAt, p.windowEndsAt];
  const at = rng.between(a, b);
  return at > latest ? rng.between(p.dueAt, latest) : at;
}

function itemResults(
  outlet: GeneratedOutlet,
  task: Task,
  occurrenceId: string,
  at: Date,
  exceptions: boolean,
  rng: Rng,
  newId: () => string,
  failedOut: FailedItem[],
): ResultRow[] {
  const failing = new Set<number>();
  if (exceptions) {
    failing.add(rng.int(0, task.items.length - 1));
    if (rng.chance(0.2)) failing.add(rng.int(0, task.items.length - 1));
  }
  const confirmer = rng.pick(outlet.staff.supervisor ?? outlet.staff.teller ?? []);
  const platform = rng.chance(0.7) ? "slack" : "teams";
  return task.items.map((item, i) => {
    const failed = failing.has(i);
    const second = item.dualControl ? rng.pick(outlet.staff[item.dualControl.role] ?? [confirmer]) : null;
    const row: ResultRow = {
      id: newId(),
      occurrenceId,
      itemKey: item.key,
      status: failed ? "failed" : "ok",
      ...value(item, failed, rng),
      note: failed ? "现场核查发现异常，已登记" : null,
      confirmedById: confirmer,
      confirmedAt: at,
      secondConfirmedById: second,
      secondConfirmedAt: second ? new Date(at.getTime() + rng.int(1, 10) * 60_000) : null,
      platform,
    };
    if (failed) failedOut.push({ resultId: row.id, at, incidentType: item.failIncidentType ?? task.failIncidentType });
    return row;
  });
}

function value(item: Item, failed: boolean, rng: Rng): { valueText: string | null; amountMinor: bigint | null } {
  switch (item.kind) {
    case "yesno":
      return { valueText: failed ? "no" : "yes", amountMinor: null };
    case "number": {
      const n = failed ? item.range.max + rng.int(1, 10) : rng.int(item.range.min, item.range.max);
      return { valueText: String(n), amountMinor: null };
    }
    case "amount": {
      const yuan = failed ? item.range.max + rng.int(1, 5000) : rng.int(item.range.min, item.range.max);
      return { valueText: null, amountMinor: BigInt(yuan) * 100n };
    }
    case "choice": {
      const options = item.options.filter((o) => o.fails === failed);
      return { valueText: (options.length ? rng.pick(options) : rng.pick(item.options)).key, amountMinor: null };
    }
    case "text":
      return { valueText: failed ? "发现问题，已上报" : "正常", amountMinor: null };
    case "photo":
      return { valueText: `photo:${rng.int(1, 1e9).toString(36)}`, amountMinor: null };
  }
}
