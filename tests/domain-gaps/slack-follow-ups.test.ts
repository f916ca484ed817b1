// Follow-ups (整改跟踪) on Slack through signed requests: a failed lobby item opens one, "/branch
// 整改" lists it with a Close button, a teller's click is refused, the supervisor closes it with
// a note in the modal.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { i18n } from "../helpers/db.js";
import { eventually, openModalWith as openModal, type SlackApp, startSlackApp } from "../slack/app-harness.js";
import { buttonClick, buttons, command, LJZ, modalOf, submission, USERS } from "../slack/app-payloads.js";

const zh = (key: string, vars?: Record<string, unknown>) => i18n.t("zh-CN", key, vars);

let s: SlackApp;
beforeEach(async () => {
  s = await startSlackApp();
  await s.app.runtime.scheduler.runOnce(s.clock.now());
});
afterEach(async () => {
  await s.stop();
});

/** `/branch <text>` and the modal it opened, in this test's app. */
const openModalWith = (user: string, text: string) => openModal(s, user, text);

describe("follow-ups on Slack", () => {
  it("a dirty floor opens a follow-up; 整改 lists it; the supervisor closes it with a note", async () => {
    const modal = await openModalWith(USERS.chen, "checklist lobby_ready");
    const res = await s.interact(submission(USERS.chen, modal, { floor_clean: "no", floor_clean_note: "地面有水渍" }));
    expect(await res.text()).toBe("");
    const fu = await eventually(() => s.app.db.rectification.findFirstOrThrow());
    expect(fu).toMatchObject({ itemKey: "floor_clean", status: "open", ownerId: s.ids.staff["chen.min"] });
    expect(await s.app.db.incident.count()).toBe(0);

    await s.command(command(s.slack, USERS.chen, "整改"));
    const list = await eventually(() => {
      const r = s.slack.responses.find(
        (x) => String(x.body.text ?? "").includes(fu.ref) || JSON.stringify(x.body).includes(fu.ref),
      );
      if (!r) throw new Error("no list yet");
      return r.body;
    });
    expect(JSON.stringify(list)).toContain("地面有水渍");
    const close = buttons(list.blocks).find((b) => b.action_id === "rectification.close");
    expect(close?.value).toBe(fu.id);
    if (!close) throw new Error("no Close button");

    // a teller may not close it: told privately, nothing opens
    await s.interact(buttonClick(s.slack, USERS.wang, { channel: LJZ, ts: "1700000000.000100" }, close));
    await eventually(() => {
      const r = s.slack.responses.find(
        (x) => x.body.text === zh("rectifications:refusal.not_authorised", { ref: fu.ref }),
      );
      if (!r) throw new Error("no refusal yet");
      return r;
    });
    const opened = s.slack.callsTo("views.open").length;

    await s.interact(buttonClick(s.slack, USERS.chen, { channel: LJZ, ts: "1700000000.000100" }, close));
    const form = modalOf(await s.waitFor("views.open", opened + 1));
    expect(form.callback_id).toBe("rectification_close");
    const empty = await s.interact(submission(USERS.chen, form, {}));
    expect(await empty.json()).toEqual({ response_action: "errors", errors: { note: zh("forms:errors.required") } });
    const ok = await s.interact(submission(USERS.chen, form, { note: "已清理并放置防滑标识" }));
    expect(await ok.text()).toBe("");
    const closed = await eventually(async () => {
      const r = await s.app.db.rectification.findUniqueOrThrow({ where: { id: fu.id } });
      if (r.status !== "closed") throw new Error("not yet");
      return r;
    });
    expect(closed).toMatchObject({ closingNote: "已清理并放置防滑标识", closedById: s.ids.staff["chen.min"] });
    expect(await s.app.db.auditEvent.count({ where: { entityId: fu.id, action: "rectification.closed" } })).toBe(1);
    const told = await s.waitFor(
      "chat.postEphemeral",
      1,
      (c) => c.body.text === zh("bot:rectification.closed", { ref: fu.ref }),
    );
    expect(told.body.user).toBe(USERS.chen);
  });
});
