// Incidents and complaints on Teams through the real app: the incident form card, a
// complaint approved with Action.Execute by an authorised supervisor (the decision form takes
// the card's place for him, then the refreshed card), refused for someone else, and clicks on
// a decided card explained. Replies and invoke responses are checked as Teams renders them.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { i18n } from "../helpers/db.js";
import {
  CHEN,
  conversationUpdate,
  DAVID,
  execute,
  inChannel,
  message,
  PERSONAL,
  personalChatOf,
  submitForm,
  type TeamsUser,
  XJH_CHANNEL,
} from "./app-activities.js";
import {
  buttonData,
  type Card,
  cardOf,
  cardText,
  invokeCard,
  invokeMessage,
  startTeamsApp,
  type TeamsApp,
} from "./app-harness.js";

let h: TeamsApp;
beforeEach(async () => {
  h = await startTeamsApp();
});
afterEach(async () => {
  await h.stop();
});

/**
 * The card that shows `text` and reaches `who`: in the outlet's channel once the bot is in it
 * (mentioning them), else in their personal chat — never both, a new case reaches a person once.
 */
function cardInChat(who: TeamsUser, text: string): { card: Card; id: string } {
  const posts = h.connector.calls.filter(
    (c) => c.method === "POST" && !c.activityId && cardText(cardOf(c.body)).includes(text),
  );
  const personal = posts.filter((c) => c.conversationId === personalChatOf(who));
  const channel = posts.filter((c) => c.conversationId.startsWith("19:"));
  expect(personal.length > 0 && channel.length > 0, `${who.name} got "${text}" twice`).toBe(false);
  const call = [...personal, ...channel].at(-1);
  if (!call?.returnedId) throw new Error(`no card with "${text}" for ${who.name}`);
  return { card: cardOf(call.body), id: call.returnedId };
}

describe("an incident from Teams", () => {
  it("the incident form card creates an Incident; Acknowledge on its card refreshes it", async () => {
    await h.post(message(h.connector.url, CHEN, PERSONAL, "incident SH-LJZ"));
    const [call] = await h.connector.waitFor(1);
    const form = cardOf(call!.body);
    expect(form.body.find((b) => b.id === "type")).toMatchObject({ type: "Input.ChoiceSet", isRequired: true });
    const submit = buttonData(form, "form.submit");
    const res = await h.post(
      submitForm(
        h.connector.url,
        CHEN,
        PERSONAL,
        submit,
        { type: "system", description: "核心系统 9 点起无法登录" },
        call!.returnedId!,
      ),
    );
    expect(res.status).toBe(200);
    const incident = await h.app.db.incident.findFirstOrThrow();
    expect(incident).toMatchObject({ type: "system", status: "open", description: "核心系统 9 点起无法登录" });
    expect(cardText(invokeCard(res.body))).toContain(incident.ref);

    // the incident card reaches chen (supervisor at SH-LJZ) in his personal chat
    h.connector.reset();
    await h.drain();
    const { card, id } = cardInChat(CHEN, incident.ref);
    const ack = await h.post(execute(h.connector.url, CHEN, PERSONAL, buttonData(card, "incident.acknowledge"), id));
    const refreshed = invokeCard(ack.body);
    expect(cardText(refreshed)).toContain(i18n.t("zh-CN", "labels:incident_status.acknowledged"));
    expect((refreshed.actions ?? []).map((a) => a.verb)).not.toContain("incident.acknowledge");
    expect(await h.app.db.incidentEvent.count({ where: { incidentId: incident.id, kind: "acknowledged" } })).toBe(1);
  });
});

describe("a complaint approved from Teams", () => {
  /** liu.yang logs a complaint at SH-XJH; the card reaches david.sun (its supervisor) on Teams. */
  async function complaintForDavid() {
    await h.post(conversationUpdate(h.connector.url, DAVID, inChannel(XJH_CHANNEL)));
    await h.post(message(h.connector.url, DAVID, PERSONAL, "help"));
    const liu = await h.app.db.staff.findUniqueOrThrow({ where: { code: "liu.yang" } });
    const logged = await h.app.services.complaints.log(
      { staffId: liu.id, platform: "slack" },
      {
        outletId: h.ids.outlets["SH-XJH"]!,
        category: "waiting_time",
        intakeChannel: "counter",
        customerRef: "13812345678",
        description: "客户排队超过一小时",
        desiredOutcome: "希望改进叫号",
      },
    );
    if (!logged.ok) throw new Error("the complaint was not logged");
    h.connector.reset();
    await h.drain();
    return { ...cardInChat(DAVID, logged.ref), complaintId: logged.complaintId, ref: logged.ref };
  }

  it("by the step's supervisor: the decision form replaces the card for him, then the decided card", async () => {
    const { card, id, complaintId, ref } = await complaintForDavid();
    expect(cardText(card)).not.toContain("13812345678"); // masked before it was stored
    const approve = await h.post(execute(h.connector.url, DAVID, PERSONAL, buttonData(card, "complaint.approve"), id));
    expect(approve.status).toBe(200);
    const form = invokeCard(approve.body);
    expect(form.body.find((b) => b.id === "comment")).toMatchObject({ type: "Input.Text", isRequired: false });
    expect(await h.app.db.complaintDecision.count()).toBe(0);

    const res = await h.post(
      submitForm(h.connector.url, DAVID, PERSONAL, buttonData(form, "form.submit"), { comment: "已致电客户道歉" }, id),
    );
    const decided = invokeCard(res.body);
    expect(cardText(decided)).toContain(ref);
    expect(cardText(decided)).toContain(i18n.t("en", "labels:complaint_status.resolved"));
    expect((decided.actions ?? []).map((a) => a.verb)).not.toContain("complaint.approve");
    const decision = await h.app.db.complaintDecision.findFirstOrThrow({ where: { complaintId } });
    const david = await h.app.db.staff.findUniqueOrThrow({ where: { code: "david.sun" } });
    expect(decision).toMatchObject({
      decision: "approve",
      platform: "teams",
      decidedById: david.id,
      comment: "已致电客户道歉",
    });

    // the thread and the posted card follow through the outbox: a reply and an edit in place
    h.connector.reset();
    await h.drain();
    const toChannel = h.connector.calls.filter((c) => c.conversationId.startsWith(XJH_CHANNEL));
    expect(toChannel.some((c) => c.method === "PUT")).toBe(true);
    expect(toChannel.some((c) => c.method === "POST" && c.conversationId.includes(";messageid="))).toBe(true);

    // a click on the old card now: explained, never a crash, nothing changes
    const late = await h.post(execute(h.connector.url, DAVID, PERSONAL, buttonData(card, "complaint.approve"), id));
    expect(late.status).toBe(200);
    expect(invokeMessage(late.body)).toBe(i18n.t("en", "complaints:refusal.not_open", { ref }));
    // and the decision form sent twice saves once
    const again = await h.post(
      submitForm(h.connector.url, DAVID, PERSONAL, buttonData(form, "form.submit"), { comment: "再次" }, id),
    );
    expect(again.status).toBe(200);
    expect(await h.app.db.complaintDecision.count()).toBe(1);
  });

  it("by someone who may not decide: told why, and nothing changes", async () => {
    const { card, id, complaintId, ref } = await complaintForDavid();
    const forms = await h.app.db.formSession.count();
    // chen is only a teller at SH-XJH
    const res = await h.post(execute(h.connector.url, CHEN, PERSONAL, buttonData(card, "complaint.approve"), id));
    expect(res.status).toBe(200);
    expect(invokeMessage(res.body)).toBe(i18n.t("zh-CN", "complaints:refusal.not_authorised", { ref, stepNo: 1 }));
    expect(await h.app.db.complaintDecision.count()).toBe(0);
    expect(await h.app.db.formSession.count()).toBe(forms);
    expect((await h.app.db.complaint.findUniqueOrThrow({ where: { id: complaintId } })).status).toBe("open");
  });

  it("the card's automatic refresh shows the live state to the people who may act", async () => {
    const { card, id, complaintId } = await complaintForDavid();
    const refresh = (card.refresh as { action: { data: Record<string, unknown> }; userIds: string[] }) ?? null;
    expect(refresh?.userIds).toContain(DAVID.id);
    const before = await h.post(execute(h.connector.url, DAVID, PERSONAL, refresh.action.data, id, "automatic"));
    expect((invokeCard(before.body).actions ?? []).map((a) => a.verb)).toContain("complaint.approve");
    const david = await h.app.db.staff.findUniqueOrThrow({ where: { code: "david.sun" } });
    const step = await h.app.db.complaintStep.findFirstOrThrow({ where: { complaintId, endedAt: null } });
    const decided = await h.app.services.complaints.decide(
      { staffId: david.id, platform: "slack" },
      { complaintId, decision: "approve", comment: "", expectedStepId: step.id },
    );
    expect(decided.ok).toBe(true);
    const after = await h.post(execute(h.connector.url, DAVID, PERSONAL, refresh.action.data, id, "automatic"));
    const live = invokeCard(after.body);
    expect(cardText(live)).toContain(i18n.t("en", "labels:complaint_status.resolved"));
    expect((live.actions ?? []).map((a) => a.verb)).not.toContain("complaint.approve");
  });
});
