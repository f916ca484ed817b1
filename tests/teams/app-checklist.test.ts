// Checklists on Teams through the real app: the form card with server-side validation shown
// back on the card, a valid submission stored, and the proactive reminder delivered through
// the outbox with the stored channel reference, then updated in place as items are confirmed.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { i18n } from "../helpers/db.js";
import {
  CHEN,
  conversationUpdate,
  execute,
  inChannel,
  LJZ_CHANNEL,
  message,
  PERSONAL,
  personalChatOf,
  submitForm,
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

const results = (occurrenceId: string) =>
  h.app.db.checklistItemResult.findMany({ where: { occurrenceId }, orderBy: { itemKey: "asc" } });

/** chen types `checklist morning_meeting` in his personal chat; the form card comes back. */
async function openMorningMeeting() {
  expect((await h.post(message(h.connector.url, CHEN, PERSONAL, "checklist morning_meeting"))).status).toBe(200);
  const [call] = await h.connector.waitFor(1);
  const form = cardOf(call!.body);
  const occ = await h.app.db.taskOccurrence.findFirstOrThrow({ where: { template: { key: "morning_meeting" } } });
  h.connector.reset();
  return { form, formMessageId: call!.returnedId!, occ };
}

describe("a checklist form card", () => {
  it("has validated inputs; a bad value comes back on the card with the error and nothing is stored", async () => {
    const { form, formMessageId, occ } = await openMorningMeeting();
    const ids = form.body.map((b) => b.id).filter(Boolean);
    expect(ids).toEqual(expect.arrayContaining(["held", "topic", "attendees", "rules_studied"]));
    expect(form.body.find((b) => b.id === "attendees")).toMatchObject({ type: "Input.Number", min: 1, max: 60 });

    const submit = buttonData(form, "form.submit");
    const bad = submitForm(
      h.connector.url,
      CHEN,
      PERSONAL,
      submit,
      { held: "yes", topic: "反洗钱新规", attendees: 99 },
      formMessageId,
    );
    const res = await h.post(bad);
    expect(res.status).toBe(200);
    const again = invokeCard(res.body);
    const text = cardText(again);
    expect(text).toContain(i18n.t("zh-CN", "cards:form.has_errors"));
    // the range error, under the attendees field (with its unit: "应在 1 至 60 人 之间")
    const attendees = again.body.findIndex((b) => b.id === "attendees");
    const error = again.body[attendees + 1] as { type: string; inlines: Array<{ color?: string; text: string }> };
    expect(error.type).toBe("RichTextBlock");
    expect(error.inlines[0]?.color).toBe("Attention");
    expect(error.inlines[0]?.text).toMatch(/1 至 60/);
    // what was typed is still there to correct
    expect(again.body.find((b) => b.id === "topic")).toMatchObject({ value: "反洗钱新规" });
    expect(await results(occ.id)).toHaveLength(0);
    expect(h.connector.calls).toHaveLength(0);

    // corrected on the same card: stored, and the form turns into the checklist's progress
    const fixed = buttonData(again, "form.submit");
    const ok = await h.post(
      submitForm(
        h.connector.url,
        CHEN,
        PERSONAL,
        fixed,
        { held: "yes", topic: "反洗钱新规", attendees: 12 },
        formMessageId,
      ),
    );
    const progress = invokeCard(ok.body);
    expect(cardText(progress)).toContain(i18n.t("zh-CN", "playbook:tasks.morning_meeting.title"));
    expect(cardText(progress)).toContain(i18n.t("zh-CN", "cards:reminder.done_of", { done: 3, total: 4 }));
    const stored = await results(occ.id);
    expect(stored.map((r) => [r.itemKey, r.status, r.valueText])).toEqual([
      ["attendees", "ok", "12"],
      ["held", "ok", null],
      ["topic", "ok", "反洗钱新规"],
    ]);
    expect(stored.every((r) => r.platform === "teams")).toBe(true);
    // the optional item left unanswered stays unanswered (no toggle submitting "no")
    expect(stored.find((r) => r.itemKey === "rules_studied")).toBeUndefined();
    // and the confirmation is a message in the chat
    const [note] = await h.connector.waitFor(1);
    expect(note!.conversationId).toBe(personalChatOf(CHEN));
    cardOf(note!.body);

    // the same card submitted again saves nothing twice
    const twice = await h.post(
      submitForm(h.connector.url, CHEN, PERSONAL, fixed, { held: "no", topic: "x", attendees: 3 }, formMessageId),
    );
    expect(cardText(invokeCard(twice.body))).toContain(i18n.t("zh-CN", "bot:errors.form_already_submitted"));
    expect((await results(occ.id)).map((r) => r.valueText)).toEqual(["12", null, "反洗钱新规"]);
  });
});

describe("the reminder in the outlet channel", () => {
  it("is posted through the stored reference, and updated in place when someone confirms from it", async () => {
    for (const ch of [LJZ_CHANNEL, XJH_CHANNEL]) await h.post(conversationUpdate(h.connector.url, CHEN, inChannel(ch)));
    await h.app.services.occurrences.ensureOccurrences(h.clock.now());
    await h.app.services.reminders.tick(h.clock.now());
    await h.drain();
    const opening = i18n.t("zh-CN", "playbook:tasks.opening.title");
    const post = h.connector.calls.find(
      (c) => c.method === "POST" && c.conversationId === LJZ_CHANNEL && cardText(cardOf(c.body)).includes(opening),
    );
    if (!post?.returnedId) throw new Error("the opening reminder was not posted to the SH-LJZ channel");
    expect(post.body.serviceUrl).toBe(h.connector.url);
    const occ = await h.app.db.taskOccurrence.findFirstOrThrow({
      where: { template: { key: "opening" }, outlet: { code: "SH-LJZ" } },
    });
    const row = await h.app.db.outboxMessage.findFirstOrThrow({
      where: { idempotencyKey: `reminder:${occ.id}:teams:${LJZ_CHANNEL}` },
    });
    expect(row).toMatchObject({ status: "sent", platformMessageId: post.returnedId });

    // chen clicks "All OK" on the card in the channel: his view refreshes at once
    const reminder = cardOf(post.body) as Card;
    const where = inChannel(LJZ_CHANNEL, post.returnedId);
    const click = execute(h.connector.url, CHEN, where, buttonData(reminder, "checklist.all_ok"), post.returnedId);
    const res = await h.post(click);
    expect(res.status).toBe(200);
    const refreshed = invokeCard(res.body);
    expect(cardText(refreshed)).not.toEqual(cardText(reminder));
    expect((await results(occ.id)).filter((r) => r.status === "ok").length).toBeGreaterThan(0);

    // …and everyone's copy is edited in place through the outbox (PUT on the same activity)
    h.connector.reset();
    await h.drain();
    const put = h.connector.calls.find((c) => c.method === "PUT" && c.activityId === post.returnedId);
    expect(put?.conversationId).toBe(LJZ_CHANNEL);
    expect(cardText(cardOf(put!.body))).toContain("✅");
  });

  it("a click on a card about something that no longer exists is explained, never a crash", async () => {
    const stale = execute(
      h.connector.url,
      CHEN,
      PERSONAL,
      { action: "checklist.all_ok", value: "occ-gone", card: "reminder:occ-gone" },
      "1700000000999",
    );
    const res = await h.post(stale);
    expect(res.status).toBe(200);
    expect(invokeMessage(res.body).length).toBeGreaterThan(0);
    expect(await h.app.db.checklistItemResult.count()).toBe(0);
  });
});
