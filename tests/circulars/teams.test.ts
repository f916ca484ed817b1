// Circulars (通知学习确认) on Teams through the real edge: Bot Framework activities into the real
// app, the notices delivered by the outbox to a fake Bot Connector. The supervisor sends in his
// personal chat; the teller (zh-CN) and the manager (en) get the card in theirs with the
// Acknowledge button; the click's Universal Action refreshes that card in place (a second click
// changes nothing); status, the summary and the nudges name who is still outstanding.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { formatDateTime } from "../../src/views/format.js";
import { i18n } from "../helpers/db.js";
import { EMILY, orgFile, WANG } from "../permissions/world.js";
import {
  CHEN,
  DAVID,
  execute,
  installationUpdate,
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

const zh = (key: string, vars?: Record<string, unknown>) => i18n.t("zh-CN", key, vars);
const en = (key: string, vars?: Record<string, unknown>) => i18n.t("en", key, vars);
const LJZ_NAME = "陆家嘴支行营业部 (Lujiazui Sub-branch)";

let h: TeamsApp;
beforeEach(async () => {
  h = await startTeamsApp({ orgFile: orgFile() });
  // wang and emily installed the app in their personal chats (the reference proactive DMs need)
  for (const u of [WANG, EMILY]) await h.post(installationUpdate(h.connector.url, u, PERSONAL));
});
afterEach(async () => {
  await h.stop();
});

/** `text` in the person's personal chat, and the words of the one answer. */
async function say(from: TeamsUser, text: string): Promise<string> {
  h.connector.reset();
  expect((await h.post(message(h.connector.url, from, PERSONAL, text))).status).toBe(200);
  const [call] = await h.connector.waitFor(1);
  return call?.body.attachments ? cardText(cardOf(call.body)) : String(call?.body.text ?? "");
}

/** The card the outbox posted in `u`'s personal chat whose words contain `needle`. */
function postedTo(u: TeamsUser, needle: string): { card: Card; id: string } {
  const call = h.connector.calls.find(
    (c) =>
      c.method === "POST" &&
      c.conversationId === personalChatOf(u) &&
      Boolean(c.body.attachments) &&
      cardText(cardOf(c.body)).includes(needle),
  );
  if (!call?.returnedId) throw new Error(`no card for ${u.name} with "${needle}"`);
  return { card: cardOf(call.body), id: call.returnedId };
}

describe("circulars on Teams", () => {
  it("send, acknowledge in place (once), status, summary and nudges, in zh-CN and en", async () => {
    const told = await say(CHEN, "circular 假币防范 | 百元券须逐张验钞，发现可疑立即上报");
    const c = await h.app.db.circular.findFirstOrThrow();
    expect(told).toContain(zh("circulars:sent", { ref: c.ref, count: 4, scope: LJZ_NAME }));

    h.connector.reset();
    await h.drain();
    const wang = postedTo(WANG, c.ref);
    expect(cardText(wang.card)).toContain(zh("circulars:card.title", { ref: c.ref, title: "假币防范" }));
    expect(cardText(wang.card)).toContain("百元券须逐张验钞，发现可疑立即上报");
    expect(cardText(wang.card)).toContain(zh("circulars:card.acknowledge"));
    const emily = postedTo(EMILY, c.ref);
    expect(cardText(emily.card)).toContain(en("circulars:card.title", { ref: c.ref, title: "假币防范" }));
    expect(cardText(emily.card)).toContain(en("circulars:card.from", { sender: "陈敏", scope: LJZ_NAME }));
    expect(cardText(emily.card)).toContain(en("circulars:card.acknowledge"));

    // wang's click: the invoke answers with the refreshed card, acknowledged and without the button
    const data = buttonData(wang.card, "circular.acknowledge");
    expect(data.value).toBe(c.id);
    const ackAt = formatDateTime(h.clock.now().toISOString(), "Asia/Shanghai", "zh-CN");
    h.connector.reset();
    const res = await h.post(execute(h.connector.url, WANG, PERSONAL, data, wang.id));
    const refreshed = invokeCard(res.body);
    expect(cardText(refreshed)).toContain(zh("circulars:card.acknowledged", { time: ackAt }));
    expect(refreshed.actions ?? []).toEqual([]);
    h.clock.advance(60_000);
    const again = invokeCard((await h.post(execute(h.connector.url, WANG, PERSONAL, data, wang.id))).body);
    expect(cardText(again)).toContain(zh("circulars:card.acknowledged", { time: ackAt }));
    // nothing was posted as a new message
    expect(h.connector.calls.filter((x) => x.method === "POST")).toHaveLength(0);
    expect(await h.app.db.auditEvent.count({ where: { entityId: c.id, action: "circular.acknowledged" } })).toBe(1);

    // the manager's status in English; the sender's in Chinese
    const enStatus = await say(EMILY, `circular status ${c.ref}`);
    expect(enStatus).toContain(en("circulars:status.of", { acknowledged: 1, total: 4 }));
    expect(enStatus).toContain(en("circulars:status.pending", { count: 3 }));
    for (const name of ["李军", "赵强", "Emily Zhou"]) expect(enStatus).toContain(name);
    const zhStatus = await say(CHEN, `通知 状态 ${c.ref}`);
    expect(zhStatus).toContain(zh("circulars:status.pending", { count: 3 }));
    expect(zhStatus).not.toContain("王芳");
    // a teller is refused, in Chinese
    expect(await say(WANG, "通知 标题｜内容")).toContain(zh("circulars:refusal.not_authorised"));

    // the outlet summary lists the circular and who has not acknowledged
    const summary = await say(EMILY, "status");
    expect(summary).toContain(en("circulars:summary.heading", { count: 1 }));
    expect(summary).toContain(
      en("circulars:summary.row", { ref: c.ref, title: "假币防范", acknowledged: 1, total: 4 }),
    );
    expect(summary).toContain(en("circulars:summary.pending", { names: "Emily Zhou, 李军, 赵强" }));
    expect(await say(CHEN, "status")).toContain(zh("circulars:summary.pending", { names: "Emily Zhou、李军、赵强" }));

    // four hours on: emily is nudged in her chat, wang (acknowledged) is not
    h.clock.advance(4 * 60 * 60 * 1000);
    h.connector.reset();
    await h.app.runtime.scheduler.runOnce(h.clock.now());
    await h.drain();
    const nudge = postedTo(EMILY, en("circulars:card.nudge_title", { ref: c.ref, title: "假币防范" }));
    expect(cardText(nudge.card)).toContain(en("circulars:card.nudge_hint", { count: 1 }));
    expect(h.connector.calls.filter((x) => x.conversationId === personalChatOf(WANG))).toHaveLength(0);
    // pressing Acknowledge on the nudge records emily's acknowledgement
    const fromNudge = await h.post(
      execute(h.connector.url, EMILY, PERSONAL, buttonData(nudge.card, "circular.acknowledge"), nudge.id),
    );
    expect(cardText(invokeCard(fromNudge.body))).toContain(
      en("circulars:card.acknowledged", {
        time: formatDateTime(h.clock.now().toISOString(), "Asia/Shanghai", "en"),
      }),
    );
    const emilyRow = await h.app.db.circularRecipient.findFirstOrThrow({
      where: { circularId: c.id, staffId: h.ids.staff["emily.zhou"] },
    });
    expect(emilyRow.acknowledgedAt).not.toBeNull();
  });

  it("the form as a card in the personal chat; another outlet's supervisor is refused in English", async () => {
    h.connector.reset();
    await h.post(message(h.connector.url, CHEN, PERSONAL, "通知"));
    const [call] = await h.connector.waitFor(1);
    const form = cardOf(call?.body ?? {});
    expect(form.body.find((b) => b.id === "title")).toMatchObject({ label: zh("forms:circular.notice_title") });
    expect(form.body.find((b) => b.id === "body")).toMatchObject({
      label: zh("forms:circular.body"),
      isRequired: true,
    });
    h.connector.reset();
    const res = await h.post(
      submitForm(
        h.connector.url,
        CHEN,
        PERSONAL,
        buttonData(form, "form.submit"),
        { title: "消防演练", body: "周五16:00全员参加，请提前熟悉疏散路线。" },
        call?.returnedId ?? "",
      ),
    );
    expect(res.status).toBe(200);
    const c = await h.app.db.circular.findFirstOrThrow();
    expect(c).toMatchObject({ title: "消防演练", body: "周五16:00全员参加，请提前熟悉疏散路线。", scope: "SH-LJZ" });
    await h.drain();
    expect(cardText(postedTo(EMILY, c.ref).card)).toContain(
      en("circulars:card.title", { ref: c.ref, title: "消防演练" }),
    );
    // david runs SH-XJH: he may send there, but not see SH-LJZ's circular
    expect(await say(DAVID, `circular status ${c.ref}`)).toContain(
      en("circulars:refusal.status_not_authorised", { ref: c.ref }),
    );
    expect(await say(DAVID, "circular SH-LJZ Drill | Friday")).toContain(
      en("circulars:refusal.not_your_scope", { code: "SH-LJZ", codes: "SH-XJH" }),
    );
  });
});
