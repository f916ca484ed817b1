// A clicked card button or a submitted card form, from either an adaptiveCard/action invoke
// (Action.Execute) or an Action.Submit message. The answer that shows the same entity as the
// clicked card replaces it (invoke response or updateActivity); a form the core rejects comes
// back with the errors on it; everything else is sent as messages.
import type { TurnContext } from "botbuilder";
import type { BotCore, BotReply, InboundConversation, InboundUser } from "../../bot/contract.js";
import type { Locale } from "../../i18n/index.js";
import type { FormView } from "../../views/common.js";
import type { View } from "../../views/types.js";
import type { InboundActivity } from "./activity.js";
import type { AdaptiveCard } from "./cards/common.js";
import { CARD_CONTENT_TYPE, cardActivity, cardIdentity } from "./cards/render.js";
import { type CardActionData, formValues } from "./inbound.js";
import { type ReplyDeps, renderFor, sendReplies } from "./turn-replies.js";

export interface CardActionDeps extends ReplyDeps {
  core: BotCore;
}

/** What the edge does with the clicked card itself. */
type Outcome = { replace?: { view: View; locale: Locale }; note?: { view: View; locale: Locale }; rest: BotReply[] };

const ENTITY_CARD = /^(complaint|incident|reminder|errornotice):/;

/** A card showing an entity that a later answer brings back (so a form may stand in for it). */
const isEntityCard = (cardId: string | undefined) => Boolean(cardId && ENTITY_CARD.test(cardId));

function splitReplies(replies: BotReply[], cardId: string | undefined, invoke: boolean): Outcome {
  const rest = [...replies];
  // the clicked card is replaced by a reply the core marks so, or one showing the same entity
  const i = rest.findIndex(
    (r) => r.visibility === "replace" || (cardId !== undefined && cardIdentity(r.view) === cardId),
  );
  const replace = i >= 0 ? rest.splice(i, 1)[0] : undefined;
  // An invoke can show one private note to the person who clicked (e.g. "already decided").
  const j =
    invoke && !replace
      ? rest.findIndex((r) => r.view.type === "text" && (r.visibility === "ephemeral" || r.visibility === "direct"))
      : -1;
  const note = j >= 0 ? rest.splice(j, 1)[0] : undefined;
  return { replace, note, rest };
}

/** After a submitted form: the entity it was about, as it is now (the form stood in for its card). */
function takeEntityView(rest: BotReply[]): BotReply | undefined {
  const i = rest.findIndex((r) => isEntityCard(cardIdentity(r.view)));
  return i >= 0 ? rest.splice(i, 1)[0] : undefined;
}

async function decide(
  deps: CardActionDeps,
  user: InboundUser,
  conv: InboundConversation,
  data: CardActionData,
  invoke: boolean,
): Promise<Outcome & { openForm?: { view: View; locale: Locale } }> {
  // Cancel carries the form's ids too, but it is an action: it must never submit the form
  if (data.action === "form.cancel") {
    const res = await deps.core.onAction(user, conv, { action: data.action, value: data.contextId ?? data.value });
    return splitReplies(res.replies, data.card, invoke);
  }
  if (data.formKey && data.contextId) {
    const values = formValues(data);
    const res = await deps.core.onSubmit(user, conv, { formKey: data.formKey, contextId: data.contextId, values });
    if (!res.ok) {
      const form = data.form as FormView | undefined;
      if (form && form.type === "form") {
        const fields = form.fields.map((f) => (values[f.name] !== undefined ? { ...f, initial: values[f.name] } : f));
        return { replace: { view: { ...form, fields, errors: res.errors }, locale: res.locale }, rest: [] };
      }
      const lines = Object.values(res.errors);
      const first = lines[0] ?? { key: "cards:form.has_errors" };
      return { note: { view: { type: "text", message: first, lines: lines.slice(1) }, locale: res.locale }, rest: [] };
    }
    const out = splitReplies(res.replies, data.card, false);
    // A submitted form must not be submitted twice: replace it with the entity it was about
    // when the answer carries one; for the clicker alone (invoke), with the answer itself.
    out.replace ??= takeEntityView(out.rest) ?? (invoke ? out.rest.shift() : undefined);
    if (!out.replace) {
      const locale = res.replies[0]?.locale ?? (await deps.core.localeFor(user));
      out.replace = { view: { type: "text", message: { key: "teams:form.submitted" } }, locale };
    }
    return out;
  }
  const res = await deps.core.onAction(user, conv, { action: data.action, value: data.value });
  const out = splitReplies(res.replies, data.card, invoke);
  // Universal Actions replace the card for the person who clicked only: a form opened from an
  // entity card takes its place (like a modal), and its submission brings the entity back.
  if (invoke && res.openForm && !out.replace && isEntityCard(data.card)) return { ...out, replace: res.openForm };
  return { ...out, openForm: res.openForm };
}

export function invokeCard(card: AdaptiveCard) {
  return { status: 200, body: { statusCode: 200, type: CARD_CONTENT_TYPE, value: card } };
}

export function invokeMessage(message: string) {
  return { status: 200, body: { statusCode: 200, type: "application/vnd.microsoft.activity.message", value: message } };
}

export async function handleCardAction(
  deps: CardActionDeps,
  ctx: TurnContext,
  a: InboundActivity,
  user: InboundUser,
  conv: InboundConversation,
  data: CardActionData,
): Promise<void> {
  const invoke = a.type === "invoke";
  const out = await decide(deps, user, conv, data, invoke);
  if (invoke) {
    let response: { status: number; body: unknown } = invokeMessage(
      deps.i18n.t(await deps.core.localeFor(user), "teams:action.done"),
    );
    if (out.replace) response = invokeCard(renderFor(deps.i18n, out.replace.view, out.replace.locale));
    else if (out.note && out.note.view.type === "text") {
      const t = deps.i18n.fixed(out.note.locale);
      const v = out.note.view;
      response = invokeMessage(
        [t(v.message.key, v.message.vars), ...(v.lines ?? []).map((l) => t(l.key, l.vars))].join("\n"),
      );
    }
    await ctx.sendActivity({ type: "invokeResponse", value: response });
  } else if (out.replace && a.replyToId) {
    const card = renderFor(deps.i18n, out.replace.view, out.replace.locale);
    await ctx.updateActivity({ ...cardActivity(card), id: a.replyToId });
  } else if (out.replace) {
    out.rest.unshift({ view: out.replace.view, locale: out.replace.locale, visibility: "thread" });
  }
  // a note is for the clicker alone: their personal chat, never the shared thread
  if (out.note && !invoke) out.rest.unshift({ ...out.note, visibility: "direct" });
  if (out.openForm) out.rest.push({ ...out.openForm, visibility: "thread" });
  await sendReplies(deps, ctx, a, out.rest);
}
