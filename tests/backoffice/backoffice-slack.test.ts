// 事后监督差错整改 on Slack, through the real app: grace.lin (regional, English) raises an error
// notice on SH-LJZ with /branch errornotice; its card lands in the supervisors' channel in the
// outlet's Chinese; chen.min (supervisor) replies with Reply on the card; the card is edited in
// place and the reply is in its thread; grace gets the card in her DM, in English, and accepts
// it there. Refusals (a supervisor raising, a lobby manager replying) are told in Chinese.
import { afterEach, describe, expect, it } from "vitest";
import { FAKE_BOT_USER } from "../helpers/fake-slack.js";
import { eventually, type SlackApp, startSlackApp } from "../slack/app-harness.js";
import {
  blockText,
  buttonClick,
  buttons,
  command,
  dmOf,
  envelope,
  LJZ_SUP,
  modalOf,
  responseId,
  submission,
  USERS,
  userMessage,
} from "../slack/app-payloads.js";

const GRACE = "U0DEMO0009"; // regional (SH), en
const GRACE_DM = "D0DEMO0009";

let s: SlackApp;
afterEach(async () => {
  await s.stop();
});

async function slash(user: string, text: string) {
  const fields = command(s.slack, user, text);
  expect((await s.command(fields)).status).toBe(200);
  return fields;
}

async function answerTo(fields: Record<string, string>) {
  return eventually(() => {
    const r = s.slack.responses.find((x) => x.id === responseId(fields));
    if (!r) throw new Error("no response_url post yet");
    return r.body as { text: string; blocks: unknown[] };
  });
}

/** The last message in a channel whose text contains `needle`. */
function posted(channel: string, needle: string) {
  const c = s.slack
    .callsTo("chat.postMessage")
    .filter((x) => x.body.channel === channel && blockText(x.body.blocks).includes(needle))
    .at(-1);
  if (!c) throw new Error(`nothing with "${needle}" in ${channel}`);
  return c;
}

async function graceRaises() {
  const before = s.slack.callsTo("views.open").length;
  await slash(GRACE, "errornotice SH-LJZ");
  const modal = modalOf(await s.waitFor("views.open", before + 1));
  expect(modal.callback_id).toBe("error_notice");
  const shown = blockText(modal.blocks);
  for (const w of ["Error found", "What is wrong", "Voucher or transaction reference", "Responsible person"])
    expect(shown).toContain(w);
  const res = await s.interact(
    submission(GRACE, modal, {
      category: "missing_seal",
      description: "传票缺少经办柜员签章，客户手机 13812345678",
      voucherRef: "流水 20261120-0042",
      responsibleStaffId: s.ids.staff["wang.fang"] as string,
    }),
  );
  expect(await res.text()).toBe("");
  const n = await eventually(() => s.app.db.errorNotice.findFirstOrThrow());
  await s.drain();
  return n;
}

describe("error notices on Slack", () => {
  it("raise → reply in the card's thread → accept from the issuer's DM, in both languages", async () => {
    s = await startSlackApp();
    const n = await graceRaises();
    expect(n.ref).toBe("EN-SH-LJZ-20261123-001");
    const card = posted(LJZ_SUP, n.ref);
    const text = blockText(card.body.blocks);
    expect(text).toContain("差错通知 EN-SH-LJZ-20261123-001：签章不全");
    expect(text).toContain("请于 11月26日 08:05 前整改回复");
    expect(text).toContain("传票缺少经办柜员签章");
    expect(text).not.toContain("13812345678");
    expect(text).toContain("王芳");
    const ts = String(card.response?.ts);

    // a lobby manager may not reply
    const reply = buttons(card.body.blocks).find((b) => b.action_id === "errornotice.reply");
    if (!reply) throw new Error("no Reply button");
    await s.interact(buttonClick(s.slack, USERS.li, { channel: LJZ_SUP, ts }, reply));
    const refused = await eventually(() => {
      const r = s.slack.responses.at(-1);
      if (!r) throw new Error("no answer yet");
      return r.body as { text: string };
    });
    expect(refused.text).toBe("只有网点的运营主管、网点负责人或责任人可以回复差错单 EN-SH-LJZ-20261123-001。");

    // chen (supervisor) replies
    const opened = s.slack.callsTo("views.open").length;
    await s.interact(buttonClick(s.slack, USERS.chen, { channel: LJZ_SUP, ts }, reply));
    const form = modalOf(await s.waitFor("views.open", opened + 1));
    expect(form.callback_id).toBe("error_notice_reply");
    expect(blockText(form.blocks)).toContain("整改情况及措施");
    await s.interact(submission(USERS.chen, form, { reply: "已补盖签章并重新审核，已告知客户 13812345678" }));
    await eventually(async () => expect((await s.app.db.errorNotice.findFirstOrThrow()).status).toBe("replied"));
    await s.drain();
    const inThread = s.slack
      .callsTo("chat.postMessage")
      .filter((c) => c.body.channel === LJZ_SUP && c.body.thread_ts === ts)
      .map((c) => blockText(c.body.blocks));
    expect(inThread).toEqual([expect.stringContaining("陈敏 已提交差错单 EN-SH-LJZ-20261123-001 的整改回复。")]);
    expect(inThread.join("\n")).not.toContain("13812345678");
    const edited = s.slack
      .callsTo("chat.update")
      .filter((c) => c.body.ts === ts)
      .at(-1);
    const editedText = blockText(edited?.body.blocks);
    expect(editedText).toContain("已回复，待认可");
    expect(editedText).toContain("陈敏 的整改回复");
    expect(editedText).toContain("已补盖签章并重新审核");

    // grace reads the replied card in English in her DM, and accepts it there
    const dm = posted(GRACE_DM, n.ref);
    const dmText = blockText(dm.body.blocks);
    expect(dmText).toContain("Error notice EN-SH-LJZ-20261123-001: Missing seal or signature");
    expect(dmText).toContain("Replied, awaiting acceptance");
    expect(dmText).toContain("Rectification reply from 陈敏");
    const accept = buttons(dm.body.blocks).find((b) => b.action_id === "errornotice.accept");
    if (!accept) throw new Error("no Accept button");
    await s.interact(buttonClick(s.slack, GRACE, { channel: GRACE_DM, ts: String(dm.response?.ts) }, accept));
    await eventually(async () => expect((await s.app.db.errorNotice.findFirstOrThrow()).status).toBe("accepted"));
    await s.drain();
    const told = s.slack
      .callsTo("chat.postMessage")
      .filter((c) => c.body.channel === GRACE_DM)
      .map((c) => blockText(c.body.blocks));
    expect(told.join("\n")).toContain("You accepted the rectification of EN-SH-LJZ-20261123-001.");
    const final = blockText(
      s.slack
        .callsTo("chat.update")
        .filter((c) => c.body.ts === ts)
        .at(-1)?.body.blocks,
    );
    expect(final).toContain("整改已认可");
    expect(
      buttons(
        s.slack
          .callsTo("chat.update")
          .filter((c) => c.body.ts === ts)
          .at(-1)?.body.blocks,
      ),
    ).toEqual([]);
  });

  it("lists the open notices with their clocks, and refuses a supervisor who tries to raise one", async () => {
    s = await startSlackApp();
    await graceRaises();
    const list = await answerTo(await slash(USERS.chen, "差错单"));
    const shown = blockText(list.blocks);
    expect(shown).toContain("陆家嘴支行营业部 (Lujiazui Sub-branch)未认可的差错单（1）：");
    expect(shown).toContain("• EN-SH-LJZ-20261123-001 · 签章不全 · 11月26日 08:05前回复：传票缺少经办柜员签章");
    const en = await answerTo(await slash(GRACE, "errornotices SH-LJZ"));
    expect(blockText(en.blocks)).toContain(
      "• EN-SH-LJZ-20261123-001 · Missing seal or signature · reply by 26 Nov 08:05: 传票缺少经办柜员签章",
    );
    const refused = await answerTo(await slash(USERS.chen, "差错"));
    expect(refused.text).toBe("只有事后监督人员可以发出差错通知，您在所在网点无此权限。");
  });

  it("the scheduler escalates an unanswered notice to the manager once, in the card's thread", async () => {
    s = await startSlackApp();
    const n = await graceRaises();
    const ts = String(posted(LJZ_SUP, n.ref).response?.ts);
    s.clock.set(new Date("2026-11-26T00:06:00Z"));
    await s.app.runtime.scheduler.runOnce(s.clock.now());
    await s.app.runtime.scheduler.runOnce(s.clock.now());
    await s.drain();
    const inThread = s.slack
      .callsTo("chat.postMessage")
      .filter((c) => c.body.channel === LJZ_SUP && c.body.thread_ts === ts)
      .map((c) => blockText(c.body.blocks));
    expect(inThread).toEqual([
      expect.stringContaining(
        "差错单 EN-SH-LJZ-20261123-001 未按时整改回复，已升级至第1级 · 网点负责人，请于 11月27日 08:06 前回复。",
      ),
    ]);
    // emily.zhou (manager, English) gets the card in her DM
    const emily = posted(dmOf(USERS.emily), n.ref);
    expect(blockText(emily.body.blocks)).toContain("Escalated, reply overdue");
    expect(await s.app.db.auditEvent.count({ where: { action: "error_notice.escalated" } })).toBe(1);
    // the list says where it went and the new deadline
    const list = blockText((await answerTo(await slash(USERS.chen, "差错单"))).blocks);
    expect(list).toContain(
      "⚠ EN-SH-LJZ-20261123-001 · 签章不全 · 已升级至网点负责人，11月27日 08:06前回复：传票缺少经办柜员签章",
    );
    const en = blockText((await answerTo(await slash(USERS.emily, "errornotices"))).blocks);
    expect(en).toContain(
      "⚠ EN-SH-LJZ-20261123-001 · Missing seal or signature · escalated to Branch manager, reply by 27 Nov 08:06",
    );
  });

  it("takes the rectification reply addressed to the bot in the card's thread; other chatter there is left alone", async () => {
    s = await startSlackApp();
    const n = await graceRaises();
    const ts = String(posted(LJZ_SUP, n.ref).response?.ts);
    await s.event(envelope(userMessage(USERS.emily, LJZ_SUP, "陈敏，这张差错单今天处理一下", ts)));
    await s.event(
      envelope(userMessage(USERS.chen, LJZ_SUP, `<@${FAKE_BOT_USER}> 已补盖签章，回访客户 13812345678`, ts)),
    );
    const told = await s.waitFor("chat.postEphemeral", 1, (c) => c.body.user === USERS.chen);
    expect(String(told.body.text)).toBe("您对差错单 EN-SH-LJZ-20261123-001 的整改回复已提交认可。");
    const after = await s.app.db.errorNotice.findFirstOrThrow();
    expect(after).toMatchObject({ status: "replied", repliedById: s.ids.staff["chen.min"], version: 1 });
    expect(after.reply).toContain("已补盖签章");
    expect(after.reply).not.toContain("13812345678");
    await s.drain();
    const edited = blockText(
      s.slack
        .callsTo("chat.update")
        .filter((c) => c.body.ts === ts)
        .at(-1)?.body.blocks,
    );
    expect(edited).toContain("已回复，待认可");
  });
});
