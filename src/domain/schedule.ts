// When a playbook task falls due at an outlet. Pure: a schedule and an outlet calendar in,
// outlet-local dates and UTC instants out. A period (a day, an ISO week, a month, a quarter)
// has one nominal date; on a non-working day it is skipped or moved to the next working day.
// A moved occurrence keeps its period, and when several periods land on one date (a long
// holiday) they merge into one occurrence: the database key is (outlet, task, dueDate).
import { type Duration, type Schedule, WEEKDAYS } from "../config/playbook-schema.js";
import {
  addDays,
  addDuration,
  daysInMonth,
  isoWeekday,
  isWorkingDay,
  nextWorkingDay,
  type OutletCalendar,
  zonedTime,
} from "./calendar.js";

export interface ScheduledDate {
  /** The period this occurrence belongs to: "D:2026-10-01", "W:2026-09-28", "M:2026-10", "Q:2026-4". */
  period: string;
  /** The date the schedule names for the period. */
  nominalDate: string;
  /** The date it is actually due (= nominalDate unless moved). */
  dueDate: string;
  moved: boolean;
}

export interface OccurrenceTimes {
  dueAt: Date;
  nudgeAt: Date;
  escalateAt: Date;
  windowEndsAt: Date;
}

export type PlannedOccurrence = ScheduledDate & OccurrenceTimes & { taskKey: string };

/** The parts of a playbook task that decide timing. */
export interface TimedTask {
  key: string;
  schedule: Schedule;
  nudgeAfter: Duration;
  escalateAfter: Duration;
  window: Duration;
}

const pad = (n: number) => String(n).padStart(2, "0");

// How far back to look for periods that were moved forward into the requested range. A
// closure longer than this (no working day for 40 days) drops the moved occurrence.
const LOOKBACK_DAYS = 40;

function monthDate(year: number, month: number, day: number | "last"): string {
  const d = day === "last" ? daysInMonth(year, month) : day;
  return `${year}-${pad(month)}-${pad(d)}`;
}

function mondayOf(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

/** Every period's nominal date that falls in [from, to], in order. */
function nominalDates(s: Schedule, from: string, to: string): Array<{ period: string; date: string }> {
  const out: Array<{ period: string; date: string }> = [];
  if (s.every === "day" || s.every === "week") {
    const weekday = s.every === "week" ? WEEKDAYS.indexOf(s.weekday) + 1 : 0;
    for (let d = from; d <= to; d = addDays(d, 1)) {
      if (s.every === "day") out.push({ period: `D:${d}`, date: d });
      else if (isoWeekday(d) === weekday) out.push({ period: `W:${mondayOf(d)}`, date: d });
    }
    return out;
  }
  const [fy, fm] = from.split("-").map(Number) as [number, number];
  const [ty, tm] = to.split("-").map(Number) as [number, number];
  for (let i = fy * 12 + fm - 1; i <= ty * 12 + tm - 1; i++) {
    const y = Math.floor(i / 12);
    const m = (i % 12) + 1;
    if (s.every === "month") {
      out.push({ period: `M:${y}-${pad(m)}`, date: monthDate(y, m, s.day) });
    } else if ((m - 1) % 3 === s.month - 1) {
      out.push({ period: `Q:${y}-${Math.floor((m - 1) / 3) + 1}`, date: monthDate(y, m, s.day) });
    }
  }
  return out.filter((p) => p.date >= from && p.date <= to);
}

/**
 * The dates a schedule is due at an outlet with dueDate in [from, to] (inclusive,
 * outlet-local YYYY-MM-DD). Periods whose nominal date lies before `from` but that were moved
 * into the range are included; periods merged onto one date keep the earliest period.
 */
export function scheduledDates(s: Schedule, cal: OutletCalendar, from: string, to: string): ScheduledDate[] {
  const byDate = new Map<string, ScheduledDate>();
  const start = s.ifNotWorkingDay === "next" ? addDays(from, -LOOKBACK_DAYS) : from;
  for (const { period, date } of nominalDates(s, start, to)) {
    let dueDate: string | null = date;
    if (!isWorkingDay(cal, date)) dueDate = s.ifNotWorkingDay === "next" ? nextWorkingDay(cal, date) : null;
    if (dueDate === null || dueDate < from || dueDate > to || byDate.has(dueDate)) continue;
    byDate.set(dueDate, { period, nominalDate: date, dueDate, moved: dueDate !== date });
  }
  return [...byDate.values()].sort((a, b) => a.dueDate.localeCompare(b.dueDate));
}

/** Due, nudge, escalation and window-end instants of a task due on `dueDate` at `at` local. */
export function occurrenceTimes(task: TimedTask, cal: OutletCalendar, dueDate: string, at = task.schedule.at) {
  const dueAt = zonedTime(dueDate, at, cal.timeZone);
  return timesFrom(task, cal, dueAt);
}

/** The same, from a given due instant (a manual, unscheduled reminder). */
export function timesFrom(task: TimedTask, cal: OutletCalendar, dueAt: Date): OccurrenceTimes {
  return {
    dueAt,
    nudgeAt: addDuration(cal, dueAt, task.nudgeAfter),
    escalateAt: addDuration(cal, dueAt, task.escalateAfter),
    windowEndsAt: addDuration(cal, dueAt, task.window),
  };
}

/** A task's occurrences at one outlet with dueDate in [from, to], timed. */
export function occurrencesBetween(
  task: TimedTask,
  cal: OutletCalendar,
  from: string,
  to: string,
): PlannedOccurrence[] {
  return scheduledDates(task.schedule, cal, from, to).map((d) => ({
    taskKey: task.key,
    ...d,
    ...occurrenceTimes(task, cal, d.dueDate),
  }));
}
