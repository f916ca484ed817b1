import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Org } from "../../src/config/org.js";
import { ManualClock } from "../../src/domain/clock.js";
import { importOrgAndPlaybook } from "../../src/services/org-import.js";
import { createTestDb, demoOrg, playbook, type TestDb } from "../helpers/db.js";

const actor = { label: "test", platform: "system" as const };
const clock = new ManualClock("2026-11-23T00:00:00Z");
let t: TestDb;

beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => t.cleanup());

const counts = async () => ({
  regions: await t.db.region.count(),
  outlets: await t.db.outlet.count(),
  staff: await t.db.staff.count(),
  roles: await t.db.staffRole.count(),
  regionRoles: await t.db.regionRole.count(),
  identities: await t.db.platformIdentity.count(),
  bindings: await t.db.channelBinding.count(),
  calendar: await t.db.outletCalendarDay.count(),
  templates: await t.db.taskTemplate.count(),
  versions: await t.db.taskTemplateVersion.count(),
  audit: await t.db.auditEvent.count(),
});

describe("org and playbook import", () => {
  it("imports the demo org completely", async () => {
    const s = await importOrgAndPlaybook(t.db, demoOrg, playbook, { clock, actor });
    expect(s.created).toBeGreaterThan(0);
    const c = await counts();
    expect(c).toMatchObject({ regions: 1, outlets: 2, staff: 9, regionRoles: 1, templates: 14, versions: 14 });
    expect(c.roles).toBe(11);
    expect(c.bindings).toBe(5);
    const ljz = await t.db.outlet.findUniqueOrThrow({ where: { code: "SH-LJZ" }, include: { calendar: true } });
    expect(ljz.workingDays).toBe("1,2,3,4,5,6");
    expect(ljz.calendar.find((d) => d.date === "2026-10-01")?.kind).toBe("holiday");
  });

  it("is idempotent: the same files twice change nothing and write no audit events", async () => {
    await importOrgAndPlaybook(t.db, demoOrg, playbook, { clock, actor });
    const before = await counts();
    const staffBefore = await t.db.staff.findMany({ orderBy: { code: "asc" } });
    const s = await importOrgAndPlaybook(t.db, demoOrg, playbook, { clock, actor });
    expect(s).toEqual({ created: 0, updated: 0, removed: 0 });
    expect(await counts()).toEqual(before);
    expect(await t.db.staff.findMany({ orderBy: { code: "asc" } })).toEqual(staffBefore);
  });

  it("a changed file updates records in place and keeps history", async () => {
    await importOrgAndPlaybook(t.db, demoOrg, playbook, { clock, actor });
    const wang = await t.db.staff.findUniqueOrThrow({ where: { code: "wang.fang" } });
    const changed: Org = structuredClone(demoOrg);
    changed.staff = changed.staff.filter((s) => s.code !== "li.jun");
    const w = changed.staff.find((s) => s.code === "wang.fang");
    if (!w) throw new Error("demo org changed");
    w.locale = "en";
    w.roles = { "SH-LJZ": ["teller", "lobby"] };
    const pb = structuredClone(playbook);
    const first = pb.tasks[0];
    if (!first) throw new Error("empty playbook");
    first.nudgeAfter = { minutes: 20 };

    const s = await importOrgAndPlaybook(t.db, changed, pb, { clock, actor });
    expect(s.updated).toBe(2); // wang.fang's locale, the opening template
    expect(s.created).toBe(1); // the new lobby role
    expect(s.removed).toBe(1); // li.jun deactivated

    const wang2 = await t.db.staff.findUniqueOrThrow({ where: { code: "wang.fang" } });
    expect(wang2.id).toBe(wang.id);
    expect(wang2.locale).toBe("en");
    const li = await t.db.staff.findUniqueOrThrow({ where: { code: "li.jun" }, include: { roles: true } });
    expect(li.active).toBe(false);
    expect(li.roles).toEqual([]);
    const opening = await t.db.taskTemplate.findUniqueOrThrow({
      where: { key: "opening" },
      include: { versions: true },
    });
    expect(opening.versions).toHaveLength(2); // the old definition is kept
    const audit = await t.db.auditEvent.findMany({ where: { entityId: wang.id, action: "org.staff.updated" } });
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.before ?? "{}")).toEqual({ locale: "zh-CN" });
    expect(JSON.parse(audit[0]?.after ?? "{}")).toEqual({ locale: "en" });
  });
});
