// 交接班/临时离岗 (docs/handover.md): a handover of the cash box, keys, seals, vouchers and
// passwords (only that they were changed or sealed) from the giver to a named receiver at the
// same outlet, confirmed by both: the giver by submitting the form, the receiver with Confirm
// (or Dispute) in their private message or on the outlet's channel card. Only the named receiver, a different person who still
// holds a receiving role at the outlet, may confirm; each step is claimed conditionally on the
// row's version, audited, and the outlet's card and the receiver's message are edited in place
// through the outbox. A temporary absence ends when the giver says they are back.
import type { HandoverKind } from "../../config/playbook-schema.js";
import type { Tx } from "../../db/tx.js";
import { withTx } from "../../db/tx.js";
import { maskIdentifiers } from "../../domain/masking.js";
import { parseAmount, unitsToMinor } from "../../domain/money.js";
import type { Handover } from "../../generated/prisma/client.js";
import { canGiveHandover, canReceiveHandover } from "../../permissions/index.js";
import { handoverById, outletHeader, outletStaffWithRoles, staffName } from "../../queries/index.js";
import type { FieldErrors } from "../../views/common.js";
import { appendAudit } from "../audit-log.js";
import { nextCaseRef, withRefRetry } from "../cases/refs.js";
import { auditActorOf, type CaseActor, type CaseResult, type CasesDeps, refuse } from "../cases/types.js";
import { postToOutlet, sendToStaff, updatePosted } from "../notify.js";
import { buildHandoverView, handoverKey, receiverActions, returnAction, type StoredItem } from "./handover-view.js";

export interface HandoverInput {
  outletId: string;
  kind: HandoverKind;
  toStaffId: string;
  /** Item key → "yes" | "no" for a yes/no item, the amount as typed for an amount item. */
  values: Record<string, string | undefined>;
  note?: string;
}

export interface Receiver {
  id: string;
  name: string;
}

const NOTE_MAX = 500;

export class HandoverService {
  constructor(private readonly deps: CasesDeps) {}

  /** Who may be named as the receiver at the outlet: everyone allowed to receive, but the giver. */
  async receivers(outletId: string, giverId: string): Promise<Receiver[]> {
    const staff = await outletStaffWithRoles(this.deps.db, outletId);
    return staff
      .filter((s) => s.id !== giverId && canReceiveHandover(this.deps.playbook, s.roles))
      .map((s) => ({ id: s.id, name: s.name }));
  }

  async submit(actor: CaseActor, input: HandoverInput): Promise<CaseResult<{ handoverId: string; ref: string }>> {
    const { db, playbook, directory, clock } = this.deps;
    const outlet = await db.outlet.findUnique({ where: { id: input.outletId } });
    if (!outlet?.active) return refuse("not_found", "handover:refusal.outlet_not_found");
    if (!canGiveHandover(playbook, await directory.rolesAt(actor.staffId, outlet.id)))
      return refuse("not_authorised", "handover:refusal.not_allowed");
    const def = playbook.handovers[input.kind];
    if (!def) return refuse("not_found", "handover:refusal.kind_off");
    const errors: FieldErrors = {};
    if (input.toStaffId === actor.staffId) errors.to = { key: "handover:errors.same_person" };
    else if (!(await this.receivers(outlet.id, actor.staffId)).some((r) => r.id === input.toStaffId))
      errors.to = { key: "handover:errors.receiver_not_allowed" };
    const items: StoredItem[] = [];
    for (const item of def.items) {
      const raw = input.values[item.key]?.trim();
      if (!raw) {
        errors[item.key] = { key: "forms:errors.required" };
        continue;
      }
      if (item.kind === "yesno") {
        if (raw === "yes" || raw === "no") items.push({ key: item.key, kind: "yesno", value: raw });
        else errors[item.key] = { key: "forms:errors.yesno" };
        continue;
      }
      const parsed = parseAmount(raw, item.currency);
      const min = unitsToMinor(item.range.min, item.currency);
      const max = unitsToMinor(item.range.max, item.currency);
      if (!parsed.ok) errors[item.key] = { key: "forms:errors.amount", vars: { digits: parsed.digits } };
      else if (parsed.minor < min || parsed.minor > max)
        errors[item.key] = { key: "forms:errors.range", vars: { min: item.range.min, max: item.range.max } };
      else items.push({ key: item.key, kind: "amount", value: parsed.minor.toString(), currency: item.currency });
    }
    // free text is masked after NFKC, before it is stored or shown anywhere
    const note = maskIdentifiers((input.note ?? "").normalize("NFKC").trim());
    if (note.length > NOTE_MAX) errors.note = { key: "forms:errors.too_long", vars: { max: NOTE_MAX } };
    if (Object.keys(errors).length > 0) return refuse("invalid_input", "handover:refusal.invalid_input", { errors });
    const now = clock.now();
    const created = await withRefRetry(() =>
      withTx(db, async (tx) => {
        const h = await tx.handover.create({
          data: {
            ref: await nextCaseRef(tx, "HO", outlet, now),
            outletId: outlet.id,
            kind: input.kind,
            fromStaffId: actor.staffId,
            toStaffId: input.toStaffId,
            items: JSON.stringify(items),
            note: note || null,
            fromConfirmedAt: now,
          },
        });
        await appendAudit(tx, {
          actor: await auditActorOf(tx, actor),
          action: "handover.submitted",
          entityType: "handover",
          entityId: h.id,
          after: h,
          at: now,
        });
        // the outlet's channel, where both people and their supervisor are: its Confirm / Dispute
        // work for the named receiver only, and reach them even where no private chat is open
        await postToOutlet(tx, {
          outletId: h.outletId,
          keyBase: handoverKey(h.id),
          view: await this.card(tx, h, "channel"),
        });
        await sendToStaff(tx, {
          staffId: h.toStaffId,
          keyBase: `${handoverKey(h.id)}:to`,
          view: await this.card(tx, h, "receiver"),
        });
        return h;
      }),
    );
    return { ok: true, handoverId: created.id, ref: created.ref };
  }

  /** The receiver confirms: both confirmations are now recorded. */
  confirm(actor: CaseActor, id: string) {
    return this.receiverStep(actor, id, "confirmed");
  }

  /** The receiver disputes: what was handed over does not match the form. */
  dispute(actor: CaseActor, id: string) {
    return this.receiverStep(actor, id, "disputed");
  }

  private async receiverStep(
    actor: CaseActor,
    id: string,
    to: "confirmed" | "disputed",
  ): Promise<CaseResult<{ ref: string; handover: Handover }>> {
    const { db, playbook, directory, clock } = this.deps;
    return withTx(db, async (tx): Promise<CaseResult<{ ref: string; handover: Handover }>> => {
      const h = await handoverById(tx, id);
      if (!h) return refuse("not_found", "handover:refusal.not_found");
      const vars = { ref: h.ref };
      if (h.toStaffId !== actor.staffId) return refuse("not_authorised", "handover:refusal.not_receiver", { vars });
      if (h.fromStaffId === actor.staffId) return refuse("not_authorised", "handover:errors.same_person", { vars });
      if (!canReceiveHandover(playbook, await directory.rolesAt(actor.staffId, h.outletId, tx)))
        return refuse("not_authorised", "handover:refusal.not_receiver", { vars });
      if (h.status !== "pending") return refuse("invalid_state", `handover:refusal.already_${h.status}`, { vars });
      const now = clock.now();
      const data =
        to === "confirmed"
          ? { status: "confirmed", toConfirmedAt: now, version: { increment: 1 } }
          : { status: "disputed", disputedAt: now, version: { increment: 1 } };
      const done = await tx.handover.updateMany({ where: { id, status: "pending", version: h.version }, data });
      if (done.count !== 1) return refuse("invalid_state", "handover:refusal.changed", { vars });
      const after = await tx.handover.findUniqueOrThrow({ where: { id } });
      await appendAudit(tx, {
        actor: await auditActorOf(tx, actor),
        action: `handover.${to}`,
        entityType: "handover",
        entityId: id,
        before: { status: h.status, version: h.version },
        after: { status: after.status, toConfirmedAt: after.toConfirmedAt, disputedAt: after.disputedAt },
        at: now,
      });
      await this.refresh(tx, after);
      // the giver hears it privately; a confirmed temporary absence carries "I'm back"
      const away = to === "confirmed" && after.kind === "temporary_absence";
      await sendToStaff(tx, {
        staffId: after.fromStaffId,
        keyBase: `${handoverKey(id)}:${to}`,
        view: await this.card(tx, after, away ? "giver_away" : undefined),
      });
      return { ok: true, ref: after.ref, handover: after };
    });
  }

  /** The giver withdraws a handover not yet confirmed (the wrong receiver, say). */
  async cancel(actor: CaseActor, id: string): Promise<CaseResult<{ ref: string; handover: Handover }>> {
    const { db, clock } = this.deps;
    return withTx(db, async (tx): Promise<CaseResult<{ ref: string; handover: Handover }>> => {
      const h = await handoverById(tx, id);
      if (!h) return refuse("not_found", "handover:refusal.not_found");
      const vars = { ref: h.ref };
      if (h.fromStaffId !== actor.staffId)
        return refuse("not_authorised", "handover:refusal.not_giver_cancel", { vars });
      if (h.status !== "pending") return refuse("invalid_state", `handover:refusal.already_${h.status}`, { vars });
      const now = clock.now();
      const done = await tx.handover.updateMany({
        where: { id, status: "pending", version: h.version },
        data: { status: "cancelled", cancelledAt: now, version: { increment: 1 } },
      });
      if (done.count !== 1) return refuse("invalid_state", "handover:refusal.changed", { vars });
      const after = await tx.handover.findUniqueOrThrow({ where: { id } });
      await appendAudit(tx, {
        actor: await auditActorOf(tx, actor),
        action: "handover.cancelled",
        entityType: "handover",
        entityId: id,
        before: { status: h.status, version: h.version },
        after: { status: after.status, cancelledAt: after.cancelledAt },
        at: now,
      });
      await this.refresh(tx, after);
      return { ok: true, ref: after.ref, handover: after };
    });
  }

  /** 临时离岗 ends: the giver is back at their post. Only the giver, only once confirmed. */
  async returned(actor: CaseActor, id: string): Promise<CaseResult<{ ref: string; handover: Handover }>> {
    const { db, clock } = this.deps;
    return withTx(db, async (tx): Promise<CaseResult<{ ref: string; handover: Handover }>> => {
      const h = await handoverById(tx, id);
      if (!h) return refuse("not_found", "handover:refusal.not_found");
      const vars = { ref: h.ref };
      if (h.fromStaffId !== actor.staffId) return refuse("not_authorised", "handover:refusal.not_giver", { vars });
      if (h.kind !== "temporary_absence" || h.status !== "confirmed")
        return refuse("invalid_state", "handover:refusal.not_away", { vars });
      const now = clock.now();
      const done = await tx.handover.updateMany({
        where: { id, status: "confirmed", version: h.version },
        data: { status: "returned", returnedAt: now, version: { increment: 1 } },
      });
      if (done.count !== 1) return refuse("invalid_state", "handover:refusal.changed", { vars });
      const after = await tx.handover.findUniqueOrThrow({ where: { id } });
      await appendAudit(tx, {
        actor: await auditActorOf(tx, actor),
        action: "handover.returned",
        entityType: "handover",
        entityId: id,
        before: { status: h.status, version: h.version },
        after: { status: after.status, returnedAt: after.returnedAt },
        at: now,
      });
      await this.refresh(tx, after);
      await updatePosted(tx, {
        keyBase: `${handoverKey(id)}:confirmed`,
        view: await this.card(tx, after),
        updateSeq: after.version,
      });
      await sendToStaff(tx, {
        staffId: after.toStaffId,
        keyBase: `${handoverKey(id)}:returned`,
        view: await this.card(tx, after),
      });
      return { ok: true, ref: after.ref, handover: after };
    });
  }

  /** The card as it stands, for the person clicking (their buttons, if they still have any). */
  async view(id: string, staffId: string) {
    const h = await handoverById(this.deps.db, id);
    if (!h) return null;
    const role =
      h.status === "pending" && h.toStaffId === staffId
        ? "receiver"
        : h.status === "confirmed" && h.kind === "temporary_absence" && h.fromStaffId === staffId
          ? "giver_away"
          : undefined;
    return this.card(this.deps.db, h, role);
  }

  /** The outlet's card and the receiver's message, edited to the handover's new state. */
  private async refresh(tx: Tx, h: Handover) {
    const view = await this.card(tx, h);
    await updatePosted(tx, { keyBase: handoverKey(h.id), view, updateSeq: h.version });
    await updatePosted(tx, { keyBase: `${handoverKey(h.id)}:to`, view, updateSeq: h.version });
  }

  private async card(r: Tx | CasesDeps["db"], h: Handover, forWhom?: "receiver" | "channel" | "giver_away") {
    const [outlet, from, to] = await Promise.all([
      outletHeader(r, h.outletId),
      staffName(r, h.fromStaffId),
      staffName(r, h.toStaffId),
    ]);
    const who = { outlet: outlet.name, timeZone: outlet.timeZone, from: from ?? "", to: to ?? "" };
    if (forWhom === "receiver")
      return buildHandoverView(this.deps.playbook, h, who, {
        actions: receiverActions(h),
        intro: { key: "handover:card.please_confirm", vars: { from: who.from } },
      });
    if (forWhom === "channel" && h.status === "pending")
      return buildHandoverView(this.deps.playbook, h, who, { actions: receiverActions(h) });
    if (forWhom === "giver_away") return buildHandoverView(this.deps.playbook, h, who, { actions: returnAction(h) });
    return buildHandoverView(this.deps.playbook, h, who);
  }
}
