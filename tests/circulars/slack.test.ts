// Circulars (通知学习确认) on Slack through the real edge: signed slash commands and button
// clicks into the real app, the notices delivered by the outbox to the fake Slack Web API.
// A supervisor sends in Chinese; each colleague gets it in their DM in their own language with
// an Acknowledge button; a click edits that message in place (once: a second click changes
// nothing); the status and the outlet summary name those who have not acknowledged; the
// scheduler nudges them; a teller is refused.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { formatDateTime } from "../../src/views/format.js";
import { i18n } from "../helpers/db.js";
import type { FakeCall } from "../helpers/fake-slack.js";
import { eventually, openModalWith, type SlackApp, startSlackApp } from "../slack/app-harness.js";
import {
  buttonClick,
  buttons,
  command,
  dmOf,
  envelope,
  mrkdwn,
  responseId,
  submission,
  USERS,
  userMessage,
} from "../slack/app-payloads.js";
import { visibleText } from "../slack/visible-text.js";

const zh = (key: string, vars?: Record<string, unknown>) => i18n.t("zh-CN", key, vars);
const en = (key: string, vars?: Record<string, unknown>) => i18n.t("en", key, vars);
const TZ = "Asia/Shanghai";

let s: SlackApp;
beforeEach(async () => {
  s = await startSlackApp();
});
afterEach(async () => {
  await s.stop();
});

/** `/branch <text>` from `user`, and what the response_url got (text and the words of its blocks). */
async function run(user: string, text: string) {
  const fields = command(s.slack, user, text);
  expect((await s.command(fields)).status).toBe(200);
  const body = await eventually(() => {
    const r = s.slack.responses.find((x) => x.id === responseId(fields));
    if (!r) throw new Error("no response yet");
    return r.body;
  });
  return { text: String(body.text ?? ""), words: visibleText(body.blocks).join("\n"), blocks: body.blocks };
}

/** The demo org's DM channel with the bot. */

/** The DM the outbox posted to `user` whose words contain `needle`. */
function dmTo(user: string, needle: string): FakeCall {
  const c = s.slack
    .callsTo("chat.postMessage")
    .find((x) => x.body.channel === dmOf(user) && visibleText(x.body.blocks).join("\n").includes(needle));
  if (!c)
    throw new Error(
      `no DM to ${user} with "${needle}": ${JSON.stringify(s.slack.callsTo("chat.postMessage").map((x) => [x.body.channel, visibleText(x.body.blocks)]))}`,
    );
  return c;
}
const wordsOf = (c: FakeCall) => visibleText(c.body.blocks).join("\n");

describe("circulars on Slack", () => {
  it("send in Chinese, read and acknowledge in each person's language, status, summary and nudges", async () => {
    const sent = await run(USERS.chen, "通知 假币防范｜百元券须逐张验钞，发现可疑立即上报");
    const c = await s.app.db.circular.findFirstOrThrow();
    expect(c).toMatchObject({ ref: "CIR-20261123-1", title: "假币防范", scope: "SH-LJZ" });
    expect(sent.text).toBe(
      zh("circulars:sent", { ref: c.ref, count: 4, scope: "陆家嘴支行营业部 (Lujiazui Sub-branch)" }),
    );

    await s.drain();
    // wang reads Chinese, emily English: the title, the body and the button in their words
    const wang = dmTo(USERS.wang, c.ref);
    expect(wordsOf(wang)).toContain(zh("circulars:card.title", { ref: c.ref, title: "假币防范" }));
    expect(wordsOf(wang)).toContain("百元券须逐张验钞，发现可疑立即上报");
    expect(wordsOf(wang)).toContain(zh("circulars:card.acknowledge"));
    const emily = dmTo(USERS.emily, c.ref);
    expect(wordsOf(emily)).toContain(en("circulars:card.title", { ref: c.ref, title: "假币防范" }));
    expect(wordsOf(emily)).toContain(en("circulars:card.acknowledge"));
    expect(s.slack.callsTo("chat.postMessage").filter((x) => x.body.channel === dmOf(USERS.chen))).toHaveLength(0);

    // a retried drain posts nothing again
    const posts = s.slack.callsTo("chat.postMessage").length;
    await s.drain();
    expect(s.slack.callsTo("chat.postMessage")).toHaveLength(posts);

    // wang presses 已阅知悉: the notice is edited in place, no new message
    const button = buttons(wang.body.blocks).find((b) => b.action_id === "circular.acknowledge");
    expect(button?.value).toBe(c.id);
    if (!button) throw new Error("no Acknowledge button");
    const where = { channel: "D0DEMO0001", ts: "1800000100.000100" };
    const click = buttonClick(s.slack, USERS.wang, where, button);
    await s.interact(click);
    const replaced = await eventually(() => {
      const r = s.slack.responses.find((x) => x.id === click.response_url.split("/").pop());
      if (!r) throw new Error("no replace yet");
      return r.body;
    });
    expect(replaced.replace_original).toBe(true);
    const ackAt = formatDateTime(s.clock.now().toISOString(), TZ, "zh-CN");
    expect(visibleText(replaced.blocks).join("\n")).toContain(zh("circulars:card.acknowledged", { time: ackAt }));
    expect(buttons(replaced.blocks)).toEqual([]);
    // pressed again (the old message, a minute later): nothing changes, still shown as acknowledged
    s.clock.advance(60_000);
    const again = buttonClick(s.slack, USERS.wang, where, button);
    await s.interact(again);
    const second = await eventually(() => {
      const r = s.slack.responses.find((x) => x.id === again.response_url.split("/").pop());
      if (!r) throw new Error("no replace yet");
      return r.body;
    });
    expect(visibleText(second.blocks).join("\n")).toContain(zh("circulars:card.acknowledged", { time: ackAt }));
    expect(await s.app.db.auditEvent.count({ where: { entityId: c.id, action: "circular.acknowledged" } })).toBe(1);

    // the sender's status, in Chinese: 1 of 4, and the three names still outstanding
    const status = await run(USERS.chen, `通知 状态 ${c.ref}`);
    expect(status.words).toContain(zh("circulars:status.title", { ref: c.ref, title: "假币防范" }));
    expect(status.words).toContain(zh("circulars:status.of", { acknowledged: 1, total: 4 }));
    expect(status.words).toContain(zh("circulars:status.pending", { count: 3 }));
    for (const name of ["李军", "赵强", "Emily Zhou"]) expect(status.words).toContain(name);
    expect(status.words).not.toContain("王芳");
    // the manager asks in English
    const enStatus = await run(USERS.emily, `circular status ${c.ref.toLowerCase()}`);
    expect(enStatus.words).toContain(en("circulars:status.of", { acknowledged: 1, total: 4 }));
    // a teller may neither send nor see the status
    expect((await run(USERS.wang, "通知 标题｜内容")).text).toBe(zh("circulars:refusal.not_authorised"));
    expect((await run(USERS.wang, `通知 状态 ${c.ref}`)).text).toBe(
      zh("circulars:refusal.status_not_authorised", { ref: c.ref }),
    );

    // the outlet summary's circulars section
    const summary = await run(USERS.chen, "status");
    expect(summary.words).toContain(zh("circulars:summary.heading", { count: 1 }));
    expect(summary.words).toContain(
      zh("circulars:summary.row", { ref: c.ref, title: "假币防范", acknowledged: 1, total: 4 }),
    );
    expect(summary.words).toContain(zh("circulars:summary.pending", { names: "Emily Zhou、李军、赵强" }));
    const enSummary = await run(USERS.emily, "status");
    expect(enSummary.words).toContain(en("circulars:summary.pending", { names: "Emily Zhou, 李军, 赵强" }));

    // four hours on, the scheduler nudges the three who have not acknowledged, not wang
    s.clock.advance(4 * 60 * 60 * 1000);
    await s.app.runtime.scheduler.runOnce(s.clock.now());
    await s.drain();
    const nudgeTitle = zh("circulars:card.nudge_title", { ref: c.ref, title: "假币防范" });
    const li = dmTo(USERS.li, nudgeTitle);
    expect(wordsOf(li)).toContain(zh("circulars:card.nudge_hint", { count: 1 }));
    expect(wordsOf(dmTo(USERS.emily, en("circulars:card.nudge_title", { ref: c.ref, title: "假币防范" })))).toContain(
      en("circulars:card.acknowledge"),
    );
    expect(() => dmTo(USERS.wang, nudgeTitle)).toThrow();
    expect(await s.app.db.auditEvent.count({ where: { entityId: c.id, action: "circular.nudged" } })).toBe(3);
    // another tick at the same time nudges nobody again
    await s.app.runtime.scheduler.runOnce(s.clock.now());
    expect(await s.app.db.auditEvent.count({ where: { entityId: c.id, action: "circular.nudged" } })).toBe(3);
  });

  it("the manager sends in English through the form; a bare circular text without a bar explains the format", async () => {
    const usage = await run(USERS.emily, "circular Year-end stock-take");
    expect(usage.text).toBe(mrkdwn(en("circulars:usage")));
    const modal = await openModalWith(s, USERS.emily, "circular");
    expect(modal.callback_id).toBe("circular");
    expect(visibleText(modal).join("\n")).toContain(en("forms:circular.notice_title"));
    const res = await s.interact(
      submission(USERS.emily, modal, { title: "Year-end stock-take", body: "Count the vault on Friday 17:00." }),
    );
    expect(await res.text()).toBe("");
    const c = await eventually(() => s.app.db.circular.findFirstOrThrow());
    expect(c).toMatchObject({ title: "Year-end stock-take", senderId: s.ids.staff["emily.zhou"] });
    await s.drain();
    expect(wordsOf(dmTo(USERS.chen, c.ref))).toContain(zh("circulars:card.title", { ref: c.ref, title: c.title }));
    expect(wordsOf(dmTo(USERS.chen, c.ref))).toContain(
      zh("circulars:card.from", { sender: "Emily Zhou", scope: "陆家嘴支行营业部 (Lujiazui Sub-branch)" }),
    );
  });

  it("a typed 已阅 in the DM acknowledges the only open circular and edits its notice there", async () => {
    await run(USERS.chen, "通知 消防演练｜周五16:00全员参加");
    const c = await s.app.db.circular.findFirstOrThrow();
    await s.drain();
    await s.event(envelope(userMessage(USERS.li, dmOf(USERS.li), "已阅")));
    const told = await s.waitFor(
      "chat.postMessage",
      1,
      (x) => x.body.text === zh("circulars:reply.acknowledged", { ref: c.ref }),
    );
    expect(told.body.channel).toBe(dmOf(USERS.li));
    const row = await s.app.db.circularRecipient.findFirstOrThrow({
      where: { circularId: c.id, staffId: s.ids.staff["li.jun"] },
    });
    expect(row.acknowledgedAt).not.toBeNull();
    await s.drain();
    const edit = await s.waitFor("chat.update", 1, (x) => x.body.channel === dmOf(USERS.li));
    expect(wordsOf(edit)).toContain(
      zh("circulars:card.acknowledged", { time: formatDateTime(row.acknowledgedAt?.toISOString(), TZ, "zh-CN") }),
    );
    expect(buttons(edit.body.blocks)).toEqual([]);
    // said again: nothing open any more
    await s.event(envelope(userMessage(USERS.li, dmOf(USERS.li), "ack")));
    await s.waitFor("chat.postMessage", 1, (x) => x.body.text === zh("circulars:reply.none_open"));
    expect(await s.app.db.auditEvent.count({ where: { entityId: c.id, action: "circular.acknowledged" } })).toBe(1);
  });
});
