// Messages and requests the edge once dropped, through the real app: a mention inside a thread,
// a thread reply also sent to the channel, a reply with a file, the echo's Confirm button, a
// nudge as a thread reply, a private answer where the bot is not a member (→ DM), and request
// types without a dedicated listener (view_closed, an unknown shortcut) acked at once.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { i18n } from "../helpers/db.js";
import { FAKE_BOT_USER, FAKE_TEAM, type FakeCall } from "../helpers/fake-slack.js";
import { eventually, type SlackApp, settle, startSlackApp } from "./app-harness.js";
import {
  buttonClick,
  buttons,
  command,
  envelope,
  LJZ,
  modalOf,
  newTs,
  submission,
  USERS,
  userMessage,
} from "./app-payloads.js";
import { visibleText } from "./visible-text.js";

const zh = (key: string, vars?: Record<string, unknown>) => i18n.t("zh-CN", key, vars);
/** What was posted to one response_url, in order. */
const responsesTo = (url: unknown) => s.slack.responses.filter((r) => r.id === String(url).split("/").pop());

let s: SlackApp;
beforeEach(async () => {
  s = await startSlackApp();
});
afterEach(async () => {
  await s.stop();
});

async function postedOpening() {
  await s.app.runtime.scheduler.runOnce(s.clock.now());
  await s.drain();
  const occ = await s.app.db.taskOccurrence.findFirstOrThrow({
    where: { outletId: s.ids.outlets["SH-LJZ"], template: { key: "opening" } },
  });
  const post = s.slack
    .callsTo("chat.postMessage")
    .find((c) => c.body.channel === LJZ && buttons(c.body.blocks).some((b) => b.value === occ.id));
  return { occ, ts: String(post?.response?.ts) };
}

const postsAfter = (n: number) => s.slack.callsTo("chat.postMessage").slice(n);

type Responded = { replace_original: boolean; response_type?: string; text?: string; blocks: unknown[] };

/** The first `count` posts to a click's response_url, once they have arrived. */
const responses = (click: { response_url: string }, count: number) =>
  eventually(() => {
    const r = responsesTo(click.response_url);
    if (r.length < count) throw new Error(`${r.length} response_url posts so far`);
    return r.map((x) => x.body as Responded);
  });

/** The echo's title names the checklist it answers. */
const echoTitle = zh("checklist:echo.title", { task: "playbook:tasks.opening.title" });
// (resolved, not a key: "记录前请核对：早间开门")

/** chen.min answers "全部完成" in the opening reminder's thread and clicks the echo's Confirm. */
async function echoConfirmed() {
  const { occ, ts } = await postedOpening();
  const n = s.slack.callsTo("chat.postMessage").length;
  await s.event(envelope(userMessage(USERS.chen, LJZ, "全部完成", ts)));
  const echo = await s.waitFor("chat.postMessage", n + 1);
  expect(echo.body.thread_ts).toBe(ts);
  const echoText = visibleText(echo.body.blocks);
  expect(echoText.slice(0, 2)).toEqual([echoTitle, zh("cards:echo.intro")]);
  expect(echoText.slice(-2)).toEqual([zh("checklist:echo.confirm"), zh("checklist:echo.cancel")]);
  const confirm = buttons(echo.body.blocks).find((b) => b.action_id === "checklist.echo_confirm");
  if (!confirm) throw new Error("no Confirm button");
  const on = { channel: LJZ, ts: String(echo.response?.ts), threadTs: ts };
  const click = buttonClick(s.slack, USERS.chen, on, confirm);
  await s.interact(click);
  return { occ, n, on, confirm, echoText, click };
}

describe("messages from people", () => {
  it("an @mention inside someone's thread is answered (privately, in that thread)", async () => {
    const thread = newTs();
    await s.event(envelope(userMessage(USERS.emily, LJZ, `<@${FAKE_BOT_USER}> help`, thread)));
    const told = await s.waitFor("chat.postEphemeral");
    expect(told.body).toMatchObject({ channel: LJZ, user: USERS.emily, thread_ts: thread });
    expect(told.body.text).toBe(i18n.t("en", "bot:help.title"));
  });

  it("a thread reply also sent to the channel, and one with a photo, are read as checklist replies", async () => {
    const { ts } = await postedOpening();
    const n = s.slack.callsTo("chat.postMessage").length;
    await s.event(envelope({ ...userMessage(USERS.chen, LJZ, "全部完成", ts), subtype: "thread_broadcast" }));
    await eventually(() => expect(postsAfter(n)).toHaveLength(1));
    await s.event(
      envelope({ ...userMessage(USERS.wang, LJZ, "5 ok", ts), subtype: "file_share", files: [{ id: "F0PHOTO" }] }),
    );
    await eventually(() => expect(postsAfter(n)).toHaveLength(2));
    for (const echo of postsAfter(n)) {
      expect(echo.body.thread_ts).toBe(ts);
      expect(buttons(echo.body.blocks).map((b) => b.action_id)).toContain("checklist.echo_confirm");
    }
    // an edit is not a new answer
    await s.event(envelope({ ...userMessage(USERS.wang, LJZ, "6 ok", ts), subtype: "message_changed" }));
    await settle();
    expect(postsAfter(n)).toHaveLength(2);
  });

  it("the echo's Confirm button records the reply, settles the echo in place and answers privately", async () => {
    const { occ, n, on, confirm, echoText, click } = await echoConfirmed();
    const [replaced, result] = await responses(click, 2);
    // the echo itself now reads as recorded, its buttons gone
    expect(replaced?.replace_original).toBe(true);
    const settled = visibleText(replaced?.blocks);
    expect(settled[0]).toBe(`✅ ${echoTitle}`);
    expect(settled[1]).toBe(zh("cards:echo.recorded"));
    expect(settled).not.toContain(zh("cards:echo.intro"));
    expect(buttons(replaced?.blocks)).toEqual([]);
    const itemLines = (lines: string[]) => lines.filter((l) => /^✅ \d+\. /.test(l));
    expect(itemLines(settled).length).toBeGreaterThan(0);
    for (const line of itemLines(settled)) expect(echoText).toContain(line);
    // the result goes to the person who confirmed alone: seven yes/no items, the amount still
    // open, and items 1 and 4 (dual control) waiting for someone else's second check
    expect(result).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(visibleText(result?.blocks)).toEqual([
      zh("checklist:result.recorded", { count: 7 }),
      zh("checklist:result.still_missing", { numbers: "3" }),
      zh("checklist:result.awaiting_second", { numbers: "1, 4" }),
    ]);
    expect(await s.app.db.checklistItemResult.count({ where: { occurrenceId: occ.id } })).toBe(7);
    // nothing new in the thread, and the echo was not edited a second way
    await settle();
    expect(s.slack.callsTo("chat.postMessage").slice(n + 1)).toEqual([]);
    expect(s.slack.callsTo("chat.update").filter((c) => c.body.ts === on.ts)).toEqual([]);

    // a second click records nothing more and says so privately, leaving the settled echo alone
    const again = buttonClick(s.slack, USERS.chen, on, confirm);
    await s.interact(again);
    const [repeat] = await responses(again, 1);
    await settle();
    expect(responsesTo(again.response_url)).toHaveLength(1);
    expect(repeat).toMatchObject({
      response_type: "ephemeral",
      replace_original: false,
      text: zh("checklist:refusal.echo_already_recorded"),
    });
    expect(await s.app.db.checklistItemResult.count({ where: { occurrenceId: occ.id } })).toBe(7);
  });

  // The settled echo is built before recording: "all done" covers the items open when the echo
  // was shown, so after recording it must still list all of them.
  it("the settled echo keeps every line the echo showed", async () => {
    const { echoText, click } = await echoConfirmed();
    const [replaced] = await responses(click, 2);
    const itemLines = (lines: string[]) => lines.filter((l) => /^✅ \d+\. /.test(l));
    expect(itemLines(echoText)).toHaveLength(7);
    expect(itemLines(visibleText(replaced?.blocks))).toEqual(itemLines(echoText));
  });

  it("a nudge arrives as a reply in the reminder's thread, and the reminder shows it was nudged", async () => {
    const { ts } = await postedOpening();
    const n = s.slack.callsTo("chat.postMessage").length;
    s.clock.advance(20 * 60_000); // past nudgeAfter (15 min) of the opening checklist
    await s.app.runtime.scheduler.runOnce(s.clock.now());
    await s.drain();
    const nudge = postsAfter(n).find((c) => c.body.channel === LJZ);
    expect(nudge?.body.thread_ts).toBe(ts);
    expect(String(nudge?.body.text)).toContain(`<@${USERS.wang}>`);
    const update = s.slack.callsTo("chat.update").find((c) => c.body.ts === ts);
    // under the reminder's title, its state now reads "reminded again"
    const reminder = visibleText(update?.body.blocks);
    expect(reminder[0]).toBe(
      zh("cards:reminder.title", {
        title: zh("playbook:tasks.opening.title"),
        outlet: "陆家嘴支行营业部 (Lujiazui Sub-branch)",
      }),
    );
    expect(reminder[1]).toBe(zh("labels:task_state.nudged"));
    const posted = s.slack.callsTo("chat.postMessage").find((c) => c.response?.ts === ts);
    expect(visibleText(posted?.body.blocks)[1]).toBe(zh("labels:task_state.reminded"));
  });
});

describe("where the bot cannot answer privately", () => {
  it("a modal from a channel the bot is not in: the result goes to the person's DM", async () => {
    await s.command(command(s.slack, USERS.wang, "incident", "C0NOTMEMBER"));
    const modal = modalOf(await s.waitFor("views.open"));
    s.slack.fail("chat.postEphemeral", { error: "channel_not_found" });
    const res = await s.interact(submission(USERS.wang, modal, { type: "system", description: "打印机卡纸" }));
    expect(res.status).toBe(200);
    const incident = await eventually(() => s.app.db.incident.findFirstOrThrow());
    const dm = await s.waitFor("chat.postMessage", 1, (c: FakeCall) => c.body.channel === "D0DEMO0001");
    expect(dm.body.text).toBe(i18n.t("zh-CN", "bot:incident.reported", { ref: incident.ref }));
  });
});

describe("requests without a dedicated listener", () => {
  it("view_closed and an unknown shortcut are acked at once; the shortcut is answered politely", async () => {
    const user = { id: USERS.chen, username: "chen.min", team_id: FAKE_TEAM };
    const started = Date.now();
    const closed = await s.interact({
      type: "view_closed",
      team: { id: FAKE_TEAM },
      user,
      view: { id: "V0CLOSED", type: "modal", callback_id: "checklist", private_metadata: "", state: { values: {} } },
      is_cleared: false,
    });
    expect(closed.status).toBe(200);
    const shortcut = await s.interact({
      type: "shortcut",
      callback_id: "retired_shortcut",
      trigger_id: "13345224609.738474920.ffff",
      action_ts: "1700000300.1",
      team: { id: FAKE_TEAM, domain: "demo-bank" },
      user,
    });
    expect(shortcut.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(2000);
    const dm = await s.waitFor("chat.postMessage");
    expect(dm.body).toMatchObject({ channel: "D0DEMO0004", text: i18n.t("zh-CN", "bot:errors.unknown_action") });
  });
});
