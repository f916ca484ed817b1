// The daily routine as cards: the reminder with its live progress, the nudge, the escalation,
// the miss, and the echo of a plain-text reply.
import type { Card, CardItem, Tone } from "../card.js";
import type {
  ConfirmationEchoView,
  ItemStatus,
  NudgeView,
  ReminderItemView,
  ReminderView,
  TaskEscalationView,
  TaskMissedView,
} from "../tasks.js";
import { actions, joined, L, mentionBlock, type P, when } from "./context.js";

export const ITEM_ICON: Record<ItemStatus, string> = { pending: "⬜", ok: "✅", failed: "❌", awaiting_second: "⏳" };

const itemTone = (s: ItemStatus): Tone | undefined =>
  s === "failed" ? "attention" : s === "awaiting_second" ? "warning" : undefined;

/** "3. 尾箱金额：¥12,345.60" — the number people type in replies, the label, the value. */
function itemText(p: P, number: number, label: string, value: string | undefined): string {
  return value ? p.t("cards:item.with_value", { number, label, value }) : p.t("cards:item.plain", { number, label });
}

function reminderItem(p: P, item: ReminderItemView): CardItem {
  const detail = joined(p, [
    item.note,
    item.by && p.t("cards:reminder.by", { name: item.by }),
    item.secondBy && p.t("cards:reminder.second_by", { name: item.secondBy }),
    item.status === "awaiting_second" &&
      item.dualControlRoleLabel &&
      p.t("cards:reminder.needs_second", { role: L(p, item.dualControlRoleLabel) }),
    item.optional && p.t("cards:common.optional"),
  ]);
  const out: CardItem = {
    icon: ITEM_ICON[item.status],
    text: itemText(p, item.number, L(p, item.label), item.valueLabel && L(p, item.valueLabel)),
  };
  if (detail) out.detail = detail;
  const tone = itemTone(item.status);
  if (tone) out.tone = tone;
  if (item.kind === "photo" && item.status === "pending") out.needsPhoto = true;
  return out;
}

export function presentReminder(p: P, v: ReminderView): Card {
  const title = p.t("cards:reminder.title", { title: L(p, v.title), outlet: v.outletName });
  return {
    title,
    subtitle: L(p, v.stateLabel),
    blocks: [
      {
        type: "fields",
        fields: [
          { label: p.t("cards:reminder.due"), value: when(p, v.dueAt, v.timeZone) },
          { label: p.t("cards:reminder.window_ends"), value: when(p, v.windowEndsAt, v.timeZone) },
          {
            label: p.t("cards:reminder.progress"),
            value: p.t("cards:reminder.done_of", { done: v.done, total: v.total }),
          },
        ],
      },
      { type: "items", items: v.items.map((i) => reminderItem(p, i)) },
      ...mentionBlock(p, "cards:reminder.for", v.audience, true),
      ...mentionBlock(p, "cards:reminder.waiting_on", v.waitingOn, false),
    ],
    actions: actions(p, v.actions),
    summary: joined(p, [title, p.t("cards:reminder.done_of", { done: v.done, total: v.total })]),
  };
}

export function presentNudge(p: P, v: NudgeView): Card {
  const title = p.t("cards:nudge.title", { title: L(p, v.title), outlet: v.outletName });
  const body = p.t("cards:nudge.body", { count: v.remaining, time: when(p, v.windowEndsAt, v.timeZone) });
  return {
    title,
    blocks: [{ type: "text", text: body }, ...mentionBlock(p, "cards:nudge.for", v.waitingOn, true)],
    actions: [],
    summary: joined(p, [title, body]),
  };
}

export function presentTaskEscalation(p: P, v: TaskEscalationView): Card {
  const title = p.t("cards:escalation.title", { title: L(p, v.title), outlet: v.outletName });
  return {
    title,
    tone: "warning",
    blocks: [
      {
        type: "fields",
        fields: [
          { label: p.t("cards:reminder.due"), value: when(p, v.dueAt, v.timeZone) },
          { label: p.t("cards:reminder.window_ends"), value: when(p, v.windowEndsAt, v.timeZone) },
          { label: p.t("cards:escalation.remaining"), value: String(v.remaining) },
        ],
      },
      { type: "text", text: p.t("cards:escalation.body") },
      ...mentionBlock(p, "cards:escalation.to", v.to, true),
      ...mentionBlock(p, "cards:reminder.waiting_on", v.waitingOn, false),
    ],
    actions: [],
    summary: title,
  };
}

export function presentTaskMissed(p: P, v: TaskMissedView): Card {
  const title = p.t("cards:missed.title", { title: L(p, v.title), outlet: v.outletName });
  const body = p.t("cards:missed.body", { due: when(p, v.dueAt, v.timeZone), count: v.remaining });
  return {
    title,
    tone: "attention",
    blocks: [{ type: "text", text: body }, ...mentionBlock(p, "cards:missed.to", v.to, true)],
    actions: [],
    summary: joined(p, [title, body]),
  };
}

export function presentEcho(p: P, v: ConfirmationEchoView): Card {
  const title = L(p, v.title);
  const intro =
    v.outcome === "recorded"
      ? p.t("cards:echo.recorded")
      : v.outcome === "cancelled"
        ? p.t("cards:echo.cancelled")
        : p.t("cards:echo.intro");
  const items: CardItem[] = v.lines.map((l) => {
    const item: CardItem = {
      icon: l.status === "ok" ? ITEM_ICON.ok : ITEM_ICON.failed,
      text: itemText(p, l.number, L(p, l.label), l.valueLabel && L(p, l.valueLabel)),
    };
    if (l.note) item.detail = l.note;
    if (l.status === "failed") item.tone = "attention";
    return item;
  });
  return {
    title,
    tone: v.outcome === "recorded" ? "good" : v.outcome === "cancelled" ? "default" : undefined,
    blocks: [
      { type: "text", text: intro, style: v.outcome ? "strong" : "muted" },
      { type: "items", items },
      ...(v.question && !v.outcome
        ? [{ type: "text" as const, text: L(p, v.question), style: "strong" as const, tone: "warning" as const }]
        : []),
    ],
    actions: v.outcome ? [] : actions(p, v.actions),
    summary: joined(p, [title, v.question && !v.outcome ? L(p, v.question) : intro]),
  };
}
