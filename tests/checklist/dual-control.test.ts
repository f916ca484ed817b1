import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { i18n } from "../helpers/db.js";
import { CTX, checklistWorld } from "./setup.js";

type World = Awaited<ReturnType<typeof checklistWorld>>;
let w: World;
beforeEach(async () => {
  w = await checklistWorld();
});
afterEach(async () => w.cleanup());

describe("dual control (双人复核)", () => {
  it("the first confirmation waits for a second, different person with the item's role", async () => {
    const occ = await w.occurrence("opening");
    const wang = await w.staff("wang.fang"); // teller
    const chen = await w.staff("chen.min"); // supervisor at LJZ
    const first = await w.service.confirmValues(wang, occ.id, { cashbox_amount: "12,345.60" }, CTX);
    expect(first.ok && first.recorded).toEqual([
      { itemKey: "cashbox_amount", status: "awaiting_second", change: "confirmed" },
    ]);

    // the same person again: refused, nothing changes
    const again = await w.service.record(wang, occ.id, { answers: [{ itemKey: "cashbox_amount", value: null }] }, CTX);
    expect(again).toMatchObject({ ok: false, message: { key: "checklist:refusal.same_person" } });
    if (!again.ok) expect(i18n.t("en", again.message.key, again.message.vars)).toContain("Operations supervisor");

    // a different person without the supervisor role: refused
    const li = await w.staff("li.jun"); // lobby, not in the opening audience, not supervisor
    const zhao = await w.staff("zhao.qiang"); // security: audience, but not supervisor
    const wrong = await w.service.record(zhao, occ.id, { answers: [{ itemKey: "cashbox_amount", value: null }] }, CTX);
    expect(wrong).toMatchObject({
      ok: false,
      message: { key: "checklist:refusal.wrong_role", vars: { role: "labels:role.supervisor" } },
    });
    const outsider = await w.service.record(li, occ.id, { answers: [{ itemKey: "cashbox_amount", value: null }] }, CTX);
    expect(outsider).toMatchObject({ ok: false, message: { key: "checklist:refusal.not_allowed" } });
    let [row] = await w.results(occ.id);
    expect(row).toMatchObject({ status: "awaiting_second", secondConfirmedById: null, amountMinor: 1234560n });

    // the supervisor with a different figure: refused with an explanation, nothing changes
    const mismatch = await w.service.confirmValues(chen, occ.id, { cashbox_amount: "12345.00" }, CTX);
    expect(mismatch).toMatchObject({
      ok: false,
      message: { key: "checklist:refusal.value_mismatch", vars: { recorded: "¥12,345.60" } },
    });
    [row] = await w.results(occ.id);
    expect(row?.status).toBe("awaiting_second");

    // the supervisor agreeing: complete
    const second = await w.service.confirmValues(chen, occ.id, { cashbox_amount: "¥12345.6" }, CTX);
    expect(second.ok && second.recorded[0]?.change).toBe("second_confirmed");
    [row] = await w.results(occ.id);
    expect(row).toMatchObject({ status: "ok", confirmedById: wang.id, secondConfirmedById: chen.id });
    expect(row?.secondConfirmedAt).not.toBeNull();

    // once two people signed it off, nobody rewrites it alone
    const rewrite = await w.service.confirmValues(wang, occ.id, { cashbox_amount: "1.00" }, CTX);
    expect(rewrite).toMatchObject({ ok: false, message: { key: "checklist:refusal.already_complete" } });
  });

  it("audits every change and edits the reminder in place", async () => {
    const occ = await w.occurrence("closing");
    const chen = await w.staff("chen.min");
    const zhao = await w.staff("zhao.qiang");
    await w.service.record(chen, occ.id, { answers: [{ itemKey: "alarm_set", value: { status: "ok" } }] }, CTX);
    await w.service.record(zhao, occ.id, { answers: [{ itemKey: "alarm_set", value: null }] }, CTX);
    const audits = await w.db.auditEvent.findMany({
      where: { entityType: "checklist_item_result" },
      orderBy: { seq: "asc" },
    });
    expect(audits.map((a) => [a.action, a.actorId, a.platform])).toEqual([
      ["checklist.item.confirmed", chen.id, "slack"],
      ["checklist.item.second_confirmed", zhao.id, "slack"],
    ]);
    const updates = await w.db.outboxMessage.findMany({
      where: { kind: "update", updateOfKey: { startsWith: `reminder:${occ.id}:` } },
    });
    // two changes × two platforms the outlet is bound to
    expect(updates).toHaveLength(4);
    const last = updates.find((u) => u.idempotencyKey.endsWith(":update:v2") && u.platform === "slack");
    const view = JSON.parse(last?.payload ?? "{}").view;
    expect(view.items.find((i: { key: string }) => i.key === "alarm_set")).toMatchObject({
      status: "ok",
      secondBy: "赵强",
    });
  });
});
