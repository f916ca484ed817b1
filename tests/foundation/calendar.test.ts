import { describe, expect, it } from "vitest";
import {
  addDuration,
  businessMinutesBetween,
  isWorkingDay,
  localDate,
  type OutletCalendar,
  zonedTime,
} from "../../src/domain/calendar.js";

const shanghai: OutletCalendar = {
  timeZone: "Asia/Shanghai",
  workingDays: [1, 2, 3, 4, 5],
  workStart: "09:00",
  workEnd: "17:00",
  holidays: new Set(["2026-10-01", "2026-10-02"]),
  extraWorkdays: new Set(["2026-09-27"]),
};

describe("calendar", () => {
  it("converts wall time in a fixed-offset zone", () => {
    expect(zonedTime("2026-11-23", "08:00", "Asia/Shanghai").toISOString()).toBe("2026-11-23T00:00:00.000Z");
    expect(localDate(new Date("2026-11-22T16:30:00Z"), "Asia/Shanghai")).toBe("2026-11-23");
  });

  it("handles London's DST gap and overlap", () => {
    expect(zonedTime("2026-07-01", "08:00", "Europe/London").toISOString()).toBe("2026-07-01T07:00:00.000Z");
    expect(zonedTime("2026-12-01", "08:00", "Europe/London").toISOString()).toBe("2026-12-01T08:00:00.000Z");
    // 01:30 does not exist on 29 March 2026: clocks jump to 02:30 BST
    expect(zonedTime("2026-03-29", "01:30", "Europe/London").toISOString()).toBe("2026-03-29T01:30:00.000Z");
    // 01:30 happens twice on 25 October 2026: the first (BST) one is taken
    expect(zonedTime("2026-10-25", "01:30", "Europe/London").toISOString()).toBe("2026-10-25T00:30:00.000Z");
  });

  it("knows working days, holidays and make-up workdays", () => {
    expect(isWorkingDay(shanghai, "2026-09-30")).toBe(true);
    expect(isWorkingDay(shanghai, "2026-10-01")).toBe(false); // holiday on a Thursday
    expect(isWorkingDay(shanghai, "2026-09-27")).toBe(true); // Sunday made a working day
    expect(isWorkingDay(shanghai, "2026-10-03")).toBe(false); // Saturday
  });

  it("adds business hours across a weekend and a holiday", () => {
    // Wed 30 Sep 16:00 + 2 business hours: 1 h on Wed, then Thu/Fri are holidays, then the weekend
    const start = zonedTime("2026-09-30", "16:00", "Asia/Shanghai");
    expect(addDuration(shanghai, start, { businessHours: 2 }).toISOString()).toBe(
      zonedTime("2026-10-05", "10:00", "Asia/Shanghai").toISOString(),
    );
    // before opening, the clock starts at 09:00
    const early = zonedTime("2026-11-23", "07:00", "Asia/Shanghai");
    expect(addDuration(shanghai, early, { businessDays: 1 }).toISOString()).toBe(
      zonedTime("2026-11-23", "17:00", "Asia/Shanghai").toISOString(),
    );
    expect(businessMinutesBetween(shanghai, start, zonedTime("2026-10-05", "10:00", "Asia/Shanghai"))).toBe(120);
  });

  it("adds calendar days at the same local time across DST", () => {
    const london = { ...shanghai, timeZone: "Europe/London" };
    const start = zonedTime("2026-03-28", "09:00", "Europe/London");
    expect(addDuration(london, start, { days: 1 }).toISOString()).toBe("2026-03-29T08:00:00.000Z");
    expect(addDuration(london, start, { hours: 24 }).toISOString()).toBe("2026-03-29T09:00:00.000Z");
  });
});
