// Modal submissions. Unlike every other request, validation errors must travel in the ack
// itself (response_action: errors), so the core gets a time budget (~2.5 s of Slack's 3 s).
// If it answers in time: errors go back into the modal in the user's language, or the modal
// closes and the replies are posted. If it does not: the modal is switched to "still working"
// in the ack, and when the core finishes the modal is updated (saved / what to correct) and
// the replies are posted as usual.
import type { App, webApi } from "@slack/bolt";
import { isFormKey } from "../../../bot/bot-forms.js";
import type { BotReply, InboundConversation, SubmitResult } from "../../../bot/contract.js";
import type { Locale } from "../../../i18n/index.js";
import type { FieldErrors } from "../../../views/common.js";
import { resolveUser } from "../identity.js";
import { decodeModalContext, formValues } from "../modal-context.js";
import { ViewSubmissionBody } from "../payloads.js";
import { renderCtx, renderNoticeModal } from "../render/index.js";
import { LIMITS, truncate } from "../render/limits.js";
import { deliverReplies, directChannel, type ReplyTarget } from "../replies.js";
import { type EdgeEnv, replyEnv } from "./env.js";

type Outcome = { done: true; result: SubmitResult; locale: Locale } | { done: false };

function within<T>(work: Promise<T>, ms: number): Promise<{ done: true; value: T } | { done: false }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<{ done: false }>((resolve) => {
    timer = setTimeout(() => resolve({ done: false }), ms);
  });
  const wrapped = work.then((value) => ({ done: true as const, value }));
  // After a timeout the caller follows `work` itself; this copy must not raise an unhandled rejection.
  wrapped.catch(() => {});
  return Promise.race([wrapped, timeout]).finally(() => clearTimeout(timer));
}

/** Errors keyed by input block; an error for a field the modal does not show goes on the first input. */
export function errorsForModal(
  env: EdgeEnv,
  locale: Locale,
  errors: FieldErrors,
  inputBlockIds: string[],
): Record<string, string> {
  const ctx = renderCtx(env.i18n, locale);
  const out: Record<string, string> = {};
  const fallbackBlock = inputBlockIds[0];
  for (const [field, message] of Object.entries(errors)) {
    const text = ctx.t(message.key, message.vars);
    const blockId = inputBlockIds.includes(field) ? field : fallbackBlock;
    if (!blockId) continue;
    out[blockId] = truncate(out[blockId] ? `${out[blockId]} ${text}` : text, LIMITS.sectionText);
  }
  return out;
}

export function registerViews(app: App, env: EdgeEnv): void {
  // Our modals do not ask for notify_on_close, but a view_closed that arrives anyway must be
  // acked, or Bolt answers 404 after 3 s and Slack counts a failed delivery.
  app.view({ type: "view_closed", callback_id: /.*/ }, async ({ ack }) => {
    await ack();
  });
  app.view(/.+/, async ({ ack, body, client }) => {
    const started = Date.now();
    const b = ViewSubmissionBody.parse(body);
    if (!isFormKey(b.view.callback_id)) {
      // Not a form this version renders (a modal from an older release, a crafted payload):
      // answered at once, never left to Slack's 3-second timeout, and nothing is called.
      env.log.warn({ callbackId: b.view.callback_id.slice(0, 64) }, "view_submission for an unknown form; refused");
      const ctx = renderCtx(env.i18n, env.defaultLocale);
      await ack({
        response_action: "update",
        view: renderNoticeModal(ctx, ctx.t("slack:form.failed_title"), [ctx.t("slack:form.unknown")]),
      });
      return;
    }
    const meta = decodeModalContext(b.view.private_metadata);
    const teamId = b.team?.id ?? b.user.team_id;
    const work = (async () => {
      const who = await resolveUser(env, client, b.user.id, teamId);
      const conv: InboundConversation = meta.conv
        ? { platform: "slack", ...meta.conv }
        : { platform: "slack", channelId: await directChannel(client, b.user.id), isDirect: true };
      const result = await env.core.onSubmit(who.user, conv, {
        formKey: b.view.callback_id,
        contextId: meta.contextId,
        values: formValues(b.view.state.values),
      });
      return { result, locale: who.locale, conv };
    })();
    const inputs = b.view.blocks.filter((x) => x.type === "input" && x.block_id);
    const inputIds = inputs.map((x) => x.block_id as string);
    const labels = Object.fromEntries(
      inputs.map((x) => [x.block_id as string, (x.label as { text?: string } | undefined)?.text ?? String(x.block_id)]),
    );

    let outcome: Outcome & { conv?: InboundConversation };
    try {
      const raced = await within(work, Math.max(0, env.submitBudgetMs - (Date.now() - started)));
      outcome = raced.done ? { done: true, ...raced.value } : { done: false };
    } catch (err) {
      env.log.error({ err, form: b.view.callback_id }, "modal submission failed");
      const ctx = renderCtx(env.i18n, env.defaultLocale);
      await ack({
        response_action: "update",
        view: renderNoticeModal(ctx, ctx.t("slack:form.failed_title"), [ctx.t("slack:errors.generic")]),
      });
      return;
    }

    if (!outcome.done) {
      const ctx = renderCtx(env.i18n, env.defaultLocale);
      await ack({
        response_action: "update",
        view: renderNoticeModal(ctx, ctx.t("slack:form.working_title"), [ctx.t("slack:form.working")]),
      });
      void finishLate(env, client, b.view.id, b.user.id, labels, work);
      return;
    }
    if (!outcome.result.ok) {
      await ack({
        response_action: "errors",
        errors: errorsForModal(env, outcome.result.locale, outcome.result.errors, inputIds),
      });
      return;
    }
    await ack();
    await post(env, client, b.user.id, outcome.conv, outcome.result.replies);
  });
}

async function post(
  env: EdgeEnv,
  client: webApi.WebClient,
  userId: string,
  conv: InboundConversation | undefined,
  replies: BotReply[],
) {
  if (!conv) return;
  const target: ReplyTarget = { userId, conv };
  try {
    await deliverReplies(replyEnv(env, client), target, replies);
  } catch (err) {
    env.log.error({ err }, "could not post the replies to a modal submission");
  }
}

/** The core finished after the ack: show the outcome in the modal and post the replies. */
async function finishLate(
  env: EdgeEnv,
  client: webApi.WebClient,
  viewId: string,
  userId: string,
  labels: Record<string, string>,
  work: Promise<{ result: SubmitResult; locale: Locale; conv: InboundConversation }>,
) {
  try {
    const { result, locale, conv } = await work;
    const ctx = renderCtx(env.i18n, locale);
    if (result.ok) {
      await client.views.update({
        view_id: viewId,
        view: renderNoticeModal(ctx, ctx.t("slack:form.saved_title"), [ctx.t("slack:form.saved")]),
      });
      await post(env, client, userId, conv, result.replies);
    } else {
      const lines = Object.entries(result.errors).map(
        ([field, msg]) =>
          `• ${ctx.t("cards:common.field_label", { label: labels[field] ?? field })}${ctx.t(msg.key, msg.vars)}`,
      );
      await client.views.update({
        view_id: viewId,
        view: renderNoticeModal(ctx, ctx.t("slack:form.failed_title"), [ctx.t("slack:form.late_errors"), ...lines]),
      });
    }
  } catch (err) {
    env.log.error({ err }, "late modal submission failed");
  }
}
