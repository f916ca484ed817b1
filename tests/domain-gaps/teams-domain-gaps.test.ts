// The incident and complaint domain gaps on Teams, through Bot Framework activities to the real
// app: police called (是否报警), over/short with the amount required only for over or short and
// the grade the amount gives, the cash box above the cash limit drafting 超限额, and the
// complaint follow-up card with the cause analysis and preventive measures.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { i18n } from "../helpers/db.js";
import { CHEN, DAVID, execute, message, PERSONAL, submitForm } from "../teams/app-activities.js";
import {
  buttonData,
  type Card,
  cardOf,
  cardText,
  invokeCard,
  startTeamsApp,
  type TeamsApp,
} from "../teams/app-harness.js";

const zh = (key: string, vars?: Record<string, unknown>) => i18n.t("zh-CN", key, vars);

let h: TeamsApp;
beforeEach(async () => {
  h = await startTeamsApp();
});
afterEach(async () => {
  await h.stop();
});

/** chen types a command in his personal chat; the card that comes back and its message id. */
async function cardFor(text: string): Promise<{ card: Card; id: string }> {
  h.connector.reset();
  await h.post(message(h.connector.url, CHEN, PERSONAL, text));
  const [call] = await h.connector.waitFor(1);
  return { card: cardOf(call!.body), id: call!.returnedId! };
}

const submitIncident = (form: { card: Card; id: string }, inputs: Record<string, string>) =>
  h.post(submitForm(h.connector.url, CHEN, PERSONAL, buttonData(form.card, "form.submit"), inputs, form.id));

describe("incidents on Teams", () => {
  it("a security incident's card asks police called (是否报警); the answer is stored and shown", async () => {
    const form = await cardFor("incident SH-LJZ");
    expect(form.card.body.find((b) => b.id === "policeCalled")).toBeTruthy();
    const res = await submitIncident(form, {
      type: "security",
      description: "可疑人员破坏自助设备",
      location: "自助区",
      policeCalled: "no",
    });
    expect(res.status).toBe(200);
    const incident = await h.app.db.incident.findFirstOrThrow();
    expect(incident).toMatchObject({ type: "security", policeCalled: false });
    h.connector.reset();
    await h.drain();
    const posted = h.connector.calls.find(
      (c) => c.method === "POST" && cardText(cardOf(c.body)).includes(incident.ref),
    );
    const text = cardText(cardOf(posted!.body));
    expect(text).toContain(zh("incidents:fields.policeCalled"));
    expect(text).toContain(zh("labels:yes_no.no"));
  });

  it("长款 without an amount comes back on the card; with ¥150,000 it is 特别重大", async () => {
    const form = await cardFor("incident SH-LJZ");
    const amount = form.card.body.find((b) => b.id === "amount") as { isRequired?: boolean } | undefined;
    expect(amount?.isRequired).toBeFalsy(); // required only for over or short: the server decides
    expect(cardText(form.card)).toContain(
      zh("cards:form.required_if", {
        field: zh("forms:incident.over_short"),
        values: [zh("labels:over_short.over"), zh("labels:over_short.short")].join(zh("cards:common.list_sep")),
      }),
    );
    const base = { type: "cash_discrepancy", description: "日终长款", overShort: "over" };
    const bad = invokeCard((await submitIncident(form, base)).body);
    expect(cardText(bad)).toContain(zh("cards:form.has_errors"));
    expect(cardText(bad)).toContain(zh("forms:errors.required"));
    expect(await h.app.db.incident.count()).toBe(0);
    const again = { card: bad, id: form.id };
    expect((await submitIncident(again, { ...base, amount: "150000" })).status).toBe(200);
    const incident = await h.app.db.incident.findFirstOrThrow();
    expect(incident).toMatchObject({ overShort: "over", amountMinor: 15_000_000n, severity: "critical" });
  });

  it("a cash box counted above the limit fails and drafts a 超限额 incident with the amount", async () => {
    await h.app.runtime.scheduler.runOnce(h.clock.now()); // today's opening checklist is due
    const form = await cardFor("checklist opening SH-LJZ");
    const res = await h.post(
      submitForm(
        h.connector.url,
        CHEN,
        PERSONAL,
        buttonData(form.card, "form.submit"),
        { cashbox_amount: "320000" },
        form.id,
      ),
    );
    expect(res.status).toBe(200);
    const row = await h.app.db.checklistItemResult.findFirstOrThrow({ where: { itemKey: "cashbox_amount" } });
    expect(row).toMatchObject({ status: "failed", amountMinor: 32_000_000n });
    // the result offers the incident: its button opens the form pre-filled as 超限额
    const cards = [
      invokeCard(res.body),
      ...h.connector.calls.filter((c) => Array.isArray(c.body.attachments)).map((c) => cardOf(c.body)),
    ];
    const withButton = cards.find((c) => (c.actions ?? []).some((a) => a.verb === "incident.from_checklist"));
    if (!withButton) throw new Error("no report-incident button after the failed item");
    h.connector.reset();
    const open = await h.post(
      execute(h.connector.url, CHEN, PERSONAL, buttonData(withButton, "incident.from_checklist"), form.id),
    );
    expect(open.status).toBe(200);
    // the incident form arrives as a new card in the chat
    const [posted] = await h.connector.waitFor(1);
    const incidentForm = cardOf(posted!.body);
    expect(incidentForm.body.find((b) => b.id === "type")).toMatchObject({ value: "cash_limit_exceeded" });
    expect(incidentForm.body.find((b) => b.id === "amount")).toMatchObject({ value: "320000.00" });
  });
});

describe("a complaint's cause analysis and preventive measures on Teams", () => {
  it("the follow-up card asks for them; they are stored and the complaint card shows them", async () => {
    const liu = await h.app.db.staff.findUniqueOrThrow({ where: { code: "liu.yang" } });
    const david = await h.app.db.staff.findUniqueOrThrow({ where: { code: "david.sun" } });
    const logged = await h.app.services.complaints.log(
      { staffId: liu.id, platform: "teams" },
      {
        outletId: h.ids.outlets["SH-XJH"] as string,
        category: "fees",
        intakeChannel: "hotline",
        customerRef: "王先生",
        description: "对年费有异议",
        desiredOutcome: "退还年费",
      },
    );
    if (!logged.ok) throw new Error("not logged");
    const decided = await h.app.services.complaints.decide(
      { staffId: david.id, platform: "teams" },
      { complaintId: logged.complaintId, decision: "approve", comment: "" },
    );
    expect(decided.ok).toBe(true);
    await h.post(message(h.connector.url, DAVID, PERSONAL, "help"));
    h.connector.reset();
    await h.drain();
    // the live card, as its automatic refresh shows it to david: resolved, with Follow-up
    const view = await h.app.services.complaints.view(logged.complaintId);
    expect(view?.actions.map((a) => a.action)).toEqual(["complaint.follow_up"]);
    const open = await h.post(
      execute(
        h.connector.url,
        DAVID,
        PERSONAL,
        { action: "complaint.follow_up", value: logged.complaintId, card: `complaint:${logged.complaintId}` },
        "msg-1",
      ),
    );
    const form = invokeCard(open.body);
    const ids = form.body.map((b) => b.id).filter(Boolean);
    expect(ids).toEqual(expect.arrayContaining(["outcome", "note", "causeAnalysis", "preventiveMeasures"]));
    expect(form.body.find((b) => b.id === "causeAnalysis")).toMatchObject({ isRequired: true });
    const res = await h.post(
      submitForm(
        h.connector.url,
        DAVID,
        PERSONAL,
        buttonData(form, "form.submit"),
        {
          outcome: "satisfied",
          note: "已退还年费",
          causeAnalysis: "年费减免政策未告知客户",
          preventiveMeasures: "办卡时告知年费政策",
        },
        "msg-1",
      ),
    );
    expect(res.status).toBe(200);
    const row = await h.app.db.complaint.findUniqueOrThrow({ where: { id: logged.complaintId } });
    expect(row).toMatchObject({ causeAnalysis: "年费减免政策未告知客户", preventiveMeasures: "办卡时告知年费政策" });
    const card = cardText(invokeCard(res.body));
    expect(card).toContain(i18n.t("en", "cards:complaint.cause_analysis"));
    expect(card).toContain("办卡时告知年费政策");
  });
});
