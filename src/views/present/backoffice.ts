// Back-office error notices (事后监督差错单) as cards: the notice that roots its thread, and
// the reply, acceptance, return and escalation entries that follow in it.
import type { ErrorNoticeEventView, ErrorNoticeView } from "../backoffice.js";
import type { Card, CardBlock, CardField } from "../card.js";
import { actions, joined, L, mentionBlock, type P, when } from "./context.js";

export function presentErrorNotice(p: P, v: ErrorNoticeView): Card {
  const title = p.t("backoffice:card.title", { ref: v.ref, category: L(p, v.categoryLabel) });
  const clock = v.dueAt
    ? p.t(v.overdue ? "backoffice:card.overdue_since" : "backoffice:card.due_by", {
        time: when(p, v.dueAt, v.timeZone),
      })
    : undefined;
  const fields: CardField[] = [
    { label: p.t("cards:common.outlet"), value: v.outletName },
    { label: p.t("backoffice:card.issued_by"), value: v.issuedBy },
  ];
  if (v.voucherRef) fields.push({ label: p.t("backoffice:card.voucher_ref"), value: v.voucherRef });
  if (v.responsible) fields.push({ label: p.t("backoffice:card.responsible"), value: v.responsible });
  if (v.step) fields.push({ label: p.t("backoffice:card.escalated_to"), value: L(p, v.step.label) });
  const blocks: CardBlock[] = [];
  if (clock) blocks.push({ type: "text", text: clock, style: "strong", tone: v.overdue ? "attention" : "default" });
  blocks.push({ type: "fields", fields });
  blocks.push({ type: "heading", text: p.t("backoffice:card.description") });
  blocks.push({ type: "text", text: v.description, style: "quote" });
  if (v.returnedBecause) {
    blocks.push({ type: "heading", text: p.t("backoffice:card.returned_because") });
    blocks.push({ type: "text", text: v.returnedBecause, style: "quote" });
  }
  if (v.reply) {
    blocks.push({ type: "heading", text: p.t("backoffice:card.reply", { name: v.repliedBy ?? "–" }) });
    blocks.push({ type: "text", text: v.reply, style: "quote" });
  }
  blocks.push(...mentionBlock(p, "cards:common.for", v.notify, true));
  const status = L(p, v.statusLabel);
  return {
    title,
    subtitle: joined(p, [v.outletName, status]),
    tone: v.overdue ? "attention" : v.status === "accepted" ? "good" : "default",
    blocks,
    actions: actions(p, v.actions),
    summary: joined(p, [title, status, clock]),
  };
}

function eventText(p: P, v: ErrorNoticeEventView): string {
  const vars = {
    ref: v.ref,
    by: v.by ?? "–",
    time: when(p, v.dueAt, v.timeZone),
    to: v.to ? L(p, v.to.label) : "–",
  };
  switch (v.event) {
    case "replied":
      return p.t("backoffice:event.replied", vars);
    case "accepted":
      return p.t("backoffice:event.accepted", vars);
    case "returned":
      return p.t("backoffice:event.returned", vars);
    case "escalated":
      return p.t("backoffice:event.escalated", vars);
    case "flagged_late":
      return p.t("backoffice:event.flagged_late", vars);
  }
}

export function presentErrorNoticeEvent(p: P, v: ErrorNoticeEventView): Card {
  const sentence = eventText(p, v);
  const blocks: CardBlock[] = [];
  if (v.comment) blocks.push({ type: "text", text: v.comment, style: "quote" });
  blocks.push(...mentionBlock(p, "cards:common.for", v.notify, true));
  return { title: sentence, blocks, actions: [], summary: sentence };
}
