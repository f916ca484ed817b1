// 轮岗/强制休假 through the real edges. The org file gives wang.fang a rotation date 17 days
// away and li.jun a mandatory-leave date 3 days past; the scheduler's real tick reminds the
// manager (emily.zhou, English) in her DM, the supervisor (chen.min, Chinese) lists the dates
// with "轮岗", and a teller is refused — on Slack and on Teams, asserting the words people read.
import { afterEach, describe, expect, it } from "vitest";
import { EMILY, orgFile, WANG } from "../permissions/world.js";
import { type SlackApp, slashAnswer, startSlackApp } from "../slack/app-harness.js";
import { blockText, dmOf, USERS } from "../slack/app-payloads.js";
import { CHEN, personalChatOf, type TeamsUser } from "../teams/app-activities.js";
import { cardOf, cardText, personalAnswer, startTeamsApp, type TeamsApp } from "../teams/app-harness.js";

const withDates = () =>
  orgFile((org) => {
    const person = (code: string) => org.staff.find((s: { code: string }) => s.code === code);
    person("wang.fang").rotationDue = "2026-12-10";
    person("li.jun").mandatoryLeaveDue = "2026-11-20";
  });

const LJZ = "陆家嘴支行营业部 (Lujiazui Sub-branch)";
const REMINDER_EN =
  "Reminder: 王芳 (陆家嘴支行营业部 (Lujiazui Sub-branch)) is due for rotation on 2026-12-10, in 17 days. Please arrange it and the cover.";
const OVERDUE_EN =
  "Overdue: 李军 (陆家嘴支行营业部 (Lujiazui Sub-branch)) was due for mandatory leave on 2026-11-20, 3 days ago. Please arrange it now.";
const LIST_ZH = [
  `${LJZ}的轮岗与强制休假（2）：`,
  "⚠ 李军 · 强制休假 · 到期 2026-11-20 · 已逾期3天",
  "王芳 · 轮岗 · 到期 2026-12-10 · 还有17天",
];
const REFUSED_ZH = "您无权查看所在网点的轮岗和强制休假日期。";

type Started = Pick<SlackApp, "app" | "clock">;

/** The scheduler's tick twice (a second replica's tick at the same minute included). */
async function tickTwice(a: Started) {
  await a.app.runtime.scheduler.runOnce(a.clock.now());
  await a.app.runtime.scheduler.runOnce(a.clock.now());
}

const reminderRows = (a: Started) =>
  a.app.db.outboxMessage.findMany({ where: { idempotencyKey: { startsWith: "rotation:" } } });

describe("rotation and mandatory leave on Slack", () => {
  let s: SlackApp;
  afterEach(async () => {
    await s.stop();
  });

  const slash = (user: string, text: string) => slashAnswer(s, user, text);

  it("reminds the manager once in her DM, in English", async () => {
    s = await startSlackApp(undefined, { orgFile: withDates() });
    await tickTwice(s);
    await s.drain();
    expect(await reminderRows(s)).toHaveLength(2);
    const emilyDm = dmOf(USERS.emily);
    const toEmily = s.slack
      .callsTo("chat.postMessage")
      .filter((c) => (c.body as { channel: string }).channel === emilyDm)
      .map((c) => blockText((c.body as { blocks: unknown[] }).blocks));
    const rotation = toEmily.filter((t) => t.includes("rotation"));
    expect(rotation).toEqual([expect.stringContaining(REMINDER_EN)]);
    expect(toEmily.filter((t) => t.includes("mandatory leave"))).toEqual([expect.stringContaining(OVERDUE_EN)]);
    // nobody else is told: the default playbook reminds the manager only
    const told = s.slack
      .callsTo("chat.postMessage")
      .filter((c) => /rotation|mandatory leave|轮岗|强制休假/.test(JSON.stringify(c.body)));
    expect(told.map((c) => (c.body as { channel: string }).channel)).toEqual([emilyDm, emilyDm]);
  });

  it("lists the dates for the supervisor in Chinese, privately, and refuses a teller", async () => {
    s = await startSlackApp(undefined, { orgFile: withDates() });
    const list = await slash(USERS.chen, "轮岗");
    expect(list.response_type ?? "ephemeral").toBe("ephemeral");
    const shown = blockText(list.blocks);
    for (const line of LIST_ZH) expect(shown).toContain(line);
    expect(shown.indexOf("李军")).toBeLessThan(shown.indexOf("王芳")); // soonest (here: overdue) first
    const refused = await slash(USERS.wang, "rotation");
    expect(refused.text).toBe(REFUSED_ZH);
    expect(refused.text).not.toContain("王芳 ·");
  });
});

describe("rotation and mandatory leave on Teams", () => {
  let h: TeamsApp;
  afterEach(async () => {
    await h.stop();
  });

  /** The one answer the bot posts in the person's personal chat, as the words shown. */
  const say = async (from: TeamsUser, text: string) => (await personalAnswer(h, from, text)).text;

  it("reminds the manager once in her personal chat, in English", async () => {
    h = await startTeamsApp({ orgFile: withDates() });
    await say(EMILY, "help"); // Teams reaches a person only in a chat they opened with the bot
    h.connector.reset();
    await tickTwice(h);
    await h.drain();
    const shown = h.connector.calls
      .filter((c) => c.conversationId === personalChatOf(EMILY) && c.method === "POST")
      .map((c) => (c.body.attachments ? cardText(cardOf(c.body)) : String(c.body.text ?? "")));
    expect(shown.filter((t) => t.includes("rotation"))).toEqual([expect.stringContaining(REMINDER_EN)]);
    expect(shown.filter((t) => t.includes("mandatory leave"))).toEqual([expect.stringContaining(OVERDUE_EN)]);
    expect((await reminderRows(h)).filter((r) => r.platform === "teams")).toHaveLength(2);
  });

  it("lists the dates for the supervisor in Chinese and refuses a teller", async () => {
    h = await startTeamsApp({ orgFile: withDates() });
    const shown = await say(CHEN, "轮岗");
    for (const line of LIST_ZH) expect(shown).toContain(line);
    expect(await say(WANG, "强制休假")).toContain(REFUSED_ZH);
  });
});
