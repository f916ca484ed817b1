// Plain replies (help, refusals, confirmations) and a form shown as a message, for the rare
// case where a form arrives as a reply instead of through openForm.
import type { FormView, TextView } from "../../../views/common.js";
import type { Block, SlackMessage } from "./block-types.js";
import { actionBlocks, esc, fallback, header, lineSections, type RenderCtx, tr } from "./kit.js";

export function renderText(ctx: RenderCtx, v: TextView): SlackMessage {
  const message = tr(ctx, v.message);
  const lines = [esc(message), ...(v.lines ?? []).map((l) => esc(tr(ctx, l)))];
  return { text: fallback(message), blocks: [...lineSections(lines), ...actionBlocks(ctx, v.actions)] };
}

export function renderFormAsMessage(ctx: RenderCtx, v: FormView): SlackMessage {
  const title = tr(ctx, v.title);
  const lines = [
    ...(v.intro ?? []).map((l) => esc(tr(ctx, l))),
    ...v.fields.map(
      (f, i) => `${i + 1}. ${esc(tr(ctx, f.label))}${f.required ? "" : ` ${ctx.t("slack:reminder.optional")}`}`,
    ),
  ];
  const blocks: Block[] = [header(title), ...lineSections(lines)];
  return { text: fallback(title), blocks };
}
