// The incident and complaint domain gaps on Slack, through signed requests to the real app:
// police called (是否报警) on a security incident, over/short with the amount required only for
// over or short (the modal's errors) and the grade the amount gives, the cash box counted above
// the cash limit drafting 超限额, and the complaint follow-up's cause analysis and measures.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { i18n } from "../helpers/db.js";
import { eventually, openModalWith as openModal, type SlackApp, settle, startSlackApp } from "../slack/app-harness.js";
import {
  blockText,
  buttonClick,
  buttons,
  LJZ,
  LJZ_SUP,
  modalOf,
  type OpenedModal,
  submission,
  USERS,
} from "../slack/app-payloads.js";

const zh = (key: string, vars?: Record<string, unknown>) => i18n.t("zh-CN", key, vars);

let s: SlackApp;
beforeEach(async () => {
  s = await startSlackApp();
  await s.app.runtime.scheduler.runOnce(s.clock.now());
});
afterEach(async () => {
  await s.stop();
});

/** `/branch <text>` and the modal it opened, in this test's app. */
const openModalWith = (user: string, text: string) => openModal(s, user, text);

async function submit(user: string, modal: OpenedModal, answers: Record<string, string>) {
  const res = await s.interact(submission(user, modal, answers));
  expect(res.status).toBe(200);
  const body = await res.text();
  return body ? (JSON.parse(body) as { response_action?: string; errors?: Record<string, string> }) : null;
}

/** The posted card that mentions `ref`, after a drain. */
async function postedCard(ref: string) {
  await s.drain();
  const card = s.slack.callsTo("chat.postMessage").find((c) => blockText(c.body.blocks).includes(ref));
  if (!card) throw new Error(`no card for ${ref}`);
  return card;
}

describe("incidents on Slack", () => {
  it("a security incident records police called (是否报警) and its card shows it", async () => {
    const modal = await openModalWith(USERS.wang, "incident");
    expect(modal.blocks.map((b) => b.block_id)).toContain("policeCalled");
    const missing = await submit(USERS.wang, modal, { type: "security", description: "可疑人员", location: "自助区" });
    expect(missing).toEqual({
      response_action: "errors",
      errors: { policeCalled: zh("forms:errors.required") },
    });
    const ok = await submit(USERS.wang, modal, {
      type: "security",
      description: "可疑人员破坏自助设备",
      location: "自助区",
      policeCalled: "yes",
    });
    expect(ok).toBeNull();
    const incident = await eventually(() => s.app.db.incident.findFirstOrThrow());
    expect(incident).toMatchObject({ type: "security", policeCalled: true, location: "自助区" });
    const card = await postedCard(incident.ref);
    expect(blockText(card.body.blocks)).toContain(zh("incidents:fields.policeCalled"));
    expect(blockText(card.body.blocks)).toContain(zh("labels:yes_no.yes"));
  });

  it("短款 without an amount is refused on the amount; with ¥20,000 the incident is 重大", async () => {
    const modal = await openModalWith(USERS.wang, "incident");
    const base = { type: "cash_discrepancy", description: "日终短款" };
    const noAmount = await submit(USERS.wang, modal, { ...base, overShort: "short" });
    expect(noAmount).toEqual({ response_action: "errors", errors: { amount: zh("forms:errors.required") } });
    expect(await s.app.db.incident.count()).toBe(0);
    expect(await submit(USERS.wang, modal, { ...base, overShort: "short", amount: "20,000" })).toBeNull();
    const incident = await eventually(() => s.app.db.incident.findFirstOrThrow());
    expect(incident).toMatchObject({ overShort: "short", amountMinor: 2_000_000n, severity: "serious" });
    const text = blockText((await postedCard(incident.ref)).body.blocks);
    expect(text).toContain("¥20,000.00");
    expect(text).toContain(zh("labels:severity.serious"));
    expect(text).toContain(zh("labels:over_short.short"));
  });

  it("待查明 (not yet established) needs no amount and keeps the type's grade", async () => {
    const modal = await openModalWith(USERS.wang, "incident");
    expect(
      await submit(USERS.wang, modal, {
        type: "cash_discrepancy",
        description: "ATM 长短款待查",
        overShort: "unknown",
      }),
    ).toBeNull();
    const incident = await eventually(() => s.app.db.incident.findFirstOrThrow());
    expect(incident).toMatchObject({ amountMinor: null, severity: "major" });
  });

  it("a cash box counted above the cash limit fails and offers a 超限额 incident, pre-filled", async () => {
    const modal = await openModalWith(USERS.chen, "checklist opening");
    const answers: Record<string, string> = {};
    for (const b of modal.blocks) {
      if (b.type === "input" && b.element?.type === "radio_buttons" && b.block_id) answers[b.block_id] = "yes";
    }
    answers.cashbox_amount = "350,000.00";
    expect(await submit(USERS.chen, modal, answers)).toBeNull();
    const row = await eventually(() =>
      s.app.db.checklistItemResult.findFirstOrThrow({ where: { itemKey: "cashbox_amount" } }),
    );
    expect(row).toMatchObject({ status: "failed", amountMinor: 35_000_000n });
    const told = await s.waitFor("chat.postEphemeral");
    const report = buttons(told.body.blocks).find((b) => b.action_id === "incident.from_checklist");
    if (!report) throw new Error("no report-incident button on the result");
    await s.interact(buttonClick(s.slack, USERS.chen, { channel: LJZ, ts: "1700000000.000100" }, report));
    const form = modalOf(await s.waitFor("views.open", 2));
    expect(form.callback_id).toBe("incident");
    const initial = (id: string) =>
      form.blocks.find((b) => b.block_id === id)?.element as {
        initial_value?: string;
        initial_option?: { value: string };
      };
    expect(initial("type")?.initial_option?.value).toBe("cash_limit_exceeded");
    expect(initial("amount")?.initial_value).toBe("350000.00");
  });
});

describe("a complaint's cause analysis and preventive measures on Slack", () => {
  it("the follow-up modal asks for them; they are stored masked and shown on the card", async () => {
    const logged = await s.app.services.complaints.log(
      { staffId: s.ids.staff["wang.fang"] as string, platform: "slack" },
      {
        outletId: s.ids.outlets["SH-LJZ"] as string,
        category: "waiting_time",
        intakeChannel: "counter",
        customerRef: "李女士",
        description: "排队超过一小时",
        desiredOutcome: "道歉",
      },
    );
    if (!logged.ok) throw new Error("not logged");
    const decided = await s.app.services.complaints.decide(
      { staffId: s.ids.staff["chen.min"] as string, platform: "slack" },
      { complaintId: logged.complaintId, decision: "approve", comment: "" },
    );
    expect(decided.ok).toBe(true);
    const card = await postedCard(logged.ref);
    const ts = String(card.response?.ts);
    const update = s.slack.callsTo("chat.update").find((c) => c.body.ts === ts);
    const followUp = buttons(update?.body.blocks).find((b) => b.action_id === "complaint.follow_up");
    if (!followUp) throw new Error("no follow-up button on the resolved card");
    await s.interact(buttonClick(s.slack, USERS.wang, { channel: LJZ_SUP, ts }, followUp));
    const form = modalOf(await s.waitFor("views.open"));
    expect(form.callback_id).toBe("follow_up");
    const half = await submit(USERS.wang, form, { outcome: "satisfied", note: "客户满意" });
    expect(half).toEqual({
      response_action: "errors",
      errors: { causeAnalysis: zh("forms:errors.required"), preventiveMeasures: zh("forms:errors.required") },
    });
    const ok = await submit(USERS.wang, form, {
      outcome: "satisfied",
      note: "客户满意",
      causeAnalysis: "叫号机故障，客户电话 13812345678",
      preventiveMeasures: "开门前检查叫号机",
    });
    expect(ok).toBeNull();
    const row = await eventually(async () => {
      const c = await s.app.db.complaint.findUniqueOrThrow({ where: { id: logged.complaintId } });
      if (!c.causeAnalysis) throw new Error("not yet");
      return c;
    });
    expect(row.causeAnalysis).not.toContain("13812345678");
    expect(row.preventiveMeasures).toBe("开门前检查叫号机");
    await settle();
    await s.drain();
    const latest = s.slack
      .callsTo("chat.update")
      .filter((c) => c.body.ts === ts)
      .at(-1);
    const text = blockText(latest?.body.blocks);
    expect(text).toContain(zh("cards:complaint.cause_analysis"));
    expect(text).toContain("开门前检查叫号机");
    expect(JSON.stringify(latest?.body)).not.toContain("13812345678");
  });
});
