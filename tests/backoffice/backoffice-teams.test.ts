// 事后监督差错整改 on Teams, through the real app: grace.lin (regional, English) raises an error
// notice from her personal chat with the notice form card; the card lands in SH-LJZ's channel in
// Chinese; li.jun (lobby) is refused Reply; chen.min (supervisor) replies from the channel card,
// whose place the reply form takes and then the refreshed card; the reply is in the card's
// thread and the posted card is edited; grace accepts from the card in her personal chat.
import { afterEach, describe, expect, it } from "vitest";
import { LI, orgFile } from "../permissions/world.js";
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
  type TeamsUser,
} from "../teams/app-activities.js";
import {
  buttonData,
  cardOf,
  cardText,
  invokeCard,
  invokeMessage,
  startTeamsApp,
  type TeamsApp,
} from "../teams/app-harness.js";

const GRACE: TeamsUser = {
  id: "29:test-grace-lin",
  name: "Grace Lin",
  aadObjectId: "44444444-0000-0000-0000-000000000009",
};

const withGrace = () =>
  orgFile((org) => {
    const grace = org.staff.find((s: { code: string }) => s.code === "grace.lin");
    grace.teams = { userId: GRACE.id, aadObjectId: GRACE.aadObjectId };
  });

let h: TeamsApp;
afterEach(async () => {
  await h.stop();
});

/** The last card posted (not edited) in a conversation whose text contains `needle`. */
function postedCard(conversation: (id: string) => boolean, needle: string) {
  const call = h.connector.calls
    .filter((c) => c.method === "POST" && conversation(c.conversationId) && c.body.attachments)
    .filter((c) => cardText(cardOf(c.body)).includes(needle))
    .at(-1);
  if (!call?.returnedId) throw new Error(`no card with "${needle}"`);
  return { card: cardOf(call.body), id: call.returnedId };
}

const inLjzRoot = (id: string) => id === LJZ_CHANNEL;
const inGraceChat = (id: string) => id === personalChatOf(GRACE);

describe("error notices on Teams", () => {
  it("raise from the form card → reply on the channel card → accept in the issuer's chat", async () => {
    h = await startTeamsApp({ orgFile: withGrace() });
    await h.post(conversationUpdate(h.connector.url, CHEN, inChannel(LJZ_CHANNEL)));
    await h.post(message(h.connector.url, GRACE, PERSONAL, "help"));
    h.connector.reset();

    // grace raises the notice with the form card, in English
    expect((await h.post(message(h.connector.url, GRACE, PERSONAL, "errornotice SH-LJZ"))).status).toBe(200);
    const [formCall] = await h.connector.waitFor(1);
    const form = cardOf(formCall!.body);
    expect(cardText(form)).toContain("Raise an error notice");
    expect(form.body.find((b) => b.id === "category")).toMatchObject({ type: "Input.ChoiceSet", isRequired: true });
    const raised = await h.post(
      submitForm(
        h.connector.url,
        GRACE,
        PERSONAL,
        buttonData(form, "form.submit"),
        { category: "authorisation", description: "大额取现未经主管授权，客户身份证 310101199001011234" },
        formCall!.returnedId!,
      ),
    );
    expect(cardText(invokeCard(raised.body))).toContain("Error notice EN-SH-LJZ-20261123-001 was sent to the outlet.");
    const n = await h.app.db.errorNotice.findFirstOrThrow();
    expect(n.description).not.toContain("310101199001011234");

    // the card in SH-LJZ's channel, in the outlet's Chinese
    h.connector.reset();
    await h.drain();
    const { card, id } = postedCard(inLjzRoot, n.ref);
    const shown = cardText(card);
    expect(shown).toContain("差错通知 EN-SH-LJZ-20261123-001：授权不规范");
    expect(shown).toContain("请于 11月26日 08:50 前整改回复");
    expect(shown).not.toContain("310101199001011234");
    // the people the notice waits on see its live state when they open it (Universal Actions refresh)
    const refresh = card.refresh as { action: { data: Record<string, unknown> }; userIds: string[] };
    expect(refresh.userIds).toContain(CHEN.id);
    const live = await h.post(
      execute(h.connector.url, CHEN, inChannel(LJZ_CHANNEL), refresh.action.data, id, "automatic"),
    );
    expect((invokeCard(live.body).actions ?? []).map((a) => a.verb)).toEqual(["errornotice.reply"]);

    // li.jun (lobby) may not reply
    const liClick = await h.post(
      execute(h.connector.url, LI, inChannel(LJZ_CHANNEL), buttonData(card, "errornotice.reply"), id),
    );
    expect(invokeMessage(liClick.body)).toBe(
      "只有网点的运营主管、网点负责人或责任人可以回复差错单 EN-SH-LJZ-20261123-001。",
    );

    // chen replies: the form takes the card's place for him, then the refreshed card
    const open = await h.post(
      execute(h.connector.url, CHEN, inChannel(LJZ_CHANNEL), buttonData(card, "errornotice.reply"), id),
    );
    const replyForm = invokeCard(open.body);
    expect(cardText(replyForm)).toContain("差错单 EN-SH-LJZ-20261123-001 的整改回复");
    expect(replyForm.body.find((b) => b.id === "reply")).toMatchObject({ type: "Input.Text", isRequired: true });
    expect(JSON.stringify(replyForm.body)).toContain("整改情况及措施");
    const sent = await h.post(
      submitForm(
        h.connector.url,
        CHEN,
        inChannel(LJZ_CHANNEL),
        buttonData(replyForm, "form.submit"),
        { reply: "已由主管补办授权手续并完成复核" },
        id,
      ),
    );
    const refreshed = cardText(invokeCard(sent.body));
    expect(refreshed).toContain("已回复，待认可");
    expect(refreshed).toContain("已由主管补办授权手续并完成复核");

    h.connector.reset();
    await h.drain();
    const toChannel = h.connector.calls.filter((c) => c.conversationId.startsWith(LJZ_CHANNEL));
    const threadReplies = toChannel
      .filter((c) => c.method === "POST" && c.conversationId.includes(";messageid="))
      .map((c) => cardText(cardOf(c.body)));
    expect(threadReplies).toEqual([expect.stringContaining("陈敏 已提交差错单 EN-SH-LJZ-20261123-001 的整改回复。")]);
    const edit = toChannel.filter((c) => c.method === "PUT").at(-1);
    expect(cardText(cardOf(edit!.body))).toContain("已回复，待认可");

    // grace reads it in English in her chat and accepts
    const dm = postedCard(inGraceChat, n.ref);
    const dmText = cardText(dm.card);
    expect(dmText).toContain("Error notice EN-SH-LJZ-20261123-001: Irregular authorisation");
    expect(dmText).toContain("Rectification reply from 陈敏");
    const accepted = await h.post(
      execute(h.connector.url, GRACE, PERSONAL, buttonData(dm.card, "errornotice.accept"), dm.id),
    );
    const final = invokeCard(accepted.body);
    expect(cardText(final)).toContain("Rectification accepted");
    expect((final.actions ?? []).map((a) => a.verb)).toEqual([]);
    expect((await h.app.db.errorNotice.findFirstOrThrow()).status).toBe("accepted");
    expect(
      (await h.app.db.auditEvent.findMany({ where: { entityId: n.id }, orderBy: { seq: "asc" } })).map((a) => a.action),
    ).toEqual(["error_notice.issued", "error_notice.replied", "error_notice.accepted"]);
  });

  it("refuses a supervisor who tries to raise one, and lists the notices for him", async () => {
    h = await startTeamsApp({ orgFile: withGrace() });
    const say = async (from: TeamsUser, text: string) => {
      h.connector.reset();
      expect((await h.post(message(h.connector.url, from, PERSONAL, text))).status).toBe(200);
      const [call] = await h.connector.waitFor(1);
      return call?.body.attachments ? cardText(cardOf(call.body)) : String(call?.body.text ?? "");
    };
    expect(await say(CHEN, "差错")).toContain("只有事后监督人员可以发出差错通知，您在所在网点无此权限。");
    const grace = await h.app.db.staff.findUniqueOrThrow({ where: { code: "grace.lin" } });
    const r = await h.app.services.errorNotices.raise(
      { staffId: grace.id, platform: "teams" },
      { outletId: h.ids.outlets["SH-LJZ"]!, category: "amount_error", description: "记账金额与凭证金额不符" },
    );
    expect(r.ok).toBe(true);
    const list = await say(CHEN, "差错单");
    expect(list).toContain("陆家嘴支行营业部 (Lujiazui Sub-branch)未认可的差错单（1）：");
    expect(list).toContain("• EN-SH-LJZ-20261123-001 · 金额错误 · 11月26日 08:50前回复：记账金额与凭证金额不符");
  });
});
