// Real Teams activity shapes through POST /api/messages (local mode, loopback), replies
// captured on the fake connector. Conversation references must land in the database; a
// malformed activity must leave no trace.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cardProblems } from "../../src/channels/teams/cards/limits.js";
import { demoIds } from "../helpers/db.js";
import { BOT, CHEN, channel, type Harness, LJZ_CHANNEL, PERSONAL_ID, personal, startHarness } from "./harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  h.connector.reset();
  h.core.calls.length = 0;
});

type Card = { type: string; version: string; body: Array<Record<string, unknown>>; actions?: unknown[] };
function cardOf(body: Record<string, unknown>): Card {
  const att = (body.attachments as Array<{ contentType: string; content: Card }>)[0]!;
  expect(att.contentType).toBe("application/vnd.microsoft.card.adaptive");
  expect(cardProblems(att.content)).toEqual([]);
  return att.content;
}

describe("Teams edge over HTTP (local mode)", () => {
  it("answers a personal-chat message with a card and stores the personal conversation", async () => {
    const act = { ...personal(h.connector.url), type: "message", text: "today" };
    const res = await h.post(act);
    expect(res.status).toBe(200);
    const [call] = await h.connector.waitFor(1);
    expect(call!.method).toBe("POST");
    expect(call!.conversationId).toBe(PERSONAL_ID);
    expect(call!.activityId).toBe(act.id);
    expect(cardOf(call!.body).body[0]).toMatchObject({ type: "TextBlock" });
    const onText = h.core.calls.find((c) => c.method === "onText")!;
    expect(onText.arg).toBe("today");
    expect(onText.user).toMatchObject({
      platform: "teams",
      externalIds: [CHEN.id, CHEN.aadObjectId],
      workspace: expect.any(String),
      platformLocale: "en-US",
    });
    expect(onText.conv).toMatchObject({ channelId: PERSONAL_ID, isDirect: true, messageId: act.id });

    const { staff } = await demoIds(h.t.db);
    const dc = await h.t.db.directConversation.findUnique({
      where: { staffId_platform: { staffId: staff["chen.min"]!, platform: "teams" } },
    });
    expect(dc?.channelId).toBe(PERSONAL_ID);
    expect(JSON.parse(dc!.reference!)).toMatchObject({
      serviceUrl: h.connector.url,
      conversation: { id: PERSONAL_ID },
      bot: BOT,
    });
  });

  it("strips the bot @mention in a channel reply chain and answers in the thread", async () => {
    const act = {
      ...channel(h.connector.url, "1699999999000"),
      type: "message",
      text: "<at>Branchbot</at> status week",
      entities: [{ type: "mention", text: "<at>Branchbot</at>", mentioned: BOT }],
    };
    expect((await h.post(act)).status).toBe(200);
    const [call] = await h.connector.waitFor(1);
    expect(call!.conversationId).toBe(`${LJZ_CHANNEL};messageid=1699999999000`);
    cardOf(call!.body);
    const onText = h.core.calls.find((c) => c.method === "onText")!;
    expect(onText.arg).toBe("status week");
    expect(onText.conv).toMatchObject({ channelId: LJZ_CHANNEL, threadId: "1699999999000", isDirect: false });
    const binding = await h.t.db.channelBinding.findFirst({ where: { platform: "teams", channelId: LJZ_CHANNEL } });
    expect(JSON.parse(binding!.reference!)).toMatchObject({
      conversation: { id: LJZ_CHANNEL },
      serviceUrl: h.connector.url,
    });
  });

  it("stores the channel reference on conversationUpdate (bot added), idempotently; installationUpdate welcomes once", async () => {
    await h.t.db.channelBinding.updateMany({ where: { platform: "teams" }, data: { reference: null } });
    const act = {
      ...channel(h.connector.url, "x"),
      conversation: { id: "19:demo-sh-xjh@thread.tacv2", conversationType: "channel", isGroup: true },
      channelData: {
        tenant: { id: "t" },
        channel: { id: "19:demo-sh-xjh@thread.tacv2" },
        eventType: "teamMemberAdded",
      },
      type: "conversationUpdate",
      membersAdded: [BOT],
    };
    expect((await h.post(act)).status).toBe(200);
    expect((await h.post(act)).status).toBe(200);
    const refs = await h.t.db.channelBinding.findMany({ where: { platform: "teams", reference: { not: null } } });
    expect(refs.map((r) => r.channelId)).toEqual(["19:demo-sh-xjh@thread.tacv2"]);
    // Teams sends installationUpdate with it: that one greets, so the channel hears hello once
    const { membersAdded: _m, ...install } = act;
    expect((await h.post({ ...install, type: "installationUpdate", action: "add" })).status).toBe(200);
    const calls = await h.connector.waitFor(1);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.conversationId).toBe("19:demo-sh-xjh@thread.tacv2");
    cardOf(calls[0]!.body);
  });

  it("stores the personal reference on installationUpdate and shows my day", async () => {
    await h.t.db.directConversation.deleteMany({});
    const act = { ...personal(h.connector.url), type: "installationUpdate", action: "add" };
    expect((await h.post(act)).status).toBe(200);
    const [call] = await h.connector.waitFor(1);
    expect(JSON.stringify(cardOf(call!.body))).toContain("CMP-0001");
    expect(await h.t.db.directConversation.count({ where: { platform: "teams", channelId: PERSONAL_ID } })).toBe(1);
  });

  it("answers an Action.Execute invoke with the refreshed card and posts the event", async () => {
    const act = {
      ...channel(h.connector.url, "1699999999000"),
      type: "invoke",
      name: "adaptiveCard/action",
      replyToId: "1699999999000",
      value: {
        action: {
          type: "Action.Execute",
          verb: "complaint.approve",
          data: { action: "complaint.approve", value: "cmp-1", card: "complaint:cmp-1" },
        },
        trigger: "manual",
      },
    };
    const res = await h.post(act);
    expect(res.status).toBe(200);
    const body = res.body as { statusCode: number; type: string; value: Card };
    expect(body).toMatchObject({ statusCode: 200, type: "application/vnd.microsoft.card.adaptive" });
    expect(cardProblems(body.value)).toEqual([]);
    expect(body.value.actions).toBeUndefined(); // decided: no more buttons
    expect(h.core.calls.find((c) => c.method === "onAction")).toMatchObject({
      arg: { action: "complaint.approve", value: "cmp-1" },
      conv: { threadId: "1699999999000", messageId: "1699999999000" },
    });
    const [event] = await h.connector.waitFor(1);
    expect(JSON.stringify(cardOf(event!.body))).toContain("CMP-0001");
  });

  it("explains a click on an already-decided card instead of failing", async () => {
    const act = {
      ...personal(h.connector.url),
      type: "invoke",
      name: "adaptiveCard/action",
      replyToId: "m1",
      value: {
        action: {
          type: "Action.Execute",
          verb: "complaint.approve",
          data: { action: "complaint.approve", value: "decided", card: "complaint:cmp-1" },
        },
      },
    };
    const res = await h.post(act);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      statusCode: 200,
      type: "application/vnd.microsoft.activity.message",
      value: "Submitted. Thank you.",
    });
  });

  it("re-renders a rejected form (invoke) with the errors and the typed values", async () => {
    const form = {
      type: "form",
      formKey: "checklist",
      contextId: "sess-1",
      title: { key: "cards:home.tasks" },
      submit: { key: "cards:form.yes" },
      fields: [{ name: "cashbox_amount", label: { key: "cards:reminder.due" }, kind: "amount", required: true }],
    };
    const act = {
      ...personal(h.connector.url),
      type: "invoke",
      name: "adaptiveCard/action",
      replyToId: "m2",
      value: {
        action: {
          type: "Action.Execute",
          verb: "form.submit",
          data: {
            action: "form.submit",
            value: "sess-1",
            card: "form:checklist:sess-1",
            formKey: "checklist",
            contextId: "sess-1",
            form,
            cashbox_amount: "abc",
          },
        },
      },
    };
    const res = await h.post(act);
    const card = (res.body as { value: Card }).value;
    expect(cardProblems(card)).toEqual([]);
    expect(card.body.find((b) => b.id === "cashbox_amount")).toMatchObject({ value: "abc" });
    // the server's error, literal and in red, right under the amount input
    const amount = card.body.findIndex((b) => b.id === "cashbox_amount");
    expect(card.body[amount + 1]).toMatchObject({
      type: "RichTextBlock",
      inlines: [
        { type: "TextRun", color: "Attention", text: "Enter an amount such as 1234.50 (at most two decimals)." },
      ],
    });
    expect(h.core.calls.find((c) => c.method === "onSubmit")!.arg).toEqual({
      formKey: "checklist",
      contextId: "sess-1",
      values: { cashbox_amount: "abc" },
    });
  });

  it("updates the form message in place with the entity it was about, for an Action.Submit", async () => {
    const act = {
      ...personal(h.connector.url),
      type: "message",
      replyToId: "card-msg-9",
      value: {
        action: "form.submit",
        value: "sess-1",
        card: "form:checklist:sess-1",
        formKey: "checklist",
        contextId: "sess-1",
        cashbox_amount: "120.50",
        people: 12,
      },
    };
    expect((await h.post(act)).status).toBe(200);
    const calls = await h.connector.waitFor(1);
    const put = calls.find((c) => c.method === "PUT")!;
    expect(put.activityId).toBe("card-msg-9");
    expect(put.conversationId).toBe(PERSONAL_ID);
    // the answer carried the reminder: the form becomes its progress card, nothing else is posted
    expect(JSON.stringify(cardOf(put.body))).toContain('"card":"reminder:');
    expect(calls).toHaveLength(1);
    expect(h.core.calls.find((c) => c.method === "onSubmit")!.arg).toMatchObject({
      values: { cashbox_amount: "120.50", people: "12" },
    });
  });

  it("opens a form from an entity card in place of that card, for the clicker only", async () => {
    const act = {
      ...personal(h.connector.url),
      type: "invoke",
      name: "adaptiveCard/action",
      replyToId: "m3",
      value: {
        action: {
          type: "Action.Execute",
          verb: "checklist.open",
          data: { action: "checklist.open", value: "occ-1", card: "reminder:occ-1" },
        },
      },
    };
    const res = await h.post(act);
    expect(res.status).toBe(200);
    const body = res.body as { statusCode: number; type: string; value: Card };
    expect(body.type).toBe("application/vnd.microsoft.card.adaptive");
    expect(cardProblems(body.value)).toEqual([]);
    expect(body.value.body.some((b) => b.type === "Input.ChoiceSet")).toBe(true);
    expect(h.connector.calls).toHaveLength(0);
  });

  it("opens a form as a new card when the clicked card is not an entity's (e.g. my day)", async () => {
    const act = {
      ...personal(h.connector.url),
      type: "invoke",
      name: "adaptiveCard/action",
      replyToId: "m4",
      value: {
        action: {
          type: "Action.Execute",
          verb: "checklist.open",
          data: { action: "checklist.open", value: "occ-1", card: "home" },
        },
      },
    };
    expect((await h.post(act)).status).toBe(200);
    const [call] = await h.connector.waitFor(1);
    const card = cardOf(call!.body);
    expect(card.body.some((b) => b.type === "Input.ChoiceSet")).toBe(true);
  });

  it("answers a core failure with an apology, not a 500", async () => {
    const res = await h.post({ ...personal(h.connector.url), type: "message", text: "boom" });
    expect(res.status).toBe(200);
    const [call] = await h.connector.waitFor(1);
    expect(JSON.stringify(cardOf(call!.body))).toContain("something went wrong");
  });

  it("refuses a malformed activity with 400 and records nothing", async () => {
    await h.t.db.directConversation.deleteMany({});
    await h.t.db.channelBinding.updateMany({ data: { reference: null } });
    for (const bad of [
      { type: "message", text: "today" },
      { ...personal(h.connector.url), type: "message", from: {} },
      { ...personal(h.connector.url), type: "message", serviceUrl: undefined },
      { ...personal(h.connector.url), type: "message", conversation: { id: "" } },
      { ...personal(h.connector.url), type: "message", channelId: undefined },
    ]) {
      const res = await h.post(bad);
      expect(res.status).toBe(400);
    }
    expect(h.core.calls).toEqual([]);
    expect(h.connector.calls).toEqual([]);
    expect(await h.t.db.directConversation.count()).toBe(0);
    expect(await h.t.db.channelBinding.count({ where: { reference: { not: null } } })).toBe(0);
  });
});
