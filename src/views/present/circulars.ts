// Circulars (通知学习确认) as cards: the notice with its Acknowledge button (gone, and the time
// shown, once acknowledged), the nudge, and the status list of who has not acknowledged.
import type { Card, CardBlock, CardField } from "../card.js";
import type { CircularStatusView, CircularView } from "../circulars.js";
import { joined, type P, when } from "./context.js";

/** Most names a status list shows; the rest are counted. */
const MAX_NAMES = 40;

export function presentCircular(p: P, v: CircularView): Card {
  const title = p.t(v.nudge ? "circulars:card.nudge_title" : "circulars:card.title", { ref: v.ref, title: v.title });
  const subtitle = p.t("circulars:card.from", { sender: v.senderName, scope: v.scopeName });
  const fields: CardField[] = [{ label: p.t("circulars:card.sent"), value: when(p, v.sentAt, v.timeZone) }];
  if (v.dueAt) fields.push({ label: p.t("circulars:card.due"), value: when(p, v.dueAt, v.timeZone) });
  const blocks: CardBlock[] = [
    { type: "text", text: v.body, style: "quote" },
    { type: "fields", fields },
  ];
  if (v.acknowledgedAt) {
    blocks.push({
      type: "text",
      text: p.t("circulars:card.acknowledged", { time: when(p, v.acknowledgedAt, v.timeZone) }),
      tone: "good",
    });
  } else {
    blocks.push({
      type: "text",
      text: v.nudge ? p.t("circulars:card.nudge_hint", { count: v.nudge }) : p.t("circulars:card.hint"),
      style: "muted",
    });
  }
  return {
    title,
    subtitle,
    tone: v.acknowledgedAt ? "good" : v.nudge ? "warning" : "default",
    blocks,
    actions: v.acknowledgedAt
      ? []
      : [
          {
            action: "circular.acknowledge",
            value: v.circularId,
            label: p.t("circulars:card.acknowledge"),
            style: "primary",
          },
        ],
    summary: joined(p, [title, subtitle]),
  };
}

export function presentCircularStatus(p: P, v: CircularStatusView): Card {
  const title = p.t("circulars:status.title", { ref: v.ref, title: v.title });
  const subtitle = joined(p, [v.scopeName, when(p, v.sentAt, v.timeZone)]);
  const fields: CardField[] = [
    {
      label: p.t("circulars:status.acknowledged"),
      value: p.t("circulars:status.of", { acknowledged: v.acknowledged, total: v.total }),
    },
    ...(v.dueAt ? [{ label: p.t("circulars:card.due"), value: when(p, v.dueAt, v.timeZone) }] : []),
  ];
  const blocks: CardBlock[] = [{ type: "fields", fields }];
  if (v.pending.length === 0) {
    blocks.push({ type: "text", text: p.t("circulars:status.all_done"), tone: "good" });
  } else {
    blocks.push({ type: "heading", text: p.t("circulars:status.pending", { count: v.pending.length }) });
    const shown = v.pending.slice(0, MAX_NAMES).map((name) => ({ icon: "⏳", text: name }));
    if (v.pending.length > MAX_NAMES)
      shown.push({ icon: "•", text: p.t("cards:common.and_more", { count: v.pending.length - MAX_NAMES }) });
    blocks.push({ type: "items", items: shown });
  }
  return {
    title,
    subtitle,
    tone: v.pending.length === 0 ? "good" : "warning",
    blocks,
    actions: [],
    summary: joined(p, [title, p.t("circulars:status.of", { acknowledged: v.acknowledged, total: v.total })]),
  };
}
