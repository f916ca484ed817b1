// A bank's own role deciding a complaint step, changed only in the playbook. Both runs use
// the same org file, where li.jun is lobby and 会计主管 (accounting_lead) at SH-LJZ. The
// playbook declares accounting_lead; without a rank it decides nothing, and with rank 1 (the
// rank of step 1's supervisor) its holder may approve step 1 — on Slack and on Teams.
import { afterEach, describe, expect, it } from "vitest";
import { i18n } from "../helpers/db.js";
import { eventually, type SlackApp, settle, startSlackApp } from "../slack/app-harness.js";
import { blockText, buttonClick, buttons, LJZ_SUP, modalOf, submission, USERS } from "../slack/app-payloads.js";
import { CHEN, conversationUpdate, execute, inChannel, LJZ_CHANNEL, submitForm } from "../teams/app-activities.js";
import {
  buttonData,
  cardOf,
  cardText,
  invokeCard,
  invokeMessage,
  startTeamsApp,
  type TeamsApp,
} from "../teams/app-harness.js";
import { LI, orgFile, playbookFile, staffOf } from "./world.js";

/** The playbook with accounting_lead declared, ranked (a decider) or not. */
const withAccountingLead = (rank?: number) =>
  playbookFile((pb) => {
    pb.roles.push({
      key: "accounting_lead",
      label: "playbook:roles.accounting_lead",
      scope: "outlet",
      ...(rank ? { rank } : {}),
    });
  });

const org = () =>
  orgFile((o) => {
    staffOf(o, "li.jun").roles = { "SH-LJZ": ["lobby", "accounting_lead"] };
  });

type Started = { app: SlackApp["app"]; ids: SlackApp["ids"]; drain: () => Promise<unknown> };

/** wang.fang logs a complaint at SH-LJZ; its card goes out. */
async function loggedComplaint(a: Started, platform: "slack" | "teams") {
  const logged = await a.app.services.complaints.log(
    { staffId: a.ids.staff["wang.fang"]!, platform },
    {
      outletId: a.ids.outlets["SH-LJZ"]!,
      category: "waiting_time",
      intakeChannel: "counter",
      customerRef: "13812345678",
      description: "客户排队超过一小时",
      desiredOutcome: "希望改进叫号",
    },
  );
  if (!logged.ok) throw new Error("the complaint was not logged");
  await a.drain();
  return logged;
}

const decisions = (a: Started) => a.app.db.complaintDecision.findMany();

describe("deciding complaint step 1 on Slack as accounting_lead", () => {
  let s: SlackApp;
  afterEach(async () => {
    await s.stop();
  });

  async function liClicksApprove() {
    const { ref } = await loggedComplaint(s, "slack");
    const card = s.slack
      .callsTo("chat.postMessage")
      .find((c) => c.body.channel === LJZ_SUP && blockText(c.body.blocks).includes(ref));
    const approve = buttons(card?.body.blocks).find((b) => b.action_id === "complaint.approve");
    if (!card?.response?.ts || !approve) throw new Error("no complaint card with Approve");
    await s.interact(buttonClick(s.slack, USERS.li, { channel: LJZ_SUP, ts: String(card.response.ts) }, approve));
    return ref;
  }

  it("unranked: refused, nothing decided", async () => {
    s = await startSlackApp(undefined, { orgFile: org(), playbookFile: withAccountingLead() });
    const ref = await liClicksApprove();
    const answer = await eventually(() => {
      const r = s.slack.responses.at(-1);
      if (!r) throw new Error("no ephemeral answer yet");
      return r.body;
    });
    expect(answer.text).toBe(i18n.t("zh-CN", "complaints:refusal.not_authorised", { ref, stepNo: 1 }));
    await settle();
    expect(s.slack.callsTo("views.open")).toHaveLength(0);
    expect(await decisions(s)).toEqual([]);
  });

  it("rank 1: the decision form opens and the approval is recorded as li.jun's", async () => {
    s = await startSlackApp(undefined, { orgFile: org(), playbookFile: withAccountingLead(1) });
    await liClicksApprove();
    const form = modalOf(await s.waitFor("views.open"));
    expect(form.callback_id).toBe("decision_comment");
    expect(await (await s.interact(submission(USERS.li, form, { comment: "已核对" }))).text()).toBe("");
    expect(await decisions(s)).toMatchObject([
      { decision: "approve", decidedById: s.ids.staff["li.jun"], platform: "slack" },
    ]);
  });
});

describe("deciding complaint step 1 on Teams as accounting_lead", () => {
  let h: TeamsApp;
  afterEach(async () => {
    await h.stop();
  });

  /** The bot is in SH-LJZ's channel, where the complaint card lands; li clicks Approve on it. */
  async function liClicksApprove() {
    await h.post(conversationUpdate(h.connector.url, CHEN, inChannel(LJZ_CHANNEL)));
    const { ref } = await loggedComplaint(h, "teams");
    const post = h.connector.calls.find((c) => c.method === "POST" && cardText(cardOf(c.body)).includes(ref));
    if (!post?.returnedId) throw new Error("the complaint card was not posted");
    const data = buttonData(cardOf(post.body), "complaint.approve");
    const res = await h.post(execute(h.connector.url, LI, inChannel(LJZ_CHANNEL), data, post.returnedId));
    expect(res.status).toBe(200);
    return { ref, res, id: post.returnedId };
  }

  it("unranked: refused, nothing decided", async () => {
    h = await startTeamsApp({ orgFile: org(), playbookFile: withAccountingLead() });
    const { ref, res } = await liClicksApprove();
    expect(invokeMessage(res.body)).toBe(i18n.t("zh-CN", "complaints:refusal.not_authorised", { ref, stepNo: 1 }));
    expect(await decisions(h)).toEqual([]);
  });

  it("rank 1: the decision form replaces the card and the approval is recorded as li.jun's", async () => {
    h = await startTeamsApp({ orgFile: org(), playbookFile: withAccountingLead(1) });
    const { res, id } = await liClicksApprove();
    const form = invokeCard(res.body);
    const submit = buttonData(form, "form.submit");
    const done = await h.post(
      submitForm(h.connector.url, LI, inChannel(LJZ_CHANNEL), submit, { comment: "已核对" }, id),
    );
    expect(done.status).toBe(200);
    expect(await decisions(h)).toMatchObject([
      { decision: "approve", decidedById: h.ids.staff["li.jun"], platform: "teams" },
    ]);
  });
});
