import { describe, expect, it } from "vitest";
import type { Schedule } from "../../src/config/playbook-schema.js";
import type { OutletCalendar } from "../../src/domain/calendar.js";
import { nextStep } from "../../src/domain/occurrence-lifecycle.js";
import { occurrencesBetween, scheduledDates, type TimedTask } from "../../src/domain/schedule.js";

function cal(over: Partial<OutletCalendar> = {}): OutletCalendar {
  return {
    timeZone: "Asia/Shanghai",
    workingDays: [1, 2, 3, 4, 5],
    workStart: "08:30",
    workEnd: "17:30",
    holidays: new Set(),
    extraWorkdays: new Set(),
    ...over,
  };
}
const london = cal({ timeZone: "Europe/London", workingDays: [1, 2, 3, 4, 5, 6, 7], workStart: "09:00" });
// SH-XJH-like: Mon–Fri, National Day closures, a make-up Sunday
const shanghai = cal({
  holidays: new Set(["2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07", "2026-02-16"]),
  extraWorkdays: new Set(["2026-09-27", "2026-02-14"]),
});

const task = (schedule: Schedule, over: Partial<TimedTask> = {}): TimedTask => ({
  key: "t",
  schedule,
  nudgeAfter: { minutes: 15 },
  escalateAfter: { minutes: 30 },
  window: { minutes: 90 },
  ...over,
});
const day = (at: string, ifNotWorkingDay: "skip" | "next" = "skip"): Schedule => ({
  every: "day",
  at,
  ifNotWorkingDay,
});
const dates = (s: Schedule, c: OutletCalendar, from: string, to: string) =>
  scheduledDates(s, c, from, to).map((d) => d.dueDate);
const iso = (d: Date) => d.toISOString();

describe("daily schedules", () => {
  it("skips weekends and holidays, includes make-up workdays", () => {
    expect(dates(day("08:00"), shanghai, "2026-09-24", "2026-10-09")).toEqual([
      "2026-09-24",
      "2026-09-25",
      "2026-09-27", // Sunday make-up workday (调休)
      "2026-09-28",
      "2026-09-29",
      "2026-09-30",
      "2026-10-08",
      "2026-10-09",
    ]);
    expect(dates(day("08:00"), shanghai, "2026-02-13", "2026-02-17")).toEqual([
      "2026-02-13",
      "2026-02-14",
      "2026-02-17",
    ]);
  });

  it("with next, merges a closure's days into one occurrence on the next working day", () => {
    const got = scheduledDates(day("08:00", "next"), shanghai, "2026-10-01", "2026-10-09");
    expect(got).toEqual([
      { period: "D:2026-10-01", nominalDate: "2026-10-01", dueDate: "2026-10-08", moved: true },
      { period: "D:2026-10-09", nominalDate: "2026-10-09", dueDate: "2026-10-09", moved: false },
    ]);
    // asking only for the 8th gives the same, period-identical occurrence
    expect(scheduledDates(day("08:00", "next"), shanghai, "2026-10-08", "2026-10-08")).toEqual([got[0]]);
  });

  it("Europe/London keeps local 08:00 across spring forward and fall back", () => {
    const spring = occurrencesBetween(task(day("08:00")), london, "2026-03-28", "2026-03-30");
    expect(spring.map((o) => iso(o.dueAt))).toEqual([
      "2026-03-28T08:00:00.000Z", // GMT
      "2026-03-29T07:00:00.000Z", // BST from 01:00 UTC that day
      "2026-03-30T07:00:00.000Z",
    ]);
    const autumn = occurrencesBetween(task(day("08:00")), london, "2026-10-24", "2026-10-26");
    expect(autumn.map((o) => iso(o.dueAt))).toEqual([
      "2026-10-24T07:00:00.000Z", // BST
      "2026-10-25T08:00:00.000Z", // GMT again
      "2026-10-26T08:00:00.000Z",
    ]);
  });

  it("a time inside the spring gap moves forward; an ambiguous autumn time takes the first instant", () => {
    const [gap] = occurrencesBetween(task(day("01:30")), london, "2026-03-29", "2026-03-29");
    expect(iso(gap?.dueAt as Date)).toBe("2026-03-29T01:30:00.000Z"); // 02:30 BST
    const [overlap] = occurrencesBetween(task(day("01:30")), london, "2026-10-25", "2026-10-25");
    expect(iso(overlap?.dueAt as Date)).toBe("2026-10-25T00:30:00.000Z"); // 01:30 BST, the first one
  });

  it("windows and delays measured in wall-clock minutes span the DST change exactly", () => {
    const [o] = occurrencesBetween(
      task(day("00:30"), { nudgeAfter: { minutes: 45 }, escalateAfter: { hours: 1 }, window: { days: 1 } }),
      london,
      "2026-03-29",
      "2026-03-29",
    );
    expect(iso(o?.dueAt as Date)).toBe("2026-03-29T00:30:00.000Z");
    expect(iso(o?.nudgeAt as Date)).toBe("2026-03-29T01:15:00.000Z");
    expect(iso(o?.escalateAt as Date)).toBe("2026-03-29T01:30:00.000Z");
    // one calendar day later at the same wall time (00:30 BST), 23 real hours
    expect(iso(o?.windowEndsAt as Date)).toBe("2026-03-29T23:30:00.000Z");
  });

  it("business-hour windows skip the night and non-working days", () => {
    const [o] = occurrencesBetween(
      task(day("16:30"), { window: { businessHours: 2 }, escalateAfter: { businessDays: 1 } }),
      shanghai,
      "2026-09-30",
      "2026-09-30",
    );
    expect(iso(o?.dueAt as Date)).toBe("2026-09-30T08:30:00.000Z"); // 16:30 CST
    // 1h left on the 30th, then closed 1st–7th (holidays + weekend), 1h on the 8th
    expect(iso(o?.windowEndsAt as Date)).toBe("2026-10-08T01:30:00.000Z"); // 09:30 CST
    expect(iso(o?.escalateAt as Date)).toBe("2026-10-08T08:30:00.000Z"); // 16:30 CST
    expect(iso(o?.nudgeAt as Date)).toBe("2026-09-30T08:45:00.000Z");
  });
});

describe("weekly schedules", () => {
  it("falls on the weekday only", () => {
    const s: Schedule = { every: "week", weekday: "tue", at: "16:00", ifNotWorkingDay: "skip" };
    expect(dates(s, shanghai, "2026-09-01", "2026-09-30")).toEqual([
      "2026-09-01",
      "2026-09-08",
      "2026-09-15",
      "2026-09-22",
      "2026-09-29",
    ]);
  });

  it("skip drops a holiday week; next moves it and keeps the ISO week as the period", () => {
    const fri = (ifNotWorkingDay: "skip" | "next"): Schedule => ({
      every: "week",
      weekday: "fri",
      at: "15:00",
      ifNotWorkingDay,
    });
    expect(dates(fri("skip"), shanghai, "2026-09-25", "2026-10-16")).toEqual([
      "2026-09-25",
      "2026-10-09",
      "2026-10-16",
    ]);
    expect(scheduledDates(fri("next"), shanghai, "2026-09-28", "2026-10-09")).toEqual([
      { period: "W:2026-09-28", nominalDate: "2026-10-02", dueDate: "2026-10-08", moved: true },
      { period: "W:2026-10-05", nominalDate: "2026-10-09", dueDate: "2026-10-09", moved: false },
    ]);
  });
});

describe("monthly schedules", () => {
  it("moves day 1 off a holiday to the next working day, once per month", () => {
    const s: Schedule = { every: "month", day: 1, at: "10:00", ifNotWorkingDay: "next" };
    expect(scheduledDates(s, shanghai, "2026-09-01", "2026-11-30")).toEqual([
      { period: "M:2026-09", nominalDate: "2026-09-01", dueDate: "2026-09-01", moved: false },
      { period: "M:2026-10", nominalDate: "2026-10-01", dueDate: "2026-10-08", moved: true },
      { period: "M:2026-11", nominalDate: "2026-11-01", dueDate: "2026-11-02", moved: true },
    ]);
    // a range that starts after the nominal date still finds the moved occurrence
    expect(dates(s, shanghai, "2026-10-08", "2026-10-08")).toEqual(["2026-10-08"]);
    expect(dates(s, shanghai, "2026-10-09", "2026-10-31")).toEqual([]);
    expect(dates({ ...s, ifNotWorkingDay: "skip" }, shanghai, "2026-09-01", "2026-11-30")).toEqual(["2026-09-01"]);
  });

  it("'last' is the last day of each month, leap years included", () => {
    const s: Schedule = { every: "month", day: "last", at: "17:00", ifNotWorkingDay: "skip" };
    const all = cal({ workingDays: [1, 2, 3, 4, 5, 6, 7] });
    expect(dates(s, all, "2026-01-01", "2026-06-30")).toEqual([
      "2026-01-31",
      "2026-02-28",
      "2026-03-31",
      "2026-04-30",
      "2026-05-31",
      "2026-06-30",
    ]);
    expect(dates(s, all, "2028-02-01", "2028-02-29")).toEqual(["2028-02-29"]);
    // 2026-02-28 is a Saturday: skipped on a Mon–Fri week, moved to Monday 2 March with next
    expect(dates(s, shanghai, "2026-02-01", "2026-03-02")).toEqual([]);
    expect(scheduledDates({ ...s, ifNotWorkingDay: "next" }, shanghai, "2026-03-01", "2026-03-02")).toEqual([
      { period: "M:2026-02", nominalDate: "2026-02-28", dueDate: "2026-03-02", moved: true },
    ]);
  });

  it("times a moved occurrence at the schedule's time on the day it is actually due", () => {
    const [o] = occurrencesBetween(
      task({ every: "month", day: 1, at: "10:00", ifNotWorkingDay: "next" }, { window: { hours: 6 } }),
      shanghai,
      "2026-10-08",
      "2026-10-08",
    );
    expect(iso(o?.dueAt as Date)).toBe("2026-10-08T02:00:00.000Z");
    expect(iso(o?.windowEndsAt as Date)).toBe("2026-10-08T08:00:00.000Z");
  });
});

describe("quarterly schedules", () => {
  it("uses the month within each quarter", () => {
    const s: Schedule = { every: "quarter", month: 3, day: 20, at: "10:00", ifNotWorkingDay: "next" };
    expect(scheduledDates(s, shanghai, "2026-01-01", "2026-12-31")).toEqual([
      { period: "Q:2026-1", nominalDate: "2026-03-20", dueDate: "2026-03-20", moved: false },
      { period: "Q:2026-2", nominalDate: "2026-06-20", dueDate: "2026-06-22", moved: true },
      { period: "Q:2026-3", nominalDate: "2026-09-20", dueDate: "2026-09-21", moved: true },
      { period: "Q:2026-4", nominalDate: "2026-12-20", dueDate: "2026-12-21", moved: true },
    ]);
  });

  it("month 1 with 'last' and skip", () => {
    const s: Schedule = { every: "quarter", month: 1, day: "last", at: "10:00", ifNotWorkingDay: "skip" };
    // Jan 31 2026 Sat, Apr 30 Thu, Jul 31 Fri, Oct 31 Sat
    expect(dates(s, shanghai, "2026-01-01", "2026-12-31")).toEqual(["2026-04-30", "2026-07-31"]);
  });
});

describe("ranges", () => {
  it("are inclusive and empty when reversed", () => {
    expect(dates(day("08:00"), shanghai, "2026-09-30", "2026-09-30")).toEqual(["2026-09-30"]);
    expect(dates(day("08:00"), shanghai, "2026-09-30", "2026-09-29")).toEqual([]);
  });
});

describe("lifecycle steps", () => {
  const t = {
    dueAt: new Date("2026-11-23T00:00:00Z"),
    nudgeAt: new Date("2026-11-23T00:15:00Z"),
    escalateAt: new Date("2026-11-23T00:30:00Z"),
    windowEndsAt: new Date("2026-11-23T01:30:00Z"),
  };
  const at = (hhmm: string) => new Date(`2026-11-23T${hhmm}:00Z`);

  it("walks due → reminded → nudged → escalated → missed at the playbook's instants", () => {
    expect(nextStep("due", t, at("00:00"))).toBe("remind");
    expect(nextStep("due", { ...t, dueAt: at("00:01") }, at("00:00"))).toBeNull();
    expect(nextStep("reminded", t, at("00:14"))).toBeNull();
    expect(nextStep("reminded", t, at("00:15"))).toBe("nudge");
    expect(nextStep("nudged", t, at("00:29"))).toBeNull();
    expect(nextStep("nudged", t, at("00:30"))).toBe("escalate");
    expect(nextStep("escalated", t, at("01:29"))).toBeNull();
    expect(nextStep("escalated", t, at("01:30"))).toBe("miss");
  });

  it("catch-up: a closed window is missed without a reminder; a late open one skips to the latest step", () => {
    expect(nextStep("due", t, at("02:00"))).toBe("miss");
    expect(nextStep("due", t, at("00:40"))).toBe("remind");
    expect(nextStep("reminded", t, at("00:40"))).toBe("escalate");
  });

  it("never moves a final state", () => {
    for (const s of ["confirmed", "confirmed_with_exceptions", "missed"])
      expect(nextStep(s, t, at("05:00"))).toBeNull();
  });
});
