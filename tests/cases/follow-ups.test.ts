// Follow-ups (整改跟踪) through the real services on SQLite: a failed item whose playbook entry
// says onFail: followUp opens a tracked rectification (owner, due in business time, masked
// text) instead of an incident draft, once; it is listed per outlet and closed with a note by
// the roles that handle cases, audited, late when past due.
import { afterEach, describe, expect, it } from "vitest";
import { RectificationService } from "../../src/services/cases/rectifications.js";
import { Directory } from "../../src/services/directory.js";
import { CTX, checklistWorld } from "../checklist/setup.js";
import { playbook } from "../helpers/db.js";

let c: Awaited<ReturnType<typeof checklistWorld>> | undefined;
afterEach(async () => {
  await c?.cleanup();
  c = undefined;
});

describe("follow-ups", () => {
  it("a dirty floor opens a follow-up, not an incident; it is listed, closed with a note and audited", async () => {
    c = await checklistWorld(); // Monday 08:05 Shanghai
    const occ = await c.occurrence("lobby_ready");
    const chen = await c.staff("chen.min");
    const r = await c.service.confirmValues(chen, occ.id, { floor_clean: "否 地面有水渍 13812345678" }, CTX);
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r.drafts).toEqual([]);
    expect(r.followUps).toHaveLength(1);
    const fu = await c.db.rectification.findFirstOrThrow();
    expect(fu).toMatchObject({
      ref: "FU-SH-LJZ-20261123-lobby_ready.floor_clean",
      itemKey: "floor_clean",
      ownerId: chen.id,
      status: "open",
    });
    expect(fu.description).not.toContain("13812345678");
    // 4 business hours from 08:05 on a working Monday: 12:05 local
    expect(fu.dueAt.toISOString()).toBe("2026-11-23T04:05:00.000Z");
    expect(await c.db.auditEvent.count({ where: { entityId: fu.id, action: "rectification.opened" } })).toBe(1);

    // recorded as failed again: still one follow-up
    await c.service.confirmValues(chen, occ.id, { floor_clean: "否 仍有水渍" }, CTX);
    expect(await c.db.rectification.count()).toBe(1);

    const service = new RectificationService({ db: c.db, clock: c.clock, playbook, directory: new Directory(c.db) });
    expect((await service.listOpen(occ.outletId)).map((x) => x.id)).toEqual([fu.id]);
    const wang = await c.staff("wang.fang"); // a teller may not close it
    expect(await service.close({ staffId: wang.id, platform: "slack" }, fu.id, "已清理")).toMatchObject({
      ok: false,
      code: "not_authorised",
    });
    expect(await service.close({ staffId: chen.id, platform: "slack" }, fu.id, "  ")).toMatchObject({
      ok: false,
      code: "invalid_input",
    });
    c.clock.advance(6 * 3_600_000); // past due
    expect(
      await service.close({ staffId: chen.id, platform: "slack" }, fu.id, "已清理，客户 13812345678 确认"),
    ).toEqual({
      ok: true,
      ref: fu.ref,
      late: true,
    });
    const closed = await c.db.rectification.findUniqueOrThrow({ where: { id: fu.id } });
    expect(closed).toMatchObject({ status: "closed", closedById: chen.id });
    expect(closed.closingNote).not.toContain("13812345678");
    expect(await service.listOpen(occ.outletId)).toEqual([]);
    expect(await service.close({ staffId: chen.id, platform: "slack" }, fu.id, "again")).toMatchObject({
      ok: false,
      code: "invalid_state",
    });
    const audit = await c.db.auditEvent.findFirstOrThrow({
      where: { entityId: fu.id, action: "rectification.closed" },
    });
    expect(JSON.parse(audit.after ?? "{}")).toMatchObject({ status: "closed", late: true });
  });

  it("an item without onFail: followUp still drafts an incident", async () => {
    c = await checklistWorld();
    const occ = await c.occurrence("lobby_ready");
    const r = await c.service.confirmValues(await c.staff("chen.min"), occ.id, { self_service: "some_down" }, CTX);
    expect(r.ok && r.drafts.map((d) => d.draft.type)).toEqual(["equipment"]);
    expect(await c.db.rectification.count()).toBe(0);
  });
});
