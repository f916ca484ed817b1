// 交接班/临时离岗 through the real Teams edge: Bot Framework activities ("handover" / "离岗" in a
// personal chat) answer with the form card, Action.Execute submits it, the receiver's personal
// chat gets the card with Confirm / Dispute, and their Action.Execute confirms it (a forged one
// from anyone else is refused). Emily reads English, Chen and Wang Chinese.
import { afterEach, describe, expect, it } from "vitest";
import { EMILY, orgFile, WANG } from "../permissions/world.js";
import {
  CHEN,
  execute,
  message,
  PERSONAL,
  personalChatOf,
  submitForm,
  type TeamsUser,
} from "../teams/app-activities.js";
import { buttonData, type Card, cardOf, cardText, startTeamsApp, type TeamsApp } from "../teams/app-harness.js";

const REF = "HO-SH-LJZ-20261123-001";

let h: TeamsApp;
afterEach(async () => {
  await h.stop();
});

/** The one answer to a message in the person's personal chat: the card, or the text. */
async function say(from: TeamsUser, text: string) {
  h.connector.reset();
  expect((await h.post(message(h.connector.url, from, PERSONAL, text))).status).toBe(200);
  const [call] = await h.connector.waitFor(1);
  if (!call) throw new Error("no answer");
  return { call, text: call.body.attachments ? cardText(cardOf(call.body)) : String(call.body.text ?? "") };
}

/** Cards the bot posted into the person's personal chat that mention the handover. */
const cardsIn = (u: TeamsUser) =>
  h.connector.calls
    .filter((c) => c.conversationId === personalChatOf(u) && c.method === "POST" && c.body.attachments)
    .map((c) => ({ card: cardOf(c.body), id: c.returnedId as string }))
    .filter((c) => cardText(c.card).includes(REF));

/** Everything an invoke answered with, as the words shown (a card, a message, or both). */
function invokeText(body: unknown): string {
  const b = body as { type?: string; value?: unknown };
  if (b?.type === "application/vnd.microsoft.card.adaptive") return cardText(b.value as Card);
  return String(b?.value ?? "");
}

async function click(u: TeamsUser, card: { card: Card; id: string }, verb: string) {
  const res = await h.post(execute(h.connector.url, u, PERSONAL, buttonData(card.card, verb), card.id));
  expect(res.status).toBe(200);
  return res;
}

/** What the clicker was told: the invoke's answer plus anything posted into their chat just now. */
async function clickAndRead(u: TeamsUser, card: { card: Card; id: string }, verb: string) {
  h.connector.reset();
  const res = await click(u, card, verb);
  const posted = h.connector.calls
    .filter((c) => c.conversationId === personalChatOf(u))
    .map((c) => (c.body.attachments ? cardText(cardOf(c.body)) : String(c.body.text ?? "")));
  return [invokeText(res.body), ...posted].join("\n");
}

describe("handover on Teams", () => {
  it("Chen hands over to Emily with the card; only Emily confirms; Chen is told in Chinese", async () => {
    h = await startTeamsApp({ orgFile: orgFile() });
    await say(EMILY, "help"); // Teams reaches a person only in a chat they opened with the bot
    await say(WANG, "help");
    // Chen gives at SH-LJZ (supervisor) and SH-XJH (teller): a personal chat names no outlet, so he is asked
    const which = await say(CHEN, "handover");
    expect(which.text).toContain("SH-XJH");
    const form = await say(CHEN, "handover SH-LJZ");
    const card = cardOf(form.call.body);
    const inputs: string[] = [];
    JSON.stringify(card.body, (k, v) => {
      if (k === "id" && typeof v === "string") inputs.push(v);
      return v;
    });
    expect(inputs).toEqual(expect.arrayContaining(["to", "cashbox_amount", "passwords_changed", "note"]));
    expect(form.text).toContain("切勿填写密码");
    expect(JSON.stringify(card.body)).toContain('"title":"Emily Zhou"'); // the receiver choices are names
    expect(JSON.stringify(card.body)).not.toContain("{{name}}");
    const ids = h.ids.staff;
    const res = await h.post(
      submitForm(
        h.connector.url,
        CHEN,
        PERSONAL,
        buttonData(card, "form.submit"),
        {
          to: ids["emily.zhou"] as string,
          cashbox_amount: "150000",
          cashbox_sealed: "yes",
          keys_handed: "yes",
          seals_handed: "yes",
          vouchers_handed: "yes",
          passwords_changed: "yes",
        },
        form.call.returnedId as string,
      ),
    );
    expect(res.status).toBe(200);
    expect(invokeText(res.body)).toContain(`交接${REF}已登记，已请Emily Zhou确认。`);
    expect(await h.app.db.handover.findFirstOrThrow()).toMatchObject({
      status: "pending",
      toStaffId: ids["emily.zhou"],
    });
    await h.drain();

    const [asked] = cardsIn(EMILY);
    if (!asked) throw new Error("Emily was not asked");
    expect(cardText(asked.card)).toContain(`Shift handover ${REF}`);
    expect(cardText(asked.card)).toContain("Cash box counted amount: ¥150,000.00");

    // Wang sends Emily's Confirm from his own chat: refused, in Chinese
    expect(await clickAndRead(WANG, asked, "handover.confirm")).toContain(
      `只有指定的接收人才能确认交接${REF}或提出异议。`,
    );
    expect((await h.app.db.handover.findFirstOrThrow()).status).toBe("pending");

    const answer = await clickAndRead(EMILY, asked, "handover.confirm");
    expect(answer).toContain(`You confirmed handover ${REF}.`);
    expect(answer).toMatch(/Confirmed by both: 陈敏 at 2026-11-23 08:5\d, Emily Zhou at 2026-11-23 08:5\d\./);
    expect((await h.app.db.handover.findFirstOrThrow()).status).toBe("confirmed");
    await h.drain();
    const told = cardsIn(CHEN).map((c) => cardText(c.card));
    expect(told.join("\n")).toMatch(/双方已确认：陈敏于2026-11-23 08:5\d，Emily Zhou于2026-11-23 08:5\d。/);
  });

  it("Wang's temporary absence (临时离岗): Chen confirms, Wang's 'I'm back' closes it", async () => {
    h = await startTeamsApp({ orgFile: orgFile() });
    await say(CHEN, "help");
    const form = await say(WANG, "离岗");
    const card = cardOf(form.call.body);
    const res = await h.post(
      submitForm(
        h.connector.url,
        WANG,
        PERSONAL,
        buttonData(card, "form.submit"),
        {
          to: h.ids.staff["chen.min"] as string,
          cashbox_locked: "yes",
          seals_locked: "yes",
          vouchers_locked: "yes",
          screen_locked: "yes",
          note: "去金库，客户卡号6222020200112233445已归还",
        },
        form.call.returnedId as string,
      ),
    );
    expect(res.status).toBe(200);
    const stored = await h.app.db.handover.findFirstOrThrow();
    expect(stored).toMatchObject({ kind: "temporary_absence", status: "pending" });
    expect(stored.note).toContain("去金库");
    expect(stored.note).not.toContain("6222020200112233445");
    // nor anywhere else it went: the audit trail, the outbox, the form session
    const everywhere = JSON.stringify([
      await h.app.db.auditEvent.findMany(),
      await h.app.db.outboxMessage.findMany(),
      await h.app.db.formSession.findMany(),
    ]);
    expect(everywhere).toContain("去金库");
    expect(everywhere).not.toContain("6222020200112233445");
    await h.drain();
    const [asked] = cardsIn(CHEN);
    if (!asked) throw new Error("Chen was not asked");
    expect(cardText(asked.card)).toContain(`临时离岗 ${REF}`);
    expect(cardText(asked.card)).not.toContain("6222020200112233445");
    expect(await clickAndRead(CHEN, asked, "handover.confirm")).toContain(`您已确认交接${REF}。`);
    await h.drain();
    const back = cardsIn(WANG).find((c) => (c.card.actions ?? []).some((a) => a.verb === "handover.return"));
    if (!back) throw new Error("Wang got no 'I'm back'");
    expect(cardText(back.card)).toContain("王芳临时离岗中");
    expect(await clickAndRead(WANG, back, "handover.return")).toContain(`欢迎返岗，${REF}已结束。`);
    expect(await h.app.db.handover.findFirstOrThrow()).toMatchObject({ status: "returned" });
    expect(await clickAndRead(WANG, back, "handover.return")).toContain(`交接${REF}不是已确认的临时离岗。`);
  });
});
