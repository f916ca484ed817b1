// Incidents on real SQLite: report validation, the timeline, refusals, the acknowledgement
// ladder across a weekend, exactly-once escalation across two database clients, and audit.
import { afterEach, describe, expect, it } from "vitest";
import { auditActions, type CaseWorld, caseWorld, outboxUnder, raceInProcesses } from "./setup.js";

let w: CaseWorld;
afterEach(async () => {
  await w?.t.cleanup();
});

// Saturday 2026-11-28 16:30 in Shanghai (SH-LJZ works Mon–Sat 08:00–17:30)
const SAT_1630 = "2026-11-28T08:30:00Z";

describe("reporting an incident", () => {
  it("requires the fields the type requires and parses the amount exactly", async () => {
    w = await caseWorld(SAT_1630);
    const base = { outletId: w.outlets["SH-LJZ"] as string, description: "日终长款", overShort: "over" };
    const missing = await w.incidents.report(w.as("wang.fang"), { ...base, type: "cash_discrepancy" });
    expect(missing).toMatchObject({
      ok: false,
      code: "invalid_input",
      errors: { amount: { key: "incidents:errors.required" } },
    });

    const bad = await w.incidents.report(w.as("wang.fang"), { ...base, type: "cash_discrepancy", amount: "12.345" });
    expect(bad).toMatchObject({
      ok: false,
      code: "invalid_input",
      errors: { amount: { key: "incidents:errors.amount_invalid" } },
    });

    const counterfeit = await w.incidents.report(w.as("wang.fang"), {
      ...base,
      type: "counterfeit",
      denomination: "100",
    });
    expect(counterfeit).toMatchObject({ ok: false, errors: { serialNumber: { key: "incidents:errors.required" } } });

    const unknown = await w.incidents.report(w.as("wang.fang"), { ...base, type: "alien_landing" });
    expect(unknown).toMatchObject({ ok: false, errors: { type: { key: "incidents:errors.type_unknown" } } });
    expect(await w.db.incident.count()).toBe(0);

    // below the playbook's first higher threshold (¥10,000) the type's grade stands
    const ok = await w.incidents.report(w.as("wang.fang"), { ...base, type: "cash_discrepancy", amount: "1,234.56" });
    expect(ok).toMatchObject({ ok: true, ref: "INC-SH-LJZ-20261128-001" });
    const row = await w.db.incident.findFirstOrThrow();
    expect(row.amountMinor).toBe(123456n);
    expect(row.currency).toBe("CNY");
    expect(row.severity).toBe("major");
    // major: acknowledge within 30 minutes (wall clock)
    expect(row.ackDueAt.toISOString()).toBe("2026-11-28T09:00:00.000Z");
  });

  it("lets the reporter change the severity, masks the description, and numbers refs per day", async () => {
    w = await caseWorld(SAT_1630);
    const r = await w.incidents.report(w.as("li.jun"), {
      outletId: w.outlets["SH-LJZ"] as string,
      type: "equipment",
      severity: "critical",
      description: "ATM吞卡，客户手机13812345678，卡号6222021234567894",
      location: "ATM-02",
    });
    expect(r).toMatchObject({ ok: true, ref: "INC-SH-LJZ-20261128-001" });
    const row = await w.db.incident.findFirstOrThrow();
    expect(row.severity).toBe("critical");
    expect(row.description).toBe("ATM吞卡，客户手机138****5678，卡号6222********7894");
    expect(row.ackDueAt.toISOString()).toBe("2026-11-28T08:40:00.000Z"); // critical: 10 minutes

    const bad = await w.incidents.report(w.as("li.jun"), {
      outletId: w.outlets["SH-LJZ"] as string,
      type: "equipment",
      severity: "apocalyptic",
      description: "x",
      location: "ATM-02",
    });
    expect(bad).toMatchObject({ ok: false, errors: { severity: { key: "incidents:errors.severity_unknown" } } });

    const second = await w.incidents.report(w.as("li.jun"), {
      outletId: w.outlets["SH-LJZ"] as string,
      type: "customer_dispute",
      description: "柜面纠纷",
    });
    expect(second).toMatchObject({ ok: true, ref: "INC-SH-LJZ-20261128-002" });
  });

  it("refuses someone with no role at the outlet", async () => {
    w = await caseWorld(SAT_1630);
    const r = await w.incidents.report(w.as("liu.yang"), {
      outletId: w.outlets["SH-LJZ"] as string,
      type: "customer_dispute",
      description: "纠纷",
    });
    expect(r).toMatchObject({
      ok: false,
      code: "not_authorised",
      message: { key: "incidents:refusal.not_at_outlet" },
    });
  });

  it("links back to the failed checklist item it came from", async () => {
    w = await caseWorld(SAT_1630);
    const version = await w.db.taskTemplateVersion.findFirstOrThrow({ where: { template: { key: "opening" } } });
    const occ = await w.db.taskOccurrence.create({
      data: {
        outletId: w.outlets["SH-LJZ"] as string,
        templateId: version.templateId,
        templateVersionId: version.id,
        dueDate: "2026-11-28",
        dueAt: new Date("2026-11-28T00:00:00Z"),
        nudgeAt: new Date("2026-11-28T00:15:00Z"),
        escalateAt: new Date("2026-11-28T00:30:00Z"),
        windowEndsAt: new Date("2026-11-28T01:30:00Z"),
      },
    });
    const result = await w.db.checklistItemResult.create({
      data: {
        occurrenceId: occ.id,
        itemKey: "atm_ready",
        status: "failed",
        confirmedById: w.staff["wang.fang"] as string,
        confirmedAt: new Date("2026-11-28T00:05:00Z"),
        platform: "slack",
      },
    });
    const r = await w.incidents.report(w.as("wang.fang"), {
      outletId: w.outlets["SH-LJZ"] as string,
      type: "equipment",
      description: "ATM 未开机",
      location: "ATM-01",
      sourceResultId: result.id,
    });
    expect(r.ok).toBe(true);
    const linked = await w.db.checklistItemResult.findUniqueOrThrow({
      where: { id: result.id },
      include: { incidents: true },
    });
    expect(linked.incidents.map((i) => i.type)).toEqual(["equipment"]);

    // an item from another outlet is not accepted
    const wrong = await w.incidents.report(w.as("liu.yang"), {
      outletId: w.outlets["SH-XJH"] as string,
      type: "equipment",
      description: "x",
      location: "ATM-01",
      sourceResultId: result.id,
    });
    expect(wrong).toMatchObject({ ok: false, errors: { sourceResultId: { key: "incidents:errors.source_unknown" } } });
  });

  it("gives racing reports at one outlet different refs", async () => {
    w = await caseWorld(SAT_1630);
    const input = { outletId: w.outlets["SH-LJZ"] as string, type: "customer_dispute", description: "纠纷" };
    const results = await Promise.all([
      w.incidents.report(w.as("wang.fang"), input),
      w.incidents.report(w.as("li.jun"), input),
      w.incidents.report(w.as("chen.min"), input),
    ]);
    const refs = results.map((r) => (r.ok ? r.ref : r.code)).sort();
    expect(refs).toEqual(["INC-SH-LJZ-20261128-001", "INC-SH-LJZ-20261128-002", "INC-SH-LJZ-20261128-003"]);
  });
});

describe("an incident from report through escalation to close", () => {
  it("climbs supervisor → manager → regional on business-hour clocks, then is handled and closed", async () => {
    w = await caseWorld(SAT_1630);
    const r = await w.incidents.report(w.as("wang.fang"), {
      outletId: w.outlets["SH-LJZ"] as string,
      type: "equipment", // normal, reported to the supervisor, 2 business hours to acknowledge
      description: "叫号机故障",
      location: "大堂叫号机",
    });
    if (!r.ok) throw new Error(r.code);
    const id = r.incidentId;
    const inc = () => w.db.incident.findUniqueOrThrow({ where: { id } });
    // Sat 16:30 + 2 business hours: 1 h on Saturday, Sunday closed, 1 h on Monday → Mon 09:00
    expect((await inc()).ackDueAt.toISOString()).toBe("2026-11-30T01:00:00.000Z");

    // the card is in the supervisors channel (Slack) and the outlet channel (Teams); the
    // supervisor is mentioned on it and gets no second copy by DM on Slack, where the channel
    // reaches him (Teams has no reference for the channel yet, so there he would get a DM)
    const posted = await outboxUnder(w.db, `incident:${id}:`);
    const keys = posted.map((m) => m.idempotencyKey);
    expect(keys).toContain(`incident:${id}:slack:C0DEMOLJZSUP`);
    expect(keys).toContain(`incident:${id}:teams:19:demo-sh-ljz@thread.tacv2`);
    expect(keys.filter((k) => k.startsWith(`incident:${id}:reported:`) && k.includes(":slack:"))).toEqual([]);
    const card = JSON.parse(
      posted.find((m) => m.idempotencyKey === `incident:${id}:slack:C0DEMOLJZSUP`)?.payload ?? "{}",
    );
    expect(card.view.notify.map((m: { staffId: string }) => m.staffId)).toContain(w.staff["chen.min"]);
    expect(keys.some((k) => k.includes(w.staff["emily.zhou"] as string))).toBe(false);

    // Sunday: nothing is due yet
    w.clock.set("2026-11-29T08:00:00Z");
    expect(await w.incidents.sweepAckDeadlines()).toEqual({ escalated: 0 });

    // Monday 09:00: climbs to the manager; two replicas sweeping at once escalate it once
    w.clock.set("2026-11-30T01:00:00Z");
    const [a, b] = (await raceInProcesses(w.t.url, w.clock.now().toISOString(), [
      { op: "sweepIncidents" },
      { op: "sweepIncidents" },
    ])) as Array<{ escalated: number }>;
    expect((a?.escalated ?? 0) + (b?.escalated ?? 0)).toBe(1);
    expect(await inc()).toMatchObject({ escalationLevel: 1, status: "open" });
    expect((await inc()).ackDueAt.toISOString()).toBe("2026-11-30T03:00:00.000Z"); // clock restarted: 11:00
    expect((await outboxUnder(w.db, `incident:${id}:escalated:1:${w.staff["emily.zhou"]}:`)).length).toBe(1);

    // before the new clock runs out: nothing; at 11:00: regional
    w.clock.set("2026-11-30T02:59:00Z");
    expect(await w.incidents.sweepAckDeadlines()).toEqual({ escalated: 0 });
    w.clock.set("2026-11-30T03:00:00Z");
    expect(await w.incidents.sweepAckDeadlines()).toEqual({ escalated: 1 });
    expect((await inc()).escalationLevel).toBe(2);
    expect((await outboxUnder(w.db, `incident:${id}:escalated:2:${w.staff["grace.lin"]}:`)).length).toBe(1);

    // the top of the ladder: no role beyond regional, nothing more happens
    w.clock.set("2026-12-01T09:00:00Z");
    expect(await w.incidents.sweepAckDeadlines()).toEqual({ escalated: 0 });
    expect((await inc()).escalationLevel).toBe(2);

    // a teller may not acknowledge; the reporter may add a note; regional acknowledges
    const refused = await w.incidents.acknowledge(w.as("wang.fang"), id);
    expect(refused).toMatchObject({ ok: false, code: "not_authorised" });
    expect(await w.incidents.update(w.as("wang.fang"), id, "已联系厂商，电话13912345678")).toMatchObject({ ok: true });
    expect(await w.incidents.acknowledge(w.as("grace.lin"), id)).toEqual({ ok: true, status: "acknowledged" });
    expect(await w.incidents.acknowledge(w.as("chen.min"), id)).toMatchObject({
      ok: false,
      code: "invalid_state",
      message: { key: "incidents:refusal.already_acknowledged" },
    });

    // closing before resolving is refused and changes nothing
    const before = await inc();
    expect(await w.incidents.close(w.as("chen.min"), id)).toMatchObject({
      ok: false,
      code: "invalid_state",
      message: { key: "incidents:refusal.not_resolved" },
    });
    expect(await inc()).toEqual(before);

    expect(await w.incidents.resolve(w.as("emily.zhou"), id, "已更换主板")).toEqual({ ok: true, status: "resolved" });
    expect(await w.incidents.close(w.as("chen.min"), id)).toEqual({ ok: true, status: "closed" });
    const closed = await inc();
    expect(await w.incidents.update(w.as("wang.fang"), id, "补充")).toMatchObject({
      ok: false,
      code: "invalid_state",
      message: { key: "incidents:refusal.closed" },
    });
    expect(await inc()).toEqual(closed);

    const timeline = await w.db.incidentEvent.findMany({ where: { incidentId: id }, orderBy: { at: "asc" } });
    expect(timeline.map((e) => e.kind)).toEqual([
      "reported",
      "escalated",
      "escalated",
      "updated",
      "acknowledged",
      "resolved",
      "closed",
    ]);
    expect(timeline.find((e) => e.kind === "updated")?.note).toBe("已联系厂商，电话139****5678");
    expect(closed).toMatchObject({ acknowledgedById: w.staff["grace.lin"], status: "closed" });
    expect(await auditActions(w.db, id)).toEqual([
      "incident.reported",
      "incident.escalated",
      "incident.escalated",
      "incident.updated",
      "incident.acknowledged",
      "incident.resolved",
      "incident.closed",
    ]);

    // each timeline step is a thread reply under the card, and the card was edited in place
    const all = await outboxUnder(w.db, `incident:${id}:`);
    const replies = all.filter((m) => m.idempotencyKey.includes(":event:") && m.platform === "slack");
    expect(replies).toHaveLength(6);
    for (const m of replies) expect(JSON.parse(m.payload).threadOfKey).toBe(`incident:${id}:slack:C0DEMOLJZSUP`);
    const updates = all.filter((m) => m.kind === "update" && m.platform === "slack");
    expect(updates.length).toBe(6);
    const lastCard = JSON.parse((updates.at(-1) as { payload: string }).payload).view;
    expect(lastCard).toMatchObject({ type: "incident", status: "closed", actions: [], escalationLevel: 2 });
  });
});
