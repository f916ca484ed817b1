// The handover card (交接班/临时离岗): what was handed over, by whom to whom, and where it stands.
// The same view is the outlet's channel card, the receiver's private message (with Confirm /
// Dispute while pending) and what a click shows afterwards. Times are the outlet's local time.
import type { HandoverKind, Playbook } from "../../config/playbook-schema.js";
import { localDate, localTime } from "../../domain/calendar.js";
import { displayMinor } from "../../domain/money.js";
import type { Handover } from "../../generated/prisma/client.js";
import type { ActionButton, Localised, TextView } from "../../views/common.js";

/** One stored item: "yes" | "no", or an amount in minor units of `currency`. */
export interface StoredItem {
  key: string;
  kind: "yesno" | "amount";
  value: string;
  currency?: string;
}

export const handoverKey = (id: string) => `handover:${id}`;

export function storedItems(h: Pick<Handover, "items">): StoredItem[] {
  return JSON.parse(h.items) as StoredItem[];
}

const at = (d: Date | null, tz: string) => (d ? `${localDate(d, tz)} ${localTime(d, tz)}` : "");

/** The i18n key of a kind's title in this playbook, or a generic one if the kind was since removed. */
export function kindTitle(pb: Playbook, kind: string): string {
  return (
    pb.handovers[kind as HandoverKind]?.title ?? `handover:kind.${kind === "shift" ? "shift" : "temporary_absence"}`
  );
}

export function buildHandoverView(
  pb: Playbook,
  h: Handover,
  who: { outlet: string; timeZone: string; from: string; to: string },
  opts: { actions?: ActionButton[]; intro?: Localised } = {},
): TextView {
  const def = pb.handovers[h.kind as HandoverKind];
  const labelOf = (key: string) => def?.items.find((i) => i.key === key)?.label;
  const lines: Localised[] = [{ key: "handover:card.people", vars: { from: who.from, to: who.to } }];
  for (const item of storedItems(h)) {
    const label = labelOf(item.key);
    const vars = { label: label ?? "handover:card.unknown_item" };
    if (item.kind === "amount")
      lines.push({
        key: "handover:card.item_amount",
        vars: { ...vars, amount: displayMinor(BigInt(item.value), item.currency ?? "CNY") },
      });
    else lines.push({ key: item.value === "yes" ? "handover:card.item_yes" : "handover:card.item_no", vars });
  }
  if (h.note) lines.push({ key: "handover:card.note", vars: { note: h.note } });
  const tz = who.timeZone;
  switch (h.status) {
    case "pending":
      lines.push({
        key: "handover:card.pending",
        vars: { from: who.from, fromAt: at(h.fromConfirmedAt, tz), to: who.to },
      });
      break;
    case "confirmed":
      lines.push({
        key: "handover:card.confirmed",
        vars: { from: who.from, fromAt: at(h.fromConfirmedAt, tz), to: who.to, toAt: at(h.toConfirmedAt, tz) },
      });
      if (h.kind === "temporary_absence") lines.push({ key: "handover:card.away", vars: { from: who.from } });
      break;
    case "disputed":
      lines.push({ key: "handover:card.disputed", vars: { to: who.to, at: at(h.disputedAt, tz) } });
      break;
    case "cancelled":
      lines.push({ key: "handover:card.cancelled", vars: { from: who.from, at: at(h.cancelledAt, tz) } });
      break;
    case "returned":
      lines.push({
        key: "handover:card.confirmed",
        vars: { from: who.from, fromAt: at(h.fromConfirmedAt, tz), to: who.to, toAt: at(h.toConfirmedAt, tz) },
      });
      lines.push({ key: "handover:card.returned", vars: { from: who.from, at: at(h.returnedAt, tz) } });
      break;
  }
  if (opts.intro) lines.unshift(opts.intro);
  const view: TextView = {
    type: "text",
    message: { key: "handover:card.title", vars: { title: kindTitle(pb, h.kind), ref: h.ref, outlet: who.outlet } },
    lines,
  };
  if (opts.actions && opts.actions.length > 0) view.actions = opts.actions;
  return view;
}

/** Confirm / Dispute, for the named receiver while the handover is pending. */
export function receiverActions(h: Pick<Handover, "id" | "ref">): ActionButton[] {
  return [
    { action: "handover.confirm", label: { key: "handover:actions.confirm" }, value: h.id, style: "primary" },
    { action: "handover.dispute", label: { key: "handover:actions.dispute" }, value: h.id, style: "danger" },
  ];
}

/** Cancel, for the giver while the handover is pending. */
export function cancelAction(h: Pick<Handover, "id">): ActionButton[] {
  return [{ action: "handover.cancel", label: { key: "handover:actions.cancel" }, value: h.id, style: "danger" }];
}

/** "I'm back", for the giver of a confirmed temporary absence. */
export function returnAction(h: Pick<Handover, "id">): ActionButton[] {
  return [{ action: "handover.return", label: { key: "handover:actions.return" }, value: h.id, style: "primary" }];
}
