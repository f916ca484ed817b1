import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ChecklistReplyFlow } from "../../src/services/tasks/checklist-reply.js";
import { i18n } from "../helpers/db.js";
import { CTX, checklistWorld } from "./setup.js";

type World = Awaited<ReturnType<typeof checklistWorld>>;
let w: World;
let flow: ChecklistReplyFlow;
beforeEach(async () => {
  w = await checklistWorld();
  flow = new ChecklistReplyFlow({ db: w.db, clock: w.clock }, w.service);
});
afterEach(async () => w.cleanup());

describe("echo before record", () => {
  it("echoes what it understood, records nothing until confirmed, then records once", async () => {
    const occ = await w.occurrence("midday_check");
    const chen = await w.staff("chen.min");
    const echo = await flow.handleReply(chen, occ.id, "1 ok, 2 12人, 4 异常 ATM 2 卡钞", CTX);
    if (echo.type !== "confirmation_echo") throw new Error(echo.type);
    expect(echo.lines).toEqual([
      { number: 1, label: { key: "playbook:tasks.midday_check.items.counters_match_queue" }, status: "ok" },
      {
        number: 2,
        label: { key: "playbook:tasks.midday_check.items.queue_length" },
        status: "ok",
        value: "12",
        valueLabel: { key: "labels:value.number", vars: { value: "12", unit: "checklist:units.people" } },
      },
      {
        number: 4,
        label: { key: "playbook:tasks.midday_check.items.machines_in_service" },
        status: "failed",
        note: "ATM 2 卡钞",
      },
    ]);
    expect(echo.actions.map((a) => a.action)).toEqual(["checklist.echo_confirm", "checklist.echo_cancel"]);
    expect(await w.results(occ.id)).toEqual([]);

    // a correction replaces one line of the pending echo
    const edited = await flow.handleReply(chen, occ.id, "修改 2 15", CTX);
    expect(edited.type === "confirmation_echo" && edited.lines.map((l) => l.value ?? l.status)).toEqual([
      "ok",
      "15",
      "failed",
    ]);
    // "12人" reads as twelve people in either language, never as "12 people" to a Chinese reader
    const queue = echo.lines[1]?.valueLabel;
    expect(i18n.t("zh-CN", queue?.key ?? "", queue?.vars)).toBe("12人");
    expect(i18n.t("en", queue?.key ?? "", queue?.vars)).toBe("12 people");
    expect(edited.type === "confirmation_echo" && edited.sessionId).toBe(echo.sessionId);

    const done = await flow.handleReply(chen, occ.id, "确认", CTX);
    expect(done.type).toBe("text");
    const rows = await w.results(occ.id);
    expect(rows.map((r) => [r.itemKey, r.status, r.valueText, r.note])).toEqual([
      ["counters_match_queue", "ok", null, null],
      ["machines_in_service", "failed", null, "ATM 2 卡钞"],
      ["queue_length", "ok", "15", null],
    ]);
    // the button after the text confirm: already recorded (not "expired"), nothing recorded twice
    const twice = await flow.confirmEcho(echo.sessionId, chen, CTX);
    expect(twice.result).toMatchObject({ ok: false, message: { key: "checklist:refusal.echo_already_recorded" } });
    expect(await w.db.auditEvent.count({ where: { entityType: "checklist_item_result" } })).toBe(3);
  });

  it("the confirm button records, offers an incident for the failed item and closes the checklist", async () => {
    const occ = await w.occurrence("midday_check");
    const chen = await w.staff("chen.min");
    const echo = await flow.handleReply(chen, occ.id, "all ok, 2 30, 3 fail 超过库存限额", CTX);
    if (echo.type !== "confirmation_echo") throw new Error(echo.type);
    expect(echo.lines.map((l) => [l.number, l.status])).toEqual([
      [1, "ok"],
      [2, "ok"],
      [3, "failed"],
      [4, "ok"],
    ]);
    const { result, view } = await flow.confirmEcho(echo.sessionId, chen, CTX);
    expect(result.ok && result.state).toBe("confirmed_with_exceptions");
    expect(view.actions?.[0]).toMatchObject({ action: "incident.from_checklist", style: "danger" });
    expect(i18n.t("zh-CN", view.lines?.[0]?.key ?? "", view.lines?.[0]?.vars)).toBe(
      "第 3 项（库存现金未超限额）异常，是否上报异常事件？",
    );
  });

  it("an ambiguous reply gets a question and keeps the pending echo; someone else cannot confirm it", async () => {
    const occ = await w.occurrence("opening");
    const wang = await w.staff("wang.fang");
    const zhao = await w.staff("zhao.qiang");
    const first = await flow.handleReply(wang, occ.id, "3 12345.60", CTX);
    if (first.type !== "confirmation_echo") throw new Error(first.type);
    expect(first.lines[0]?.value).toBe("¥12,345.60");
    const asked = await flow.handleReply(wang, occ.id, "7 12", CTX);
    expect(asked).toMatchObject({ type: "confirmation_echo", question: { key: "checklist:question.yesno_expected" } });
    expect(asked.type === "confirmation_echo" && asked.lines).toHaveLength(1);
    const stolen = await flow.confirmEcho(first.sessionId, zhao, CTX);
    expect(stolen.result).toMatchObject({ ok: false, message: { key: "checklist:refusal.not_your_session" } });
    const noSession = await flow.handleReply(zhao, occ.id, "12345.60", CTX);
    expect(noSession).toEqual({
      type: "text",
      message: { key: "checklist:question.which_item", vars: { text: "12345.60" } },
    });
    expect(await w.results(occ.id)).toEqual([]);
  });

  it("cancel drops the echo; a refused occurrence says why instead of echoing", async () => {
    const occ = await w.occurrence("closing");
    const chen = await w.staff("chen.min");
    await flow.handleReply(chen, occ.id, "1 ok", CTX);
    expect(await flow.handleReply(chen, occ.id, "取消", CTX)).toEqual({
      type: "text",
      message: { key: "checklist:echo.cancelled" },
    });
    expect(await flow.handleReply(chen, occ.id, "confirm", CTX)).toEqual({
      type: "text",
      message: { key: "checklist:echo.nothing" },
    });
    await w.db.taskOccurrence.update({ where: { id: occ.id }, data: { state: "missed" } });
    expect(await flow.handleReply(chen, occ.id, "1 ok", CTX)).toEqual({
      type: "text",
      message: { key: "checklist:refusal.missed" },
    });
    expect(await w.results(occ.id)).toEqual([]);
  });

  it("a refusal at confirm time rolls back and leaves the echo open", async () => {
    const occ = await w.occurrence("closing");
    const chen = await w.staff("chen.min");
    await w.service.record(chen, occ.id, { answers: [{ itemKey: "alarm_set", value: { status: "ok" } }] }, CTX);
    const echo = await flow.handleReply(chen, occ.id, "1 ok, 2 ok", CTX);
    if (echo.type !== "confirmation_echo") throw new Error(echo.type);
    const r = await flow.confirmEcho(echo.sessionId, chen, CTX);
    expect(r.result).toMatchObject({ ok: false, message: { key: "checklist:refusal.same_person" } });
    expect((await w.results(occ.id)).map((x) => x.itemKey)).toEqual(["alarm_set"]);
    const session = await w.db.formSession.findUniqueOrThrow({ where: { id: echo.sessionId } });
    expect(session.status).toBe("active");
  });
});
