// The daily routine on Teams: the reminder card (live progress, updated in place as items are
// confirmed), the nudge, the escalation, the miss, and the echo of a plain-text reply.
import type {
  ConfirmationEchoView,
  ItemStatus,
  NudgeView,
  ReminderItemView,
  ReminderView,
  TaskEscalationView,
  TaskMissedView,
} from "../../../views/tasks.js";
import {
  type AdaptiveCard,
  buttons,
  capped,
  card,
  facts,
  heading,
  type Json,
  L,
  localTime,
  mentionLine,
  type RenderCtx,
  text,
} from "./common.js";

const STATUS_ICON: Record<ItemStatus, string> = { pending: "⬜", ok: "✅", failed: "❌", awaiting_second: "⏳" };
const MAX_ITEMS = 40;

function itemLine(ctx: RenderCtx, item: ReminderItemView): Json {
  const parts = [`${STATUS_ICON[item.status]} ${item.number}. ${L(ctx, item.label)}`];
  const value = item.valueLabel ? L(ctx, item.valueLabel) : item.value;
  if (value) parts.push(`: ${value}`);
  if (item.by) parts.push(` — ${item.by}`);
  if (item.secondBy) parts.push(ctx.t("teams:reminder.second_by", { name: item.secondBy }));
  else if (item.status === "awaiting_second" && item.dualControlRole)
    parts.push(ctx.t("teams:reminder.awaiting_second", { role: ctx.t(`teams:roles.${item.dualControlRole}`) }));
  if (item.optional) parts.push(ctx.t("teams:reminder.optional"));
  const lines: Json[] = [
    text(parts.join(""), { spacing: "Small", ...(item.status === "failed" ? { color: "Attention" } : {}) }),
  ];
  if (item.note) lines.push(text(item.note, { isSubtle: true, spacing: "None", size: "Small" }));
  // Cards cannot upload files (Teams has no file input in bot cards): say where the photo goes.
  if (item.kind === "photo" && item.status === "pending")
    lines.push(text(ctx.t("teams:reminder.photo_hint"), { isSubtle: true, spacing: "None", size: "Small" }));
  return { type: "Container", items: lines, spacing: "Small" };
}

export function reminderCard(ctx: RenderCtx, v: ReminderView, cardId: string): AdaptiveCard {
  const { shown, more } = capped(v.items, MAX_ITEMS);
  const body: Json[] = [
    heading(L(ctx, v.title)),
    text(`${v.outletName} · ${ctx.t(`teams:state.${v.state}`)}`, { isSubtle: true, spacing: "None" }),
    facts([
      [ctx.t("teams:reminder.due"), localTime(ctx, v.dueAt, v.timeZone)],
      [ctx.t("teams:reminder.window_ends"), localTime(ctx, v.windowEndsAt, v.timeZone)],
      [ctx.t("teams:reminder.progress"), ctx.t("teams:reminder.done_of", { done: v.done, total: v.total })],
    ]),
    ...shown.map((i) => itemLine(ctx, i)),
  ];
  if (more > 0) body.push(text(ctx.t("teams:common.and_more", { count: more }), { isSubtle: true }));
  if (v.waitingOn.length > 0)
    body.push(text(ctx.t("teams:reminder.waiting_on", { names: mentionLine(v.waitingOn) }), { spacing: "Medium" }));
  return card(body, buttons(ctx, v.actions, cardId), [...v.audience, ...v.waitingOn]);
}

export function nudgeCard(ctx: RenderCtx, v: NudgeView): AdaptiveCard {
  return card(
    [
      text(ctx.t("teams:nudge.title", { title: L(ctx, v.title), outlet: v.outletName }), { weight: "Bolder" }),
      text(
        ctx.t("teams:nudge.body", {
          remaining: v.remaining,
          until: localTime(ctx, v.windowEndsAt, v.timeZone),
        }),
      ),
      ...(v.waitingOn.length > 0 ? [text(mentionLine(v.waitingOn))] : []),
    ],
    [],
    v.waitingOn,
  );
}

export function taskEscalationCard(ctx: RenderCtx, v: TaskEscalationView): AdaptiveCard {
  return card(
    [
      text(ctx.t("teams:escalation.title", { title: L(ctx, v.title), outlet: v.outletName }), {
        weight: "Bolder",
        color: "Warning",
      }),
      facts([
        [ctx.t("teams:reminder.due"), localTime(ctx, v.dueAt, v.timeZone)],
        [ctx.t("teams:reminder.window_ends"), localTime(ctx, v.windowEndsAt, v.timeZone)],
        [ctx.t("teams:escalation.remaining"), String(v.remaining)],
      ]),
      ...(v.waitingOn.length > 0
        ? [text(ctx.t("teams:reminder.waiting_on", { names: mentionLine(v.waitingOn) }))]
        : []),
      ...(v.to.length > 0 ? [text(ctx.t("teams:escalation.to", { names: mentionLine(v.to) }))] : []),
    ],
    [],
    [...v.to, ...v.waitingOn],
  );
}

export function taskMissedCard(ctx: RenderCtx, v: TaskMissedView): AdaptiveCard {
  return card(
    [
      text(ctx.t("teams:missed.title", { title: L(ctx, v.title), outlet: v.outletName }), {
        weight: "Bolder",
        color: "Attention",
      }),
      text(ctx.t("teams:missed.body", { due: localTime(ctx, v.dueAt, v.timeZone), remaining: v.remaining })),
      ...(v.to.length > 0 ? [text(mentionLine(v.to))] : []),
    ],
    [],
    v.to,
  );
}

export function echoCard(ctx: RenderCtx, v: ConfirmationEchoView, cardId: string): AdaptiveCard {
  const { shown, more } = capped(v.lines, MAX_ITEMS);
  const body: Json[] = [
    text(ctx.t("teams:echo.intro"), { isSubtle: true }),
    heading(L(ctx, v.title)),
    ...shown.map((l) =>
      text(
        `${l.status === "ok" ? "✅" : "❌"} ${l.number}. ${L(ctx, l.label)}${l.value ? `: ${l.value}` : ""}${
          l.note ? ` (${l.note})` : ""
        }`,
        { spacing: "Small", ...(l.status === "failed" ? { color: "Attention" } : {}) },
      ),
    ),
  ];
  if (more > 0) body.push(text(ctx.t("teams:common.and_more", { count: more }), { isSubtle: true }));
  if (v.question) body.push(text(L(ctx, v.question), { weight: "Bolder", color: "Warning" }));
  return card(body, buttons(ctx, v.actions, cardId));
}
