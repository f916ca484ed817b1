import { afterEach, describe, expect, it } from "vitest";
import { withTx } from "../../src/db/tx.js";
import { ManualClock } from "../../src/domain/clock.js";
import { OccurrenceService } from "../../src/services/tasks/occurrences.js";
import { buildReminderView } from "../../src/services/tasks/reminder-view.js";
import { roleLabel, taskStateLabel } from "../../src/views/labels.js";
import { createDemoDb, demoIds, i18n, playbook, type TestDb } from "../helpers/db.js";
import { occurrenceId, taskDeps } from "./helpers/task-deps.js";

let t: TestDb;
afterEach(async () => t?.cleanup());

describe("buildReminderView", () => {
  it("numbers items, shows values and confirmers, and waits only on those who have not answered", async () => {
    const clock = new ManualClock("2026-11-23T00:00:00Z");
    t = await createDemoDb(clock);
    const { staff } = await demoIds(t.db);
    await new OccurrenceService(taskDeps(t.db, clock)).ensureOccurrences(clock.now());
    const opening = await occurrenceId(t.db, "SH-LJZ", "opening", "2026-11-23");
    const base = { occurrenceId: opening, confirmedAt: clock.now(), platform: "slack" };
    await t.db.checklistItemResult.createMany({
      data: [
        {
          ...base,
          itemKey: "cashbox_amount",
          status: "ok",
          amountMinor: 1234560n,
          confirmedById: staff["wang.fang"] as string,
          secondConfirmedById: staff["chen.min"] as string,
          secondConfirmedAt: clock.now(),
        },
        {
          ...base,
          itemKey: "premises_opened",
          status: "awaiting_second",
          valueText: "yes",
          confirmedById: staff["wang.fang"] as string,
        },
        {
          ...base,
          itemKey: "atm_ready",
          status: "failed",
          valueText: "no",
          note: "ATM 2 jammed",
          confirmedById: staff["wang.fang"] as string,
        },
      ],
    });
    const view = await withTx(t.db, (tx) => buildReminderView(tx, opening, playbook));
    expect(view.items.map((i) => i.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(view.items[2]).toMatchObject({
      key: "cashbox_amount",
      status: "ok",
      value: "¥12,345.60",
      by: "王芳",
      secondBy: "陈敏",
      dualControlRole: "supervisor",
    });
    expect(view.items[0]).toMatchObject({
      key: "premises_opened",
      status: "awaiting_second",
      by: "王芳",
      dualControlRole: "security",
    });
    expect(view.items[4]).toMatchObject({ key: "atm_ready", status: "failed", note: "ATM 2 jammed" });
    expect(view.items[5]).toMatchObject({ key: "cctv_ok", status: "pending" });
    expect([view.done, view.total]).toEqual([2, 8]);
    expect(view.waitingOn.map((m) => m.name)).toEqual(["赵强"]); // wang.fang and chen.min answered
    expect(view.audience.map((m) => m.slackUserId).sort()).toEqual(["U0DEMO0001", "U0DEMO0003", "U0DEMO0004"]);
    expect(view.actions.map((a) => [a.action, a.value])).toEqual([
      ["checklist.open", opening],
      ["checklist.all_ok", opening],
      ["incident.report", opening],
    ]);
    for (const a of view.actions) expect(i18n.exists(a.label.key)).toBe(true);
    expect(i18n.t("en", view.title.key)).toBe("Opening");
  });

  it("shows a number with its unit in the reader's language", async () => {
    const clock = new ManualClock("2026-11-23T00:00:00Z");
    t = await createDemoDb(clock);
    const { staff } = await demoIds(t.db);
    clock.set("2026-11-23T00:50:00Z"); // 08:50 in Shanghai: the morning meeting is due
    await new OccurrenceService(taskDeps(t.db, clock)).ensureOccurrences(clock.now());
    const meeting = await occurrenceId(t.db, "SH-LJZ", "morning_meeting", "2026-11-23");
    await t.db.checklistItemResult.create({
      data: {
        occurrenceId: meeting,
        itemKey: "attendees",
        status: "ok",
        valueText: "12",
        confirmedById: staff["chen.min"] as string,
        confirmedAt: clock.now(),
        platform: "slack",
      },
    });
    const view = await withTx(t.db, (tx) => buildReminderView(tx, meeting, playbook));
    const label = view.items.find((i) => i.key === "attendees")?.valueLabel;
    expect(label).toBeDefined();
    expect(i18n.t("en", label?.key ?? "", label?.vars)).toBe("12 people");
    expect(i18n.t("zh-CN", label?.key ?? "", label?.vars)).toBe("12人");
  });

  it("names every occurrence state and role in both languages, from the one labels namespace", () => {
    const states = ["due", "reminded", "nudged", "escalated", "confirmed", "confirmed_with_exceptions", "missed"];
    for (const s of states) expect(i18n.exists(taskStateLabel(s).key), s).toBe(true);
    for (const r of ["teller", "lobby", "security", "supervisor", "manager", "regional"])
      expect(i18n.exists(roleLabel(r).key), r).toBe(true);
    expect(taskStateLabel("nope")).toEqual({ key: "labels:unknown", vars: { value: "nope" } });
    const role = i18n.t("zh-CN", roleLabel("supervisor").key);
    expect(i18n.t("zh-CN", "cards:reminder.needs_second", { role })).toBe("须由运营主管复核");
  });
});
