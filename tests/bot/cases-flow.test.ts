// Incidents and complaints through the core: forms, authorisation before anything opens,
// racing decisions, text-mode forms in a Slack DM, and Teams' form cards.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { InboundUser } from "../../src/bot/contract.js";
import { type BotWorld, botWorld, formOf, read } from "./setup.js";

let w: BotWorld;
beforeEach(async () => {
  w = await botWorld();
});
afterEach(async () => w.cleanup());

const COMPLAINT = {
  category: "waiting_time",
  intakeChannel: "counter",
  customerRef: "客户手机 13812345678",
  description: "排队超过一小时，客户卡号 6222020200112233445",
  desiredOutcome: "书面道歉",
};

async function logComplaint() {
  const form = formOf(await w.core.onCommand(w.slackUser("wang"), w.channel(), "投诉"));
  expect(form.formKey).toBe("complaint");
  const r = await w.core.onSubmit(w.slackUser("wang"), w.channel(), {
    formKey: "complaint",
    contextId: form.contextId,
    values: COMPLAINT,
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return { reply: r.replies[0], complaint: await w.db.complaint.findFirstOrThrow() };
}

describe("incidents", () => {
  it("a teller reports through the form; the supervisor acknowledges; a thread reply becomes a note", async () => {
    const form = formOf(await w.core.onCommand(w.slackUser("wang"), w.channel(), "incident"));
    const missing = await w.core.onSubmit(w.slackUser("wang"), w.channel(), {
      formKey: "incident",
      contextId: form.contextId,
      values: { type: "equipment", description: "ATM 2 吞卡" },
    });
    expect(missing.ok === false && Object.keys(missing.errors)).toEqual(["location"]);
    expect(await w.db.incident.count()).toBe(0);
    const ok = await w.core.onSubmit(w.slackUser("wang"), w.channel(), {
      formKey: "incident",
      contextId: form.contextId,
      values: { type: "equipment", description: "ATM 2 吞卡", location: "自助区" },
    });
    if (!ok.ok) throw new Error(JSON.stringify(ok.errors));
    const incident = await w.db.incident.findFirstOrThrow();
    expect(read(ok.replies[0])).toContain(incident.ref);
    expect([incident.type, incident.severity, incident.location, incident.reportedById]).toEqual([
      "equipment",
      "minor",
      "自助区",
      w.ids.staff["wang.fang"],
    ]);

    // the teller may not acknowledge; the supervisor may
    const teller = await w.core.onAction(w.slackUser("wang"), w.channel(), {
      action: "incident.acknowledge",
      value: incident.id,
    });
    expect(teller.replies[0]?.view).toMatchObject({ message: { key: "incidents:refusal.not_authorised" } });
    const chen = await w.core.onAction(w.slackUser("chen"), w.channel(), {
      action: "incident.acknowledge",
      value: incident.id,
    });
    expect(chen.replies[0]?.view).toMatchObject({
      message: { key: "bot:incident.acknowledged", vars: { ref: incident.ref } },
    });
    expect((await w.db.incident.findUniqueOrThrow({ where: { id: incident.id } })).status).toBe("acknowledged");

    // a reply in the incident card's thread is a timeline note
    await w.posted(`incident:${incident.id}`, "1700000001.000100", "C0DEMOLJZSUP");
    const thread = {
      platform: "slack" as const,
      channelId: "C0DEMOLJZSUP",
      isDirect: false,
      threadId: "1700000001.000100",
    };
    expect(await w.core.onText(w.slackUser("chen"), thread, "已联系厂商，下午维修")).toEqual([]);
    const events = await w.db.incidentEvent.findMany({ where: { incidentId: incident.id }, orderBy: { at: "asc" } });
    expect(events.map((e) => [e.kind, e.note])).toEqual([
      ["reported", null],
      ["acknowledged", null],
      ["updated", "已联系厂商，下午维修"],
    ]);
    // the update button opens the note form for handlers
    const note = formOf(
      await w.core.onAction(w.slackUser("chen"), w.channel(), { action: "incident.update", value: incident.id }),
    );
    expect(note.formKey).toBe("incident_note");
    const noted = await w.core.onSubmit(w.slackUser("chen"), w.channel(), {
      formKey: "incident_note",
      contextId: note.contextId,
      values: { note: "已修复" },
    });
    expect(noted.ok && noted.replies[0]?.view).toMatchObject({ message: { key: "bot:incident.note_added" } });
    expect(await w.db.incidentEvent.count({ where: { incidentId: incident.id, kind: "updated" } })).toBe(2);
  });

  it("a button about an unknown incident or an unknown action gets a polite text", async () => {
    const r = await w.core.onAction(w.slackUser("chen"), w.channel(), { action: "incident.resolve", value: "nope" });
    expect(r.replies[0]?.view).toMatchObject({ message: { key: "incidents:refusal.not_found" } });
    const u = await w.core.onAction(w.slackUser("chen"), w.channel(), { action: "dance.now", value: "" });
    expect(u.replies[0]?.view).toMatchObject({ message: { key: "bot:errors.unknown_action" } });
    const c = await w.core.onAction(w.slackUser("chen"), w.channel(), { action: "complaint.approve", value: "nope" });
    expect(c.replies[0]?.view).toMatchObject({ message: { key: "complaints:refusal.not_found" } });
  });
});

describe("complaints", () => {
  it("logged masked; a teller's approve is refused at once; the supervisor's decision wins over the manager's", async () => {
    const { reply, complaint } = await logComplaint();
    expect(read(reply)).toContain(complaint.ref);
    expect(complaint.customerRef).not.toContain("13812345678");
    expect(complaint.description).not.toContain("6222020200112233445");

    const before = await w.db.complaint.findUniqueOrThrow({ where: { id: complaint.id } });
    const teller = await w.core.onAction(w.slackUser("wang"), w.channel(), {
      action: "complaint.approve",
      value: complaint.id,
    });
    expect(teller.openForm).toBeUndefined();
    expect(teller.replies[0]?.visibility).toBe("ephemeral");
    expect(teller.replies[0]?.view).toMatchObject({ message: { key: "complaints:refusal.not_authorised" } });
    expect(await w.db.complaintDecision.count()).toBe(0);
    expect((await w.db.complaint.findUniqueOrThrow({ where: { id: complaint.id } })).version).toBe(before.version);
    expect(await w.db.formSession.count({ where: { formKey: "decision_comment" } })).toBe(0);

    // both the supervisor (step 1) and the manager (one above) open the decision form
    const chenForm = formOf(
      await w.core.onAction(w.slackUser("chen"), w.channel(), { action: "complaint.approve", value: complaint.id }),
    );
    const emilyForm = formOf(
      await w.core.onAction(w.slackUser("emily"), w.channel(), { action: "complaint.escalate", value: complaint.id }),
    );
    expect(emilyForm.fields.find((f) => f.name === "comment")?.required).toBe(true);
    const approved = await w.core.onSubmit(w.slackUser("chen"), w.channel(), {
      formKey: "decision_comment",
      contextId: chenForm.contextId,
      values: { comment: "已致歉并优化叫号" },
    });
    expect(approved.ok && approved.replies[0]?.view).toMatchObject({
      message: { key: "bot:complaint.approved", vars: { ref: complaint.ref } },
    });

    const late = await w.core.onSubmit(w.slackUser("emily"), w.channel(), {
      formKey: "decision_comment",
      contextId: emilyForm.contextId,
      values: { comment: "needs regional review" },
    });
    if (!late.ok) throw new Error("a refusal is a reply, not a field error");
    expect(late.replies[0]?.locale).toBe("en");
    expect(late.replies[0]?.view).toMatchObject({
      message: { key: "complaints:refusal.already_decided", vars: { name: "陈敏" } },
    });
    expect(read(late.replies[0])).toContain("陈敏");
    const decisions = await w.db.complaintDecision.findMany();
    expect(decisions.map((d) => [d.decision, d.decidedById, d.comment])).toEqual([
      ["approve", w.ids.staff["chen.min"], "已致歉并优化叫号"],
    ]);
    expect((await w.db.complaint.findUniqueOrThrow({ where: { id: complaint.id } })).status).toBe("resolved");

    // home: nothing waits for the supervisor any more
    expect((await w.core.home(w.slackUser("chen")))?.view.approvalsWaiting).toEqual([]);

    // follow-up, then close
    const fu = formOf(
      await w.core.onAction(w.slackUser("wang"), w.channel(), { action: "complaint.follow_up", value: complaint.id }),
    );
    const logged = await w.core.onSubmit(w.slackUser("wang"), w.channel(), {
      formKey: "follow_up",
      contextId: fu.contextId,
      values: {
        outcome: "satisfied",
        note: "客户表示满意",
        causeAnalysis: "叫号规则不清",
        preventiveMeasures: "张贴叫号说明",
      },
    });
    expect(logged.ok && logged.replies[0]?.view).toMatchObject({ message: { key: "bot:complaint.follow_up_logged" } });
    const closed = await w.core.onAction(w.slackUser("chen"), w.channel(), {
      action: "complaint.close",
      value: complaint.id,
    });
    expect(closed.replies[0]?.view).toMatchObject({ message: { key: "bot:complaint.closed" } });
    expect((await w.db.complaint.findUniqueOrThrow({ where: { id: complaint.id } })).status).toBe("closed");
  });

  it("a decision on a step that moved on after the form opened is refused", async () => {
    const { complaint } = await logComplaint();
    const stale = formOf(
      await w.core.onAction(w.slackUser("emily"), w.channel(), { action: "complaint.approve", value: complaint.id }),
    );
    const esc = formOf(
      await w.core.onAction(w.slackUser("chen"), w.channel(), { action: "complaint.escalate", value: complaint.id }),
    );
    const moved = await w.core.onSubmit(w.slackUser("chen"), w.channel(), {
      formKey: "decision_comment",
      contextId: esc.contextId,
      values: { comment: "需经理决定" },
    });
    expect(moved.ok).toBe(true);
    // step 2 belongs to the manager, but emily's form was opened on step 1
    const r = await w.core.onSubmit(w.slackUser("emily"), w.channel(), {
      formKey: "decision_comment",
      contextId: stale.contextId,
      values: {},
    });
    expect(r.ok && r.replies[0]?.view).toMatchObject({ message: { key: "complaints:refusal.already_decided" } });
    expect(await w.db.complaintDecision.count()).toBe(1);
    expect((await w.db.complaint.findUniqueOrThrow({ where: { id: complaint.id } })).currentStepNo).toBe(2);
  });

  it("'Raise as complaint' pre-fills the description, masked", async () => {
    const form = formOf(
      await w.core.onAction(w.slackUser("wang"), w.channel(), {
        action: "complaint.from_message",
        value: "客户 13812345678 投诉等候太久",
      }),
    );
    const description = form.fields.find((f) => f.name === "description")?.initial ?? "";
    expect(description).toContain("投诉等候太久");
    expect(description).not.toContain("13812345678");
  });
});

describe("forms in text", () => {
  it("a Slack DM runs the complaint form one question at a time", async () => {
    const dm = w.dm("wang");
    const ask = async (text: string) => {
      const r = await w.core.onText(w.slackUser("wang"), dm, text);
      expect(r).toHaveLength(1);
      return r[0];
    };
    const first = await ask("complaint");
    expect(first?.view).toMatchObject({ type: "text", message: { key: "forms:complaint.category" } });
    expect(first?.visibility).toBe("direct");
    await ask("2"); // waiting time
    const wrong = await ask("柜台"); // not an option: asked again, nothing lost
    expect(wrong?.view).toMatchObject({ message: { key: "forms:complaint.intake_channel" } });
    await ask("柜面");
    await ask("王先生");
    await ask("排队太久");
    const last = await ask("希望改进");
    expect(read(last)).toMatch(/CMP-SH-LJZ/);
    const c = await w.db.complaint.findFirstOrThrow();
    expect([c.category, c.intakeChannel, c.customerRef, c.description, c.desiredOutcome]).toEqual([
      "waiting_time",
      "counter",
      "王先生",
      "排队太久",
      "希望改进",
    ]);
  });

  it("in a Slack channel the bot offers a private button instead of collecting details in the thread", async () => {
    const r = await w.core.onText(w.slackUser("wang"), w.channel({ addressed: true, threadId: "1.1" }), "complaint");
    expect(r[0]?.visibility).toBe("ephemeral");
    expect(r[0]?.view).toMatchObject({
      message: { key: "bot:form.open_hint" },
      actions: [{ action: "complaint.new", value: `outlet:${w.ids.outlets["SH-LJZ"]}` }],
    });
    expect(await w.db.formSession.count()).toBe(0);
  });

  it("on Teams a command in chat answers with the form as a card, submitted like a modal", async () => {
    const david: InboundUser = { platform: "teams", externalIds: ["29:demo-david-sun"] };
    const conv = { platform: "teams" as const, channelId: "a:personal-david", isDirect: true };
    const r = await w.core.onText(david, conv, "incident");
    const form = r[0]?.view;
    if (form?.type !== "form") throw new Error("expected a form card");
    expect(r[0]?.locale).toBe("en");
    const done = await w.core.onSubmit(david, conv, {
      formKey: "incident",
      contextId: form.contextId,
      values: { type: "system", description: "Core banking down" },
    });
    expect(done.ok).toBe(true);
    const incident = await w.db.incident.findFirstOrThrow();
    expect([incident.outletId, incident.severity]).toEqual([w.ids.outlets["SH-XJH"], "major"]);
    const audit = await w.db.auditEvent.findFirstOrThrow({ where: { action: "incident.reported" } });
    expect([audit.actorLabel, audit.platform]).toEqual(["David Sun", "teams"]);
  });
});
