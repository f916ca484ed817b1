// Modals through the real app: the checklist modal's validation errors come back in the ack
// (response_action: errors, keyed by block_id, in the person's language) and nothing is stored;
// a valid submission is stored; the incident modal creates an Incident and its card is posted.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { i18n } from "../helpers/db.js";
import { eventually, openModalWith as openModal, type SlackApp, settle, startSlackApp } from "./app-harness.js";
import { blockText, LJZ, type OpenedModal, submission, USERS } from "./app-payloads.js";

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

/** Every yes/no of the opening checklist answered "yes", the cash box amount as given. */
function openingAnswers(modal: OpenedModal, amount: string): Record<string, string> {
  const answers: Record<string, string> = {};
  for (const b of modal.blocks) {
    if (b.type === "input" && b.element?.type === "radio_buttons" && b.block_id) answers[b.block_id] = "yes";
  }
  answers.cashbox_amount = amount;
  return answers;
}

async function submit(user: string, modal: OpenedModal, answers: Record<string, string>) {
  const res = await s.interact(submission(user, modal, answers));
  expect(res.status).toBe(200);
  const body = await res.text();
  return body ? (JSON.parse(body) as { response_action?: string; errors?: Record<string, string> }) : null;
}

const opening = () =>
  s.app.db.taskOccurrence.findFirstOrThrow({
    where: { outletId: s.ids.outlets["SH-LJZ"], template: { key: "opening" } },
  });

describe("the checklist modal", () => {
  it("a bad amount comes back as response_action errors on its block, in Chinese for chen.min", async () => {
    const modal = await openModalWith(USERS.chen, "checklist opening");
    const ack = await submit(USERS.chen, modal, openingAnswers(modal, "12.345"));
    expect(ack).toEqual({
      response_action: "errors",
      errors: { cashbox_amount: i18n.t("zh-CN", "checklist:errors.amount_decimals", { currency: "CNY", digits: 2 }) },
    });
    await settle();
    expect(await s.app.db.checklistItemResult.count()).toBe(0);
    expect(s.slack.callsTo("chat.postEphemeral")).toHaveLength(0);
  });

  it("in English for emily.zhou, and then a corrected submission is stored", async () => {
    const modal = await openModalWith(USERS.emily, "checklist opening");
    const ack = await submit(USERS.emily, modal, openingAnswers(modal, "abc"));
    expect(ack?.response_action).toBe("errors");
    expect(Object.keys(ack?.errors ?? {})).toEqual(["cashbox_amount"]);
    expect(ack?.errors?.cashbox_amount).toBe(i18n.t("en", "checklist:errors.amount_invalid", { currency: "CNY" }));
    expect(await s.app.db.checklistItemResult.count()).toBe(0);

    // the same modal, corrected: Slack submits the same view again
    const ok = await submit(USERS.emily, modal, openingAnswers(modal, "500,000.00"));
    expect(ok).toBeNull();
    const occ = await opening();
    const rows = await s.app.db.checklistItemResult.findMany({ where: { occurrenceId: occ.id } });
    expect(rows).toHaveLength(8);
    expect(rows.find((r) => r.itemKey === "cashbox_amount")?.amountMinor).toBe(50_000_000n);
    expect(rows.every((r) => r.confirmedById === s.ids.staff["emily.zhou"])).toBe(true);
    // the result is told privately, in English, in the channel the command came from
    const told = await s.waitFor("chat.postEphemeral");
    expect(told.body).toMatchObject({ channel: LJZ, user: USERS.emily });
    expect(String(told.body.text)).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it("a second submission of the same modal stores nothing twice", async () => {
    const modal = await openModalWith(USERS.chen, "checklist opening");
    expect(await submit(USERS.chen, modal, openingAnswers(modal, "500000"))).toBeNull();
    const first = await s.app.db.checklistItemResult.findMany({ orderBy: { itemKey: "asc" } });
    expect(await submit(USERS.chen, modal, openingAnswers(modal, "400000"))).toBeNull();
    const after = await s.app.db.checklistItemResult.findMany({ orderBy: { itemKey: "asc" } });
    expect(after).toEqual(first);
    const told = await s.waitFor("chat.postEphemeral", 2);
    expect(told.body.text).toBe(i18n.t("zh-CN", "bot:errors.form_already_submitted"));
  });
});

describe("the incident modal", () => {
  it("creates an Incident and, after a drain, posts its card to the outlet", async () => {
    const modal = await openModalWith(USERS.wang, "incident");
    expect(modal.callback_id).toBe("incident");
    const ack = await submit(USERS.wang, modal, {
      type: "system",
      description: "核心系统登录缓慢，柜面业务受影响",
    });
    expect(ack).toBeNull();
    const incident = await eventually(() => s.app.db.incident.findFirstOrThrow());
    expect(incident).toMatchObject({
      type: "system",
      severity: "major",
      outletId: s.ids.outlets["SH-LJZ"],
      reportedById: s.ids.staff["wang.fang"],
    });
    expect(await s.app.db.auditEvent.count({ where: { entityId: incident.id } })).toBeGreaterThan(0);
    const told = await s.waitFor("chat.postEphemeral");
    expect(told.body.text).toBe(i18n.t("zh-CN", "bot:incident.reported", { ref: incident.ref }));

    await s.drain();
    const card = s.slack.callsTo("chat.postMessage").find((c) => blockText(c.body.blocks).includes(incident.ref));
    expect(card?.body.channel).toMatch(/^C0DEMOLJZ/);
    expect(blockText(card?.body.blocks)).toContain("核心系统登录缓慢");
    const row = await s.app.db.outboxMessage.findFirstOrThrow({
      where: { idempotencyKey: { startsWith: `incident:${incident.id}:slack:` } },
    });
    expect(row).toMatchObject({ status: "sent", platformMessageId: card?.response?.ts });
  });

  it("a type that needs a location comes back as an error on the location block", async () => {
    const modal = await openModalWith(USERS.wang, "incident");
    const ack = await submit(USERS.wang, modal, { type: "equipment", description: "叫号机故障" });
    expect(ack?.response_action).toBe("errors");
    expect(Object.keys(ack?.errors ?? {})).toEqual(["location"]);
    expect(ack?.errors?.location).toBe(i18n.t("zh-CN", "forms:errors.required"));
    expect(await s.app.db.incident.count()).toBe(0);
  });
});
