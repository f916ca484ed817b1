// One entry point per surface: renderMessages (chat messages, split into ≤ 50-block chunks),
// renderModal (forms) and renderHome (App Home). Words come from the neutral presenters
// (src/views/present/); this folder only lays them out as Block Kit.
import type { I18n, Locale } from "../../../i18n/index.js";
import { presentView } from "../../../views/present/index.js";
import type { View } from "../../../views/types.js";
import type { Block, SlackMessage } from "./block-types.js";
import { fallback, type RenderCtx } from "./kit.js";
import { cardBlocks, cardFallback } from "./layout.js";
import { LIMITS } from "./limits.js";

export type { SlackMessage } from "./block-types.js";
export { renderHome } from "./home.js";
export { renderModal, renderNoticeModal } from "./modal.js";

export function renderCtx(i18n: I18n, locale: Locale): RenderCtx {
  return { locale, t: i18n.fixed(locale) };
}

/** Splits blocks into messages of at most 50 (and two native charts); later parts say they continue. */
export function chunkMessage(text: string, blocks: Block[], ctx: RenderCtx): SlackMessage[] {
  const out: SlackMessage[] = [];
  let current: Block[] = [];
  let charts = 0;
  const flush = () => {
    const part = out.length + 1;
    out.push({ text: part === 1 ? text : fallback(ctx.t("slack:common.continued", { part }), text), blocks: current });
    current = [];
    charts = 0;
  };
  for (const b of blocks) {
    const isChart = (b as { type: string }).type === "data_visualization";
    if (current.length >= LIMITS.messageBlocks || (isChart && charts >= LIMITS.chartsPerMessage)) flush();
    current.push(b);
    if (isChart) charts++;
  }
  if (current.length > 0 || out.length === 0) flush();
  return out;
}

/** A view as one or more chat messages, each within Slack's limits. */
export function renderMessages(i18n: I18n, locale: Locale, view: View): SlackMessage[] {
  const ctx = renderCtx(i18n, locale);
  const card = presentView(ctx, view);
  return chunkMessage(cardFallback(card), cardBlocks(ctx, card), ctx);
}
