// 反洗钱 (AML) through the real edges: the default playbook's daily screening (大额/可疑交易甄别)
// is reminded at 16:00; a suspicious transaction found on it fails the item and offers the
// aml_suspicious incident pre-filled; the incident (amount required) goes to the supervisors'
// channel and to the supervisor and manager only, never the tellers: on Slack and on Teams,
// asserting the words people read in Chinese (chen.min, the outlet) and English (emily.zhou).
import { afterEach, describe, expect, it } from "vitest";
import { i18n } from "../helpers/db.js";
import { EMILY, orgFile, WANG } from "../permissions/world.js";
import { eventually, openModalWith, type SlackApp, startSlackApp } from "../slack/app-harness.js";
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
import {
  CHEN,
  execute,
  message,
  PERSONAL,
  personalChatOf,
  submitForm,
  type TeamsUser,
} from "../teams/app-activities.js";
import {
  buttonData,
  type Card,
  cardOf,
  cardText,
  invokeCard,
  startTeamsApp,
  type TeamsApp,
} from "../teams/app-harness.js";

// Monday 23 November 2026, 16:00 in Shanghai: the screening is due
const MONDAY_1600 = "2026-11-23T08:00:00Z";
const zh = (key: string) => i18n.t("zh-CN", key);
const en = (key: string) => i18n.t("en", key);

const FOUND = {
  large_value_reviewed: "yes",
  suspicious_found: "found",
  suspicious_reviewed: "yes",
  reports_submitted: "yes",
};

describe("AML screening on Slack", () => {
  let s: SlackApp;
  afterEach(async () => {
    await s.stop();
  });

  async function submit(user: string, modal: OpenedModal, answers: Record<string, string>) {
    const res = await s.interact(submission(user, modal, answers));
    expect(res.status).toBe(200);
    const body = await res.text();
    return body ? (JSON.parse(body) as { response_action?: string; errors?: Record<string, string> }) : null;
  }

  it("is reminded at 16:00; a suspicious transaction found drafts aml_suspicious for the supervisor and manager", async () => {
    s = await startSlackApp(MONDAY_1600);
    await s.app.runtime.scheduler.runOnce(s.clock.now());
    await s.drain();
    const reminder = s.slack
      .callsTo("chat.postMessage")
      .find(
        (c) => c.body.channel === LJZ && blockText(c.body.blocks).includes(zh("playbook:tasks.aml_screening.title")),
      );
    if (!reminder) throw new Error("no AML screening reminder in the outlet channel");
    expect(blockText(reminder.body.blocks)).toContain("反洗钱交易甄别");

    const modal = await openModalWith(s, USERS.chen, "checklist 反洗钱交易甄别");
    expect(modal.blocks.map((b) => b.block_id)).toEqual(
      expect.arrayContaining(["large_value_reviewed", "suspicious_found", "suspicious_reviewed", "reports_submitted"]),
    );
    expect(blockText(modal.blocks)).toContain("大额交易已甄别");
    expect(blockText(modal.blocks)).toContain("已按规定上报");
    expect(await submit(USERS.chen, modal, FOUND)).toBeNull();
    const row = await eventually(() =>
      s.app.db.checklistItemResult.findFirstOrThrow({ where: { itemKey: "suspicious_found" } }),
    );
    expect(row).toMatchObject({ status: "failed", valueText: "found" });

    const told = await s.waitFor("chat.postEphemeral");
    const report = buttons(told.body.blocks).find((b) => b.action_id === "incident.from_checklist");
    if (!report) throw new Error("no report-incident button on the result");
    await s.interact(buttonClick(s.slack, USERS.chen, { channel: LJZ, ts: "1700000000.000100" }, report));
    const form = modalOf(await s.waitFor("views.open", 2));
    const initial = form.blocks.find((b) => b.block_id === "type")?.element as { initial_option?: { value: string } };
    expect(initial?.initial_option?.value).toBe("aml_suspicious");
    // the amount involved is required for this type
    const noAmount = await submit(USERS.chen, form, { type: "aml_suspicious", description: "客户短期内多次分拆存现" });
    expect(noAmount?.response_action).toBe("errors");
    expect(Object.keys(noAmount?.errors ?? {})).toEqual(["amount"]);
    expect(
      await submit(USERS.chen, form, {
        type: "aml_suspicious",
        description: "客户短期内多次分拆存现",
        amount: "49,000",
      }),
    ).toBeNull();
    const incident = await eventually(() => s.app.db.incident.findFirstOrThrow());
    expect(incident).toMatchObject({ type: "aml_suspicious", severity: "major", amountMinor: 4_900_000n });
    expect(incident.sourceResultId).toBe(row.id);
    await s.drain();

    // the card is in the supervisors' channel, naming the supervisor and the manager, not the teller
    const cards = s.slack.callsTo("chat.postMessage").filter((c) => blockText(c.body.blocks).includes(incident.ref));
    expect(cards.map((c) => c.body.channel)).toEqual([LJZ_SUP]);
    const card = JSON.stringify(cards[0]?.body.blocks);
    expect(blockText(cards[0]?.body.blocks)).toContain("可疑交易（反洗钱）");
    expect(blockText(cards[0]?.body.blocks)).toContain("¥49,000.00");
    // mentions are rich-text user elements
    expect(card).toContain(`"user_id":"${USERS.chen}"`);
    expect(card).toContain(`"user_id":"${USERS.emily}"`);
    expect(card).not.toContain(USERS.wang);
  });

  it("the manager reads it in English and records a clean screening", async () => {
    s = await startSlackApp(MONDAY_1600);
    await s.app.runtime.scheduler.runOnce(s.clock.now());
    const modal = await openModalWith(s, USERS.emily, "checklist AML screening");
    const text = blockText(modal.blocks);
    for (const item of ["large_value_reviewed", "suspicious_found", "suspicious_reviewed", "reports_submitted"])
      expect(text).toContain(en(`playbook:tasks.aml_screening.items.${item}`));
    expect(await submit(USERS.emily, modal, { ...FOUND, suspicious_found: "none_found" })).toBeNull();
    const occ = await eventually(async () => {
      const o = await s.app.db.taskOccurrence.findFirstOrThrow({
        where: { outletId: s.ids.outlets["SH-LJZ"], template: { key: "aml_screening" } },
      });
      if (o.state !== "confirmed") throw new Error(`still ${o.state}`);
      return o;
    });
    expect(occ.state).toBe("confirmed");
    expect(await s.app.db.incident.count()).toBe(0);
  });
});

describe("AML screening on Teams", () => {
  let h: TeamsApp;
  afterEach(async () => {
    await h.stop();
  });

  async function cardFor(from: TeamsUser, text: string): Promise<{ card: Card; id: string }> {
    h.connector.reset();
    await h.post(message(h.connector.url, from, PERSONAL, text));
    const [call] = await h.connector.waitFor(1);
    return { card: cardOf(call!.body), id: call!.returnedId! };
  }

  const cardsIn = (u: TeamsUser, ref: string) =>
    h.connector.calls
      .filter((c) => c.conversationId === personalChatOf(u) && c.method === "POST" && c.body.attachments)
      .map((c) => cardText(cardOf(c.body)))
      .filter((t) => t.includes(ref));

  it("a suspicious transaction found drafts aml_suspicious; the supervisor (中文) and manager (English) are told, the teller is not", async () => {
    h = await startTeamsApp({ start: MONDAY_1600, orgFile: orgFile() });
    // Teams reaches a person only in a chat they opened with the bot
    for (const u of [EMILY, WANG]) {
      h.connector.reset();
      await h.post(message(h.connector.url, u, PERSONAL, "help"));
      await h.connector.waitFor(1);
    }
    await h.app.runtime.scheduler.runOnce(h.clock.now());
    const form = await cardFor(CHEN, "checklist aml_screening SH-LJZ");
    expect(cardText(form.card)).toContain("可疑交易已甄别并登记");
    const res = await h.post(
      submitForm(h.connector.url, CHEN, PERSONAL, buttonData(form.card, "form.submit"), FOUND, form.id),
    );
    expect(res.status).toBe(200);
    const cards = [
      invokeCard(res.body),
      ...h.connector.calls.filter((c) => Array.isArray(c.body.attachments)).map((c) => cardOf(c.body)),
    ];
    const withButton = cards.find((c) => (c.actions ?? []).some((a) => a.verb === "incident.from_checklist"));
    if (!withButton) throw new Error("no report-incident button after the suspicious transaction");
    h.connector.reset();
    await h.post(execute(h.connector.url, CHEN, PERSONAL, buttonData(withButton, "incident.from_checklist"), form.id));
    const [posted] = await h.connector.waitFor(1);
    const incidentForm = { card: cardOf(posted!.body), id: posted!.returnedId! };
    expect(incidentForm.card.body.find((b) => b.id === "type")).toMatchObject({ value: "aml_suspicious" });
    const submitted = await h.post(
      submitForm(
        h.connector.url,
        CHEN,
        PERSONAL,
        buttonData(incidentForm.card, "form.submit"),
        { type: "aml_suspicious", description: "客户短期内多次分拆存现", amount: "49000" },
        incidentForm.id,
      ),
    );
    expect(submitted.status).toBe(200);
    const incident = await h.app.db.incident.findFirstOrThrow();
    expect(incident).toMatchObject({ type: "aml_suspicious", severity: "major", amountMinor: 4_900_000n });
    h.connector.reset();
    await h.drain();
    // the bot is in no Teams channel yet: each person it reports to gets it in their own chat
    const toEmily = cardsIn(EMILY, incident.ref);
    expect(toEmily.join("\n")).toContain("Suspicious transaction (AML)");
    expect(toEmily.join("\n")).toContain("¥49,000.00");
    expect(cardsIn(CHEN, incident.ref).join("\n")).toContain("可疑交易（反洗钱）");
    expect(cardsIn(WANG, incident.ref)).toEqual([]);
  });
});
