// Checklists through the core: the form (values stored, dual control, the reminder updated in
// place), thread replies echoed then confirmed, a DM checklist, and a failed item → incident.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type BotWorld, botWorld, formOf, LJZ_CHANNEL, only, read } from "./setup.js";

let w: BotWorld;
beforeEach(async () => {
  w = await botWorld();
  await w.schedule();
});
afterEach(async () => w.cleanup());

const results = (occurrenceId: string) =>
  w.db.checklistItemResult.findMany({ where: { occurrenceId }, orderBy: { itemKey: "asc" } });

describe("checklist form", () => {
  it("stores values, needs a second person for dual control, and updates the reminder", async () => {
    const opening = await w.occurrence("opening");
    const updatesBefore = await w.db.outboxMessage.count({ where: { kind: "update" } });

    const open = await w.core.onCommand(w.slackUser("wang"), w.channel(), "checklist 开门");
    const form = formOf(open);
    expect(form.formKey).toBe("checklist");
    const submitted = await w.core.onSubmit(w.slackUser("wang"), w.channel(), {
      formKey: "checklist",
      contextId: form.contextId,
      values: { alarm_off: "yes", cashbox_amount: "50,000.00", atm_ready: "no", atm_ready_note: "ATM 2 卡钞" },
    });
    if (!submitted.ok) throw new Error(JSON.stringify(submitted.errors));
    const rows = await results(opening.id);
    // (the checklist value parser folds a yes/no answer's note to lower case)
    expect(rows.map((r) => [r.itemKey, r.status, r.amountMinor, r.note?.toLowerCase() ?? null])).toEqual([
      ["alarm_off", "ok", null, null],
      ["atm_ready", "failed", null, "atm 2 卡钞"],
      ["cashbox_amount", "awaiting_second", 5_000_000n, null],
    ]);
    // the failed item offers a pre-filled incident
    const result = only(submitted.replies, "text");
    expect(result.actions?.map((a) => [a.action, a.value])).toEqual([
      ["incident.from_checklist", rows.find((r) => r.itemKey === "atm_ready")?.id],
    ]);
    expect(await w.db.outboxMessage.count({ where: { kind: "update" } })).toBeGreaterThan(updatesBefore);
    const update = await w.db.outboxMessage.findFirstOrThrow({
      where: { kind: "update", updateOfKey: `reminder:${opening.id}:slack:${LJZ_CHANNEL}` },
      orderBy: { createdAt: "desc" },
    });
    expect(JSON.parse(update.payload).view.items.find((i: { key: string }) => i.key === "cashbox_amount").status).toBe(
      "awaiting_second",
    );

    // the same person cannot be the second confirmer: resubmitting what is shown changes nothing
    const again = formOf(
      await w.core.onAction(w.slackUser("wang"), w.channel(), { action: "checklist.open", value: opening.id }),
    );
    expect(again.fields.find((f) => f.name === "cashbox_amount")?.initial).toBe("50000.00");
    const same = await w.core.onSubmit(w.slackUser("wang"), w.channel(), {
      formKey: "checklist",
      contextId: again.contextId,
      values: { alarm_off: "yes", cashbox_amount: "50000.00", atm_ready: "no" },
    });
    expect(same.ok && same.replies[0]?.view).toMatchObject({ message: { key: "bot:checklist.nothing_changed" } });
    expect((await results(opening.id)).find((r) => r.itemKey === "cashbox_amount")?.status).toBe("awaiting_second");

    // the supervisor agrees with the amount shown: the second confirmation
    const chenForm = formOf(
      await w.core.onAction(w.slackUser("chen"), w.channel(), { action: "checklist.open", value: opening.id }),
    );
    const second = await w.core.onSubmit(w.slackUser("chen"), w.channel(), {
      formKey: "checklist",
      contextId: chenForm.contextId,
      values: { alarm_off: "yes", cashbox_amount: "50000.00", atm_ready: "no" },
    });
    expect(second.ok).toBe(true);
    const cashbox = (await results(opening.id)).find((r) => r.itemKey === "cashbox_amount");
    expect([cashbox?.status, cashbox?.confirmedById, cashbox?.secondConfirmedById]).toEqual([
      "ok",
      w.ids.staff["wang.fang"],
      w.ids.staff["chen.min"],
    ]);
  });

  it("returns field errors in the person's language and keeps the form usable", async () => {
    const form = formOf(await w.core.onCommand(w.slackUser("emily"), w.channel(), "checklist opening"));
    const bad = await w.core.onSubmit(w.slackUser("emily"), w.channel(), {
      formKey: "checklist",
      contextId: form.contextId,
      values: { cashbox_amount: "lots" },
    });
    if (bad.ok) throw new Error("expected errors");
    expect(bad.locale).toBe("en");
    expect(Object.keys(bad.errors)).toEqual(["cashbox_amount"]);
    expect(await w.db.checklistItemResult.count()).toBe(0);
    const good = await w.core.onSubmit(w.slackUser("emily"), w.channel(), {
      formKey: "checklist",
      contextId: form.contextId,
      values: { cashbox_amount: "1000" },
    });
    expect(good.ok).toBe(true);
    // a double submit is saved once
    const twice = await w.core.onSubmit(w.slackUser("emily"), w.channel(), {
      formKey: "checklist",
      contextId: form.contextId,
      values: { cashbox_amount: "1000" },
    });
    expect(twice.ok && twice.replies[0]?.view).toMatchObject({ message: { key: "bot:errors.form_already_submitted" } });
    expect(await w.db.checklistItemResult.count()).toBe(1);
  });

  it("a task that is not due today has no checklist to open", async () => {
    const r = await w.core.onCommand(w.slackUser("chen"), w.channel(), "checklist study");
    expect(r.openForm).toBeUndefined();
    expect(r.replies[0]?.view).toMatchObject({ message: { key: "bot:checklist.none_today" } });
    expect(await w.db.taskOccurrence.count({ where: { template: { key: "study_session" } } })).toBe(0);
  });
});

describe("replies in the reminder's thread", () => {
  it("echoes what it understood, records nothing until confirmed, then records once", async () => {
    w.clock.set("2026-11-23T00:35:00Z"); // 08:35: the lobby reminder has gone out
    await w.services.reminders.tick();
    const lobby = await w.occurrence("lobby_ready");
    await w.posted(`reminder:${lobby.id}`, "1700000000.000100");
    const thread = w.channel({ threadId: "1700000000.000100", messageId: "1700000000.000200" });
    const echo = await w.core.onText(w.slackUser("li"), thread, "1-3 ok, 4 全部正常");
    expect(echo[0]?.visibility).toBe("thread");
    const view = only(echo, "confirmation_echo");
    expect(view.lines.map((l) => [l.number, l.status])).toEqual([
      [1, "ok"],
      [2, "ok"],
      [3, "ok"],
      [4, "ok"],
    ]);
    expect(await results(lobby.id)).toEqual([]);

    const confirm = view.actions.find((a) => a.action === "checklist.echo_confirm");
    const done = await w.core.onAction(w.slackUser("li"), thread, {
      action: "checklist.echo_confirm",
      value: confirm?.value ?? "",
    });
    // the echo is edited in place to its settled form (no buttons); the result is for Li alone
    expect(done.replies[0]?.visibility).toBe("replace");
    expect(done.replies[0]?.view).toMatchObject({ type: "confirmation_echo", outcome: "recorded", actions: [] });
    expect(done.replies[1]?.visibility).toBe("ephemeral");
    expect(done.replies[1]?.view).toMatchObject({ message: { key: "checklist:result.completed" } });
    // a second click records nothing and says why, privately
    const again = await w.core.onAction(w.slackUser("li"), thread, {
      action: "checklist.echo_confirm",
      value: confirm?.value ?? "",
    });
    expect(again.replies.map((r) => [r.visibility, r.view.type === "text" && r.view.message.key])).toEqual([
      ["ephemeral", "checklist:refusal.echo_already_recorded"],
    ]);
    expect((await w.db.taskOccurrence.findUniqueOrThrow({ where: { id: lobby.id } })).state).toBe("confirmed");
    const rows = await results(lobby.id);
    expect(rows.map((r) => [r.itemKey, r.status, r.valueText])).toEqual([
      ["floor_clean", "ok", null],
      ["self_service", "ok", "all_working"],
      ["signage_shown", "ok", null],
      ["suggestion_box", "ok", null],
    ]);
    const audit = await w.db.auditEvent.findFirstOrThrow({ where: { action: "checklist.item.confirmed" } });
    expect([audit.actorLabel, audit.platform]).toEqual(["李军", "slack"]);
    // the button again: nothing recorded twice
    await w.core.onAction(w.slackUser("li"), thread, { action: "checklist.echo_confirm", value: confirm?.value ?? "" });
    expect(await w.db.checklistItemResult.count()).toBe(4);
  });

  it("other chatter in an unrelated thread is ignored", async () => {
    const r = await w.core.onText(w.slackUser("li"), w.channel({ threadId: "999.1" }), "1-3 ok");
    expect(r).toEqual([]);
  });
});

describe("a checklist in a DM", () => {
  it("'checklist <task>' in a Slack DM lists the items, then plain replies are read against it", async () => {
    const dm = w.dm("li");
    const shown = await w.core.onText(w.slackUser("li"), dm, "清单 厅堂");
    const view = only(shown, "text");
    expect(view.message.key).toBe("bot:checklist.intro");
    expect(view.actions?.map((a) => a.action)).toEqual(["checklist.open", "checklist.all_ok"]);
    const echo = await w.core.onText(w.slackUser("li"), dm, "1 ok");
    expect(only(echo, "confirmation_echo").lines).toHaveLength(1);
    const done = await w.core.onText(w.slackUser("li"), dm, "确认");
    expect(done[0]?.visibility).toBe("direct");
    const lobby = await w.occurrence("lobby_ready");
    expect((await results(lobby.id)).map((r) => r.itemKey)).toEqual(["floor_clean"]);
  });

  it("anything else in a DM gets a short hint", async () => {
    const r = await w.core.onText(w.slackUser("li"), w.dm("li"), "早上好");
    expect(r[0]?.view).toMatchObject({ message: { key: "bot:hint.not_understood" } });
  });
});

describe("All OK and a failed item's incident", () => {
  it("All OK confirms the yes/no items; a failed item opens a pre-filled incident linked to it", async () => {
    const lobby = await w.occurrence("lobby_ready");
    const ok = await w.core.onAction(w.slackUser("li"), w.channel(), { action: "checklist.all_ok", value: lobby.id });
    expect(ok.replies[0]?.visibility).toBe("ephemeral");
    expect((await results(lobby.id)).map((r) => r.itemKey)).toEqual(["floor_clean", "signage_shown", "suggestion_box"]);

    const form = formOf(await w.core.onCommand(w.slackUser("li"), w.channel(), "checklist lobby"));
    const failed = await w.core.onSubmit(w.slackUser("li"), w.channel(), {
      formKey: "checklist",
      contextId: form.contextId,
      values: { self_service: "some_down" },
    });
    if (!failed.ok) throw new Error("expected ok");
    const offer = only(failed.replies, "text").actions?.[0];
    expect(offer?.action).toBe("incident.from_checklist");

    const incidentForm = formOf(
      await w.core.onAction(w.slackUser("li"), w.channel(), {
        action: "incident.from_checklist",
        value: offer?.value ?? "",
      }),
    );
    expect(incidentForm.fields.find((f) => f.name === "type")?.initial).toBe("equipment");
    const description = incidentForm.fields.find((f) => f.name === "description")?.initial ?? "";
    // drafted in Li's language from the task's and item's labels, never their keys
    expect(description).toBe("厅堂准备「自助服务区」异常。");
    const reported = await w.core.onSubmit(w.slackUser("li"), w.channel(), {
      formKey: "incident",
      contextId: incidentForm.contextId,
      values: { type: "equipment", description, location: "大堂 ATM 2" },
    });
    if (!reported.ok) throw new Error(JSON.stringify(reported.errors));
    expect(read(reported.replies[0])).toMatch(/INC-SH-LJZ/);
    const incident = await w.db.incident.findFirstOrThrow();
    expect([incident.type, incident.sourceResultId, incident.reportedById]).toEqual([
      "equipment",
      offer?.value,
      w.ids.staff["li.jun"],
    ]);
    // a second click does not report it twice
    const again = await w.core.onAction(w.slackUser("li"), w.channel(), {
      action: "incident.from_checklist",
      value: offer?.value ?? "",
    });
    expect(again.replies[0]?.view).toMatchObject({
      message: { key: "bot:incident.already_reported", vars: { ref: incident.ref } },
    });
  });
});
