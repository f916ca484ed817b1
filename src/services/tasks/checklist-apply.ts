// Applies one item's answer to its stored result, inside the caller's transaction: the dual-
// control rules (a second, different person with the item's role; the same value), failures,
// and corrections. Throws ChecklistRefusal to roll the whole batch back.
import type { Item, Role, Task } from "../../config/playbook-schema.js";
import type { Tx } from "../../db/tx.js";
import { type ItemValue, sameValue } from "../../domain/checklist-values.js";
import { maskOptional } from "../../domain/masking.js";
import { displayMinor } from "../../domain/money.js";
import { canSecondConfirm } from "../../permissions/index.js";
import { type Actor, appendAudit } from "../audit-log.js";
import { type ChecklistAnswer, ChecklistRefusal, type Confirmer, type RecordedItem } from "./checklist-types.js";

export interface StoredResult {
  id: string;
  itemKey: string;
  status: string;
  valueText: string | null;
  amountMinor: bigint | null;
  note: string | null;
  confirmedById: string;
  secondConfirmedById: string | null;
}

export interface ApplyArgs {
  occurrenceId: string;
  task: Task;
  item: Item;
  number: number;
  answer: ChecklistAnswer;
  existing: StoredResult | undefined;
  staff: Confirmer;
  roles: Role[];
  /** The i18n key naming the item's dual-control role (the playbook's label), for refusals. */
  dualRoleLabel: string;
  actor: Actor;
  platform: string;
  now: Date;
}

const refuse = (key: string, vars: Record<string, string | number>) => new ChecklistRefusal({ key, vars });

const shown = (item: Item, r: { valueText: string | null; amountMinor: bigint | null }) =>
  item.kind === "amount" && r.amountMinor !== null ? displayMinor(r.amountMinor, item.currency) : (r.valueText ?? "");

const snapshot = (r: Partial<StoredResult> & { status: string }) => ({
  status: r.status,
  valueText: r.valueText ?? null,
  amountMinor: r.amountMinor ?? null,
  note: r.note ?? null,
  confirmedById: r.confirmedById ?? null,
  secondConfirmedById: r.secondConfirmedById ?? null,
});

/** Returns what happened and the stored row after the change. */
export async function applyAnswer(tx: Tx, a: ApplyArgs): Promise<{ recorded: RecordedItem; row: StoredResult }> {
  const { item, existing, staff, answer } = a;
  const vars = { number: a.number, item: item.key };
  const dual = item.dualControl?.role;
  const value = answer.value;

  const write = async (
    change: RecordedItem["change"],
    data: { status: string; v?: ItemValue; second?: boolean; firstBy?: string },
  ) => {
    const fields = {
      status: data.status,
      ...(data.v
        ? {
            // masked where the value was parsed; again here (idempotent) for values built elsewhere
            valueText: item.kind === "text" ? maskOptional(data.v.valueText ?? null) : (data.v.valueText ?? null),
            amountMinor: data.v.amountMinor ?? null,
            note: maskOptional(data.v.note ?? null),
          }
        : {}),
    };
    let row: StoredResult;
    if (!existing) {
      row = await tx.checklistItemResult.create({
        data: {
          occurrenceId: a.occurrenceId,
          itemKey: item.key,
          ...fields,
          confirmedById: staff.id,
          confirmedAt: a.now,
          platform: a.platform,
        },
      });
    } else {
      const who = data.second
        ? { secondConfirmedById: staff.id, secondConfirmedAt: a.now }
        : {
            confirmedById: data.firstBy ?? staff.id,
            confirmedAt: a.now,
            secondConfirmedById: null,
            secondConfirmedAt: null,
          };
      row = await tx.checklistItemResult.update({
        where: { id: existing.id },
        data: { ...fields, ...who, platform: a.platform },
      });
    }
    await appendAudit(tx, {
      actor: a.actor,
      action: `checklist.item.${change}`,
      entityType: "checklist_item_result",
      entityId: row.id,
      before: existing ? snapshot(existing) : undefined,
      after: { ...snapshot(row), occurrenceId: a.occurrenceId, itemKey: item.key },
      at: a.now,
    });
    return { recorded: { itemKey: item.key, status: row.status as RecordedItem["status"], change }, row };
  };

  const unchanged = (row: StoredResult) => ({
    recorded: { itemKey: item.key, status: row.status as RecordedItem["status"], change: "unchanged" as const },
    row,
  });
  const dualDone = existing?.status === "ok" && Boolean(dual);
  if (existing && existing.status !== "awaiting_second" && (!value || sameValue(value, existing)))
    return unchanged(existing);
  // two people signed this off: nobody rewrites it alone
  if (dualDone) throw refuse("checklist:refusal.already_complete", vars);
  // a failure needs no second person: an exception is recorded as soon as anyone sees it
  if (value?.status === "failed") return write("failed", { status: "failed", v: value });

  if (!existing || (existing.status === "failed" && value)) {
    if (!value) throw refuse("checklist:refusal.value_needed", vars);
    return write(existing ? "corrected" : "confirmed", { status: dual ? "awaiting_second" : "ok", v: value });
  }

  if (existing.status === "awaiting_second") {
    if (existing.confirmedById === staff.id) {
      if (!value || sameValue(value, existing))
        throw refuse("checklist:refusal.same_person", { ...vars, role: a.dualRoleLabel });
      // the first confirmer correcting their own figure before anyone has checked it
      return write("corrected", { status: "awaiting_second", v: value });
    }
    if (dual && !canSecondConfirm(item, a.roles))
      throw refuse("checklist:refusal.wrong_role", { ...vars, role: a.dualRoleLabel });
    if (value && !sameValue(value, existing))
      throw refuse("checklist:refusal.value_mismatch", { ...vars, recorded: shown(item, existing) });
    return write("second_confirmed", { status: "ok", second: true });
  }

  if (!value) return unchanged(existing);
  return write("corrected", { status: "ok", v: value });
}
