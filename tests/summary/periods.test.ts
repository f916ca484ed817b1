// Period arithmetic (pure) and period boundaries in Asia/Shanghai on a real database: a task
// due at 23:30 local belongs to that local day, although it is 15:30 UTC.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/domain/clock.js";
import {
  isLocalDate,
  medianFromWindow,
  medianWindow,
  pctDelta,
  percent,
  periodDates,
  previousPeriod,
  rangeInstants,
  rankBehind,
  trendDirection,
} from "../../src/domain/summary.js";
import { SummaryService } from "../../src/services/summary/service.js";
import { createDemoDb, demoIds, playbook, type TestDb } from "../helpers/db.js";
import { addOccurrence } from "./fixtures.js";

describe("period ranges", () => {
  it("today, this week (Monday to Sunday) and this month", () => {
    expect(periodDates("today", "2026-11-25")).toEqual({ kind: "today", from: "2026-11-25", to: "2026-11-25" });
    expect(periodDates("week", "2026-11-25")).toEqual({ kind: "week", from: "2026-11-23", to: "2026-11-29" });
    expect(periodDates("week", "2026-11-29")).toEqual({ kind: "week", from: "2026-11-23", to: "2026-11-29" }); // Sunday
    expect(periodDates("month", "2026-02-10")).toEqual({ kind: "month", from: "2026-02-01", to: "2026-02-28" });
    expect(periodDates("month", "2028-02-10")?.to).toBe("2028-02-29");
  });

  it("custom ranges are validated", () => {
    expect(periodDates({ from: "2026-11-01", to: "2026-11-10" }, "2026-11-25")).toEqual({
      kind: "custom",
      from: "2026-11-01",
      to: "2026-11-10",
    });
    expect(periodDates({ from: "2026-11-10", to: "2026-11-01" }, "2026-11-25")).toBeNull();
    expect(periodDates({ from: "2026-13-01", to: "2026-13-02" }, "2026-11-25")).toBeNull();
    expect(isLocalDate("2026-02-29")).toBe(false);
    expect(isLocalDate("2028-02-29")).toBe(true);
    expect(isLocalDate("2026-1-01")).toBe(false);
  });

  it("the previous period has the same length and ends the day before", () => {
    expect(previousPeriod({ kind: "today", from: "2026-11-01", to: "2026-11-01" })).toEqual({
      kind: "today",
      from: "2026-10-31",
      to: "2026-10-31",
    });
    expect(previousPeriod({ kind: "week", from: "2026-11-23", to: "2026-11-29" })).toMatchObject({
      from: "2026-11-16",
      to: "2026-11-22",
    });
    expect(previousPeriod({ kind: "custom", from: "2026-11-11", to: "2026-11-20" })).toMatchObject({
      from: "2026-11-01",
      to: "2026-11-10",
    });
    // a month is compared with the whole previous calendar month
    expect(previousPeriod({ kind: "month", from: "2026-03-01", to: "2026-03-31" })).toMatchObject({
      from: "2026-02-01",
      to: "2026-02-28",
    });
  });

  it("local days become instants in the zone, DST included", () => {
    expect(rangeInstants({ from: "2026-11-25", to: "2026-11-25" }, "Asia/Shanghai")).toEqual({
      start: new Date("2026-11-24T16:00:00Z"),
      end: new Date("2026-11-25T16:00:00Z"),
    });
    // London's spring-forward day is 23 hours long
    const r = rangeInstants({ from: "2026-03-29", to: "2026-03-29" }, "Europe/London");
    expect(r.end.getTime() - r.start.getTime()).toBe(23 * 3_600_000);
  });
});

describe("summary arithmetic", () => {
  it("percentages, deltas and trend direction", () => {
    expect(percent(1, 3)).toBe(33.3);
    expect(percent(2, 3)).toBe(66.7);
    expect(percent(0, 0)).toBeNull();
    expect(pctDelta(50, 75)).toBe(-25);
    expect(pctDelta(50, null)).toBeNull();
    expect(trendDirection(-25)).toBe("down");
    expect(trendDirection(0.1)).toBe("up");
    expect(trendDirection(null)).toBe("flat");
  });

  it("the median window picks the middle row or rows", () => {
    expect(medianWindow(0)).toBeNull();
    expect(medianWindow(1)).toEqual({ offset: 0, take: 1 });
    expect(medianWindow(5)).toEqual({ offset: 2, take: 1 });
    expect(medianWindow(4)).toEqual({ offset: 1, take: 2 });
    expect(medianFromWindow([10, 21])).toBe(15.5);
    expect(medianFromWindow([])).toBeNull();
  });

  it("ranks outlets by missed, overdue, open incidents, then lowest on-time rate", () => {
    const s = (code: string, missed: number, overdue: number, openIncidents: number, onTimePct: number | null) => ({
      outletCode: code,
      outletName: code,
      missed,
      overdue,
      openIncidents,
      onTimePct,
    });
    const ranked = rankBehind(
      [
        s("A", 0, 0, 0, 100), // on track: left out
        s("B", 1, 0, 0, 90),
        s("C", 1, 2, 0, 95),
        s("D", 0, 0, 1, 100),
        s("E", 0, 0, 1, 80),
        s("F", 0, 0, 0, null), // nothing measured: left out
        s("G", 0, 0, 0, 99.9),
      ],
      5,
    );
    expect(ranked.map((r) => r.outletCode)).toEqual(["C", "B", "E", "D", "G"]);
  });
});

describe("period boundaries in Asia/Shanghai", () => {
  let t: TestDb;
  let service: SummaryService;
  let supervisor: string;
  const clock = new ManualClock("2026-11-24T16:10:00Z"); // 00:10 on 11-25 in Shanghai, still 11-24 in UTC

  beforeAll(async () => {
    t = await createDemoDb(clock);
    const { staff, outlets } = await demoIds(t.db);
    supervisor = staff["chen.min"] as string;
    const LJZ = outlets["SH-LJZ"] as string;
    // 23:30 local on 11-24 (15:30Z) and 00:05 local on 11-25 (16:05Z, still 11-24 in UTC)
    await addOccurrence(t.db, { outletId: LJZ, task: "closing", dueAt: "2026-11-24T15:30:00Z", state: "missed" });
    await addOccurrence(t.db, { outletId: LJZ, task: "opening", dueAt: "2026-11-24T16:05:00Z", state: "due" });
    service = new SummaryService(t.db, clock, { playbook });
  });
  afterAll(() => t.cleanup());

  const total = async (period: Parameters<SummaryService["summarise"]>[2]) => {
    const r = await service.summarise(supervisor, { kind: "outlet" }, period);
    if (!r.ok) throw new Error(r.code);
    return { total: r.view.completion.total, missed: r.view.completion.missed, period: r.view.period };
  };

  it("a task at 23:30 local belongs to that local day", async () => {
    expect(await total({ from: "2026-11-24", to: "2026-11-24" })).toMatchObject({ total: 1, missed: 1 });
  });

  it("a task just after local midnight belongs to the next local day", async () => {
    expect(await total({ from: "2026-11-25", to: "2026-11-25" })).toMatchObject({ total: 1, missed: 0 });
  });

  it("'today' is the local date, not the UTC one", async () => {
    const r = await total("today");
    expect(r.period).toMatchObject({ kind: "today", from: "2026-11-25", to: "2026-11-25" });
    expect(r.total).toBe(1);
  });
});
