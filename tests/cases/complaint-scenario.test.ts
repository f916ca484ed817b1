// One complaint from intake through every kind of step (request changes at step 1 and at
// step 2, escalation, automatic escalation when late, approval at step 3) to its follow-up
// (回访) and close, with the timeline, audit trail and messages checked along the way.
import { afterEach, describe, expect, it } from "vitest";
import { auditActions, type CaseWorld, caseWorld, outboxUnder } from "./setup.js";

let w: CaseWorld;
afterEach(async () => {
  await w?.t.cleanup();
});

// SH-LJZ works Mon–Sat 08:00–17:30 (Asia/Shanghai, UTC+8); 2026-11-23 is a Monday.
const local = (day: number, hhmm: string) => {
  const [h, m] = hhmm.split(":").map(Number) as [number, number];
  return new Date(Date.UTC(2026, 10, day, h - 8, m)).toISOString();
};

describe("a complaint's whole life", () => {
  it("runs intake → request changes → escalate → send back → escalate → late → approve → follow-up → close", async () => {
    w = await caseWorld(local(23, "09:00"));
    const logged = await w.complaints.log(w.as("wang.fang"), {
      outletId: w.outlets["SH-LJZ"] as string,
      category: "counter_error",
      intakeChannel: "counter",
      customerRef: "张先生 手机13812345678",
      description: "客户称卡号6222021234567894转账被重复扣款",
      desiredOutcome: "退还重复扣款，身份证11010519491231002X已核实",
    });
    if (!logged.ok) throw new Error(logged.code);
    expect(logged.ref).toBe("CMP-SH-LJZ-20261123-001");
    const id = logged.complaintId;
    const complaint = () => w.db.complaint.findUniqueOrThrow({ where: { id } });
    const steps = () => w.db.complaintStep.findMany({ where: { complaintId: id }, orderBy: { seq: "asc" } });
    expect(await complaint()).toMatchObject({
      customerRef: "张先生 手机138****5678",
      description: "客户称卡号6222********7894转账被重复扣款",
      desiredOutcome: "退还重复扣款，身份证1101**********002X已核实",
      status: "open",
      currentStepNo: 1,
    });
    const [first] = await steps();
    expect(first?.ackDueAt?.toISOString()).toBe(local(23, "11:00")); // 2 business hours
    expect(first?.dueAt.toISOString()).toBe(local(24, "09:00")); // 1 business day = 9.5 h

    // the card is where supervisors see it, with the three decision buttons
    const root = await w.db.outboxMessage.findUniqueOrThrow({
      where: { idempotencyKey: `complaint:${id}:slack:C0DEMOLJZSUP` },
    });
    const card = JSON.parse(root.payload).view;
    expect(card).toMatchObject({
      type: "complaint",
      step: { no: 1, label: { key: "labels:step", vars: { no: 1, role: "labels:role.supervisor" } } },
      late: false,
    });
    expect(card.actions.map((a: { action: string; value: string }) => `${a.action}=${a.value}`)).toEqual([
      `complaint.approve=${id}`,
      `complaint.request_changes=${id}`,
      `complaint.escalate=${id}`,
    ]);
    expect(card.customerRef).not.toContain("13812345678");

    // step 1 (seq 1): the supervisor acknowledges and proposes; the manager sends it back
    w.clock.set(local(23, "09:30"));
    expect(await w.complaints.acknowledge(w.as("chen.min"), id)).toEqual({ ok: true, stepNo: 1 });
    expect(await w.complaints.propose(w.as("chen.min"), { complaintId: id, proposal: "核实后退还" })).toMatchObject({
      ok: true,
    });
    w.clock.set(local(23, "10:00"));
    expect(
      await w.complaints.decide(w.as("emily.zhou"), {
        complaintId: id,
        decision: "request_changes",
        comment: "请附流水",
      }),
    ).toEqual({ ok: true, outcome: "changes_requested", status: "open", stepNo: 1 });

    // step 1 again (seq 2): the supervisor escalates to the manager
    w.clock.set(local(23, "10:30"));
    await w.complaints.propose(w.as("chen.min"), { complaintId: id, proposal: "已附流水，建议退还" });
    expect(
      await w.complaints.decide(w.as("chen.min"), { complaintId: id, decision: "escalate", comment: "请审批" }),
    ).toMatchObject({ ok: true, outcome: "escalated", stepNo: 2 });

    // step 2 (seq 3): the manager sends it back down to step 1
    w.clock.set(local(23, "11:00"));
    expect(
      await w.complaints.decide(w.as("emily.zhou"), {
        complaintId: id,
        decision: "request_changes",
        comment: "金额不符",
      }),
    ).toMatchObject({ ok: true, outcome: "changes_requested", stepNo: 1 });

    // step 1 (seq 4) → step 2 (seq 5)
    w.clock.set(local(23, "11:30"));
    expect(
      await w.complaints.decide(w.as("chen.min"), { complaintId: id, decision: "escalate", comment: "已更正金额" }),
    ).toMatchObject({ ok: true, stepNo: 2 });
    const step2 = (await steps()).at(-1);
    expect(step2?.dueAt.toISOString()).toBe(local(24, "11:30"));

    // the manager lets the clock run out: at Tuesday 11:30 the step escalates on its own
    w.clock.set(local(24, "11:29"));
    expect(await w.complaints.sweepDeadlines()).toEqual({ autoEscalated: 0, flaggedLate: 0, followUpsOverdue: 0 });
    w.clock.set(local(24, "11:30"));
    expect(await w.complaints.sweepDeadlines()).toEqual({ autoEscalated: 1, flaggedLate: 0, followUpsOverdue: 0 });
    expect(await w.complaints.sweepDeadlines()).toEqual({ autoEscalated: 0, flaggedLate: 0, followUpsOverdue: 0 });
    expect(await complaint()).toMatchObject({ currentStepNo: 3, late: true });
    const step3 = (await steps()).at(-1);
    // 3 business days from Tue 11:30: 6 h Tue + 9.5 Wed + 9.5 Thu + 3.5 Fri → Fri 11:30
    expect(step3).toMatchObject({ stepNo: 3, ownerRole: "regional" });
    expect(step3?.dueAt.toISOString()).toBe(local(27, "11:30"));
    const view = await w.complaints.view(id);
    expect(view).toMatchObject({
      step: { no: 3, label: { key: "labels:step", vars: { no: 3, role: "labels:role.regional" } } },
      late: true,
      stepDueAt: local(27, "11:30"),
    });
    expect(view?.actions.map((a) => a.action)).toEqual(["complaint.approve", "complaint.request_changes"]);

    // step 3: only regional (or one above) may decide; regional approves
    w.clock.set(local(25, "10:00"));
    for (const who of ["chen.min", "emily.zhou"]) {
      expect(await w.complaints.decide(w.as(who), { complaintId: id, decision: "approve", comment: "" })).toMatchObject(
        {
          ok: false,
          code: "not_authorised",
        },
      );
    }
    expect(
      await w.complaints.decide(w.as("grace.lin"), { complaintId: id, decision: "escalate", comment: "再上报" }),
    ).toMatchObject({ ok: false, code: "invalid_state", message: { key: "complaints:refusal.top_of_ladder" } });
    expect(
      await w.complaints.decide(w.as("grace.lin"), { complaintId: id, decision: "approve", comment: "同意退还" }),
    ).toEqual({ ok: true, outcome: "approved", status: "resolved", stepNo: 3 });
    const resolved = await complaint();
    expect(resolved.followUpDueAt?.toISOString()).toBe(local(28, "10:00")); // 3 calendar days

    // it stays open for the follow-up: closing now is refused
    expect(await w.complaints.close(w.as("chen.min"), id)).toMatchObject({
      ok: false,
      code: "invalid_state",
      message: { key: "complaints:refusal.follow_up_missing" },
    });

    // the follow-up clock runs out: flagged once
    w.clock.set(local(28, "10:00"));
    expect(await w.complaints.sweepDeadlines()).toEqual({ autoEscalated: 0, flaggedLate: 0, followUpsOverdue: 1 });
    expect(await w.complaints.sweepDeadlines()).toEqual({ autoEscalated: 0, flaggedLate: 0, followUpsOverdue: 0 });

    w.clock.set(local(28, "11:00"));
    expect(
      await w.complaints.logFollowUp(w.as("li.jun"), {
        complaintId: id,
        outcome: "satisfied",
        note: "客户表示满意",
        causeAnalysis: "柜员操作失误",
        preventiveMeasures: "复核流程培训",
      }),
    ).toEqual({ ok: true, late: true });
    expect(
      await w.complaints.logFollowUp(w.as("li.jun"), {
        complaintId: id,
        outcome: "satisfied",
        note: "again",
        causeAnalysis: "x",
        preventiveMeasures: "y",
      }),
    ).toMatchObject({ ok: false, code: "invalid_state", message: { key: "complaints:refusal.follow_up_done" } });
    expect(await w.complaints.close(w.as("wang.fang"), id)).toMatchObject({ ok: false, code: "not_authorised" });
    expect(await w.complaints.close(w.as("chen.min"), id)).toEqual({ ok: true, status: "closed" });
    expect(
      await w.complaints.decide(w.as("grace.lin"), { complaintId: id, decision: "approve", comment: "" }),
    ).toMatchObject({ ok: false, code: "invalid_state" });

    // the ladder as it happened
    expect((await steps()).map((s) => [s.seq, s.stepNo, s.ownerRole, s.outcome, s.late])).toEqual([
      [1, 1, "supervisor", "changes_requested", false],
      [2, 1, "supervisor", "escalated", false],
      [3, 2, "manager", "changes_requested", false],
      [4, 1, "supervisor", "escalated", false],
      [5, 2, "manager", "auto_escalated", true],
      [6, 3, "regional", "approved", false],
    ]);
    const decisions = await w.db.complaintDecision.findMany({
      where: { complaintId: id },
      orderBy: { decidedAt: "asc" },
    });
    expect(decisions.map((d) => [d.decision, d.decidedById, d.comment])).toEqual([
      ["request_changes", w.staff["emily.zhou"], "请附流水"],
      ["escalate", w.staff["chen.min"], "请审批"],
      ["request_changes", w.staff["emily.zhou"], "金额不符"],
      ["escalate", w.staff["chen.min"], "已更正金额"],
      ["approve", w.staff["grace.lin"], "同意退还"],
    ]);
    expect(await complaint()).toMatchObject({ status: "closed", late: true });
    expect(await w.db.complaintFollowUp.findUniqueOrThrow({ where: { complaintId: id } })).toMatchObject({
      late: true,
      outcome: "satisfied",
      byId: w.staff["li.jun"],
    });

    // every change is in the audit trail, refusals are not
    expect(await auditActions(w.db, id)).toEqual([
      "complaint.logged",
      "complaint.acknowledged",
      "complaint.proposed",
      "complaint.decided",
      "complaint.proposed",
      "complaint.decided",
      "complaint.decided",
      "complaint.decided",
      "complaint.auto_escalated",
      "complaint.decided",
      "complaint.follow_up_overdue",
      "complaint.follow_up_logged",
      "complaint.closed",
    ]);

    // every decision and comment is a reply in the card's thread; the card was edited each time
    const all = await outboxUnder(w.db, `complaint:${id}:`);
    const slackReplies = all.filter((m) => m.platform === "slack" && JSON.parse(m.payload).threadOfKey);
    expect(slackReplies).toHaveLength(12);
    for (const m of slackReplies) {
      expect(JSON.parse(m.payload).threadOfKey).toBe(`complaint:${id}:slack:C0DEMOLJZSUP`);
    }
    const events = slackReplies.map((m) => JSON.parse(m.payload).view.event ?? JSON.parse(m.payload).view.message.key);
    expect(events).toEqual([
      "acknowledged",
      "proposed",
      "changes_requested",
      "proposed",
      "escalated",
      "changes_requested",
      "escalated",
      "auto_escalated",
      "approved",
      "complaints:event.follow_up_overdue",
      "follow_up_logged",
      "closed",
    ]);
    const updates = all.filter((m) => m.platform === "slack" && m.kind === "update");
    expect(updates).toHaveLength(12);
    expect(JSON.parse((updates.at(-1) as { payload: string }).payload).view).toMatchObject({
      status: "closed",
      actions: [],
    });
    // the owners of each step arrived at were told directly: regional for step 3
    expect(
      all.some((m) => m.idempotencyKey === `complaint:${id}:step:6:${w.staff["grace.lin"]}:slack:U0DEMO0009`),
    ).toBe(true);
    expect(
      all.some((m) => m.idempotencyKey === `complaint:${id}:step:3:${w.staff["emily.zhou"]}:slack:U0DEMO0005`),
    ).toBe(true);
  });
});
