// 轮岗/强制休假 due dates: imported from the org file, reminded once per date to the outlet's
// managers inside the playbook's window and after the outlet's day has started, again only
// when the file moves the date. Real SQLite, the real import and the real outbox rows.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseOrg } from "../../src/config/org.js";
import { roleSet } from "../../src/config/playbook-roles.js";
import { ManualClock } from "../../src/domain/clock.js";
import { Directory } from "../../src/services/directory.js";
import { importOrgAndPlaybook } from "../../src/services/org-import.js";
import { daysFrom, RotationService } from "../../src/services/rotation/due-dates.js";
import { createTestDb, demoOrg, i18n, playbook, type TestDb } from "../helpers/db.js";

// biome-ignore lint/suspicious/noExplicitAny: the org document is edited as plain data
type Doc = any;

/** The demo org with due dates set by `edit` on a deep copy. */
function orgWith(edit: (staff: (code: string) => Doc) => void) {
  const doc: Doc = structuredClone(demoOrg);
  for (const s of doc.staff) {
    delete s.rotationDue;
    delete s.mandatoryLeaveDue;
  }
  edit((code) => doc.staff.find((s: Doc) => s.code === code));
  return parseOrg(doc, "test org", roleSet(playbook));
}

describe("rotation and mandatory-leave due dates", () => {
  let t: TestDb;
  let clock: ManualClock;
  let service: RotationService;
  // Monday 23 Nov 2026, 08:30 in Shanghai: SH-LJZ opens at 08:00, SH-XJH at 08:30
  const MONDAY_0830 = "2026-11-23T00:30:00Z";

  const load = (org: ReturnType<typeof orgWith>) =>
    importOrgAndPlaybook(t.db, org, playbook, { clock, actor: { label: "test", platform: "system" } });
  const reminders = () =>
    t.db.outboxMessage.findMany({ where: { idempotencyKey: { startsWith: "rotation:" } }, orderBy: { id: "asc" } });
  const staffId = async (code: string) => (await t.db.staff.findUniqueOrThrow({ where: { code } })).id;

  beforeEach(async () => {
    t = await createTestDb();
    clock = new ManualClock(MONDAY_0830);
    service = new RotationService({ db: t.db, clock, playbook, directory: new Directory(t.db) });
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it("counts whole days between calendar dates", () => {
    expect(daysFrom("2026-11-23", "2026-12-23")).toBe(30);
    expect(daysFrom("2026-11-23", "2026-11-20")).toBe(-3);
    expect(daysFrom("2026-03-28", "2026-03-30")).toBe(2); // across a DST change elsewhere
  });

  it("imports the dates, and an unchanged file changes nothing", async () => {
    const org = orgWith((p) => {
      p("wang.fang").rotationDue = "2026-12-10";
      p("li.jun").mandatoryLeaveDue = "2026-11-20";
    });
    await load(org);
    const rows = await t.db.staffDueDate.findMany({ orderBy: { kind: "asc" } });
    expect(rows.map((r) => [r.kind, r.dueOn])).toEqual([
      ["mandatory_leave", "2026-11-20"],
      ["rotation", "2026-12-10"],
    ]);
    expect(await load(org)).toEqual({ created: 0, updated: 0, removed: 0 });
  });

  it("rejects a date that is not a calendar date, naming the field", () => {
    expect(() =>
      orgWith((p) => {
        p("wang.fang").rotationDue = "10/12/2026";
      }),
    ).toThrow(/staff\[0\]\.rotationDue/);
  });

  it("reminds the outlet's manager once, inside the window only", async () => {
    await load(
      orgWith((p) => {
        p("wang.fang").rotationDue = "2026-12-10"; // 17 days away: inside 30
        p("liu.yang").rotationDue = "2027-01-30"; // 68 days away: not yet
      }),
    );
    expect(await service.remindDue(clock.now())).toBe(1);
    const sent = await reminders();
    // the default playbook reminds the manager only: emily.zhou at SH-LJZ
    expect(sent.map((m) => m.idempotencyKey.split(":")[2])).toEqual([await staffId("emily.zhou")]);
    const view = JSON.parse(sent[0]?.payload ?? "{}").view;
    expect(view.message.key).toBe("rotation:reminder.due");
    expect(i18n.t("en", view.message.key, view.message.vars)).toBe(
      "Reminder: 王芳 (陆家嘴支行营业部 (Lujiazui Sub-branch)) is due for rotation on 2026-12-10, in 17 days. Please arrange it and the cover.",
    );
    // the next ticks, and a replica's tick at the same minute, send nothing more
    expect(await service.remindDue(clock.now())).toBe(0);
    clock.advance(24 * 3600_000);
    expect(await service.remindDue(clock.now())).toBe(0);
    expect(await reminders()).toHaveLength(1);
    const audit = await t.db.auditEvent.findMany({ where: { action: "rotation.reminded" } });
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.after ?? "{}")).toMatchObject({ kind: "rotation", dueOn: "2026-12-10", daysLeft: 17 });
  });

  it("waits for the outlet's working day to start, in its own zone", async () => {
    clock.set(new Date("2026-11-22T23:30:00Z")); // 07:30 Monday in Shanghai: SH-LJZ opens at 08:00
    await load(orgWith((p) => (p("wang.fang").rotationDue = "2026-12-10")));
    expect(await service.remindDue(clock.now())).toBe(0);
    clock.set(new Date("2026-11-22T02:00:00Z")); // Sunday 10:00: SH-LJZ works Monday to Saturday
    expect(await service.remindDue(clock.now())).toBe(0);
    clock.set(new Date(MONDAY_0830));
    expect(await service.remindDue(clock.now())).toBe(1);
  });

  it("marks a date already past as overdue, and a moved date is reminded afresh", async () => {
    await load(orgWith((p) => (p("li.jun").mandatoryLeaveDue = "2026-11-20")));
    expect(await service.remindDue(clock.now())).toBe(1);
    const [first] = await reminders();
    const view = JSON.parse(first?.payload ?? "{}").view;
    expect(view.message.key).toBe("rotation:reminder.overdue");
    expect(i18n.t("zh-CN", view.message.key, view.message.vars)).toBe(
      "已逾期：李军（陆家嘴支行营业部 (Lujiazui Sub-branch)）的强制休假应于2026-11-20落实，已逾期3天。请立即安排。",
    );
    // the file moves the date: the old row goes, the new one is reminded once
    await load(orgWith((p) => (p("li.jun").mandatoryLeaveDue = "2026-12-01")));
    expect(await t.db.staffDueDate.count()).toBe(1);
    expect(await service.remindDue(clock.now())).toBe(1);
    expect(await service.remindDue(clock.now())).toBe(0);
    expect(await reminders()).toHaveLength(2);
  });

  it("waits while the manager is off with no cover, and reminds once they are back", async () => {
    await load(
      orgWith((p) => {
        p("wang.fang").rotationDue = "2026-12-10";
        p("emily.zhou").absences = [{ from: "2026-11-23", to: "2026-11-23" }]; // Monday off, no cover
      }),
    );
    service = new RotationService({ db: t.db, clock, playbook, directory: new Directory(t.db, clock) });
    expect(await service.remindDue(clock.now())).toBe(0);
    expect(await t.db.staffDueDate.count({ where: { remindedAt: { not: null } } })).toBe(0);
    clock.advance(24 * 3600_000); // Tuesday: back
    expect(await service.remindDue(clock.now())).toBe(1);
    expect((await reminders()).map((m) => m.idempotencyKey.split(":")[2])).toEqual([await staffId("emily.zhou")]);
  });

  it("lists an outlet's dates soonest first, with days left or overdue", async () => {
    await load(
      orgWith((p) => {
        p("wang.fang").rotationDue = "2026-12-10";
        p("li.jun").mandatoryLeaveDue = "2026-11-20";
        p("liu.yang").rotationDue = "2027-01-30"; // SH-XJH only
      }),
    );
    const ljz = (await t.db.outlet.findUniqueOrThrow({ where: { code: "SH-LJZ" } })).id;
    expect((await service.list(ljz)).map((l) => [l.staffName, l.kind, l.daysLeft])).toEqual([
      ["李军", "mandatory_leave", -3],
      ["王芳", "rotation", 17],
    ]);
  });
});
