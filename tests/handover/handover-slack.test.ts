// 交接班/临时离岗 through the real Slack edge: signed slash commands open the handover modal,
// a signed view_submission records it, the receiver's DM carries Confirm / Dispute, signed
// button clicks confirm it (only the named receiver may), and the outlet's card and the DM are
// edited in place. chen.min reads Chinese, emily.zhou English; the words asserted are theirs.
import { afterEach, describe, expect, it } from "vitest";
import type { FakeCall } from "../helpers/fake-slack.js";
import { eventually, openModalWith, type SlackApp, startSlackApp } from "../slack/app-harness.js";
import {
  blockText,
  buttonClick,
  buttons,
  command,
  envelope,
  inputIds,
  LJZ,
  LJZ_SUP,
  type OpenedModal,
  responseId,
  submission,
  USERS,
  userMessage,
} from "../slack/app-payloads.js";

const LJZ_NAME = "陆家嘴支行营业部 (Lujiazui Sub-branch)";
const REF = "HO-SH-LJZ-20261123-001";
const dmOf = (user: string) => user.replace(/^U/, "D");

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

/** Every post to a channel (a DM is D + the user id) whose text mentions `ref`. */
const postsTo = (channel: string, ref = REF) =>
  s.slack
    .callsTo("chat.postMessage")
    .filter((c) => c.body.channel === channel && blockText(c.body.blocks).includes(ref));

const updatesOf = (post: FakeCall) =>
  s.slack
    .callsTo("chat.update")
    .filter((c) => c.body.ts === post.response?.ts && c.body.channel === post.response?.channel);

const buttonOf = (post: FakeCall, action: string) => {
  const b = buttons(post.body.blocks).find((x) => x.action_id.startsWith(action));
  if (!b) throw new Error(`no ${action} button (has ${buttons(post.body.blocks).map((x) => x.action_id)})`);
  return b;
};

/**
 * A signed click on a bot message and the private answer it gets, as text: on the click's
 * response_url, or a message in the clicker's DM. The click comes from the clicker's own DM
 * unless a channel is given: someone else's DM button (a forged payload) is clicked from where
 * that person could send it.
 */
async function click(user: string, post: FakeCall, action: string, channel = dmOf(user)): Promise<string> {
  const payload = buttonClick(s.slack, user, { channel, ts: String(post.response?.ts) }, buttonOf(post, action));
  const calls = s.slack.calls.length;
  expect((await s.interact(payload)).status).toBe(200);
  const id = payload.response_url.split("/").pop();
  return eventually(() => {
    const answers = [
      ...s.slack.responses.filter((x) => x.id === id).map((x) => x.body),
      ...s.slack.calls
        .slice(calls)
        .filter((c) => ["chat.postMessage", "chat.postEphemeral"].includes(c.method))
        .map((c) => c.body),
    ];
    if (answers.length === 0) throw new Error("no answer yet");
    return answers.map((a) => `${String(a.text ?? "")}\n${blockText(a.blocks)}`).join("\n");
  });
}

describe("shift handover (交接班) on Slack", () => {
  it("chen hands over to emily; only emily confirms; both confirmations are recorded, audited and shown", async () => {
    s = await startSlackApp();
    const modal = await openModalWith(s, USERS.chen, "交接");
    expect(inputIds(modal)).toEqual([
      "to",
      "cashbox_amount",
      "cashbox_sealed",
      "keys_handed",
      "seals_handed",
      "vouchers_handed",
      "passwords_changed",
      "note",
    ]);
    // the receiver is picked from the outlet's staff: everyone at SH-LJZ but the giver
    const to = modal.blocks.find((b) => b.block_id === "to")?.element?.options?.map((o) => o.value);
    const ids = s.ids.staff;
    expect(new Set(to)).toEqual(new Set([ids["wang.fang"], ids["li.jun"], ids["zhao.qiang"], ids["emily.zhou"]]));
    expect(blockText(modal.blocks)).toContain("切勿填写密码");
    expect(blockText(modal.blocks)).toContain("Emily Zhou"); // options read as the people's names
    expect(blockText(modal.blocks)).not.toContain("{{name}}");

    const ack = await submit(USERS.chen, modal, {
      to: ids["emily.zhou"] as string,
      cashbox_amount: "150,000.00",
      cashbox_sealed: "yes",
      keys_handed: "yes",
      seals_handed: "yes",
      vouchers_handed: "yes",
      passwords_changed: "yes",
      note: "客户13812345678的回单在尾箱",
    });
    expect(ack).toBeNull();
    const h = await s.app.db.handover.findFirstOrThrow();
    expect(h).toMatchObject({
      ref: REF,
      kind: "shift",
      status: "pending",
      fromStaffId: ids["chen.min"],
      toStaffId: ids["emily.zhou"],
      toConfirmedAt: null,
    });
    expect(h.note).not.toContain("13812345678");
    expect(JSON.parse(h.items)).toContainEqual({
      key: "cashbox_amount",
      kind: "amount",
      value: "15000000",
      currency: "CNY",
    });
    await s.drain();

    // emily (English) is asked in her DM, with Confirm / Dispute
    const [toEmily] = postsTo(dmOf(USERS.emily));
    if (!toEmily) throw new Error("emily was not asked");
    const asked = blockText(toEmily.body.blocks);
    expect(asked).toContain(`Shift handover ${REF} · ${LJZ_NAME}`);
    expect(asked).toContain("陈敏 has handed this over to you.");
    expect(asked).toContain("From 陈敏 to Emily Zhou");
    expect(asked).toContain("Cash box counted amount: ¥150,000.00");
    expect(asked).toContain("✓ Passwords changed or sealed (never write the password)");
    expect(asked).toContain("waiting for Emily Zhou to confirm");
    // the outlet's channel gets the card in the outlet's language, with the same buttons
    const [card] = postsTo(LJZ);
    if (!card) throw new Error("no outlet card");
    expect(postsTo(LJZ_SUP)).toEqual([]);
    expect(blockText(card.body.blocks)).toContain(`交接班 ${REF} · ${LJZ_NAME}`);
    expect(blockText(card.body.blocks)).toContain("交出：陈敏 → 接收：Emily Zhou");
    expect(blockText(card.body.blocks)).toContain("尾箱清点金额：¥150,000.00");
    expect(buttons(card.body.blocks).map((b) => b.action_id.split("~")[0])).toEqual([
      "handover.confirm",
      "handover.dispute",
    ]);
    expect(blockText(card.body.blocks)).not.toContain("已向您交接");

    // emily's "today" lists it too, with its own Confirm / Dispute
    const todayFields = command(s.slack, USERS.emily, "today");
    await s.command(todayFields);
    const today = await eventually(() => {
      const r = s.slack.responses.filter((x) => x.id === responseId(todayFields));
      if (r.length < 2) throw new Error("no handover list under today yet");
      return r.map((x) => `${String(x.body.text ?? "")}\n${blockText(x.body.blocks)}`).join("\n");
    });
    expect(today).toContain("Handovers waiting for your confirmation (1):");
    expect(today).toContain(`Shift handover ${REF} from 陈敏`);
    expect(today).toContain(`Confirm ${REF}`);

    // wang (a teller, not the receiver) clicks Confirm on the channel card: refused, in Chinese, nothing changes
    expect(await click(USERS.wang, card, "handover.confirm", LJZ)).toContain(
      `只有指定的接收人才能确认交接${REF}或提出异议。`,
    );
    expect((await s.app.db.handover.findFirstOrThrow()).status).toBe("pending");

    expect(await click(USERS.emily, toEmily, "handover.confirm")).toContain(`You confirmed handover ${REF}.`);
    const done = await s.app.db.handover.findFirstOrThrow();
    expect(done.status).toBe("confirmed");
    expect(done.toConfirmedAt).not.toBeNull();
    const audit = await s.app.db.auditEvent.findMany({ where: { entityId: h.id }, orderBy: { seq: "asc" } });
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([
      ["handover.submitted", ids["chen.min"]],
      ["handover.confirmed", ids["emily.zhou"]],
    ]);
    await s.drain();
    // the card and emily's message are edited in place: both confirmed, no buttons left
    for (const post of [card, toEmily]) {
      const [edited] = updatesOf(post);
      if (!edited) throw new Error("not edited in place");
      expect(buttons(edited.body.blocks)).toEqual([]);
    }
    expect(blockText(updatesOf(toEmily)[0]?.body.blocks)).toMatch(
      /Confirmed by both: 陈敏 at 2026-11-23 08:0\d, Emily Zhou at 2026-11-23 08:0\d\./,
    );
    expect(blockText(updatesOf(card)[0]?.body.blocks)).toMatch(/双方已确认：陈敏于2026-11-23 08:0\d，Emily Zhou于/);
    // chen hears it in his DM, in Chinese
    const [toChen] = postsTo(dmOf(USERS.chen));
    expect(blockText(toChen?.body.blocks)).toContain("双方已确认");

    // a second click changes nothing and says why
    expect(await click(USERS.emily, toEmily, "handover.confirm")).toContain(`Handover ${REF} is already confirmed.`);
    expect(await s.app.db.auditEvent.count({ where: { entityId: h.id } })).toBe(2);
  });

  it("a dispute is recorded and shown on the card; the giver hears of it", async () => {
    s = await startSlackApp();
    const modal = await openModalWith(s, USERS.emily, "handover");
    const yes = Object.fromEntries(
      ["cashbox_sealed", "keys_handed", "seals_handed", "vouchers_handed", "passwords_changed"].map((k) => [k, "yes"]),
    );
    const ack = await submit(USERS.emily, modal, {
      ...yes,
      to: s.ids.staff["chen.min"] as string,
      cashbox_amount: "80000",
      seals_handed: "no",
    });
    expect(ack).toBeNull();
    await s.drain();
    const [toChen] = postsTo(dmOf(USERS.chen));
    if (!toChen) throw new Error("chen was not asked");
    expect(blockText(toChen.body.blocks)).toContain("✗ 印章已交接");
    expect(await click(USERS.chen, toChen, "handover.dispute")).toContain(`您已对交接${REF}提出异议`);
    const h = await s.app.db.handover.findFirstOrThrow();
    expect(h.status).toBe("disputed");
    expect(h.disputedAt).not.toBeNull();
    await s.drain();
    const [toEmily] = postsTo(dmOf(USERS.emily));
    expect(blockText(toEmily?.body.blocks)).toMatch(/Disputed by 陈敏 at 2026-11-23 08:0\d/);
    expect(await click(USERS.chen, toChen, "handover.confirm")).toContain(`交接${REF}已被提出异议。`);
  });
});

describe("cancelling a handover on Slack", () => {
  it("the giver withdraws it before it is confirmed; the receiver's Confirm is then refused", async () => {
    s = await startSlackApp();
    const modal = await openModalWith(s, USERS.wang, "离岗");
    const all = { cashbox_locked: "yes", seals_locked: "yes", vouchers_locked: "yes", screen_locked: "yes" };
    expect(await submit(USERS.wang, modal, { ...all, to: s.ids.staff["emily.zhou"] as string })).toBeNull();
    // wang's private answer names the receiver and offers Cancel
    const told = await eventually(() => {
      const c = s.slack
        .callsTo("chat.postEphemeral")
        .concat(s.slack.callsTo("chat.postMessage"))
        .find((x) => blockText(x.body.blocks).includes(`交接${REF}已登记，已请Emily Zhou确认。`));
      if (!c) throw new Error("no answer to the submission yet");
      return c;
    });
    await s.drain();
    const [toEmily] = postsTo(dmOf(USERS.emily));
    if (!toEmily) throw new Error("emily was not asked");
    // only the giver may cancel
    expect(await click(USERS.emily, told, "handover.cancel")).toContain(
      `Only the person who handed over ${REF} may cancel it.`,
    );
    expect(await click(USERS.wang, told, "handover.cancel", String(told.body.channel))).toContain(
      `您已撤销交接${REF}，未发生交接。`,
    );
    const h = await s.app.db.handover.findFirstOrThrow();
    expect(h.status).toBe("cancelled");
    expect(h.cancelledAt).not.toBeNull();
    expect(await click(USERS.emily, toEmily, "handover.confirm")).toContain(`Handover ${REF} was cancelled.`);
    await s.drain();
    const [edited] = updatesOf(toEmily);
    expect(buttons(edited?.body.blocks)).toEqual([]);
    expect(blockText(edited?.body.blocks)).toMatch(/Cancelled by 王芳 at 2026-11-23 08:\d\d\./);
    const actions = await s.app.db.auditEvent.findMany({ where: { entityId: h.id }, orderBy: { seq: "asc" } });
    expect(actions.map((a) => a.action)).toEqual(["handover.submitted", "handover.cancelled"]);
  });
});

describe("temporary absence (临时离岗) on Slack", () => {
  it("wang leaves the counter, chen witnesses it, and wang's 'I'm back' closes it", async () => {
    s = await startSlackApp();
    const modal = await openModalWith(s, USERS.wang, "离岗");
    expect(inputIds(modal)).toEqual([
      "to",
      "cashbox_locked",
      "seals_locked",
      "vouchers_locked",
      "screen_locked",
      "note",
    ]);
    const all = { cashbox_locked: "yes", seals_locked: "yes", vouchers_locked: "yes", screen_locked: "yes" };
    expect(await submit(USERS.wang, modal, { ...all, to: s.ids.staff["chen.min"] as string })).toBeNull();
    await s.drain();
    const [toChen] = postsTo(dmOf(USERS.chen));
    if (!toChen) throw new Error("chen was not asked");
    expect(blockText(toChen.body.blocks)).toContain(`临时离岗 ${REF} · ${LJZ_NAME}`);
    expect(blockText(toChen.body.blocks)).toContain("✓ 尾箱已上锁");
    expect(await click(USERS.chen, toChen, "handover.confirm")).toContain(`您已确认交接${REF}。`);
    await s.drain();

    // wang gets the confirmed card with "I'm back"; only wang may use it
    const [toWang] = postsTo(dmOf(USERS.wang));
    if (!toWang) throw new Error("wang was not told");
    expect(blockText(toWang.body.blocks)).toContain("王芳临时离岗中");
    expect(await click(USERS.chen, toWang, "handover.return")).toContain(`只有交接${REF}的交出人才能登记返岗。`);
    expect(await click(USERS.wang, toWang, "handover.return")).toContain(`欢迎返岗，${REF}已结束。`);
    const h = await s.app.db.handover.findFirstOrThrow();
    expect(h).toMatchObject({ kind: "temporary_absence", status: "returned" });
    expect(h.returnedAt).not.toBeNull();
    const actions = await s.app.db.auditEvent.findMany({ where: { entityId: h.id }, orderBy: { seq: "asc" } });
    expect(actions.map((a) => a.action)).toEqual(["handover.submitted", "handover.confirmed", "handover.returned"]);
    await s.drain();
    // wang's "I'm back" message loses its button; chen hears wang is back
    const [edited] = updatesOf(toWang);
    expect(buttons(edited?.body.blocks)).toEqual([]);
    expect(
      postsTo(dmOf(USERS.chen))
        .map((p) => blockText(p.body.blocks))
        .join("\n"),
    ).toMatch(/王芳已于2026-11-23 08:\d\d返岗。/);
  });
});

describe("a handover in a Slack DM, one question at a time", () => {
  it("wang types 离岗 in his DM, answers each question, and chen is asked to confirm", async () => {
    s = await startSlackApp();
    const dm = dmOf(USERS.wang);
    /** Wang's DM message and the bot's next post there, as text. */
    const ask = async (text: string) => {
      const n = s.slack.callsTo("chat.postMessage").filter((c) => c.body.channel === dm).length;
      expect((await s.event(envelope(userMessage(USERS.wang, dm, text)))).status).toBe(200);
      const post = await s.waitFor("chat.postMessage", n + 1, (c) => c.body.channel === dm);
      return `${String(post.body.text ?? "")}\n${blockText(post.body.blocks)}`;
    };
    const first = await ask("离岗");
    expect(first).toContain("接收人");
    // the receivers are offered by name and number; chen is picked by his name
    expect(first).toMatch(/\d\. 陈敏/);
    expect(first).not.toContain("王芳");
    expect(await ask("陈敏")).toContain("尾箱已上锁");
    expect(await ask("是")).toContain("印章已入柜加锁");
    expect(await ask("是")).toContain("凭证已入柜加锁");
    expect(await ask("是")).toContain("已签退并锁屏");
    expect(await ask("否")).toContain("备注");
    expect(await ask("屏幕锁坏了，客户电话13812345678已报修")).toContain(`交接${REF}已登记，已请陈敏确认。`);
    const h = await s.app.db.handover.findFirstOrThrow();
    expect(h).toMatchObject({ kind: "temporary_absence", toStaffId: s.ids.staff["chen.min"], status: "pending" });
    expect(JSON.parse(h.items)).toContainEqual({ key: "screen_locked", kind: "yesno", value: "no" });
    expect(h.note).not.toContain("13812345678");
    await s.drain();
    const [toChen] = postsTo(dmOf(USERS.chen));
    expect(blockText(toChen?.body.blocks)).toContain("✗ 已签退并锁屏");
  });
});
