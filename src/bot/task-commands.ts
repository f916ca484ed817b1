// "checklist <task>" and "remind <task>", and showing one occurrence's checklist: a form
// (modal / card) where one can open, else the numbered items with buttons and the reply hint.
import { randomUUID } from "node:crypto";
import type { Task } from "../config/playbook-schema.js";
import { canConfirmTask, canRemind, canSecondAnyItem } from "../permissions/index.js";
import type { Localised } from "../views/common.js";
import { rememberDmChecklist } from "./checklist-dm.js";
import type { ActionResult } from "./contract.js";
import { type FormMode, openView } from "./form-runner.js";
import { pickOutlet, splitOutletCode } from "./outlet-choice.js";
import { answer, reply, tell, text } from "./replies.js";
import type { Req } from "./request.js";
import type { CoreServices } from "./services.js";
import { checklistContext, findTask, todaysOccurrence } from "./task-lookup.js";

const taskLine = (t: Task): Localised => ({ key: "bot:task.option", vars: { title: t.title, key: t.key } });

/** The task named in a command, or the question to ask instead. */
async function namedTask(s: CoreServices, req: Req, arg: string | undefined) {
  const { rest, code } = await splitOutletCode(s, arg);
  if (!rest)
    return { ok: false as const, result: answer(tell(req, { key: "bot:task.which" }, s.playbook.tasks.map(taskLine))) };
  const found = findTask(s, rest);
  if (found.ok) return { ok: true as const, task: found.task, code };
  const result = found.ambiguous
    ? answer(tell(req, { key: "bot:task.ambiguous", vars: { text: rest } }, found.ambiguous.map(taskLine)))
    : answer(tell(req, { key: "bot:task.unknown", vars: { text: rest } }));
  return { ok: false as const, result };
}

export async function checklistCommand(s: CoreServices, req: Req, arg: string | undefined, mode: FormMode) {
  const named = await namedTask(s, req, arg);
  if (!named.ok) return named.result;
  const { task } = named;
  const pick = await pickOutlet(s, req, {
    code: named.code,
    relevant: (roles) => canConfirmTask(s.playbook, task, roles) || canSecondAnyItem(task, roles),
    none: { key: "bot:checklist.not_yours", vars: { title: task.title } },
  });
  if (!pick.ok) return { replies: pick.replies };
  const occurrenceId = await todaysOccurrence(s, req, pick.outlet.outletId, task);
  if (!occurrenceId)
    return answer(
      tell(req, { key: "bot:checklist.none_today", vars: { title: task.title, outlet: pick.outlet.name } }),
    );
  return showChecklist(s, req, occurrenceId, mode);
}

/** One occurrence's checklist, for someone who may confirm it now. */
export async function showChecklist(
  s: CoreServices,
  req: Req,
  occurrenceId: string,
  mode: FormMode,
): Promise<ActionResult> {
  const loaded = await s.checklist.load(s.db, occurrenceId);
  const refusal = await s.checklist.refusalFor(s.db, { id: req.staff.id, name: req.staff.name }, loaded);
  const ctx = await checklistContext(s, occurrenceId);
  if (refusal || !ctx) return answer(tell(req, refusal ?? { key: "checklist:refusal.unknown" }));
  if (req.conv.isDirect) await rememberDmChecklist(s, req, occurrenceId);
  if (mode === "modal") {
    return {
      replies: [],
      openForm: { view: await openView(s, req, "checklist", ctx, occurrenceId), locale: req.locale },
    };
  }
  if (mode === "card") return answer(reply(req, await openView(s, req, "checklist", ctx, occurrenceId)));
  // Slack text: the items with their status, the buttons (a click can open the modal), and how to reply
  const lines = [
    ...(s.forms.checklist.intro?.(ctx) ?? []),
    { key: req.conv.isDirect ? "bot:checklist.reply_hint" : "bot:checklist.button_hint" },
  ];
  const actions = [
    {
      action: "checklist.open",
      label: { key: "tasks:actions.open_checklist" },
      value: occurrenceId,
      style: "primary" as const,
    },
    { action: "checklist.all_ok", label: { key: "tasks:actions.all_ok" }, value: occurrenceId },
  ];
  return answer(reply(req, text("bot:checklist.intro", { title: ctx.task.title }, { lines, actions })));
}

export async function remindCommand(s: CoreServices, req: Req, arg: string | undefined): Promise<ActionResult> {
  const named = await namedTask(s, req, arg);
  if (!named.ok) return named.result;
  const { task } = named;
  const pick = await pickOutlet(s, req, {
    code: named.code,
    relevant: (roles) => canRemind(s.playbook, roles),
    none: { key: "bot:remind.not_allowed" },
  });
  if (!pick.ok) return { replies: pick.replies };
  const { conv } = req;
  // the platform's message id makes a retried request the same request; without one, each is new
  const requestId = conv.messageId ? `${conv.platform}:${conv.channelId}:${conv.messageId}` : randomUUID();
  const r = await s.reminders.remindNow(pick.outlet.outletId, task.key, req.actor, requestId);
  const vars = { title: task.title, outlet: pick.outlet.name };
  if (!r.ok) return answer(tell(req, r.message));
  switch (r.status) {
    case "sent":
      return answer(tell(req, { key: "bot:remind.sent", vars }));
    case "duplicate":
      return answer(tell(req, { key: "bot:remind.duplicate", vars }));
    case "already_done":
      return answer(tell(req, { key: "bot:remind.already_done", vars }));
  }
}
