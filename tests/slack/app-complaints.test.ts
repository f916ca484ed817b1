// A complaint on Slack through the real app: logged with the modal, its card posted where the
// supervisors see it, Approve/Escalate clicked by people who may and may not decide, the
// decision form, the decision in the card's thread and the card edited in place, App Home.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { formatDateTime } from "../../src/views/format.js";
import { i18n } from "../helpers/db.js";
import type { FakeCall } from "../helpers/fake-slack.js";
import { eventually, type SlackApp, settle, startSlackApp } from "./app-harness.js";
import {
  blockText,
  buttonClick,
  buttons,
  command,
  envelope,
  homeOpened,
  LJZ_SUP,
  modalOf,
  submission,
  USERS,
} from "./app-payloads.js";
import { visibleText } from "./visible-text.js";

const zh = (key: string, vars?: Record<string, unknown>) => i18n.t("zh-CN", key, vars);

let s: SlackApp;
beforeEach(async () => {
  s = await startSlackApp();
});
afterEach(async () => {
  await s.stop();
});

/** wang.fang logs a complaint with the modal; the outbox posts its card. */
async function loggedComplaint() {
  await s.command(command(s.slack, USERS.wang, "complaint"));
  const modal = modalOf(await s.waitFor("views.open"));
  expect(modal.callback_id).toBe("complaint");
  const res = await s.interact(
    submission(USERS.wang, modal, {
      category: "waiting_time",
      intakeChannel: "counter",
      customerRef: "6222021234567890123",
      description: "客户反映等候超过一小时，叫号机多次跳号",
      desiredOutcome: "希望支行道歉并改进叫号管理",
    }),
  );
  expect(await res.text()).toBe("");
  const complaint = await eventually(() => s.app.db.complaint.findFirstOrThrow());
  await s.drain();
  const card = s.slack
    .callsTo("chat.postMessage")
    .find((c) => c.body.channel === LJZ_SUP && blockText(c.body.blocks).includes(complaint.ref));
  if (!card?.response?.ts) throw new Error("the complaint card was not posted to the supervisors' channel");
  return { complaint, card, ts: String(card.response.ts) };
}

const click = (user: string, card: FakeCall, ts: string, action: string) => {
  const b = buttons(card.body.blocks).find((x) => x.action_id === action);
  if (!b) throw new Error(`no ${action} on the card`);
  return buttonClick(s.slack, user, { channel: LJZ_SUP, ts }, b);
};

const lastResponse = () =>
  eventually(() => {
    const r = s.slack.responses.at(-1);
    if (!r) throw new Error("no ephemeral answer yet");
    return r.body;
  });

describe("a complaint on Slack", () => {
  it("is posted to the supervisors' channel, masked, with the decision buttons", async () => {
    const { complaint, card } = await loggedComplaint();
    expect(complaint.customerRef).not.toContain("6222021234567890123");
    expect(JSON.stringify(card.body)).not.toContain("6222021234567890123");
    expect(buttons(card.body.blocks).map((b) => b.action_id)).toEqual(
      expect.arrayContaining(["complaint.approve", "complaint.request_changes", "complaint.escalate"]),
    );
    expect(String(card.body.text)).toContain(`<@${USERS.chen}>`);
  });

  it("Approve by a teller is refused privately and nothing changes", async () => {
    const { complaint, card, ts } = await loggedComplaint();
    const auditBefore = await s.app.db.auditEvent.count();
    await s.interact(click(USERS.wang, card, ts, "complaint.approve"));
    const answer = await lastResponse();
    expect(answer).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(answer.text).toBe(i18n.t("zh-CN", "complaints:refusal.not_authorised", { ref: complaint.ref, stepNo: 1 }));
    await settle();
    expect(s.slack.callsTo("views.open")).toHaveLength(1); // only the complaint form itself
    expect(await s.app.db.complaintDecision.count()).toBe(0);
    expect(await s.app.db.complaint.findUniqueOrThrow({ where: { id: complaint.id } })).toMatchObject({
      status: "open",
      currentStepNo: 1,
    });
    expect(await s.app.db.auditEvent.count()).toBe(auditBefore);
  });

  it("Escalate by the supervisor: the decision form, a decision row, the thread reply and the card updated", async () => {
    const { complaint, card, ts } = await loggedComplaint();
    const c1 = click(USERS.chen, card, ts, "complaint.escalate");
    await s.interact(c1);
    const open = await s.waitFor("views.open", 2);
    expect(open.body.trigger_id).toBe(c1.trigger_id);
    const form = modalOf(open);
    expect(form.callback_id).toBe("decision_comment");

    // a comment is required to escalate: the error comes back on its block, in Chinese
    const empty = await s.interact(submission(USERS.chen, form, {}));
    expect(await empty.json()).toEqual({
      response_action: "errors",
      errors: { comment: i18n.t("zh-CN", "forms:errors.required") },
    });
    expect(await s.app.db.complaintDecision.count()).toBe(0);

    const ok = await s.interact(submission(USERS.chen, form, { comment: "涉及系统故障，请网点负责人协调科技部门" }));
    expect(await ok.text()).toBe("");
    const decision = await s.app.db.complaintDecision.findFirstOrThrow();
    expect(decision).toMatchObject({
      complaintId: complaint.id,
      decision: "escalate",
      decidedById: s.ids.staff["chen.min"],
      platform: "slack",
    });
    const after = await s.app.db.complaint.findUniqueOrThrow({ where: { id: complaint.id } });
    expect(after.currentStepNo).toBe(2);

    const postsBefore = s.slack.callsTo("chat.postMessage").length;
    await s.drain();
    const reply = s.slack
      .callsTo("chat.postMessage")
      .slice(postsBefore)
      .find((c) => c.body.thread_ts === ts);
    expect(reply?.body.channel).toBe(LJZ_SUP);
    expect(blockText(reply?.body.blocks)).toContain("涉及系统故障");
    const update = s.slack.callsTo("chat.update").find((c) => c.body.ts === ts);
    expect(update?.body.channel).toBe(LJZ_SUP);
    // the card now reads step 2, owned by the branch manager, with the new step's deadline
    const step = zh("labels:step", { no: 2, role: "labels:role.manager" });
    expect(step).toBe("第2级 · 网点负责人");
    const card2 = visibleText(update?.body.blocks);
    expect(card2[0]).toBe(
      zh("cards:complaint.title", { ref: complaint.ref, category: zh("playbook:complaints.categories.waiting_time") }),
    );
    expect(card2[1]).toBe(`${step}${zh("cards:common.sep")}${zh("labels:complaint_status.open")}`);
    const step2 = await s.app.db.complaintStep.findFirstOrThrow({ where: { complaintId: complaint.id, stepNo: 2 } });
    const due = formatDateTime(step2.dueAt.toISOString(), "Asia/Shanghai", "zh-CN");
    expect(card2).toContain(zh("cards:complaint.due_by", { time: due }));
    expect(blockText(card.body.blocks)).not.toContain(step);
  });

  it("Approve after the complaint was decided gets a polite explanation, nothing recorded", async () => {
    const { complaint, card, ts } = await loggedComplaint();
    await s.interact(click(USERS.chen, card, ts, "complaint.approve"));
    const form = modalOf(await s.waitFor("views.open", 2));
    expect(await (await s.interact(submission(USERS.chen, form, {}))).text()).toBe("");
    expect(await s.app.db.complaintDecision.count()).toBe(1);
    expect((await s.app.db.complaint.findUniqueOrThrow({ where: { id: complaint.id } })).status).toBe("resolved");

    // the old card's button, clicked again
    await s.interact(click(USERS.emily, card, ts, "complaint.approve"));
    const answer = await lastResponse();
    expect(answer.text).toBe(i18n.t("en", "complaints:refusal.not_open", { ref: complaint.ref }));
    expect(answer.text).not.toMatch(/error|exception|stack/i);
    await settle();
    expect(await s.app.db.complaintDecision.count()).toBe(1);
    expect(s.slack.callsTo("views.open")).toHaveLength(2);
  });

  it("App Home shows the supervisor the approval waiting", async () => {
    const { complaint } = await loggedComplaint();
    await s.app.runtime.scheduler.runOnce(s.clock.now());
    const res = await s.event(envelope(homeOpened(USERS.chen)));
    expect(res.status).toBe(200);
    const publish = await s.waitFor("views.publish");
    expect(publish.body.user_id).toBe(USERS.chen);
    const view = publish.body.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe("home");
    const text = visibleText(view.blocks);
    expect(text[0]).toBe(zh("cards:home.title", { name: "陈敏" }));
    expect(text).toContainEqual(expect.stringContaining(zh("playbook:tasks.opening.title")));
    // the approval is listed under "waiting for my decision", with its step and when it is due
    const approvals = text.slice(text.indexOf(zh("cards:home.approvals")) + 1);
    const step1 = await s.app.db.complaintStep.findFirstOrThrow({ where: { complaintId: complaint.id, stepNo: 1 } });
    const due = zh("cards:home.due", { time: formatDateTime(step1.dueAt.toISOString(), "Asia/Shanghai", "zh-CN") });
    const sep = zh("cards:common.sep");
    expect(approvals).toContain(
      `• ${[complaint.ref, zh("labels:step", { no: 1, role: "labels:role.supervisor" }), due].join(sep)}`,
    );
  });
});
