// 排班/请假/代岗 through the real edges. On Slack the supervisor (陈敏, Chinese) records 王芳's
// leave with 李军 covering: both are told privately, the opening reminder's mentions skip 王芳
// for 李军, and the manager (Emily, English) reads the roster. On Teams 陈敏 delegates to Emily,
// Emily is told and reads it, 陈敏 cancels from the roster's button, and a teller is refused.
import { afterEach, describe, expect, it } from "vitest";
import { EMILY, orgFile, WANG } from "../permissions/world.js";
import { type SlackApp, slashAnswer, startSlackApp } from "../slack/app-harness.js";
import { blockText, buttons, dmOf, LJZ, USERS } from "../slack/app-payloads.js";
import { CHEN, execute, PERSONAL, personalChatOf, type TeamsUser } from "../teams/app-activities.js";
import {
  buttonData,
  cardOf,
  cardText,
  invokeCard,
  personalAnswer,
  startTeamsApp,
  type TeamsApp,
} from "../teams/app-harness.js";

const OUTLET = "陆家嘴支行营业部 (Lujiazui Sub-branch)";

describe("the roster on Slack", () => {
  let s: SlackApp;
  afterEach(async () => {
    await s.stop();
  });

  const slash = (user: string, text: string) => slashAnswer(s, user, text);
  const postsTo = (channel: string) =>
    s.slack
      .callsTo("chat.postMessage")
      .filter((c) => (c.body as { channel: string }).channel === channel)
      .map((c) => c.body as { text: string; blocks: unknown[] });

  it("records leave with a cover, tells both, reminds the cover instead, and shows the roster", async () => {
    s = await startSlackApp(undefined, { orgFile: orgFile() });
    const recorded = await slash(USERS.chen, "请假 wang.fang 今天 明天 顶岗 li.jun 年休假");
    expect(recorded.text).toBe("已登记：王芳自2026-11-23至2026-11-24请假，由李军顶岗。");

    await s.app.runtime.scheduler.runOnce(s.clock.now()); // 08:05: the opening reminder is due
    await s.drain();
    expect(postsTo(dmOf(USERS.li)).map((p) => blockText(p.blocks))).toEqual([
      expect.stringContaining(`您将于2026-11-23至2026-11-24在${OUTLET}为王芳顶岗：其提醒和审批将发送给您。`),
    ]);
    expect(postsTo(dmOf(USERS.wang)).map((p) => blockText(p.blocks))).toEqual([
      expect.stringContaining(`您已登记于2026-11-23至2026-11-24在${OUTLET}请假，由李军顶岗。`),
    ]);
    const opening = postsTo(LJZ).find((p) => p.text.startsWith("早间开门"));
    expect(opening?.text).toContain(`<@${USERS.li}>`);
    expect(opening?.text).not.toContain(`<@${USERS.wang}>`);

    const roster = await slash(USERS.emily, "roster");
    const shown = blockText(roster.blocks);
    const staffHere = await s.app.db.staffRole.findMany({ where: { outletId: s.ids.outlets["SH-LJZ"] } });
    const total = new Set(staffHere.map((r) => r.staffId)).size;
    expect(shown).toContain(`Roster of ${OUTLET} on 2026-11-23: ${total - 1} of ${total} on duty`);
    expect(shown).toContain("🚫 王芳 · Teller · off until 2026-11-24 · covered by 李军");
    expect(shown).toContain("Reason: 年休假");
    expect(shown).toContain("↪ 李军 covers 王芳");
    expect(shown).toContain("✅ 陈敏 · Operations supervisor");
    expect(buttons(roster.blocks).map((b) => b.action_id)).toContain("roster.cancel");
  });

  it("refuses a teller, and explains a date it cannot read", async () => {
    s = await startSlackApp(undefined, { orgFile: orgFile() });
    expect((await slash(USERS.wang, "off li.jun today")).text).toBe("只有网点主管和负责人可以调整排班。");
    expect((await slash(USERS.emily, "off li.jun someday")).text).toBe(
      "“someday” is not a date I can read. Use 2026-11-25, 11-25, today or tomorrow.",
    );
    expect(await s.app.db.staffAbsence.count()).toBe(0);
  });
});

describe("the roster on Teams", () => {
  let h: TeamsApp;
  afterEach(async () => {
    await h.stop();
  });

  /** The one answer the bot posts in the person's personal chat: the words and the card. */
  const say = (from: TeamsUser, text: string) => personalAnswer(h, from, text);

  it("a supervisor delegates to the manager, who is told and sees it; cancelled from the roster", async () => {
    h = await startTeamsApp({ orgFile: orgFile() });
    await say(EMILY, "help"); // Teams reaches a person only in a chat they opened
    const done = await say(CHEN, "授权 emily.zhou 今天 11-27");
    expect(done.text).toContain("已登记：2026-11-23至2026-11-27期间，由Emily Zhou接收您的提醒并代为审批。");

    h.connector.reset();
    await h.drain();
    const toEmily = h.connector.calls.filter((c) => c.conversationId === personalChatOf(EMILY) && c.method === "POST");
    expect(toEmily.map((c) => String(c.body.text ?? (c.body.attachments ? cardText(cardOf(c.body)) : "")))).toEqual([
      expect.stringContaining(
        `陈敏 delegated their duties at ${OUTLET} to you from 2026-11-23 to 2026-11-27: their reminders and approvals come to you.`,
      ),
    ]);

    const roster = await say(EMILY, "roster");
    expect(roster.text).toContain(
      "🚫 陈敏 · Operations supervisor · on leave until 2026-11-27 · delegated to Emily Zhou",
    );
    expect(roster.text).toContain("↪ Emily Zhou covers 陈敏");

    const own = await say(CHEN, "排班 sh-ljz"); // 陈敏 works at two outlets: he names one
    expect(own.text).toContain("🚫 陈敏 · 运营主管 · 休假至2026-11-27 · 已授权Emily Zhou");
    if (!own.card) throw new Error("the roster has a Cancel button, so it is a card");
    const res = await h.post(execute(h.connector.url, CHEN, PERSONAL, buttonData(own.card, "roster.cancel"), own.id));
    // the answer replaces the roster card the button was on
    expect(cardText(invokeCard(res.body))).toContain("陈敏的请假已取消。");
    const row = await h.app.db.staffAbsence.findFirstOrThrow();
    expect(row.cancelledAt).not.toBeNull();
    const audit = await h.app.db.auditEvent.findMany({ where: { entityId: row.id }, orderBy: { seq: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["roster.delegated", "roster.absence_cancelled"]);
  });

  it("refuses a teller in Chinese", async () => {
    h = await startTeamsApp({ orgFile: orgFile() });
    expect((await say(WANG, "请假 li.jun 今天")).text).toContain("只有网点主管和负责人可以调整排班。");
  });
});
