// The reminder: posted to the outlet's channel, mentioning the people it is for, and edited in
// place as answers arrive (who confirmed what, who is still needed as second confirmer).
import type { ReminderItemView, ReminderView } from "../../../views/tasks.js";
import type { Block, SlackMessage } from "./block-types.js";
import {
  actionBlocks,
  context,
  esc,
  fallback,
  formatTime,
  header,
  lineSections,
  mentions,
  percent,
  progressBar,
  type RenderCtx,
  section,
  tr,
} from "./kit.js";
import { ITEM_ICONS, labelOf, ROLE_KEYS, STATE_KEYS } from "./labels.js";

function itemLine(ctx: RenderCtx, item: ReminderItemView): string {
  const parts = [`${ITEM_ICONS[item.status]} ${item.number}. ${esc(tr(ctx, item.label))}`];
  const value = item.valueLabel ? tr(ctx, item.valueLabel) : item.value;
  if (value) parts.push(`*${esc(value)}*`);
  if (item.note) parts.push(`_${esc(item.note)}_`);
  if (item.by) parts.push(ctx.t("slack:reminder.by", { name: item.by }));
  if (item.secondBy) parts.push(ctx.t("slack:reminder.second_by", { name: item.secondBy }));
  if (item.status === "awaiting_second" && item.dualControlRole) {
    parts.push(ctx.t("slack:reminder.needs_second", { role: labelOf(ctx.t, ROLE_KEYS, item.dualControlRole) }));
  }
  if (item.optional) parts.push(ctx.t("slack:reminder.optional"));
  return parts.join(" · ");
}

export function renderReminder(ctx: RenderCtx, v: ReminderView): SlackMessage {
  const title = tr(ctx, v.title);
  const people = mentions(v.audience);
  const due = formatTime(v.dueAt, v.timeZone, ctx.locale);
  const windowEnds = formatTime(v.windowEndsAt, v.timeZone, ctx.locale);
  const blocks: Block[] = [
    header(`${title} · ${v.outletName}`),
    section(
      [
        ctx.t("slack:reminder.due", { due, windowEnds }),
        `${ctx.t("slack:reminder.state")}: *${labelOf(ctx.t, STATE_KEYS, v.state)}*`,
        people ? ctx.t("slack:reminder.for", { people }) : "",
      ]
        .filter(Boolean)
        .join("\n"),
    ),
    section(
      `${ctx.t("slack:reminder.progress", { done: v.done, total: v.total })}  \`${progressBar(percent(v.done, v.total))}\``,
    ),
    // Items share sections (≤ 3000 chars each) so a long checklist stays far below 50 blocks.
    ...lineSections(v.items.map((i) => itemLine(ctx, i))),
  ];
  if (v.waitingOn.length > 0) {
    blocks.push(context([ctx.t("slack:reminder.waiting_on", { people: mentions(v.waitingOn) })]));
  }
  blocks.push(...actionBlocks(ctx, v.actions));
  return {
    text: fallback(`${title} · ${v.outletName}`, `${v.done}/${v.total}`, people),
    blocks,
  };
}
