// Outlet-local time: wall-clock conversion in any IANA zone (DST included), working days
// under the outlet's week and holiday calendar, and business-time arithmetic for SLA
// clocks. Pure functions over plain values; no I/O.
import type { Duration } from "../config/playbook-schema.js";

export interface OutletCalendar {
  timeZone: string;
  /** ISO weekdays that are working days: 1 = Monday … 7 = Sunday */
  workingDays: number[];
  workStart: string; // "HH:MM" local
  workEnd: string; // "HH:MM" local
  holidays: ReadonlySet<string>; // YYYY-MM-DD closed although a working weekday
  extraWorkdays: ReadonlySet<string>; // YYYY-MM-DD open although a weekend day (调休)
}

const MINUTE = 60_000;
const DAY = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(tz, f);
  }
  return f;
}

export interface LocalParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function localParts(at: Date, tz: string): LocalParts {
  const p: Record<string, number> = {};
  for (const part of formatter(tz).formatToParts(at)) {
    if (part.type !== "literal") p[part.type] = Number(part.value);
  }
  return {
    year: p.year as number,
    month: p.month as number,
    day: p.day as number,
    hour: p.hour as number,
    minute: p.minute as number,
    second: p.second as number,
  };
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** The outlet-local calendar date (YYYY-MM-DD) of an instant. */
export function localDate(at: Date, tz: string): string {
  const p = localParts(at, tz);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** Local "HH:MM" of an instant. */
export function localTime(at: Date, tz: string): string {
  const p = localParts(at, tz);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

function offsetMs(at: number, tz: string): number {
  const p = localParts(new Date(at), tz);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(at / 1000) * 1000;
}

/**
 * The instant at which the wall clock in `tz` shows `date` `hhmm`. A time that does not
 * exist (the spring-forward gap) moves forward by the gap, as clocks do; an ambiguous time
 * (the autumn overlap) takes the first, earlier instant.
 */
export function zonedTime(date: string, hhmm: string, tz: string): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const [hh, mm] = hhmm.split(":").map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  // Try both offsets seen around this wall time; prefer the earliest that round-trips.
  const candidates = [wall - offsetMs(wall - DAY / 2, tz), wall - offsetMs(wall + DAY / 2, tz)].sort((a, b) => a - b);
  for (const t of candidates) {
    if (offsetMs(t, tz) === wall - t) return new Date(t);
  }
  // In a gap no instant shows this wall time. Reading it with the offset in force before
  // the change lands just after the gap (01:30 in London's spring gap becomes 02:30 BST).
  return new Date(wall - offsetMs(wall - DAY / 2, tz));
}

export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const wd = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return wd === 0 ? 7 : wd;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isWorkingDay(cal: OutletCalendar, date: string): boolean {
  if (cal.holidays.has(date)) return false;
  if (cal.extraWorkdays.has(date)) return true;
  return cal.workingDays.includes(isoWeekday(date));
}

/** The first working day on or after `date` (searches a year ahead at most). */
export function nextWorkingDay(cal: OutletCalendar, date: string): string | null {
  for (let i = 0; i < 366; i++) {
    const d = addDays(date, i);
    if (isWorkingDay(cal, d)) return d;
  }
  return null;
}

function workingInterval(cal: OutletCalendar, date: string): [number, number] | null {
  if (!isWorkingDay(cal, date)) return null;
  return [zonedTime(date, cal.workStart, cal.timeZone).getTime(), zonedTime(date, cal.workEnd, cal.timeZone).getTime()];
}

export function businessDayMinutes(cal: OutletCalendar): number {
  const [sh, sm] = cal.workStart.split(":").map(Number) as [number, number];
  const [eh, em] = cal.workEnd.split(":").map(Number) as [number, number];
  return eh * 60 + em - (sh * 60 + sm);
}

/** Adds business minutes: time only runs inside working hours on working days. */
export function addBusinessMinutes(cal: OutletCalendar, start: Date, minutes: number): Date {
  let remaining = minutes * MINUTE;
  let cursor = start.getTime();
  let date = localDate(start, cal.timeZone);
  for (let i = 0; i < 3660; i++, date = addDays(date, 1)) {
    const iv = workingInterval(cal, date);
    if (!iv) continue;
    const from = Math.max(cursor, iv[0]);
    if (from >= iv[1]) continue;
    if (remaining <= iv[1] - from) return new Date(from + remaining);
    remaining -= iv[1] - from;
    cursor = iv[1];
  }
  throw new Error(`no working time found within ten years for ${cal.timeZone}`);
}

/** Business minutes elapsed between two instants (0 if b is not after a). */
export function businessMinutesBetween(cal: OutletCalendar, a: Date, b: Date): number {
  if (b <= a) return 0;
  let total = 0;
  let date = localDate(a, cal.timeZone);
  const last = localDate(b, cal.timeZone);
  for (let i = 0; i < 3660 && date <= last; i++, date = addDays(date, 1)) {
    const iv = workingInterval(cal, date);
    if (!iv) continue;
    const from = Math.max(a.getTime(), iv[0]);
    const to = Math.min(b.getTime(), iv[1]);
    if (to > from) total += to - from;
  }
  return Math.floor(total / MINUTE);
}

/** Adds a playbook duration; business units follow the outlet's calendar. */
export function addDuration(cal: OutletCalendar, start: Date, d: Duration): Date {
  if (d.minutes !== undefined) return new Date(start.getTime() + d.minutes * MINUTE);
  if (d.hours !== undefined) return new Date(start.getTime() + d.hours * 60 * MINUTE);
  if (d.days !== undefined) {
    // calendar days at the same local wall time, so a DST change does not shift the hour
    const date = addDays(localDate(start, cal.timeZone), d.days);
    return zonedTime(date, localTime(start, cal.timeZone), cal.timeZone);
  }
  if (d.businessHours !== undefined) return addBusinessMinutes(cal, start, d.businessHours * 60);
  if (d.businessDays !== undefined) return addBusinessMinutes(cal, start, d.businessDays * businessDayMinutes(cal));
  throw new Error("duration has no unit");
}

/** Builds a calendar from the stored outlet row and its calendar days. */
export function calendarFromRows(
  outlet: { timeZone: string; workingDays: string; workStart: string; workEnd: string },
  days: Array<{ date: string; kind: string }>,
): OutletCalendar {
  return {
    timeZone: outlet.timeZone,
    workingDays: outlet.workingDays.split(",").filter(Boolean).map(Number),
    workStart: outlet.workStart,
    workEnd: outlet.workEnd,
    holidays: new Set(days.filter((d) => d.kind === "holiday").map((d) => d.date)),
    extraWorkdays: new Set(days.filter((d) => d.kind === "workday").map((d) => d.date)),
  };
}
