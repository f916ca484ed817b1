// Identity, help, today, status, remind and home, through the real core on a demo database.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type BotWorld, botWorld, LJZ_CHANNEL, read } from "./setup.js";

let w: BotWorld;
beforeEach(async () => {
  w = await botWorld();
});
afterEach(async () => w.cleanup());

describe("who is talking", () => {
  it("an unlinked user is told their platform id and nothing else happens", async () => {
    const stranger = { platform: "slack" as const, externalIds: ["U0NOBODY"] };
    const before = await w.db.auditEvent.count();
    const replies = await w.core.onText(
      stranger,
      { platform: "slack", channelId: "D0NOBODY", isDirect: true },
      "today",
    );
    expect(replies).toHaveLength(1);
    expect(replies[0]?.visibility).toBe("direct");
    expect(read(replies[0])).toContain("U0NOBODY");
    const cmd = await w.core.onCommand(stranger, w.channel(), "incident");
    expect(cmd.openForm).toBeUndefined();
    expect(cmd.replies[0]?.visibility).toBe("ephemeral");
    expect(read(cmd.replies[0])).toContain("U0NOBODY");
    // ordinary channel chatter from an unlinked person gets no answer at all
    expect(await w.core.onText(stranger, w.channel(), "hello")).toEqual([]);
    expect(await w.core.home(stranger)).toBeNull();
    expect(await w.db.formSession.count()).toBe(0);
    expect(await w.db.directConversation.count()).toBe(0);
    expect(await w.db.auditEvent.count()).toBe(before);
  });

  it("a DM is remembered so the bot can reach the person later", async () => {
    await w.core.onText(w.slackUser("wang"), w.dm("wang"), "help");
    const dc = await w.db.directConversation.findMany();
    expect(dc.map((d) => [d.staffId, d.platform, d.channelId])).toEqual([
      [w.ids.staff["wang.fang"], "slack", "D0DEMO0001"],
    ]);
  });

  it("top-level channel chatter is never answered unless the bot is addressed", async () => {
    expect(await w.core.onText(w.slackUser("wang"), w.channel(), "today")).toEqual([]);
    const addressed = await w.core.onText(w.slackUser("wang"), w.channel({ addressed: true }), "today");
    expect(addressed).toHaveLength(1);
    expect(addressed[0]?.visibility).toBe("ephemeral");
  });
});

describe("help", () => {
  it("lists every command with its Chinese alias, in the person's language", async () => {
    const zh = await w.core.onCommand(w.slackUser("wang"), w.channel(), "帮助");
    expect(zh.replies[0]?.locale).toBe("zh-CN");
    const zhText = read(zh.replies[0]);
    for (const word of ["帮助", "今天", "清单", "事件", "投诉", "状态", "提醒"]) expect(zhText).toContain(word);
    expect(zhText).not.toMatch(/bot:|\$t\(/);

    const en = await w.core.onText(w.slackUser("emily"), w.dm("emily"), "help");
    expect(en[0]?.locale).toBe("en");
    expect(en[0]?.visibility).toBe("direct");
    const enText = read(en[0]);
    for (const word of ["help", "today", "checklist", "incident", "complaint", "status", "remind", "提醒"])
      expect(enText).toContain(word);
  });

  it("an unknown command says so", async () => {
    const r = await w.core.onCommand(w.slackUser("emily"), w.channel(), "dance");
    expect(read(r.replies[0])).toContain("dance");
  });
});

describe("today", () => {
  it("lists the tasks where the person is in the audience, with progress and open buttons", async () => {
    await w.schedule();
    const r = await w.core.onCommand(w.slackUser("li"), w.channel(), "today");
    const view = r.replies[0]?.view;
    if (view?.type !== "text") throw new Error("expected text");
    // the lobby manager's only task at LJZ is "lobby ready"
    const text = read(r.replies[0]);
    expect(text).toContain("厅堂");
    expect(text).not.toContain("早间开门");
    expect(text).toContain("0/5");
    const lobby = await w.occurrence("lobby_ready");
    expect(view.actions).toEqual([expect.objectContaining({ action: "checklist.open", value: lobby.id })]);

    // the supervisor oversees every task at the outlet
    const chen = await w.core.onCommand(w.slackUser("chen"), w.channel(), "今天");
    expect(read(chen.replies[0])).toContain("早间开门");
    expect(read(chen.replies[0])).toContain("厅堂");
  });
});

describe("status", () => {
  it("is refused for a teller and answered for the manager, both recorded", async () => {
    const refused = await w.core.onCommand(w.slackUser("wang"), w.channel(), "status");
    expect(refused.replies[0]?.view).toEqual({ type: "text", message: { key: "summary:refusal.not_authorised" } });
    const granted = await w.core.onCommand(w.slackUser("emily"), { ...w.channel(), messageId: "m-1" }, "status week");
    const view = granted.replies[0]?.view;
    if (view?.type !== "summary") throw new Error(`expected a summary, got ${view?.type}`);
    expect(view.period.kind).toBe("week");
    expect(view.scope.names).toEqual(["陆家嘴支行营业部 (Lujiazui Sub-branch)"]);
    expect(granted.replies[0]?.visibility).toBe("ephemeral");
    const audits = await w.db.auditEvent.findMany({ where: { action: "summary.requested" }, orderBy: { seq: "asc" } });
    expect(audits.map((a) => [a.actorLabel, JSON.parse(a.after ?? "{}").outcome, a.source])).toEqual([
      ["王芳", "refused", ""],
      ["Emily Zhou", "granted", "m-1"],
    ]);
  });

  it("a manager asking for another outlet is refused", async () => {
    const r = await w.core.onCommand(w.slackUser("emily"), w.channel(), "status outlet SH-XJH");
    expect(r.replies[0]?.view).toMatchObject({ message: { key: "summary:refusal.not_authorised" } });
  });
});

describe("remind", () => {
  it("a supervisor sends a reminder now, once per request; a teller may not", async () => {
    const conv = { ...w.channel(), messageId: "trigger-1" };
    const sent = await w.core.onCommand(w.slackUser("chen"), conv, "remind closing");
    expect(sent.replies[0]?.view).toMatchObject({ message: { key: "bot:remind.sent" } });
    const closing = await w.occurrence("closing");
    expect(closing.state).toBe("reminded");
    const posts = await w.db.outboxMessage.count({
      where: { idempotencyKey: { startsWith: `reminder:${closing.id}:` } },
    });
    expect(posts).toBe(2); // the outlet's Slack and Teams channels

    const again = await w.core.onCommand(w.slackUser("chen"), conv, "提醒 晚间关门");
    expect(again.replies[0]?.view).toMatchObject({ message: { key: "bot:remind.duplicate" } });
    expect(await w.db.auditEvent.count({ where: { action: { in: ["task.reminded", "task.remind_now"] } } })).toBe(1);

    const teller = await w.core.onCommand(w.slackUser("wang"), w.channel(), "remind closing");
    expect(teller.replies[0]?.view).toMatchObject({ message: { key: "bot:remind.not_allowed" } });
  });

  it("an ambiguous task name gets a question listing the choices", async () => {
    const r = await w.core.onCommand(w.slackUser("chen"), w.channel(), "remind report");
    const view = r.replies[0]?.view;
    expect(view).toMatchObject({ message: { key: "bot:task.ambiguous" } });
    const keys = view?.type === "text" ? (view.lines ?? []).map((l) => l.vars?.key) : [];
    expect(keys).toEqual(expect.arrayContaining(["service_weekly_report", "attendance_report"]));
  });
});

describe("outlet choice", () => {
  it("asks a person with roles at several outlets, and takes an outlet code", async () => {
    // chen.min: supervisor at LJZ, teller at XJH; a DM is bound to neither outlet
    const asked = await w.core.onCommand(w.slackUser("chen"), w.dm("chen"), "incident");
    expect(asked.openForm).toBeUndefined();
    const view = asked.replies[0]?.view;
    expect(view).toMatchObject({ message: { key: "bot:outlet.which" } });
    expect(view?.type === "text" && view.actions?.map((a) => [a.action, a.value])).toEqual([
      ["incident.report", `outlet:${w.ids.outlets["SH-LJZ"]}`],
      ["incident.report", `outlet:${w.ids.outlets["SH-XJH"]}`],
    ]);
    const named = await w.core.onCommand(w.slackUser("chen"), w.dm("chen"), "incident SH-XJH");
    expect(named.openForm?.view).toMatchObject({ type: "form", formKey: "incident" });
    // in the outlet's own channel, that outlet is meant
    const here = await w.core.onCommand(w.slackUser("chen"), { ...w.channel(), channelId: LJZ_CHANNEL }, "incident");
    expect(here.openForm?.view).toMatchObject({ type: "form", formKey: "incident" });
    const sessions = await w.db.formSession.findMany({ where: { formKey: "incident" } });
    expect(sessions.map((s) => JSON.parse(s.state).ctx.outletId).sort()).toEqual(
      [w.ids.outlets["SH-LJZ"], w.ids.outlets["SH-XJH"]].sort(),
    );
  });
});

describe("home", () => {
  it("shows the supervisor the complaints waiting for their decision", async () => {
    const form = await w.core.onCommand(w.slackUser("wang"), w.channel(), "complaint");
    const contextId = form.openForm?.view.type === "form" ? form.openForm.view.contextId : "";
    const logged = await w.core.onSubmit(w.slackUser("wang"), w.channel(), {
      formKey: "complaint",
      contextId,
      values: {
        category: "waiting_time",
        intakeChannel: "counter",
        customerRef: "王先生",
        description: "排队超过一小时",
        desiredOutcome: "道歉",
      },
    });
    expect(logged.ok).toBe(true);
    const complaint = await w.db.complaint.findFirstOrThrow();
    const chen = await w.core.home(w.slackUser("chen"));
    expect(chen?.locale).toBe("zh-CN");
    expect(chen?.view.approvalsWaiting).toEqual([
      expect.objectContaining({
        complaintId: complaint.id,
        ref: complaint.ref,
        step: { no: 1, label: { key: "labels:step", vars: { no: 1, role: "labels:role.supervisor" } } },
        timeZone: "Asia/Shanghai",
      }),
    ]);
    expect(chen?.view.openComplaints.map((c) => c.ref)).toEqual([complaint.ref]);
    const wang = await w.core.home(w.slackUser("wang"));
    expect(wang?.view.approvalsWaiting).toEqual([]);
    expect(wang?.view.openComplaints.map((c) => c.ref)).toEqual([complaint.ref]);
    // huang.li manages the other outlet: nothing of LJZ's
    const huang = await w.core.home(w.slackUser("huang"));
    expect(huang?.view.approvalsWaiting).toEqual([]);
  });
});
