import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/domain/clock.js";
import { OccurrenceService } from "../../src/services/tasks/occurrences.js";
import { ReminderService } from "../../src/services/tasks/reminders.js";
import { createDemoDb, demoIds, type TestDb } from "../helpers/db.js";
import { auditActions, occurrenceId, outboxKeys, taskDeps } from "./helpers/task-deps.js";

// Monday 23 November 2026 in Asia/Shanghai (UTC+8): opening is due 08:00 = 00:00Z,
// nudge 00:15Z, escalation 00:30Z, window end 01:30Z.
const DAY = "2026-11-23";
const at = (hhmmZ: string) => new Date(`${DAY}T${hhmmZ}:00Z`);

let t: TestDb;
afterEach(async () => t?.cleanup());

async function setup(start = "00:00") {
  const clock = new ManualClock(at(start));
  t = await createDemoDb(clock);
  const deps = taskDeps(t.db, clock);
  return {
    clock,
    ids: await demoIds(t.db),
    occurrences: new OccurrenceService(deps),
    reminders: new ReminderService(deps),
  };
}

describe("occurrence creation", () => {
  it("creates today's occurrences once, linked to the current template version", async () => {
    const { occurrences } = await setup();
    expect(await occurrences.ensureOccurrences(at("00:00"))).toBe(14); // 7 daily tasks (aml_screening included) × 2 outlets
    expect(await occurrences.ensureOccurrences(at("00:01"))).toBe(0);
    const rows = await t.db.taskOccurrence.findMany({ include: { template: true, templateVersion: true } });
    expect(new Set(rows.map((r) => r.dueDate))).toEqual(new Set([DAY]));
    for (const r of rows) expect(r.templateVersion.hash).toBe(r.template.currentHash);
    const opening = rows.find((r) => r.template.key === "opening");
    expect(
      [opening?.dueAt, opening?.nudgeAt, opening?.escalateAt, opening?.windowEndsAt].map((d) => d?.toISOString()),
    ).toEqual([
      "2026-11-23T00:00:00.000Z",
      "2026-11-23T00:15:00.000Z",
      "2026-11-23T00:30:00.000Z",
      "2026-11-23T01:30:00.000Z",
    ]);
    expect(await t.db.auditEvent.count({ where: { action: "task.occurrence.created" } })).toBe(14);
  });

  it("does not create occurrences whose window is already over", async () => {
    const { occurrences } = await setup();
    await occurrences.ensureOccurrences(at("01:45")); // opening and lobby_ready windows closed
    const keys = (await t.db.taskOccurrence.findMany({ include: { template: true } })).map((r) => r.template.key);
    expect(keys).not.toContain("opening");
    expect(keys).not.toContain("lobby_ready");
    expect(keys).toContain("morning_meeting");
  });
});

describe("reminder lifecycle", () => {
  it("reminds, nudges only those who have not answered, escalates to supervisors, then misses", async () => {
    const { occurrences, reminders, ids } = await setup();
    await occurrences.ensureOccurrences(at("00:00"));
    expect((await reminders.tick(at("00:00"))).remind).toBe(2); // opening at both outlets
    const ljz = await occurrenceId(t.db, "SH-LJZ", "opening", DAY);
    const xjh = await occurrenceId(t.db, "SH-XJH", "opening", DAY);
    expect(await outboxKeys(t.db, `reminder:${ljz}`)).toEqual([
      `reminder:${ljz}:slack:C0DEMOLJZ`,
      `reminder:${ljz}:teams:19:demo-sh-ljz@thread.tacv2`,
    ]);
    const reminder = await t.db.outboxMessage.findUniqueOrThrow({
      where: { idempotencyKey: `reminder:${ljz}:slack:C0DEMOLJZ` },
    });
    const view = JSON.parse(reminder.payload).view;
    expect(view.audience.map((m: { name: string }) => m.name).sort()).toEqual(["王芳", "赵强", "陈敏"].sort());
    expect(view.state).toBe("reminded");

    // wang.fang confirms an item; the checklist helper does this for real
    await t.db.checklistItemResult.create({
      data: {
        occurrenceId: ljz,
        itemKey: "alarm_off",
        status: "ok",
        confirmedById: ids.staff["wang.fang"] as string,
        confirmedAt: at("00:05"),
        platform: "slack",
      },
    });
    expect(await reminders.tick(at("00:14"))).toEqual({ remind: 0, nudge: 0, escalate: 0, miss: 0 });
    expect((await reminders.tick(at("00:15"))).nudge).toBe(2);
    const nudgeDms = await outboxKeys(t.db, `nudge:${ljz}:dm:`);
    expect(nudgeDms).toEqual(
      [
        `nudge:${ljz}:dm:${ids.staff["chen.min"]}:slack:U0DEMO0004`,
        `nudge:${ljz}:dm:${ids.staff["zhao.qiang"]}:slack:U0DEMO0003`,
      ].sort(),
    );
    const threadNudge = await t.db.outboxMessage.findUniqueOrThrow({
      where: { idempotencyKey: `nudge:${ljz}:slack:C0DEMOLJZ` },
    });
    expect(JSON.parse(threadNudge.payload).threadOfKey).toBe(`reminder:${ljz}:slack:C0DEMOLJZ`);
    expect(
      JSON.parse(threadNudge.payload)
        .view.waitingOn.map((m: { name: string }) => m.name)
        .sort(),
    ).toEqual(["赵强", "陈敏"].sort());

    expect((await reminders.tick(at("00:30"))).escalate).toBe(2);
    expect(await outboxKeys(t.db, `task-escalation-dm:${ljz}`)).toEqual([
      `task-escalation-dm:${ljz}:${ids.staff["chen.min"]}:slack:U0DEMO0004`,
    ]);
    expect(await outboxKeys(t.db, `task-escalation:${ljz}:slack`)).toEqual([`task-escalation:${ljz}:slack:C0DEMOLJZ`]);
    expect(await outboxKeys(t.db, `task-escalation-dm:${xjh}`)).toEqual([
      `task-escalation-dm:${xjh}:${ids.staff["david.sun"]}:slack:U0DEMO0007`,
    ]);

    // the checklist service confirms XJH's opening; a final state is never overridden
    await t.db.taskOccurrence.update({ where: { id: xjh }, data: { state: "confirmed", version: { increment: 1 } } });
    // LJZ's opening and both outlets' lobby checks (08:30 + 60 min) end their windows now
    expect((await reminders.tick(at("01:30"))).miss).toBe(3);
    const states = await t.db.taskOccurrence.findMany({ where: { id: { in: [ljz, xjh] } } });
    expect(Object.fromEntries(states.map((s) => [s.id, s.state]))).toEqual({ [ljz]: "missed", [xjh]: "confirmed" });
    expect(await outboxKeys(t.db, `task-missed-dm:${ljz}`)).toEqual([
      `task-missed-dm:${ljz}:${ids.staff["chen.min"]}:slack:U0DEMO0004`,
    ]);
    const missedUpdate = await t.db.outboxMessage.findUniqueOrThrow({
      where: { idempotencyKey: `reminder:${ljz}:slack:C0DEMOLJZ:update:missed` },
    });
    expect(missedUpdate.updateOfKey).toBe(`reminder:${ljz}:slack:C0DEMOLJZ`);
    expect(JSON.parse(missedUpdate.payload).view).toMatchObject({ state: "missed", actions: [] });
    expect(await auditActions(t.db, ljz)).toEqual([
      "task.occurrence.created",
      "task.reminded",
      "task.nudged",
      "task.escalated",
      "task.missed",
    ]);
    expect(await auditActions(t.db, xjh)).toEqual([
      "task.occurrence.created",
      "task.reminded",
      "task.nudged",
      "task.escalated",
    ]);
  });

  it("catch-up: a closed window is missed without a reminder; an open one is reminded and jumps to the latest step", async () => {
    const { occurrences, reminders } = await setup();
    await occurrences.ensureOccurrences(at("00:00"));
    // the process was down from 08:00 to 09:40 local
    const summary = await reminders.tick(at("01:40"));
    const opening = await occurrenceId(t.db, "SH-LJZ", "opening", DAY);
    const meeting = await occurrenceId(t.db, "SH-LJZ", "morning_meeting", DAY);
    expect(await outboxKeys(t.db, `reminder:${opening}`)).toEqual([]);
    expect(await auditActions(t.db, opening)).toEqual(["task.occurrence.created", "task.missed"]);
    // morning meeting: due 00:45Z, escalation 01:15Z, window to 02:00Z → reminded, then escalated, no nudge
    expect(await auditActions(t.db, meeting)).toEqual(["task.occurrence.created", "task.reminded", "task.escalated"]);
    expect(await outboxKeys(t.db, `nudge:${meeting}`)).toEqual([]);
    expect(summary).toEqual({ remind: 2, nudge: 0, escalate: 2, miss: 4 }); // opening + lobby at 2 outlets missed
  });

  it("two concurrent ticks make each transition and message once", async () => {
    const { occurrences, reminders, clock } = await setup();
    const other = new ReminderService(taskDeps(t.db, clock));
    await Promise.all([
      occurrences.ensureOccurrences(at("00:00")),
      new OccurrenceService(taskDeps(t.db, clock)).ensureOccurrences(at("00:00")),
    ]);
    expect(await t.db.taskOccurrence.count()).toBe(14); // 7 daily tasks × 2 outlets
    for (const m of ["00:00", "00:15", "00:30", "01:30"]) await Promise.all([reminders.tick(at(m)), other.tick(at(m))]);
    const audits = await t.db.auditEvent.findMany({ where: { entityType: "task_occurrence" } });
    const pairs = audits.map((a) => `${a.entityId}|${a.action}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    // opening, lobby_ready and morning_meeting at two outlets
    expect(audits.filter((a) => a.action === "task.reminded")).toHaveLength(6);
    const reminderPosts = await t.db.outboxMessage.count({
      where: { idempotencyKey: { startsWith: "reminder:" }, kind: "post" },
    });
    expect(reminderPosts).toBe(12); // 6 reminders × (Slack + Teams)
  });
});

describe("remind now", () => {
  it("checks the role, creates an unscheduled occurrence, and is idempotent per request", async () => {
    const { reminders, ids, clock } = await setup("02:00");
    const ljz = ids.outlets["SH-LJZ"] as string;
    const actor = (code: string) => ({ staffId: ids.staff[code] as string, label: code, platform: "slack" as const });
    expect(await reminders.remindNow(ljz, "study_session", actor("wang.fang"), "r1")).toEqual({
      ok: false,
      code: "not_allowed",
      message: { key: "bot:remind.not_allowed" },
    });
    expect(await reminders.remindNow(ljz, "no_such_task", actor("chen.min"), "r1")).toMatchObject({
      ok: false,
      code: "unknown_task",
      message: { key: "bot:task.unknown", vars: { text: "no_such_task" } },
    });
    const first = await reminders.remindNow(ljz, "study_session", actor("chen.min"), "r1");
    expect(first).toMatchObject({ ok: true, status: "sent" });
    const id = (first as { occurrenceId: string }).occurrenceId;
    const occ = await t.db.taskOccurrence.findUniqueOrThrow({ where: { id } });
    expect([occ.state, occ.dueDate, occ.dueAt.toISOString()]).toEqual(["reminded", DAY, "2026-11-23T02:00:00.000Z"]);
    expect(occ.windowEndsAt.toISOString()).toBe("2026-11-23T04:00:00.000Z"); // the playbook's 2 hour window
    const before = await t.db.outboxMessage.count();
    expect(await reminders.remindNow(ljz, "study_session", actor("chen.min"), "r1")).toEqual({
      ok: true,
      status: "duplicate",
      occurrenceId: id,
    });
    expect(await t.db.outboxMessage.count()).toBe(before);
    clock.advance(60_000);
    expect(await reminders.remindNow(ljz, "study_session", actor("emily.zhou"), "r2")).toMatchObject({
      status: "sent",
    });
    expect(await outboxKeys(t.db, `remind-now:${id}:r2:slack`)).toEqual([`remind-now:${id}:r2:slack:C0DEMOLJZ`]);
    expect(await auditActions(t.db, id)).toEqual(["task.occurrence.created", "task.reminded", "task.remind_now"]);
  });
});
