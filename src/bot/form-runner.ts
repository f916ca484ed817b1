// Puts a form in front of a person in the way their platform and the request allow:
// - "modal": a slash command or a button (Slack opens a modal, Teams sends a card);
// - "card": a Teams message (the edge renders the FormView as an Adaptive Card);
// - "text": a Slack DM, where no modal can open from a message: one question at a time;
// - "button": a Slack channel, where customer details must not be typed into a shared thread:
//   a private button that opens the modal.
// Text-mode answers arrive through answerText; a finished form goes to applyForm, exactly as
// a modal submission does.
import type { FormStep } from "../forms/index.js";
import { activeSessionIn } from "../queries/index.js";
import type { ActionButton } from "../views/common.js";
import { type AnyForm, type FormKey, TEXT_FORM_KEYS } from "./bot-forms.js";
import type { ActionResult, BotReply, InboundConversation } from "./contract.js";
import { inThread, reply, text } from "./replies.js";
import type { Req } from "./request.js";
import type { CoreServices } from "./services.js";
import { applyClaimed } from "./submit-handlers.js";

export type FormMode = "modal" | "card" | "text" | "button";

/** How a form reaches the person: `via` is the entry point the request came through. */
export function formMode(req: Req, via: "command" | "text" | "action"): FormMode {
  if (via !== "text") return "modal";
  if (req.conv.platform === "teams") return "card";
  return req.conv.isDirect ? "text" : "button";
}

/** Where a text-mode form runs: this thread, or the conversation's main line. */
export const textContextKey = (conv: InboundConversation) =>
  `${conv.platform}:${conv.channelId}:${conv.threadId ?? "main"}`;

/** Modal/card sessions get their own context, so a text answer never lands in one. */
const viewContextKey = (conv: InboundConversation, entity: string) => `form:${conv.platform}:${entity}`;

const defOf = (s: CoreServices, key: FormKey) => s.forms[key] as unknown as AnyForm;

export async function openView(s: CoreServices, req: Req, key: FormKey, ctx: unknown, entity: string) {
  return s.formEngine.startView(defOf(s, key), ctx, {
    staffId: req.staff.id,
    contextKey: viewContextKey(req.conv, `${key}:${entity}`),
    platform: req.conv.platform,
  });
}

export async function offerForm(
  s: CoreServices,
  req: Req,
  mode: FormMode,
  form: { key: FormKey; ctx: unknown; entity: string; button: ActionButton },
): Promise<ActionResult> {
  switch (mode) {
    case "modal":
      return {
        replies: [],
        openForm: { view: await openView(s, req, form.key, form.ctx, form.entity), locale: req.locale },
      };
    case "card":
      return { replies: [reply(req, await openView(s, req, form.key, form.ctx, form.entity))] };
    case "text": {
      const key = { staffId: req.staff.id, contextKey: textContextKey(req.conv), platform: req.conv.platform };
      const step = await s.formEngine.startText(defOf(s, form.key), form.ctx, key);
      return { replies: await afterStep(s, req, form.key, form.ctx, step) };
    }
    case "button":
      return { replies: [reply(req, text("bot:form.open_hint", undefined, { actions: [form.button] }))] };
  }
}

/** An answer to the text-mode form running in this conversation, or null when none is. */
export async function answerText(s: CoreServices, req: Req, answerText: string): Promise<BotReply[] | null> {
  const contextKey = textContextKey(req.conv);
  const row = await activeSessionIn(s.db, {
    staffId: req.staff.id,
    contextKey,
    now: s.clock.now(),
    formKeys: TEXT_FORM_KEYS,
  });
  if (!row) return null;
  const key = row.formKey as FormKey;
  const ctx = (JSON.parse(row.state) as { ctx: unknown }).ctx;
  const step = await s.formEngine.answer(
    defOf(s, key),
    { staffId: req.staff.id, contextKey, platform: row.platform },
    answerText,
  );
  return afterStep(s, req, key, ctx, step);
}

async function afterStep(s: CoreServices, req: Req, key: FormKey, ctx: unknown, step: FormStep<unknown>) {
  const where = inThread(req);
  if (step.kind !== "done") return [reply(req, step.view, where)];
  const applied = await applyClaimed(s, req, key, step.value, ctx, { id: step.sessionId, version: step.version });
  if (!applied) return [reply(req, text("bot:errors.form_already_submitted"), where)];
  if (applied.ok) return applied.replies;
  // the service found a problem the form could not see: say what, and how to start again
  return [reply(req, text("bot:form.rejected", undefined, { lines: Object.values(applied.errors) }), where)];
}
