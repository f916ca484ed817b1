import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client.js";
import { withTx } from "../../src/db/tx.js";
import { ManualClock } from "../../src/domain/clock.js";
import { createForms, FormEngine, FormSessionStore } from "../../src/forms/index.js";
import { FormAlreadyClosedError } from "../../src/forms/session-store.js";
import { labelLookup } from "../../src/services/tasks/checklist-labels.js";
import { createDemoDb, demoIds, i18n, playbook, type TestDb } from "../helpers/db.js";

const labels = labelLookup(i18n);
const forms = createForms(playbook, labels);
let t: TestDb;
let clock: ManualClock;
let staffId: string;
let outletId: string;
beforeEach(async () => {
  clock = new ManualClock("2026-11-23T02:00:00Z");
  t = await createDemoDb(clock);
  const ids = await demoIds(t.db);
  staffId = ids.staff["wang.fang"] as string;
  outletId = ids.outlets["SH-LJZ"] as string;
});
afterEach(async () => t.cleanup());

const key = () => ({ staffId, contextKey: "slack:C0DEMOLJZ:1700000000.0001", platform: "slack" });

describe("incident form", () => {
  it("shows amount / denomination / location only for the types that require them", () => {
    const fields = forms.incident.fields({ outletId });
    const amount = fields.find((f) => f.name === "amount");
    expect(amount?.showIf).toEqual({
      field: "type",
      in: ["cash_discrepancy", "cash_limit_exceeded", "aml_suspicious"],
    });
    expect(fields.find((f) => f.name === "serialNumber")?.showIf).toEqual({ field: "type", in: ["counterfeit"] });
    expect(fields.find((f) => f.name === "location")?.showIf?.in).toEqual(["equipment", "security", "emergency"]);
  });

  it("submit validates required-by-type fields, defaults severity from the type, keeps amounts exact", () => {
    const engine = new FormEngine(new FormSessionStore(t.db, clock), labels);
    const missing = engine.submit(
      forms.incident,
      { outletId },
      { type: "cash_discrepancy", description: "短款", overShort: "short" },
    );
    expect(missing).toEqual({ ok: false, errors: { amount: { key: "forms:errors.required" } } });
    const bad = engine.submit(
      forms.incident,
      { outletId },
      { type: "cash_discrepancy", description: "短款", overShort: "short", amount: "1.005" },
    );
    expect(!bad.ok && bad.errors.amount?.key).toBe("forms:errors.amount");
    const ok = engine.submit(
      forms.incident,
      { outletId },
      {
        type: "cash_discrepancy",
        description: "日终短款",
        overShort: "short",
        amount: "¥1,200.5",
        location: "ignored: not required for this type",
      },
    );
    expect(ok).toEqual({
      ok: true,
      // no severity unless the reporter picks one: the service applies the playbook's rules
      value: { outletId, type: "cash_discrepancy", description: "日终短款", overShort: "short", amount: "1200.50" },
    });
    const unknownType = engine.submit(forms.incident, { outletId }, { type: "meteor", description: "x" });
    expect(!unknownType.ok && unknownType.errors.type?.key).toBe("forms:errors.choice");
  });

  it("a draft from a failed checklist item pre-fills the form and links the result", () => {
    const ctx = {
      outletId,
      draft: { type: "equipment", description: "[opening.atm_ready] ATM 2 jammed", sourceResultId: "res1" },
    };
    const fields = forms.incident.fields(ctx);
    expect(fields.find((f) => f.name === "type")?.initial).toBe("equipment");
    const engine = new FormEngine(new FormSessionStore(t.db, clock), labels);
    const out = engine.submit(forms.incident, ctx, {
      type: "equipment",
      description: "ATM 2 卡钞",
      location: "自助区 2 号机",
    });
    expect(out).toEqual({
      ok: true,
      value: {
        outletId,
        type: "equipment",
        description: "ATM 2 卡钞",
        location: "自助区 2 号机",
        sourceResultId: "res1",
      },
    });
  });
});

describe("complaint, decision and follow-up forms", () => {
  it("produce exactly the cases services' inputs", () => {
    const engine = new FormEngine(new FormSessionStore(t.db, clock), labels);
    const c = engine.submit(
      forms.complaint,
      { outletId },
      {
        category: "waiting_time",
        intakeChannel: "counter",
        customerRef: "13812345678",
        description: "排队超过一小时",
        desiredOutcome: "道歉",
      },
    );
    expect(c).toEqual({
      ok: true,
      value: {
        outletId,
        category: "waiting_time",
        intakeChannel: "counter",
        customerRef: "13812345678",
        description: "排队超过一小时",
        desiredOutcome: "道歉",
      },
    });
    const missing = engine.submit(forms.complaint, { outletId }, { category: "nope" });
    expect(!missing.ok && Object.keys(missing.errors).sort()).toEqual([
      "category",
      "customerRef",
      "description",
      "desiredOutcome",
      "intakeChannel",
    ]);
    expect(engine.submit(forms.decision_comment, { complaintId: "c1", decision: "approve" }, {})).toEqual({
      ok: true,
      value: { complaintId: "c1", decision: "approve", comment: "" },
    });
    const noComment = engine.submit(forms.decision_comment, { complaintId: "c1", decision: "request_changes" }, {});
    expect(noComment.ok).toBe(false);
    expect(
      engine.submit(
        forms.follow_up,
        { complaintId: "c1" },
        {
          outcome: "satisfied",
          note: "客户表示满意",
          causeAnalysis: "叫号机故障",
          preventiveMeasures: "每日开门前检查叫号机",
        },
      ),
    ).toEqual({
      ok: true,
      value: {
        complaintId: "c1",
        outcome: "satisfied",
        note: "客户表示满意",
        causeAnalysis: "叫号机故障",
        preventiveMeasures: "每日开门前检查叫号机",
      },
    });
  });

  it("a text longer than allowed is a field error with its limit", () => {
    const engine = new FormEngine(new FormSessionStore(t.db, clock), labels);
    const out = engine.submit(forms.follow_up, { complaintId: "c1" }, { outcome: "satisfied", note: "x".repeat(1001) });
    expect(!out.ok && out.errors.note).toEqual({ key: "forms:errors.too_long", vars: { max: 1000 } });
    if (!out.ok)
      expect(i18n.t("zh-CN", out.errors.note?.key ?? "", out.errors.note?.vars)).toBe("请控制在 1000 字以内。");
  });
});

describe("text mode", () => {
  it("asks one field at a time, re-asks on errors, honours showIf, skip and the final schema", async () => {
    const engine = new FormEngine(new FormSessionStore(t.db, clock), labels);
    let step = await engine.startText(forms.incident, { outletId }, key());
    expect(step.kind === "ask" && step.field).toBe("type");
    step = await engine.answer(forms.incident, key(), "长短款"); // by its Chinese label
    expect(step.kind === "ask" && step.field).toBe("severity");
    step = await engine.answer(forms.incident, key(), "跳过");
    expect(step.kind === "ask" && step.field).toBe("description");
    step = await engine.answer(forms.incident, key(), "日终短款 200 元");
    expect(step.kind === "ask" && step.field).toBe("overShort"); // shown because the type requires it
    step = await engine.answer(forms.incident, key(), "短款");
    expect(step.kind === "ask" && step.field).toBe("amount"); // required now that 短款 was chosen
    step = await engine.answer(forms.incident, key(), "200.123");
    expect(step.kind === "ask" && step.field).toBe("amount");
    expect(step.kind === "ask" && step.view.lines?.[0]?.key).toBe("forms:errors.amount");
    step = await engine.answer(forms.incident, key(), "200");
    // location is not asked: cash_discrepancy does not require it
    expect(step).toMatchObject({
      kind: "done",
      value: { type: "cash_discrepancy", overShort: "short", amount: "200.00" },
    });
  });

  it("required fields cannot be skipped, and cancel ends the session", async () => {
    const engine = new FormEngine(new FormSessionStore(t.db, clock), labels);
    await engine.startText(forms.follow_up, { complaintId: "c1" }, key());
    const step = await engine.answer(forms.follow_up, key(), "skip");
    expect(step.kind === "ask" && step.view.lines?.[0]).toEqual({ key: "forms:errors.cannot_skip" });
    expect((await engine.answer(forms.follow_up, key(), "取消")).kind).toBe("cancelled");
    expect((await engine.answer(forms.follow_up, key(), "satisfied")).kind).toBe("expired");
  });

  it("a half-filled form survives a restart (a new database client) and expires", async () => {
    const engine = new FormEngine(new FormSessionStore(t.db, clock, 10 * 60_000), labels);
    await engine.startText(forms.follow_up, { complaintId: "c9" }, key());
    await engine.answer(forms.follow_up, key(), "2"); // option 2: unsatisfied
    await t.db.$disconnect();

    const db2 = createDb(t.url);
    const store2 = new FormSessionStore(db2, clock, 10 * 60_000);
    const restarted = new FormEngine(store2, labels);
    await restarted.answer(forms.follow_up, key(), "客户仍不满意，已向主管报告");
    await restarted.answer(forms.follow_up, key(), "等候时间过长");
    const done = await restarted.answer(forms.follow_up, key(), "高峰时段增开窗口");
    expect(done).toMatchObject({ kind: "done", value: { complaintId: "c9", outcome: "unsatisfied" } });

    // a finished session is kept until it expires, so a late retry is told "already submitted"
    const finished = await db2.formSession.findFirstOrThrow({ where: { formKey: "follow_up" } });
    await db2.formSession.update({ where: { id: finished.id }, data: { status: "done" } });
    expect(await store2.purge()).toBe(0);

    await restarted.startText(forms.follow_up, { complaintId: "c10" }, key());
    clock.advance(11 * 60_000);
    expect((await restarted.answer(forms.follow_up, key(), "satisfied")).kind).toBe("expired");
    expect(await store2.purge()).toBe(1);
    expect(await db2.formSession.count()).toBe(0);
    await db2.$disconnect();
    t.db = createDb(t.url); // so cleanup can disconnect
  });

  it("a modal submission is claimed exactly once, and only together with its transaction", async () => {
    const store = new FormSessionStore(t.db, clock);
    const engine = new FormEngine(store, labels);
    const view = await engine.startView(forms.follow_up, { complaintId: "c1" }, key());
    expect(view.fields.map((f) => f.name)).toEqual(["outcome", "note", "causeAnalysis", "preventiveMeasures"]);
    const values = {
      outcome: "unreachable",
      note: "电话未接通",
      causeAnalysis: "系统故障",
      preventiveMeasures: "加强巡检",
    };
    const a = await engine.submitSession(forms.follow_up, view.contextId, staffId, values);
    const b = await engine.submitSession(forms.follow_up, view.contextId, staffId, values);
    if (!a.ok || !b.ok || !("session" in a) || !("session" in b)) throw new Error("expected valid submissions");
    // a claim whose transaction fails is rolled back with it: the form stays open
    await expect(
      withTx(t.db, async (tx) => {
        await store.claim(a.session, tx);
        throw new Error("the service's write failed");
      }),
    ).rejects.toThrow("the service's write failed");
    expect((await t.db.formSession.findUniqueOrThrow({ where: { id: view.contextId } })).status).toBe("active");
    // two submissions racing: exactly one claim commits
    const settled = await Promise.allSettled([a, b].map((x) => withTx(t.db, (tx) => store.claim(x.session, tx))));
    expect(settled.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const lost = settled.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(FormAlreadyClosedError);
    expect((await t.db.formSession.findUniqueOrThrow({ where: { id: view.contextId } })).status).toBe("done");
  });
});

describe("checklist form", () => {
  it("shows every item with its status, a note for a 'no', and validates with the item rules", () => {
    const task = playbook.tasks.find((x) => x.key === "opening");
    if (!task) throw new Error("no opening");
    const ctx = {
      occurrenceId: "o1",
      task,
      recorded: { cashbox_amount: { status: "awaiting_second" as const, value: "12345.60" } },
    };
    const fields = forms.checklist.fields(ctx);
    expect(fields.find((f) => f.name === "cashbox_amount")).toMatchObject({
      kind: "amount",
      currency: "CNY",
      initial: "12345.60",
    });
    expect(fields.find((f) => f.name === "atm_ready_note")?.showIf).toEqual({ field: "atm_ready", in: ["no"] });
    const intro = forms.checklist.intro?.(ctx) ?? [];
    expect(i18n.t("en", intro[2]?.key ?? "", intro[2]?.vars)).toBe(
      "3. Cash boxes taken from the vault and counted (amount): Awaiting second check",
    );
    const engine = new FormEngine(new FormSessionStore(t.db, clock), labels);
    const bad = engine.submit(forms.checklist, ctx, { cashbox_amount: "12.345" });
    expect(!bad.ok && bad.errors.cashbox_amount?.key).toBe("checklist:errors.amount_decimals");
    const ok = engine.submit(forms.checklist, ctx, { atm_ready: "no", atm_ready_note: "ATM 2 卡钞", cctv_ok: "yes" });
    expect(ok).toEqual({
      ok: true,
      value: { occurrenceId: "o1", values: { atm_ready: "no ATM 2 卡钞", cctv_ok: "yes" } },
    });
  });
});
