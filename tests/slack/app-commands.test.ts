// /branch through the real app: signed slash commands in, Web API calls out (response_url,
// views.open, chat.postMessage after the outbox drains), and what the database recorded.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { i18n } from "../helpers/db.js";
import { eventually, type SlackApp, startSlackApp } from "./app-harness.js";
import { blockText, buttons, command, inputIds, LJZ, modalOf, responseId, USERS } from "./app-payloads.js";
import { visibleText } from "./visible-text.js";

let s: SlackApp;
beforeEach(async () => {
  s = await startSlackApp();
  // the scheduler's minute tick, once: today's occurrences exist and due reminders are queued
  await s.app.runtime.scheduler.runOnce(s.clock.now());
});
afterEach(async () => {
  await s.stop();
});

/** Sends /branch <text> and returns the ephemeral answer posted to its response_url. */
async function branch(user: string, text: string) {
  const fields = command(s.slack, user, text);
  const res = await s.command(fields);
  expect(res.status).toBe(200);
  expect(await res.text()).toBe("");
  return {
    fields,
    answer: () =>
      eventually(() => {
        const r = s.slack.responses.find((x) => x.id === responseId(fields));
        if (!r) throw new Error("no response_url post yet");
        return r.body as { response_type: string; text: string; blocks: unknown[] };
      }),
  };
}

describe("/branch today and status", () => {
  it("today: the manager's tasks with an Open button per open one, in English", async () => {
    const reply = await (await branch(USERS.emily, "today")).answer();
    expect(reply.response_type).toBe("ephemeral");
    const text = blockText(reply.blocks);
    expect(text).toContain(i18n.t("en", "playbook:tasks.opening.title"));
    expect(text).not.toContain(i18n.t("zh-CN", "playbook:tasks.opening.title"));
    const opening = await s.app.db.taskOccurrence.findFirstOrThrow({
      where: { outletId: s.ids.outlets["SH-LJZ"], template: { key: "opening" } },
    });
    expect(buttons(reply.blocks)).toContainEqual(
      expect.objectContaining({ action_id: "checklist.open", value: opening.id }),
    );
  });

  it("status week by the manager: a Block Kit summary with fields and native charts, recorded as granted", async () => {
    const reply = await (await branch(USERS.emily, "status week")).answer();
    expect(reply.response_type).toBe("ephemeral");
    const blocks = reply.blocks as Array<{ type: string; text?: { text: string }; title?: string }>;
    const t = (key: string, vars?: Record<string, unknown>) => i18n.t("en", key, vars);
    const label = (key: string) => t("cards:common.field_label", { label: t(key) });
    const ljz = await s.app.db.outlet.findUniqueOrThrow({ where: { code: "SH-LJZ" } });
    // the title is the header, the period the context line under it
    expect(blocks[0]?.type).toBe("header");
    expect(blocks[0]?.text?.text).toBe(t("cards:summary.title", { scope: ljz.name }));
    expect(blocks[1]?.type).toBe("context");
    expect(visibleText([blocks[1]])[0]).toMatch(/^This week \(\d{1,2} \w{3} \d{4} – \d{1,2} \w{3} \d{4}\)$/);
    // the headline figures as bold labels and values: "Checklists on time: 0%" (or "–" with none due)
    const text = visibleText(blocks);
    expect(text).toContainEqual(expect.stringMatching(new RegExp(`^${label("cards:summary.on_time")} (\\d+%|–)$`)));
    expect(text).toContainEqual(expect.stringMatching(new RegExp(`^${label("cards:summary.total")} \\d+$`)));
    // a chart with counts is native, every legend carrying its count: this week's seven checklists
    // (the six daily ones and the AML screening)
    const charts = blocks.filter((b) => b.type === "data_visualization");
    expect(charts.map((c) => c.title)).toEqual([t("cards:summary.chart.completion", { count: 7 })]);
    expect(visibleText(charts)).toContainEqual(
      expect.stringMatching(
        new RegExp(`^${t("cards:chart.legend", { label: t("cards:summary.open"), value: "\\d+" })}$`),
      ),
    );
    // no open incident: Slack cannot draw an all-zero chart, so it is text bars with every grade at 0
    expect(text).toContain(t("cards:summary.chart.incidents"));
    for (const grade of ["critical", "serious", "major", "minor"]) {
      expect(text).toContainEqual(expect.stringMatching(new RegExp(`^${t(`labels:severity.${grade}`)} +0$`)));
    }
    expect(text).toContain(t("cards:summary.chart.complaints_by_stage"));
    expect(text).toContain(t("cards:summary.time_zone", { tz: "Asia/Shanghai" }));
    const audit = await s.app.db.auditEvent.findMany({ where: { action: "summary.requested" } });
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.after ?? "{}")).toMatchObject({ outcome: "granted", outlets: ["SH-LJZ"] });
    expect(audit[0]?.actorId).toBe(s.ids.staff["emily.zhou"]);
    expect(audit[0]?.platform).toBe("slack");
  });

  it("status by a teller: refused in Chinese, the refusal recorded", async () => {
    const reply = await (await branch(USERS.wang, "status")).answer();
    expect(reply.response_type).toBe("ephemeral");
    expect(reply.text).toMatch(/[\u4e00-\u9fff]/);
    expect(blockText(reply.blocks)).not.toContain(i18n.t("zh-CN", "cards:summary.on_time"));
    const audit = await s.app.db.auditEvent.findMany({ where: { action: "summary.requested" } });
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.after ?? "{}")).toMatchObject({ outcome: "refused" });
    expect(audit[0]?.actorId).toBe(s.ids.staff["wang.fang"]);
  });
});

describe("/branch checklist and remind", () => {
  it("checklist opening: views.open with the checklist modal on the command's trigger_id", async () => {
    const { fields } = await branch(USERS.chen, "checklist opening");
    const open = await s.waitFor("views.open");
    expect(open.body.trigger_id).toBe(fields.trigger_id);
    const modal = modalOf(open);
    expect(modal.callback_id).toBe("checklist");
    expect(inputIds(modal)).toEqual(expect.arrayContaining(["premises_opened", "cashbox_amount", "emergency_kit"]));
    // the title names the task and the outlet; longer than a modal title holds, it is cut there
    // and opens the modal's body in full
    const ljz = await s.app.db.outlet.findUniqueOrThrow({ where: { code: "SH-LJZ" } });
    const title = i18n.t("zh-CN", "forms:checklist.title", { task: "playbook:tasks.opening.title", outlet: ljz.name });
    expect(title).toBe(`${i18n.t("zh-CN", "playbook:tasks.opening.title")} · 陆家嘴支行营业部 (Lujiazui Sub-branch)`);
    expect(modal.title.text).toBe(`${title.slice(0, 23)}…`);
    expect(visibleText(modal.blocks)[0]).toBe(title);
    const session = await s.app.db.formSession.findUniqueOrThrow({
      where: { id: JSON.parse(modal.private_metadata).c },
    });
    expect(session).toMatchObject({ formKey: "checklist", status: "active", staffId: s.ids.staff["chen.min"] });
  });

  it("remind closing by the supervisor: an outbox row, then chat.postMessage to the outlet channel", async () => {
    const reply = await (await branch(USERS.chen, "remind closing")).answer();
    expect(reply.text).toMatch(/[\u4e00-\u9fff]/);
    const occ = await s.app.db.taskOccurrence.findFirstOrThrow({
      where: { outletId: s.ids.outlets["SH-LJZ"], template: { key: "closing" } },
    });
    const row = await s.app.db.outboxMessage.findUniqueOrThrow({
      where: { idempotencyKey: `reminder:${occ.id}:slack:${LJZ}` },
    });
    expect(row.status).toBe("pending");
    expect(s.slack.callsTo("chat.postMessage").filter((c) => c.body.channel === LJZ)).toHaveLength(0);

    await s.drain();
    const posts = s.slack.callsTo("chat.postMessage");
    const reminder = posts.find(
      (c) => c.body.channel === LJZ && buttons(c.body.blocks).some((b) => b.value === occ.id),
    );
    expect(reminder, JSON.stringify(posts.map((p) => p.body.text))).toBeDefined();
    expect(blockText(reminder?.body.blocks)).toContain(i18n.t("zh-CN", "playbook:tasks.closing.title"));
    // the audience of "closing" at LJZ: supervisor chen.min and security zhao.qiang
    expect(String(reminder?.body.text)).toContain(`<@${USERS.chen}>`);
    expect(String(reminder?.body.text)).toContain(`<@${USERS.zhao}>`);
    expect(buttons(reminder?.body.blocks).map((b) => b.action_id)).toEqual(
      expect.arrayContaining(["checklist.open", "checklist.all_ok", "incident.report"]),
    );
    const sent = await s.app.db.outboxMessage.findUniqueOrThrow({ where: { id: row.id } });
    expect(sent.status).toBe("sent");
    // the ts the fake returned is stored, so later progress edits this message in place
    const ts = reminder?.response?.ts;
    expect(sent.platformMessageId).toBe(ts);
    const audit = await s.app.db.auditEvent.count({ where: { entityId: occ.id, actorId: s.ids.staff["chen.min"] } });
    expect(audit).toBeGreaterThan(0);
  });

  it("remind by a teller is refused and queues nothing", async () => {
    const before = await s.app.db.outboxMessage.count();
    const reply = await (await branch(USERS.wang, "remind closing")).answer();
    expect(reply.text).toBe(i18n.t("zh-CN", "bot:remind.not_allowed"));
    expect(await s.app.db.outboxMessage.count()).toBe(before);
  });
});

describe("/branch help", () => {
  it("answers in Chinese for a zh-CN user and in English for an en user", async () => {
    const zh = await (await branch(USERS.wang, "帮助")).answer();
    expect(zh.text).toBe(i18n.t("zh-CN", "bot:help.title"));
    // rich_text shows the line literally: "<任务>" stays as typed, nothing is escaped
    expect(visibleText(zh.blocks)).toContain(i18n.t("zh-CN", "bot:help.remind"));
    const en = await (await branch(USERS.emily, "help")).answer();
    expect(en.text).toBe(i18n.t("en", "bot:help.title"));
    expect(visibleText(en.blocks)).toContain(i18n.t("en", "bot:help.remind"));
    // linked users: the locale comes from the staff record, Slack is not asked
    expect(s.slack.callsTo("users.info")).toHaveLength(0);
  });
});
