// One entry point per surface: renderMessages (chat messages, split into ≤ 50-block chunks),
// renderModal (forms) and renderHome (App Home). Every view type has exactly one renderer.
import type { I18n, Locale } from "../../../i18n/index.js";
import type { View } from "../../../views/types.js";
import type { Block, SlackMessage } from "./block-types.js";
import { renderComplaint, renderComplaintEvent } from "./complaint.js";
import { renderHome } from "./home.js";
import { renderIncident, renderIncidentEvent } from "./incident.js";
import { fallback, type RenderCtx } from "./kit.js";
import { LIMITS } from "./limits.js";
import { renderReminder } from "./reminder.js";
import { renderSummaryBlocks } from "./summary.js";
import { renderEcho, renderNudge, renderTaskEscalation, renderTaskMissed } from "./task-notices.js";
import { renderFormAsMessage, renderText } from "./text.js";

export type { SlackMessage } from "./block-types.js";
export { renderHome } from "./home.js";
export { renderModal, renderNoticeModal } from "./modal.js";

export function renderCtx(i18n: I18n, locale: Locale): RenderCtx {
  return { locale, t: i18n.fixed(locale) };
}

/** Splits blocks into messages of at most 50; later parts say they continue the first. */
export function chunkMessage(text: string, blocks: Block[], ctx: RenderCtx): SlackMessage[] {
  if (blocks.length <= LIMITS.messageBlocks) return [{ text, blocks }];
  const out: SlackMessage[] = [];
  for (let i = 0; i < blocks.length; i += LIMITS.messageBlocks) {
    const part = out.length + 1;
    out.push({
      text: part === 1 ? text : fallback(ctx.t("slack:common.continued", { part }), text),
      blocks: blocks.slice(i, i + LIMITS.messageBlocks),
    });
  }
  return out;
}

function renderOne(ctx: RenderCtx, view: View): SlackMessage[] {
  switch (view.type) {
    case "text":
      return [renderText(ctx, view)];
    case "form":
      return [renderFormAsMessage(ctx, view)];
    case "reminder":
      return [renderReminder(ctx, view)];
    case "nudge":
      return [renderNudge(ctx, view)];
    case "task_escalation":
      return [renderTaskEscalation(ctx, view)];
    case "task_missed":
      return [renderTaskMissed(ctx, view)];
    case "confirmation_echo":
      return [renderEcho(ctx, view)];
    case "incident":
      return [renderIncident(ctx, view)];
    case "incident_event":
      return [renderIncidentEvent(ctx, view)];
    case "complaint":
      return [renderComplaint(ctx, view)];
    case "complaint_event":
      return [renderComplaintEvent(ctx, view)];
    case "summary": {
      const { title, blocks } = renderSummaryBlocks(ctx, view);
      return chunkMessage(title, blocks, ctx);
    }
    case "home": {
      const home = renderHome(ctx, view);
      return chunkMessage(ctx.t("slack:home.title", { name: view.staffName }), home.blocks as Block[], ctx);
    }
  }
}

/** A view as one or more chat messages, each within Slack's limits. */
export function renderMessages(i18n: I18n, locale: Locale, view: View): SlackMessage[] {
  const ctx = renderCtx(i18n, locale);
  return renderOne(ctx, view).flatMap((m) => chunkMessage(m.text, m.blocks, ctx));
}
