// Complaint rules on real SQLite: intake validation, ladder clocks across a weekend, a
// holiday and a make-up workday, refusals by role, racing decisions (in one process and in
// two processes with their own database clients), and the late flag at the top step.
import { afterEach, describe, expect, it } from "vitest";
import type { LogComplaintInput } from "../../src/services/cases/types.js";
import { auditActions, type CaseWorld, caseWorld, raceInProcesses } from "./setup.js";

let w: CaseWorld;
afterEach(async () => {
  await w?.t.cleanup();
});

const input = (w: CaseWorld, outlet = "SH-LJZ"): LogComplaintInput => ({
  outletId: w.outlets[outlet] as string,
  category: "waiting_time",
  intakeChannel: "hotline",
  customerRef: "李女士",
  description: "排队超过一小时",
  desiredOutcome: "道歉并改进",
});

async function logOne(w: CaseWorld, outlet = "SH-LJZ", by = "wang.fang") {
  const r = await w.complaints.log(w.as(outlet === "SH-LJZ" ? by : "liu.yang"), input(w, outlet));
  if (!r.ok) throw new Error(`${r.code} ${JSON.stringify(r.errors)}`);
  return r.complaintId;
}

const firstStep = (w: CaseWorld, complaintId: string) =>
  w.db.complaintStep.findFirstOrThrow({ where: { complaintId }, orderBy: { seq: "asc" } });

describe("intake", () => {
  it("accepts only playbook categories and channels and requires every text", async () => {
    w = await caseWorld("2026-11-23T01:00:00Z");
    const bad = await w.complaints.log(w.as("wang.fang"), {
      ...input(w),
      category: "weather",
      intakeChannel: "pigeon",
      desiredOutcome: "  ",
    });
    expect(bad).toMatchObject({
      ok: false,
      code: "invalid_input",
      errors: {
        category: { key: "complaints:errors.category_unknown" },
        intakeChannel: { key: "complaints:errors.channel_unknown" },
        desiredOutcome: { key: "complaints:errors.required" },
      },
    });
    const outsider = await w.complaints.log(w.as("liu.yang"), input(w));
    expect(outsider).toMatchObject({ ok: false, code: "not_authorised" });
    expect(await w.db.complaint.count()).toBe(0);
    expect(await w.db.outboxMessage.count({ where: { idempotencyKey: { startsWith: "complaint:" } } })).toBe(0);
  });
});

describe("ladder clocks in business time", () => {
  it("runs across a weekend (SH-LJZ, Saturday evening → Monday)", async () => {
    // Saturday 2026-11-28 17:00 local: 30 minutes left that day, Sunday is not worked
    w = await caseWorld("2026-11-28T09:00:00Z");
    const s = await firstStep(w, await logOne(w));
    expect(s.ackDueAt?.toISOString()).toBe("2026-11-30T01:30:00.000Z"); // Mon 09:30
    expect(s.dueAt.toISOString()).toBe("2026-11-30T09:00:00.000Z"); // Mon 17:00 (9.5 h day)
  });

  it("runs across New Year's Day and a weekend (SH-XJH), and the ack clock alone escalates", async () => {
    // Thursday 2026-12-31 16:30; Friday 2027-01-01 is a holiday; XJH works Mon–Fri 08:30–17:30
    w = await caseWorld("2026-12-31T08:30:00Z");
    const id = await logOne(w, "SH-XJH");
    const s = await firstStep(w, id);
    expect(s.ackDueAt?.toISOString()).toBe("2027-01-04T01:30:00.000Z"); // Mon 09:30
    expect(s.dueAt.toISOString()).toBe("2027-01-04T08:30:00.000Z"); // Mon 16:30
    expect(s.ownerRole).toBe("supervisor");

    // nothing over the holiday weekend
    w.clock.set("2027-01-03T09:00:00Z");
    expect((await w.complaints.sweepDeadlines()).autoEscalated).toBe(0);
    // Monday 09:30, still unacknowledged: step 1 escalates although its action clock has time
    w.clock.set("2027-01-04T01:30:00Z");
    expect((await w.complaints.sweepDeadlines()).autoEscalated).toBe(1);
    const steps = await w.db.complaintStep.findMany({ where: { complaintId: id }, orderBy: { seq: "asc" } });
    expect(steps.map((x) => [x.stepNo, x.outcome, x.late])).toEqual([
      [1, "auto_escalated", true],
      [2, null, false],
    ]);
    expect(steps[1]?.ackDueAt).toBeNull();
    expect(steps[1]?.dueAt.toISOString()).toBe("2027-01-05T01:30:00.000Z"); // Tue 09:30
    expect(await auditActions(w.db, id)).toEqual(["complaint.logged", "complaint.auto_escalated"]);
  });

  it("counts a make-up workday (调休) and skips a holiday (SH-XJH, National Day 2026)", async () => {
    // Saturday 2026-09-26 10:00 is not worked; Sunday 09-27 is a make-up workday
    w = await caseWorld("2026-09-26T02:00:00Z");
    const s = await firstStep(w, await logOne(w, "SH-XJH"));
    expect(s.ackDueAt?.toISOString()).toBe("2026-09-27T02:30:00.000Z"); // Sun 10:30
    expect(s.dueAt.toISOString()).toBe("2026-09-27T09:30:00.000Z"); // Sun 17:30
  });

  it("an acknowledged step waits for its action clock", async () => {
    w = await caseWorld("2026-11-23T01:00:00Z"); // Mon 09:00 at SH-LJZ
    const id = await logOne(w);
    await w.complaints.acknowledge(w.as("chen.min"), id);
    w.clock.set("2026-11-23T05:00:00Z"); // past the ack clock (11:00), before the action clock
    expect((await w.complaints.sweepDeadlines()).autoEscalated).toBe(0);
    w.clock.set("2026-11-24T01:00:00Z"); // Tue 09:00: 1 business day
    expect((await w.complaints.sweepDeadlines()).autoEscalated).toBe(1);
  });
});

describe("who may decide", () => {
  it("at step 1: supervisor yes, manager (one above) yes; teller, regional (two above) and outsiders no", async () => {
    w = await caseWorld("2026-11-23T01:00:00Z");
    const a = await logOne(w);
    const b = await logOne(w);
    const countAll = async () => ({
      decisions: await w.db.complaintDecision.count(),
      steps: await w.db.complaintStep.count(),
      audit: await w.db.auditEvent.count(),
      outbox: await w.db.outboxMessage.count(),
    });
    const before = await countAll();
    for (const who of ["wang.fang", "li.jun", "grace.lin", "liu.yang", "david.sun"]) {
      const r = await w.complaints.decide(w.as(who), { complaintId: a, decision: "approve", comment: "ok" });
      expect(r, who).toMatchObject({
        ok: false,
        code: "not_authorised",
        message: { key: "complaints:refusal.not_authorised", vars: { stepNo: 1 } },
      });
      expect(await w.complaints.acknowledge(w.as(who), a)).toMatchObject({ ok: false, code: "not_authorised" });
    }
    expect(await countAll()).toEqual(before);

    expect(
      await w.complaints.decide(w.as("chen.min"), { complaintId: a, decision: "approve", comment: "" }),
    ).toMatchObject({ ok: true, status: "resolved" });
    expect(
      await w.complaints.decide(w.as("emily.zhou"), { complaintId: b, decision: "escalate", comment: "我来处理" }),
    ).toMatchObject({ ok: true, stepNo: 2 });

    // at step 2: the supervisor is below it; regional is one above
    expect(
      await w.complaints.decide(w.as("chen.min"), { complaintId: b, decision: "approve", comment: "" }),
    ).toMatchObject({ ok: false, code: "not_authorised" });
    expect(
      await w.complaints.decide(w.as("grace.lin"), { complaintId: b, decision: "approve", comment: "同意" }),
    ).toMatchObject({ ok: true, status: "resolved" });
  });

  it("requires a comment to send back or escalate", async () => {
    w = await caseWorld("2026-11-23T01:00:00Z");
    const id = await logOne(w);
    const r = await w.complaints.decide(w.as("chen.min"), { complaintId: id, decision: "escalate", comment: " " });
    expect(r).toMatchObject({
      ok: false,
      code: "invalid_input",
      errors: { comment: { key: "complaints:errors.comment_required" } },
    });
    expect(
      await w.complaints.decide(w.as("chen.min"), { complaintId: "nope", decision: "approve", comment: "" }),
    ).toMatchObject({
      ok: false,
      code: "not_found",
    });
  });
});

describe("racing decisions", () => {
  it("two decisions at once in one process: exactly one wins, the other is told who decided", async () => {
    w = await caseWorld("2026-11-23T01:00:00Z");
    for (let round = 0; round < 3; round++) {
      const id = await logOne(w);
      const [a, b] = await Promise.all([
        w.complaints.decide(w.as("chen.min"), { complaintId: id, decision: "escalate", comment: "上报" }),
        w.complaints.decide(w.as("emily.zhou"), { complaintId: id, decision: "approve", comment: "同意" }),
      ]);
      const results = [a, b];
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      const lost = results.find((r) => !r.ok);
      const winner = a.ok ? "陈敏" : "Emily Zhou";
      expect(lost).toMatchObject({
        ok: false,
        code: "already_decided",
        message: { key: "complaints:refusal.already_decided", vars: { name: winner } },
        decidedBy: { name: winner },
      });
      expect(await w.db.complaintDecision.count({ where: { complaintId: id } })).toBe(1);
      expect((await auditActions(w.db, id)).filter((x) => x === "complaint.decided")).toHaveLength(1);
    }
  });

  it("two replicas (separate processes, separate clients) deciding the same step: exactly one wins", async () => {
    w = await caseWorld("2026-11-23T01:00:00Z");
    const id = await logOne(w);
    const step = await firstStep(w, id);
    const [a, b] = (await raceInProcesses(w.t.url, w.clock.now().toISOString(), [
      {
        op: "decide",
        staffId: w.staff["chen.min"],
        complaintId: id,
        decision: "escalate",
        comment: "上报",
        expectedStepId: step.id,
      },
      {
        op: "decide",
        staffId: w.staff["emily.zhou"],
        complaintId: id,
        decision: "approve",
        comment: "同意",
        expectedStepId: step.id,
      },
    ])) as Array<{ ok: boolean; code?: string; decidedBy?: { name: string } }>;
    const results = [a, b];
    expect(results.filter((r) => r?.ok)).toHaveLength(1);
    const winner = a?.ok ? "陈敏" : "Emily Zhou";
    expect(results.find((r) => !r?.ok)).toMatchObject({ code: "already_decided", decidedBy: { name: winner } });
    const decisions = await w.db.complaintDecision.findMany({ where: { complaintId: id } });
    expect(decisions).toHaveLength(1);
    const c = await w.db.complaint.findUniqueOrThrow({ where: { id } });
    if (a?.ok) expect(c).toMatchObject({ status: "open", currentStepNo: 2 });
    else expect(c).toMatchObject({ status: "resolved", currentStepNo: 1 });
  });

  it("a decision on a step the sweep already escalated is told it moved on", async () => {
    w = await caseWorld("2026-11-23T01:00:00Z");
    const id = await logOne(w);
    const step = await firstStep(w, id);
    w.clock.set("2026-11-23T03:00:00Z"); // the ack clock ran out
    expect((await w.complaints.sweepDeadlines()).autoEscalated).toBe(1);
    const r = await w.complaints.decide(w.as("emily.zhou"), {
      complaintId: id,
      decision: "approve",
      comment: "同意",
      expectedStepId: step.id,
    });
    expect(r).toMatchObject({
      ok: false,
      code: "already_decided",
      message: { key: "complaints:refusal.already_moved_on" },
    });
    expect(await w.db.complaint.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "open",
      currentStepNo: 2,
    });
  });
});

describe("the top step is flagged, not escalated", () => {
  it("marks a late step 3 once and leaves it at step 3", async () => {
    w = await caseWorld("2026-11-23T01:00:00Z");
    const id = await logOne(w);
    await w.complaints.decide(w.as("chen.min"), { complaintId: id, decision: "escalate", comment: "上报" });
    await w.complaints.decide(w.as("emily.zhou"), { complaintId: id, decision: "escalate", comment: "上报" });
    const step3 = await w.db.complaintStep.findFirstOrThrow({ where: { complaintId: id, stepNo: 3 } });
    w.clock.set(step3.dueAt);
    expect(await w.complaints.sweepDeadlines()).toEqual({ autoEscalated: 0, flaggedLate: 1, followUpsOverdue: 0 });
    expect(await w.complaints.sweepDeadlines()).toEqual({ autoEscalated: 0, flaggedLate: 0, followUpsOverdue: 0 });
    expect(await w.db.complaint.findUniqueOrThrow({ where: { id } })).toMatchObject({
      currentStepNo: 3,
      late: true,
      status: "open",
    });
    expect(await w.db.complaintStep.findUniqueOrThrow({ where: { id: step3.id } })).toMatchObject({
      late: true,
      endedAt: null,
    });
    expect((await auditActions(w.db, id)).filter((a) => a === "complaint.flagged_late")).toHaveLength(1);
    // still decidable after being flagged
    expect(
      await w.complaints.decide(w.as("grace.lin"), { complaintId: id, decision: "approve", comment: "" }),
    ).toMatchObject({
      ok: true,
    });
  });
});
