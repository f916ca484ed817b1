// Summary arithmetic: which local dates a period covers (in the outlet's time zone), the
// previous period for the trend, percentages, the bounded median window, and the ranking of
// outlets furthest behind. Pure: the services feed it counts from aggregate queries.
import { addDays, daysInMonth, isoWeekday, localDate, zonedTime } from "./calendar.js";

export type PeriodInput = "today" | "week" | "month" | { from: string; to: string };
export type PeriodKind = "today" | "week" | "month" | "custom";

/** Outlet-local calendar dates, both inclusive. */
export interface LocalRange {
  kind: PeriodKind;
  from: string;
  to: string;
}

/** Instants [start, end): what a local range means in one time zone. */
export interface InstantRange {
  start: Date;
  end: Date;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD (rejects 2026-02-30). */
export function isLocalDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/** Days in a local range, counting both ends. */
export function dayCount(r: { from: string; to: string }): number {
  return Math.round((Date.parse(`${r.to}T00:00:00Z`) - Date.parse(`${r.from}T00:00:00Z`)) / 86_400_000) + 1;
}

/**
 * The local dates a period covers, given today's local date. Weeks run Monday to Sunday
 * (ISO, as in China); months are calendar months. Returns null for an invalid custom range.
 */
export function periodDates(period: PeriodInput, today: string): LocalRange | null {
  if (period === "today") return { kind: "today", from: today, to: today };
  if (period === "week") {
    const monday = addDays(today, 1 - isoWeekday(today));
    return { kind: "week", from: monday, to: addDays(monday, 6) };
  }
  if (period === "month") {
    const [y, m] = today.split("-").map(Number) as [number, number];
    const first = `${today.slice(0, 7)}-01`;
    return { kind: "month", from: first, to: addDays(first, daysInMonth(y, m) - 1) };
  }
  if (!isLocalDate(period.from) || !isLocalDate(period.to) || period.from > period.to) return null;
  return { kind: "custom", from: period.from, to: period.to };
}

/** The period a local range is compared against: the same kind of period just before it. */
export function previousPeriod(r: LocalRange): LocalRange {
  if (r.kind === "month") {
    // a calendar month is compared with the previous calendar month, whatever their lengths
    const lastOfPrev = addDays(r.from, -1);
    return { kind: "month", from: `${lastOfPrev.slice(0, 7)}-01`, to: lastOfPrev };
  }
  const n = dayCount(r);
  return { kind: r.kind, from: addDays(r.from, -n), to: addDays(r.from, -1) };
}

/** From local midnight of `from` to local midnight after `to`, in `tz` (DST-safe). */
export function rangeInstants(r: { from: string; to: string }, tz: string): InstantRange {
  return { start: zonedTime(r.from, "00:00", tz), end: zonedTime(addDays(r.to, 1), "00:00", tz) };
}

/** Today's local date in a time zone. */
export function todayIn(now: Date, tz: string): string {
  return localDate(now, tz);
}

/** n / d as a percentage with one decimal; null when there is nothing to measure. */
export function percent(n: number, d: number): number | null {
  if (d <= 0) return null;
  return Math.round((n * 1000) / d) / 10;
}

/** Percentage-point change from prev to cur, one decimal; null when either is unknown. */
export function pctDelta(cur: number | null, prev: number | null): number | null {
  if (cur === null || prev === null) return null;
  return Math.round((cur - prev) * 10) / 10;
}

export type TrendDirection = "up" | "down" | "flat";

/** How to label a delta; null (no comparison possible) reads as flat. */
export function trendDirection(delta: number | null): TrendDirection {
  if (delta === null || delta === 0) return "flat";
  return delta > 0 ? "up" : "down";
}

/**
 * Which rows of a sorted list of n values hold the median: one row for odd n, the middle
 * two for even n. The service fetches exactly those rows with ORDER BY … LIMIT take OFFSET
 * offset, so only one or two values ever leave the database.
 */
export function medianWindow(n: number): { offset: number; take: number } | null {
  if (n <= 0) return null;
  return n % 2 === 1 ? { offset: (n - 1) / 2, take: 1 } : { offset: n / 2 - 1, take: 2 };
}

/** The median from the window's values (one or two), rounded to one decimal. */
export function medianFromWindow(values: number[]): number | null {
  if (values.length === 0) return null;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.round(mean * 10) / 10;
}

/** Hours from `from` to `now`, one decimal, never negative. */
export function hoursSince(from: Date, now: Date): number {
  return Math.max(0, Math.round((now.getTime() - from.getTime()) / 360_000) / 10);
}

export interface OutletStanding {
  outletCode: string;
  outletName: string;
  missed: number;
  overdue: number;
  openIncidents: number;
  onTimePct: number | null;
}

/** An outlet with anything outstanding or a completion rate below 100 %. */
export function isBehind(s: OutletStanding): boolean {
  return s.missed > 0 || s.overdue > 0 || s.openIncidents > 0 || (s.onTimePct !== null && s.onTimePct < 100);
}

/**
 * Outlets furthest behind first: most missed tasks, then most overdue, then most open
 * incidents, then the lowest on-time rate (unknown counts as on track), then by code so the
 * order is stable. Outlets with nothing outstanding are left out.
 */
export function rankBehind(standings: OutletStanding[], limit: number): OutletStanding[] {
  const pct = (s: OutletStanding) => s.onTimePct ?? 100;
  return standings
    .filter(isBehind)
    .sort(
      (a, b) =>
        b.missed - a.missed ||
        b.overdue - a.overdue ||
        b.openIncidents - a.openIncidents ||
        pct(a) - pct(b) ||
        a.outletCode.localeCompare(b.outletCode),
    )
    .slice(0, limit);
}
