// A reminder's life on Slack through the real app: the scheduler queues it, the dispatcher
// posts it (the fake returns its ts), people click its buttons and reply in its thread, and
// the message is edited in place (chat.update on that ts) as the checklist fills in.

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Task } from "../../src/config/playbook-schema.js";
import { i18n } from "../helpers/db.js";
import type { FakeCall } from "../helpers/fake-slack.js";
import { eventually, type SlackApp, settle, startSlackApp } from "./app-harness.js";
import { blockText, buttonClick, buttons, envelope, LJZ, modalOf, USERS, userMessage } from "./app-payloads.js";
import { visibleText } from "./visible-text.js";

const zh = (key: string, vars?: Record<string, unknown>) => i18n.t("zh-CN", key, vars);
/** The reminder's progress line as it reads: "进度：已完成 5/8 项" (a full-width colon, no space). */
const progressLine = (done: number, total: number) =>
  `${zh("cards:common.field_label", { label: zh("cards:reminder.progress") })}${zh("cards:reminder.done_of", { done, total })}`;

let s: SlackApp;
beforeEach(async () => {
  s = await startSlackApp();
});
afterEach(async () => {
  await s.stop();
});

/** The scheduler's tick and a drain: the opening reminder is posted to the LJZ channel. */
async function postedOpening() {
  await s.app.runtime.scheduler.runOnce(s.clock.now());
  await s.drain();
  const occ = await s.app.db.taskOccurrence.findFirstOrThrow({
    where: { outletId: s.ids.outlets["SH-LJZ"], template: { key: "opening" } },
    include: { templateVersion: true },
  });
  const post = s.slack
    .callsTo("chat.postMessage")
    .find((c) => c.body.channel === LJZ && buttons(c.body.blocks).some((b) => b.value === occ.id));
  if (!post?.response?.ts) throw new Error("the opening reminder was not posted");
  const task = JSON.parse(occ.templateVersion.definition) as Task;
  return { occ, task, ts: String(post.response.ts), post };
}

const buttonOf = (post: FakeCall, action: string) => {
  const b = buttons(post.body.blocks).find((x) => x.action_id.startsWith(action));
  if (!b) throw new Error(`no ${action} button`);
  return b;
};

const updatesOf = (ts: string) => s.slack.callsTo("chat.update").filter((c) => c.body.ts === ts);

describe("reminder buttons", () => {
  it("All OK records every yes/no item, answers privately, and the reminder is edited in place", async () => {
    const { occ, task, ts, post } = await postedOpening();
    const res = await s.interact(
      buttonClick(s.slack, USERS.chen, { channel: LJZ, ts }, buttonOf(post, "checklist.all_ok")),
    );
    expect(res.status).toBe(200);
    const answer = await eventually(() => {
      const r = s.slack.responses[0];
      if (!r) throw new Error("no ephemeral answer yet");
      return r.body;
    });
    expect(answer.response_type).toBe("ephemeral");
    expect(String(answer.text)).toMatch(/[\u4e00-\u9fff]/);

    const results = await s.app.db.checklistItemResult.findMany({ where: { occurrenceId: occ.id } });
    const yesno = task.items.filter((i) => i.kind === "yesno").map((i) => i.key);
    expect(results.map((r) => r.itemKey).sort()).toEqual([...yesno].sort());
    expect(results.every((r) => r.confirmedById === s.ids.staff["chen.min"] && r.platform === "slack")).toBe(true);
    expect(results.find((r) => r.itemKey === "cashbox_amount")).toBeUndefined();

    await s.drain();
    const update = updatesOf(ts).at(-1);
    expect(update?.body.channel).toBe(LJZ);
    const done = results.filter((r) => r.status === "ok").length;
    const text = visibleText(update?.body.blocks);
    expect(text).toContain(progressLine(done, task.items.length));
    expect(visibleText(post.body.blocks)).toContain(progressLine(0, task.items.length));
    // the cash box amount (item 3) is still open; the yes/no items read as done or awaiting a second check
    expect(text).toContainEqual(expect.stringMatching(/^⬜ 3\. /));
    expect(text.filter((l) => /^⬜ \d+\. /.test(l))).toHaveLength(1);
  });

  it("Open checklist opens the checklist modal with the click's trigger_id", async () => {
    const { ts, post } = await postedOpening();
    const click = buttonClick(s.slack, USERS.wang, { channel: LJZ, ts }, buttonOf(post, "checklist.open"));
    await s.interact(click);
    const open = await s.waitFor("views.open");
    expect(open.body.trigger_id).toBe(click.trigger_id);
    expect(modalOf(open).callback_id).toBe("checklist");
    // the modal remembers where it came from, so the answer goes back to this thread
    expect(JSON.parse(modalOf(open).private_metadata)).toMatchObject({ ch: LJZ, m: ts });
  });

  it("All OK on a missed occurrence gets a polite private explanation, nothing recorded", async () => {
    const { occ, ts, post } = await postedOpening();
    await s.app.db.taskOccurrence.update({ where: { id: occ.id }, data: { state: "missed" } });
    const res = await s.interact(
      buttonClick(s.slack, USERS.chen, { channel: LJZ, ts }, buttonOf(post, "checklist.all_ok")),
    );
    expect(res.status).toBe(200);
    const answer = await eventually(() => {
      const r = s.slack.responses[0];
      if (!r) throw new Error("no answer yet");
      return r.body;
    });
    expect(answer.text).toBe(i18n.t("zh-CN", "checklist:refusal.missed"));
    expect(await s.app.db.checklistItemResult.count({ where: { occurrenceId: occ.id } })).toBe(0);
  });
});

describe("replies in the reminder's thread", () => {
  it("全部完成 → an echo in the thread; 确认 → recorded and the reminder updated with progress", async () => {
    const { occ, task, ts } = await postedOpening();
    const postsBefore = s.slack.callsTo("chat.postMessage").length;
    const r1 = await s.event(envelope(userMessage(USERS.chen, LJZ, "全部完成", ts)));
    expect(r1.status).toBe(200);
    const echo = await s.waitFor("chat.postMessage", postsBefore + 1);
    expect(echo.body).toMatchObject({ channel: LJZ, thread_ts: ts });
    expect(buttons(echo.body.blocks).map((b) => b.action_id)).toEqual(
      expect.arrayContaining(["checklist.echo_confirm", "checklist.echo_cancel"]),
    );
    expect(await s.app.db.checklistItemResult.count({ where: { occurrenceId: occ.id } })).toBe(0);

    await s.event(envelope(userMessage(USERS.chen, LJZ, "确认", ts)));
    const saved = await s.waitFor("chat.postMessage", postsBefore + 2);
    expect(saved.body).toMatchObject({ channel: LJZ, thread_ts: ts });
    expect(visibleText(saved.body.blocks)[0]).toBe(zh("checklist:result.recorded", { count: 7 }));
    const results = await eventually(async () => {
      const rows = await s.app.db.checklistItemResult.findMany({ where: { occurrenceId: occ.id } });
      if (rows.length === 0) throw new Error("nothing stored yet");
      return rows;
    });
    expect(results.every((r) => r.confirmedById === s.ids.staff["chen.min"])).toBe(true);

    await s.drain();
    const update = updatesOf(ts).at(-1);
    expect(update).toBeDefined();
    const done = results.filter((r) => r.status === "ok" || r.status === "failed").length;
    expect(visibleText(update?.body.blocks)).toContain(progressLine(done, task.items.length));
  });

  // item 3 of the opening checklist is the cash box amount: "ok" cannot stand for a value
  it("1-2 ok, 3 <amount>, 4-6 ok, 7 fail ATM 2 jammed → echo in English; confirm → item 7 failed", async () => {
    const { occ, task, ts } = await postedOpening();
    const before = s.slack.callsTo("chat.postMessage").length;
    await s.event(envelope(userMessage(USERS.emily, LJZ, "1-2 ok, 3 500,000.00, 4-6 ok, 7 fail ATM 2 jammed", ts)));
    const echo = await s.waitFor("chat.postMessage", before + 1);
    expect(echo.body.thread_ts).toBe(ts);
    expect(String(echo.body.text)).not.toMatch(/[\u4e00-\u9fff]/);
    await s.event(envelope(userMessage(USERS.emily, LJZ, "confirm", ts)));
    const item7 = task.items[6]?.key as string;
    const failed = await eventually(() =>
      s.app.db.checklistItemResult.findUniqueOrThrow({
        where: { occurrenceId_itemKey: { occurrenceId: occ.id, itemKey: item7 } },
      }),
    );
    expect(failed.status).toBe("failed");
    expect(failed.note).toContain("ATM 2 jammed");
    const cash = await s.app.db.checklistItemResult.findUniqueOrThrow({
      where: { occurrenceId_itemKey: { occurrenceId: occ.id, itemKey: "cashbox_amount" } },
    });
    expect(cash.amountMinor).toBe(50_000_000n);
    await s.drain();
    expect(blockText(updatesOf(ts).at(-1)?.body.blocks)).toContain("ATM 2 jammed");
  });

  it("a thread reply from someone not linked gets the not-linked explanation in their Slack language", async () => {
    const { ts } = await postedOpening();
    s.slack.locales.set("U0NEWBIE", "zh-CN");
    const before = s.slack.callsTo("chat.postEphemeral").length;
    await s.event(envelope(userMessage("U0NEWBIE", LJZ, "全部完成", ts)));
    const told = await s.waitFor("chat.postEphemeral", before + 1);
    expect(told.body).toMatchObject({ channel: LJZ, user: "U0NEWBIE" });
    expect(told.body.text).toBe(
      i18n.t("zh-CN", "bot:errors.not_linked", { platform: "bot:platform.slack", id: "U0NEWBIE" }),
    );
    expect(told.body.text).toContain("Slack");
    expect(told.body.text).not.toContain("bot:");
    await settle();
    expect(await s.app.db.checklistItemResult.count()).toBe(0);
  });
});
