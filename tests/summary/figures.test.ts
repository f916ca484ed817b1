// Every figure of a summary on hand-made data whose answers were worked out by hand.
// Now: Wednesday 2026-11-25 14:00 in Shanghai (06:00Z); "week" = Mon 11-23 … Sun 11-29.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/domain/clock.js";
import { SummaryService } from "../../src/services/summary/service.js";
import type { SummaryView } from "../../src/views/summary.js";
import { createDemoDb, demoIds, playbook, type TestDb } from "../helpers/db.js";
import { addComplaint, addIncident, addOccurrence } from "./fixtures.js";

let t: TestDb;
let view: SummaryView;
let regionView: SummaryView;
const clock = new ManualClock("2026-11-25T06:00:00Z");

beforeAll(async () => {
  t = await createDemoDb(clock);
  const { staff, outlets } = await demoIds(t.db);
  const LJZ = outlets["SH-LJZ"] as string;
  const XJH = outlets["SH-XJH"] as string;
  const db = t.db;

  // ---- this week at LJZ (08:00 local = 00:00Z)
  await addOccurrence(db, {
    outletId: LJZ,
    task: "opening",
    dueAt: "2026-11-23T00:00:00Z",
    state: "confirmed",
    completedAfter: 90,
  }); // on time
  await addOccurrence(db, {
    outletId: LJZ,
    task: "lobby_ready",
    dueAt: "2026-11-23T00:30:00Z",
    state: "confirmed_with_exceptions",
    completedAfter: 100,
    failed: 1,
    ok: 2,
  }); // on time, 1 exception
  await addOccurrence(db, {
    outletId: LJZ,
    task: "morning_meeting",
    dueAt: "2026-11-23T00:45:00Z",
    state: "confirmed",
    completedAfter: 150,
  }); // late
  await addOccurrence(db, { outletId: LJZ, task: "midday_check", dueAt: "2026-11-23T04:00:00Z", state: "missed" });
  await addOccurrence(db, { outletId: LJZ, task: "end_of_day", dueAt: "2026-11-24T09:00:00Z", state: "nudged" }); // window over, not yet marked
  await addOccurrence(db, { outletId: LJZ, task: "closing", dueAt: "2026-11-25T05:00:00Z", state: "nudged" }); // overdue now
  await addOccurrence(db, {
    outletId: LJZ,
    task: "opening",
    dueAt: "2026-11-25T00:00:00Z",
    state: "confirmed",
    completedAfter: 60,
  }); // on time
  await addOccurrence(db, { outletId: LJZ, task: "opening", dueAt: "2026-11-27T00:00:00Z", state: "due" }); // future
  // ---- previous week at LJZ: 3 of 4 on time = 75 %; its exception must not count this week
  for (const day of ["16", "17", "18"]) {
    await addOccurrence(db, {
      outletId: LJZ,
      task: "opening",
      dueAt: `2026-11-${day}T00:00:00Z`,
      state: "confirmed",
      completedAfter: 30,
    });
  }
  await addOccurrence(db, {
    outletId: LJZ,
    task: "closing",
    dueAt: "2026-11-18T09:30:00Z",
    state: "missed",
    failed: 2,
  });
  // ---- XJH: everything on time, but two open incidents
  await addOccurrence(db, {
    outletId: XJH,
    task: "opening",
    dueAt: "2026-11-24T00:30:00Z",
    state: "confirmed",
    completedAfter: 20,
  });

  // ---- incidents at LJZ
  await addIncident(db, {
    outletId: LJZ,
    severity: "major",
    status: "closed",
    reportedAt: "2026-11-23T01:00:00Z",
    ackAfter: 10,
    resolveAfter: 100,
  });
  await addIncident(db, {
    outletId: LJZ,
    severity: "critical",
    status: "resolved",
    reportedAt: "2026-11-24T02:00:00Z",
    ackAfter: 20,
    resolveAfter: 60,
  });
  await addIncident(db, {
    outletId: LJZ,
    severity: "minor",
    status: "acknowledged",
    reportedAt: "2026-11-24T03:00:00Z",
    ackAfter: 40,
  });
  await addIncident(db, { outletId: LJZ, severity: "major", status: "open", reportedAt: "2026-11-25T04:00:00Z" });
  await addIncident(db, {
    outletId: LJZ,
    severity: "minor",
    status: "acknowledged",
    reportedAt: "2026-11-20T00:00:00Z",
    ackAfter: 1000,
  }); // last week, still open
  await addIncident(db, { outletId: XJH, severity: "minor", status: "open", reportedAt: "2026-11-24T02:00:00Z" });
  await addIncident(db, {
    outletId: XJH,
    severity: "minor",
    status: "open",
    reportedAt: "2026-11-24T03:00:00Z",
    ackAfter: 1,
  });

  // ---- complaints at LJZ
  await addComplaint(db, {
    outletId: LJZ,
    category: "waiting_time",
    status: "open",
    stepNo: 1,
    loggedAt: "2026-11-23T02:00:00Z",
    steps: [{ stepNo: 1, late: true, endedAt: null }],
  });
  await addComplaint(db, {
    outletId: LJZ,
    category: "waiting_time",
    status: "open",
    stepNo: 2,
    loggedAt: "2026-11-24T02:00:00Z",
    steps: [
      { stepNo: 1, late: true, endedAt: "2026-11-24T06:00:00Z" },
      { stepNo: 2, late: false, endedAt: null },
    ],
  });
  await addComplaint(db, {
    outletId: LJZ,
    category: "fees",
    status: "resolved",
    stepNo: 1,
    loggedAt: "2026-11-23T03:00:00Z",
    steps: [{ stepNo: 1, late: false, endedAt: "2026-11-23T05:00:00Z" }],
  });
  await addComplaint(db, {
    outletId: LJZ,
    category: "fees",
    status: "closed",
    stepNo: 1,
    loggedAt: "2026-11-18T03:00:00Z",
    closedAt: "2026-11-24T03:00:00Z",
    followUp: true,
    steps: [{ stepNo: 1, late: true, endedAt: "2026-11-18T05:00:00Z" }],
  });
  await addComplaint(db, {
    outletId: LJZ,
    category: "service_attitude",
    status: "open",
    stepNo: 3,
    loggedAt: "2026-11-19T03:00:00Z",
    steps: [{ stepNo: 3, late: false, endedAt: null }],
  });
  await addComplaint(db, {
    outletId: XJH,
    category: "privacy",
    status: "resolved",
    stepNo: 1,
    loggedAt: "2026-11-24T03:00:00Z",
    steps: [],
  });

  const service = new SummaryService(db, clock, { playbook });
  const r = await service.summarise(staff["chen.min"] as string, { kind: "outlet" }, "week");
  if (!r.ok) throw new Error("supervisor refused");
  view = r.view;
  const rr = await service.summarise(staff["grace.lin"] as string, { kind: "region" }, "week");
  if (!rr.ok) throw new Error("regional refused");
  regionView = rr.view;
});

afterAll(() => t.cleanup());

describe("summary figures for one outlet, this week", () => {
  it("reports the period in local dates and the scope by name", () => {
    expect(view.period).toEqual({ kind: "week", from: "2026-11-23", to: "2026-11-29", timeZone: "Asia/Shanghai" });
    expect(view.scope.kind).toBe("outlet");
    expect(view.scope.names).toEqual(["陆家嘴支行营业部 (Lujiazui Sub-branch)"]);
  });

  it("counts completion: on time over measured, missed including windows already over", () => {
    expect(view.completion).toEqual({
      onTimePct: 42.9, // 3 on time of 7 measured: the overdue one counts against; the future one is not measured
      confirmed: 3,
      withExceptions: 1,
      missed: 2,
      open: 2,
      total: 8,
    });
  });

  it("counts failed items of this period's occurrences only", () => {
    expect(view.exceptions).toBe(1);
  });

  it("compares with the previous week", () => {
    expect(view.trend).toEqual({ onTimePctPrev: 75, deltaPct: -32.1 });
  });

  it("lists overdue tasks first, then missed ones, newest first", () => {
    expect(view.overdue.map((o) => [o.title.key, o.state, o.dueAt])).toEqual([
      ["playbook:tasks.closing.title", "nudged", "2026-11-25T05:00:00.000Z"],
      ["playbook:tasks.end_of_day.title", "missed", "2026-11-24T09:00:00.000Z"],
      ["playbook:tasks.midday_check.title", "missed", "2026-11-23T04:00:00.000Z"],
    ]);
  });

  it("shows open incidents by severity and age, and median times in the period", () => {
    expect(view.incidents).toEqual({
      // every grade, most severe first, zeros included, each with its label
      openBySeverity: [
        { severity: "critical", label: { key: "labels:severity.critical" }, count: 0 },
        { severity: "serious", label: { key: "labels:severity.serious" }, count: 0 },
        { severity: "major", label: { key: "labels:severity.major" }, count: 1 },
        { severity: "minor", label: { key: "labels:severity.minor" }, count: 2 },
      ],
      oldestOpenHours: 126, // reported 11-20 00:00Z, now 11-25 06:00Z
      medianAckMinutes: 20, // 10, 20, 40
      medianResolveMinutes: 80, // 60, 100
    });
  });

  it("shows complaints by stage and category, late steps and follow-ups due", () => {
    expect(view.complaints).toEqual({
      byStage: [
        { stage: "step_1", label: { key: "labels:step", vars: { no: 1, role: "labels:role.supervisor" } }, count: 1 },
        { stage: "step_2", label: { key: "labels:step", vars: { no: 2, role: "labels:role.manager" } }, count: 1 },
        { stage: "step_3", label: { key: "labels:step", vars: { no: 3, role: "labels:role.regional" } }, count: 1 },
        { stage: "awaiting_follow_up", label: { key: "labels:stage.awaiting_follow_up" }, count: 1 },
        { stage: "closed", label: { key: "labels:stage.closed" }, count: 1 },
      ],
      byCategory: [
        { label: { key: "playbook:complaints.categories.waiting_time" }, count: 2 },
        { label: { key: "playbook:complaints.categories.fees" }, count: 1 },
      ],
      lateSteps: 2, // one still open, one ended this week; last week's is not counted
      followUpsDue: 1,
    });
  });
});

describe("summary for a region", () => {
  it("covers both outlets and ranks the one furthest behind first", () => {
    expect(regionView.scope).toEqual({ kind: "region", names: ["上海分行运营管理部 (Shanghai Branch Operations)"] });
    expect(regionView.behind).toEqual([
      { outletName: "陆家嘴支行营业部 (Lujiazui Sub-branch)", onTimePct: 42.9, overdue: 1, openIncidents: 3 },
      { outletName: "徐家汇支行营业部 (Xujiahui Sub-branch)", onTimePct: 100, overdue: 0, openIncidents: 2 },
    ]);
  });

  it("adds up the outlets", () => {
    expect(regionView.completion.total).toBe(9);
    expect(regionView.completion.onTimePct).toBe(50); // 4 of 8
    expect(regionView.incidents.openBySeverity.map((s) => [s.severity, s.count])).toEqual([
      ["critical", 0],
      ["serious", 0],
      ["major", 1],
      ["minor", 4],
    ]);
    expect(regionView.incidents.medianAckMinutes).toBe(15); // 1, 10, 20, 40
    expect(regionView.complaints.followUpsDue).toBe(2);
    expect(regionView.complaints.byCategory.map((c) => c.count)).toEqual([2, 1, 1]);
  });
});
