// 排班/请假/代岗 below the chat: who is on duty on an outlet's day (regular days off, absences,
// covers), what a cover may do, who hears of a late task, and the rules for recording an
// absence in chat. Real SQLite, the real import and the functions reminders and ladders call.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseOrg } from "../../src/config/org.js";
import { roleSet } from "../../src/config/playbook-roles.js";
import { withTx } from "../../src/db/tx.js";
import { ManualClock } from "../../src/domain/clock.js";
import { parseDateWord } from "../../src/domain/date-words.js";
import { rolesAt, staffWithRoles } from "../../src/queries/index.js";
import { Directory } from "../../src/services/directory.js";
import { importOrgAndPlaybook } from "../../src/services/org-import.js";
import { RosterService } from "../../src/services/roster/absences.js";
import { escalationRecipients } from "../../src/services/tasks/task-notify.js";
import { createTestDb, demoOrg, playbook, type TestDb } from "../helpers/db.js";

// biome-ignore lint/suspicious/noExplicitAny: the org document is edited as plain data
type Doc = any;

function orgWith(edit: (staff: (code: string) => Doc) => void) {
  const doc: Doc = structuredClone(demoOrg);
  edit((code) => doc.staff.find((s: Doc) => s.code === code));
  return parseOrg(doc, "test org", roleSet(playbook));
}

// Monday 23 Nov 2026, 08:30 in Shanghai
const MONDAY = "2026-11-23T00:30:00Z";

describe("chat dates", () => {
  it("reads full, short and Chinese dates and the day words, in the outlet's today", () => {
    expect(parseDateWord("2026-11-25", "2026-11-23")).toBe("2026-11-25");
    expect(parseDateWord("2026/1/5", "2026-11-23")).toBe("2026-01-05");
    expect(parseDateWord("11-25", "2026-11-23")).toBe("2026-11-25");
    expect(parseDateWord("11月25日", "2026-11-23")).toBe("2026-11-25");
    expect(parseDateWord("明天", "2026-11-30")).toBe("2026-12-01");
    expect(parseDateWord("today", "2026-11-23")).toBe("2026-11-23");
    // without a year: the nearest such date
    expect(parseDateWord("1-5", "2026-12-20")).toBe("2027-01-05");
    expect(parseDateWord("12-28", "2027-01-03")).toBe("2026-12-28");
  });

  it("refuses what is not a calendar date", () => {
    for (const w of ["2026-02-30", "13-01", "next week", "", "2026-11"])
      expect(parseDateWord(w, "2026-11-23")).toBeNull();
  });
});

describe("who is on duty", () => {
  let t: TestDb;
  let clock: ManualClock;
  let ids: Record<string, string>;
  let ljz: string;
  const load = (org: ReturnType<typeof orgWith>) =>
    importOrgAndPlaybook(t.db, org, playbook, { clock, actor: { label: "test", platform: "system" } });
  const names = async (roles: string[], at = clock.now()) =>
    (await staffWithRoles(t.db, ljz, roles, at)).map((s) => s.code);

  beforeEach(async () => {
    t = await createTestDb();
    clock = new ManualClock(MONDAY);
    await load(
      orgWith((p) => {
        // 王芳 off Monday and Tuesday, 李军 covers; 赵强 is regularly off on Mondays
        p("wang.fang").absences = [{ from: "2026-11-23", to: "2026-11-24", cover: "li.jun", reason: "年休假" }];
        p("zhao.qiang").offDays = ["mon"];
      }),
    );
    ids = Object.fromEntries((await t.db.staff.findMany()).map((s) => [s.code, s.id]));
    ljz = (await t.db.outlet.findUniqueOrThrow({ where: { code: "SH-LJZ" } })).id;
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it("leaves out who is off and puts the cover in, on that day only", async () => {
    const opening = ["supervisor", "security", "teller"]; // the opening checklist's audience
    expect(await names(opening)).toEqual(["chen.min", "li.jun"]);
    // without a day asked (identity and org questions), everyone who holds the roles
    expect((await staffWithRoles(t.db, ljz, opening)).map((s) => s.code)).toEqual([
      "chen.min",
      "wang.fang",
      "zhao.qiang",
    ]);
    // Wednesday: 王芳 is back, 赵强 works
    expect(await names(opening, new Date("2026-11-25T00:30:00Z"))).toEqual(["chen.min", "wang.fang", "zhao.qiang"]);
  });

  it("lets the cover act in the absent person's roles while it lasts", async () => {
    expect(await rolesAt(t.db, ids["li.jun"] as string, ljz, clock.now())).toEqual(["lobby", "teller"]);
    expect(await rolesAt(t.db, ids["li.jun"] as string, ljz, new Date("2026-11-25T00:30:00Z"))).toEqual(["lobby"]);
  });

  it("sends a late task past an absent supervisor: to the cover, else the next tier", async () => {
    const recipients = () => withTx(t.db, (tx) => escalationRecipients(tx, playbook, ljz, clock.now()));
    expect(await recipients()).toEqual([ids["chen.min"]]);
    const roster = new RosterService({ db: t.db, clock, playbook, directory: new Directory(t.db, clock) });
    const chen = { staffId: ids["chen.min"] as string, platform: "slack" as const };
    const off = await roster.record(chen, {
      outletId: ljz,
      staffId: ids["chen.min"] as string,
      from: "2026-11-23",
      to: "2026-11-23",
      kind: "delegation",
    });
    expect(off.ok).toBe(true);
    expect(await recipients()).toEqual([ids["emily.zhou"]]); // no cover: the manager's tier
    if (!off.ok) return;
    await roster.cancel(chen, off.id);
    const delegated = await roster.record(chen, {
      outletId: ljz,
      staffId: ids["chen.min"] as string,
      from: "today",
      to: "2026-11-27",
      coverId: ids["li.jun"] as string,
      kind: "delegation",
    });
    // "today" is the chat's word (src/domain/date-words.ts), never the service's
    expect(delegated).toMatchObject({ ok: false, code: "invalid_input", message: { key: "roster:errors.date" } });
    const ok = await roster.record(chen, {
      outletId: ljz,
      staffId: ids["chen.min"] as string,
      from: "2026-11-23",
      to: "2026-11-27",
      coverId: ids["li.jun"] as string,
      kind: "delegation",
    });
    expect(ok.ok).toBe(true);
    expect(await recipients()).toEqual([ids["li.jun"]]);
    expect(await rolesAt(t.db, ids["li.jun"] as string, ljz, clock.now())).toEqual(
      expect.arrayContaining(["lobby", "supervisor", "teller"]),
    );
  });

  it("checks who records, the dates, the cover and overlaps, and records a retried request once", async () => {
    const roster = new RosterService({ db: t.db, clock, playbook, directory: new Directory(t.db, clock) });
    const as = (code: string) => ({ staffId: ids[code] as string, platform: "slack" as const });
    const input = (over: Record<string, unknown> = {}) => ({
      outletId: ljz,
      staffId: ids["wang.fang"] as string,
      from: "2026-11-26",
      to: "2026-11-27",
      kind: "absence" as const,
      ...over,
    });
    expect(await roster.record(as("li.jun"), input())).toMatchObject({
      ok: false,
      code: "not_authorised",
      message: { key: "roster:refusal.not_manager" },
    });
    const refusal = async (over: Record<string, unknown>) => {
      const r = await roster.record(as("chen.min"), input(over));
      return r.ok ? "recorded" : r.message.key;
    };
    expect(await refusal({ from: "2026-11-28", to: "2026-11-27" })).toBe("roster:errors.range");
    expect(await refusal({ from: "2026-11-01", to: "2026-11-20" })).toBe("roster:errors.past");
    expect(await refusal({ to: "2028-01-01" })).toBe("roster:errors.too_long");
    expect(await refusal({ staffId: ids["liu.yang"] })).toBe("roster:errors.not_at_outlet");
    expect(await refusal({ coverId: ids["wang.fang"] })).toBe("roster:errors.self_cover");
    expect(await refusal({ coverId: ids["liu.yang"] })).toBe("roster:errors.cover_not_at_outlet");
    expect(await refusal({ from: "2026-11-24" })).toBe("roster:errors.overlap"); // the imported 23–24
    // someone else may not delegate for 王芳
    expect(await refusal({ kind: "delegation" })).toBe("roster:refusal.not_delegate");

    const first = await roster.record(as("chen.min"), input({ reason: "病假 客户13812345678来电" }), "msg-1");
    const again = await roster.record(as("chen.min"), input(), "msg-1");
    expect(first).toMatchObject({ ok: true, duplicate: false });
    expect(again).toMatchObject({ ok: true, duplicate: true });
    const rows = await t.db.staffAbsence.findMany({ where: { source: "chat" } });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.reason).not.toContain("13812345678"); // masked before it is stored
    const audit = await t.db.auditEvent.findMany({ where: { action: "roster.absence_recorded" } });
    expect(audit.map((a) => a.actorId)).toEqual([ids["chen.min"]]);
    // 王芳 is told, by DM, since someone else recorded it
    const notices = await t.db.outboxMessage.findMany({ where: { idempotencyKey: { startsWith: "absence:" } } });
    expect(notices.map((n) => n.idempotencyKey.split(":").slice(2, 4).join(":"))).toEqual(["recorded:absent"]);
  });

  it("imports absences idempotently and leaves chat-recorded ones alone", async () => {
    const org = orgWith((p) => {
      p("wang.fang").absences = [{ from: "2026-11-23", to: "2026-11-24", cover: "li.jun", reason: "年休假" }];
      p("zhao.qiang").offDays = ["mon"];
    });
    expect(await load(org)).toEqual({ created: 0, updated: 0, removed: 0 });
    await t.db.staffAbsence.create({
      data: { staffId: ids["li.jun"] as string, outletId: ljz, fromDate: "2026-12-01", toDate: "2026-12-01" },
    });
    const moved = orgWith((p) => {
      p("wang.fang").absences = [{ from: "2026-11-24", to: "2026-11-24", reason: "年休假" }];
    });
    const s = await load(moved);
    expect(s).toMatchObject({ created: 1, removed: 1, updated: 1 }); // the absence replaced; zhao's offDays cleared
    const left = await t.db.staffAbsence.findMany({ orderBy: { fromDate: "asc" } });
    expect(left.map((a) => [a.source, a.fromDate])).toEqual([
      ["import", "2026-11-24"],
      ["chat", "2026-12-01"],
    ]);
  });

  it("rejects an absence in the org file with an unknown cover or outlet, naming the path", () => {
    expect(() =>
      orgWith((p) => {
        p("wang.fang").absences = [{ from: "2026-11-23", to: "2026-11-22", cover: "nobody", outlet: "SH-NOPE" }];
      }),
    ).toThrow(/staff\[0\]\.absences\[0\]\.to/);
    expect(() =>
      orgWith((p) => {
        p("wang.fang").absences = [{ from: "2026-11-23", to: "2026-11-24", cover: "nobody" }];
      }),
    ).toThrow(/staff\[0\]\.absences\[0\]\.cover: unknown staff "nobody"/);
  });
});
