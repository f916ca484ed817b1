import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Tx } from "../../src/db/tx.js";
import { ChecklistService } from "../../src/services/tasks/checklist.js";
import { i18n, playbook } from "../helpers/db.js";
import { CTX, checklistWorld } from "./setup.js";

type World = Awaited<ReturnType<typeof checklistWorld>>;
let w: World;
beforeEach(async () => {
  w = await checklistWorld();
});
afterEach(async () => w.cleanup());

describe("checklist values", () => {
  it.each([
    ["attendees", "61", "checklist:errors.number_range", "Must be between 1 and 60 people."],
    ["attendees", "12 points", "checklist:errors.unit_mismatch", "The unit must be people."],
    ["attendees", "twelve", "checklist:errors.number_invalid", "Please give a number of people."],
    ["topic", "x".repeat(201), "checklist:errors.text_too_long", "Please keep it under 200 characters."],
  ])("morning meeting %s = %j is refused with %s and changes nothing", async (item, raw, key, en) => {
    const occ = await w.occurrence("morning_meeting");
    const chen = await w.staff("chen.min");
    const audits = await w.db.auditEvent.count();
    const r = await w.service.confirmValues(chen, occ.id, { held: "yes", [item]: raw }, CTX);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors?.[item]?.key).toBe(key);
    expect(i18n.t("en", r.errors?.[item]?.key ?? "", r.errors?.[item]?.vars)).toBe(en);
    expect(i18n.t("zh-CN", r.errors?.[item]?.key ?? "", r.errors?.[item]?.vars)).not.toContain("errors.");
    expect(await w.results(occ.id)).toEqual([]);
    expect(await w.db.auditEvent.count()).toBe(audits);
  });

  it("accepts a number with its unit in either language", async () => {
    const occ = await w.occurrence("morning_meeting");
    const chen = await w.staff("chen.min");
    expect((await w.service.confirmValues(chen, occ.id, { attendees: "12人" }, CTX)).ok).toBe(true);
    expect((await w.service.confirmValues(chen, occ.id, { attendees: "13 people" }, CTX)).ok).toBe(true);
    expect((await w.results(occ.id))[0]?.valueText).toBe("13");
  });

  it("refuses amounts with too many decimals, out of range, or not numbers", async () => {
    const occ = await w.occurrence("opening");
    const wang = await w.staff("wang.fang");
    for (const [raw, key] of [
      ["12345.678", "checklist:errors.amount_decimals"],
      ["5000000.01", "checklist:errors.amount_range"],
      ["-1", "checklist:errors.amount_range"],
      ["12.3.4", "checklist:errors.amount_invalid"],
      ["1,23,456", "checklist:errors.amount_invalid"],
    ] as const) {
      const r = await w.service.confirmValues(wang, occ.id, { cashbox_amount: raw }, CTX);
      expect(r.ok ? "ok" : r.errors?.cashbox_amount?.key, raw).toBe(key);
    }
    expect(await w.results(occ.id)).toEqual([]);
  });

  it("a choice accepts its key or its label in English or Chinese, and nothing else", async () => {
    const occ = await w.occurrence("end_of_day");
    const wang = await w.staff("wang.fang");
    const bad = await w.service.confirmValues(wang, occ.id, { cash_balance: "perfect" }, CTX);
    expect(!bad.ok && bad.errors?.cash_balance).toEqual({
      key: "checklist:errors.choice_unknown",
      vars: { value: "perfect" },
    });
    for (const [raw, key] of [
      ["账实相符", "balanced"],
      ["Over", "over"],
      ["short", "short"],
    ]) {
      const r = await w.service.confirmValues(wang, occ.id, { cash_balance: raw as string }, CTX);
      expect(r.ok, raw).toBe(true);
      expect((await w.results(occ.id)).find((x) => x.itemKey === "cash_balance")?.valueText).toBe(key);
    }
  });
});

describe("confirming a checklist", () => {
  it("all ok confirms yes/no items and reports value items as missing, never inventing values", async () => {
    const occ = await w.occurrence("morning_meeting");
    const chen = await w.staff("chen.min");
    const r = await w.service.confirmAllOk(chen, occ.id, CTX);
    expect(r.ok && r.recorded.map((x) => x.itemKey)).toEqual(["held", "rules_studied"]);
    expect(r.ok && r.stillMissing).toEqual(["topic", "attendees"]);
    expect(r.ok && r.state).toBe("reminded");
    const done = await w.service.confirmValues(chen, occ.id, { topic: "反洗钱新规", attendees: "8" }, CTX);
    expect(done.ok && done.state).toBe("confirmed");
    expect(await w.state(occ.id)).toBe("confirmed");
    const audit = await w.db.auditEvent.findFirst({ where: { entityId: occ.id, action: "task.confirmed" } });
    expect(audit?.actorId).toBe(chen.id);
    // a closed checklist refuses further confirmations with an explanation
    const late = await w.service.confirmAllOk(chen, occ.id, CTX);
    expect(late).toMatchObject({ ok: false, message: { key: "checklist:refusal.closed" } });
  });

  it("a failed item keeps its note, drafts an incident and closes as confirmed_with_exceptions", async () => {
    const occ = await w.occurrence("midday_check");
    const chen = await w.staff("chen.min");
    await w.service.confirmValues(chen, occ.id, { queue_length: "12" }, CTX);
    const r = await w.service.record(
      chen,
      occ.id,
      { answers: [{ itemKey: "machines_in_service", value: { status: "failed", note: "ATM 2 jammed" } }], allOk: true },
      CTX,
    );
    if (!r.ok) throw new Error(r.message.key);
    expect(r.state).toBe("confirmed_with_exceptions");
    const row = (await w.results(occ.id)).find((x) => x.itemKey === "machines_in_service");
    expect(row).toMatchObject({ status: "failed", note: "ATM 2 jammed" });
    expect(r.drafts).toHaveLength(1);
    expect(r.drafts[0]?.draft).toEqual({
      outletId: occ.outletId,
      type: "equipment", // the task's failIncidentType: the item names none
      description: "[midday_check.machines_in_service] ATM 2 jammed",
      sourceResultId: row?.id,
      reporterId: chen.id,
    });
    expect(r.drafts[0]?.itemLabel).toEqual({ key: "playbook:tasks.midday_check.items.machines_in_service" });
  });

  it("an item's own failIncidentType wins over the task's", async () => {
    const occ = await w.occurrence("midday_check");
    const chen = await w.staff("chen.min");
    const r = await w.service.confirmValues(chen, occ.id, { cash_within_limit: "no, 超限额" }, CTX);
    expect(r.ok && r.drafts[0]?.draft.type).toBe("cash_limit_exceeded"); // 超限额, its own type
  });

  it("refuses on a missed, a closed-window or an unknown occurrence, and someone outside the audience", async () => {
    const occ = await w.occurrence("lobby_ready");
    const liu = await w.staff("liu.yang"); // lobby at XJH only
    const wang = await w.staff("wang.fang"); // teller: not lobby_ready's audience
    const li = await w.staff("li.jun");
    expect(await w.service.confirmAllOk(liu, occ.id, CTX)).toMatchObject({
      ok: false,
      message: { key: "checklist:refusal.not_allowed" },
    });
    expect(await w.service.confirmAllOk(wang, occ.id, CTX)).toMatchObject({
      ok: false,
      message: { key: "checklist:refusal.not_allowed" },
    });
    expect(await w.service.confirmAllOk(li, "nope", CTX)).toMatchObject({
      ok: false,
      message: { key: "checklist:refusal.unknown" },
    });
    w.clock.advance(91 * 60_000);
    expect(await w.service.confirmAllOk(li, occ.id, CTX)).toMatchObject({
      ok: false,
      message: { key: "checklist:refusal.window_closed" },
    });
    await w.db.taskOccurrence.update({ where: { id: occ.id }, data: { state: "missed" } });
    const missed = await w.service.confirmAllOk(li, occ.id, CTX);
    expect(missed).toMatchObject({ ok: false, message: { key: "checklist:refusal.missed" } });
    if (!missed.ok) expect(i18n.t("zh-CN", missed.message.key)).toContain("逾期");
    expect(await w.results(occ.id)).toEqual([]);
    expect(await w.state(occ.id)).toBe("missed");
  });

  it("the outlet supervisor may confirm a task whose audience does not include them", async () => {
    const occ = await w.occurrence("lobby_ready");
    const chen = await w.staff("chen.min");
    const r = await w.service.confirmValues(chen, occ.id, { floor_clean: "是" }, CTX);
    expect(r.ok).toBe(true);
  });

  it("two people confirming at the same time both keep their writes", async () => {
    const occ = await w.occurrence("opening");
    const wang = await w.staff("wang.fang");
    const zhao = await w.staff("zhao.qiang");
    const chen = await w.staff("chen.min");
    const [a, b, c] = await Promise.all([
      w.service.confirmValues(wang, occ.id, { alarm_off: "ok", atm_ready: "ok" }, CTX),
      w.service.confirmValues(zhao, occ.id, { cctv_ok: "ok", systems_up: "ok" }, CTX),
      w.service.confirmValues(chen, occ.id, { emergency_kit: "ok" }, CTX),
    ]);
    expect([a.ok, b.ok, c.ok]).toEqual([true, true, true]);
    const keys = (await w.results(occ.id)).map((r) => r.itemKey);
    expect(keys).toEqual(["alarm_off", "atm_ready", "cctv_ok", "emergency_kit", "systems_up"]);
    expect((await w.db.taskOccurrence.findUniqueOrThrow({ where: { id: occ.id } })).version).toBe(3);
  });
});

describe("lost-update protection", () => {
  it("a write that lost the race (occurrence changed since it was read) runs again instead of overwriting", async () => {
    let loads = 0;
    class Racing extends ChecklistService {
      override async load(tx: Tx, id: string) {
        const loaded = await super.load(tx, id);
        // first attempt: another replica commits a change right after our read
        if (loads++ === 0) await tx.taskOccurrence.update({ where: { id }, data: { version: { increment: 1 } } });
        return loaded;
      }
    }
    const racing = new Racing({ db: w.db, clock: w.clock, directory: w.directory, playbook, labels: w.labels });
    const occ = await w.occurrence("closing");
    const chen = await w.staff("chen.min");
    const r = await racing.confirmValues(chen, occ.id, { computers_locked: "ok" }, CTX);
    expect(r.ok).toBe(true);
    expect(loads).toBe(2);
    expect(await w.db.auditEvent.count({ where: { action: "checklist.item.confirmed" } })).toBe(1);
    expect((await w.results(occ.id)).map((x) => x.itemKey)).toEqual(["computers_locked"]);
  });
});
