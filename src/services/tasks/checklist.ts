// Checklist confirmation: one item, several, or "all ok"; values validated against the item
// definitions; dual control; failures that draft incidents; the occurrence closing as
// confirmed / confirmed_with_exceptions. Each call is one transaction (results, audit,
// occurrence state, reminder update in the outbox), retried when a concurrent confirmation
// got there first, so neither write is lost.
import type { Item, Role, Task } from "../../config/playbook-schema.js";
import { isUniqueViolation, retrying, type Tx, withTx } from "../../db/tx.js";
import { checklistOutcome, isFinal, validateValues } from "../../domain/checklist.js";
import type { LabelLookup } from "../../domain/checklist-values.js";
import { askedFields, exceedsCashLimit } from "../../domain/incident-rules.js";
import { refusalOf } from "../../domain/refusal.js";
import type { GrammarItem } from "../../domain/reply-grammar.js";
import { canConfirmTask, canSecondAnyItem, canSecondConfirm, type Policy } from "../../permissions/index.js";
import { roleLabel } from "../../views/labels.js";
import type { OccurrenceState } from "../../views/tasks.js";
import { type Actor, appendAudit } from "../audit-log.js";
import { openFollowUp, opensFollowUp } from "../cases/rectifications.js";
import { updatePosted } from "../notify.js";
import { applyAnswer, type StoredResult } from "./checklist-apply.js";
import { failureDraft } from "./checklist-draft.js";
import { defaultLabels } from "./checklist-labels.js";
import {
  type ChecklistAnswer,
  ChecklistConflict,
  type ChecklistCtx,
  type ChecklistDeps,
  ChecklistRefusal,
  type Confirmer,
  type ConfirmResult,
  type FailureDraft,
  type FollowUpOpened,
  type RecordedItem,
} from "./checklist-types.js";
import { buildReminderView } from "./reminder-view.js";

const MAX_RUNS = 6;

export interface RecordRequest {
  answers: ChecklistAnswer[];
  /** Confirm every yes/no item not yet answered, and second every item this person may. */
  allOk?: boolean;
}

type Loaded = Awaited<ReturnType<ChecklistService["load"]>>;

export class ChecklistService {
  readonly labels: LabelLookup;
  constructor(private readonly deps: ChecklistDeps) {
    this.labels = deps.labels ?? defaultLabels();
  }

  /** Values as typed or submitted (modal, card, form), keyed by item key; validated first. */
  async confirmValues(staff: Confirmer, occurrenceId: string, raw: Record<string, string>, ctx: ChecklistCtx) {
    const task = await this.taskOf(occurrenceId);
    if (!task) return refusal("checklist:refusal.unknown", {});
    const checked = validateValues(task, raw, this.labels);
    if (!checked.ok) return refusalOf({ key: "checklist:refusal.invalid" }, checked.errors);
    const answers = Object.entries(checked.values).map(([itemKey, value]) => ({ itemKey, value }));
    return this.record(staff, occurrenceId, { answers }, ctx);
  }

  async confirmAllOk(staff: Confirmer, occurrenceId: string, ctx: ChecklistCtx): Promise<ConfirmResult> {
    return this.record(staff, occurrenceId, { answers: [], allOk: true }, ctx);
  }

  /** Records already-parsed answers (the reply grammar's output). All or nothing. */
  async record(staff: Confirmer, occurrenceId: string, req: RecordRequest, ctx: ChecklistCtx): Promise<ConfirmResult> {
    return this.run((tx) => this.recordInTx(tx, staff, occurrenceId, req, ctx));
  }

  /** Runs fn in a transaction; refusals become ok:false, lost races run again. */
  async run(fn: (tx: Tx) => Promise<ConfirmResult>): Promise<ConfirmResult> {
    try {
      return await retrying(() => withTx(this.deps.db, fn), {
        attempts: MAX_RUNS,
        retryable: (err) => err instanceof ChecklistConflict || isUniqueViolation(err, "itemKey"),
        backoffMs: 15,
      });
    } catch (err) {
      if (err instanceof ChecklistRefusal) return refusalOf(err.reason);
      throw err;
    }
  }

  async load(tx: Tx, occurrenceId: string) {
    const occ = await tx.taskOccurrence.findUnique({
      where: { id: occurrenceId },
      include: { templateVersion: true, results: true },
    });
    if (!occ) return null;
    return { occ, task: JSON.parse(occ.templateVersion.definition) as Task };
  }

  /** Why this person cannot confirm on this occurrence now, or null when they can. */
  async refusalFor(tx: Tx, staff: Confirmer, loaded: Loaded) {
    if (!loaded) return { key: "checklist:refusal.unknown" };
    const { occ, task } = loaded;
    if (occ.state === "missed") return { key: "checklist:refusal.missed" };
    if (isFinal(occ.state)) return { key: "checklist:refusal.closed" };
    if (this.deps.clock.now() > occ.windowEndsAt) return { key: "checklist:refusal.window_closed" };
    const roles = await this.deps.directory.rolesAt(staff.id, occ.outletId, tx);
    if (!canConfirmTask(this.deps.playbook, task, roles) && !canSecondAnyItem(task, roles))
      return { key: "checklist:refusal.not_allowed" };
    return null;
  }

  /** The task's items numbered as in the reminder, with what is recorded, for the grammar. */
  async grammarItems(tx: Tx, occurrenceId: string): Promise<{ task: Task; items: GrammarItem[] } | null> {
    const loaded = await this.load(tx, occurrenceId);
    if (!loaded) return null;
    const status = new Map(loaded.occ.results.map((r) => [r.itemKey, r.status as GrammarItem["status"]]));
    const items = loaded.task.items.map((item, i) => ({
      number: i + 1,
      item,
      status: status.get(item.key) ?? "pending",
    }));
    return { task: loaded.task, items };
  }

  async recordInTx(tx: Tx, staff: Confirmer, occurrenceId: string, req: RecordRequest, ctx: ChecklistCtx) {
    const loaded = await this.load(tx, occurrenceId);
    const refused = await this.refusalFor(tx, staff, loaded);
    if (refused || !loaded) throw new ChecklistRefusal(refused ?? { key: "checklist:refusal.unknown" });
    const { occ, task } = loaded;
    const now = this.deps.clock.now();
    const roles = await this.deps.directory.rolesAt(staff.id, occ.outletId, tx);
    const results = new Map<string, StoredResult>(occ.results.map((r) => [r.itemKey, r]));
    const { answers, skipped } = planAnswers(this.deps.playbook, task, req, results, staff, roles);
    const actor: Actor = { staffId: staff.id, label: staff.name, platform: ctx.platform, source: ctx.source };

    const recorded: RecordedItem[] = [];
    const drafts: FailureDraft[] = [];
    const outletCode =
      (await tx.outlet.findUnique({ where: { id: occ.outletId }, select: { code: true } }))?.code ?? "";
    for (const planned of answers) {
      const index = task.items.findIndex((i) => i.key === planned.itemKey);
      const item = task.items[index];
      if (!item) throw new ChecklistRefusal({ key: "checklist:refusal.unknown_item", vars: { item: planned.itemKey } });
      const answer = overLimitFailed(this.deps.playbook, outletCode, item, planned);
      const existing = results.get(item.key);
      if (!canConfirmTask(this.deps.playbook, task, roles) && existing?.status !== "awaiting_second")
        throw new ChecklistRefusal({ key: "checklist:refusal.not_allowed" });
      const out = await applyAnswer(tx, {
        occurrenceId,
        task,
        item,
        number: index + 1,
        answer,
        existing,
        staff,
        roles,
        dualRoleLabel: dualRoleLabel(this.deps.playbook, item),
        actor,
        platform: ctx.platform,
        now,
      });
      results.set(item.key, out.row);
      recorded.push(out.recorded);
    }
    // Drafts are built from the final results, so an amount typed later in the same reply
    // ("1 长款，2 50.00") reaches the cash-discrepancy draft.
    const followUps: FollowUpOpened[] = [];
    for (const r of recorded) {
      const item = task.items.find((i) => i.key === r.itemKey);
      const row = results.get(r.itemKey);
      if (r.change !== "failed" || !item || !row) continue;
      // onFail: followUp — tracked to its rectification (整改跟踪) instead of an incident draft
      if (opensFollowUp(task, item)) {
        const args = { outletId: occ.outletId, task, item, resultId: row.id, note: row.note, actor, now };
        const fu = await openFollowUp(tx, this.deps.directory, args);
        if (fu)
          followUps.push({ itemKey: item.key, rectificationId: fu.id, ref: fu.ref, dueAt: fu.dueAt.toISOString() });
      } else drafts.push(this.draftFor(occ.outletId, task, item, row, staff, results));
    }

    const outcome = checklistOutcome(task, [...results.values()].map(toState));
    const changed = recorded.some((r) => r.change !== "unchanged");
    let state = occ.state as OccurrenceState;
    if (changed) {
      const version = occ.version + 1;
      const finalState = outcome.done ? outcome.state : undefined;
      const { count } = await tx.taskOccurrence.updateMany({
        where: { id: occ.id, version: occ.version, state: occ.state },
        data: { version, ...(finalState ? { state: finalState, completedAt: now } : {}) },
      });
      if (count !== 1) throw new ChecklistConflict();
      if (finalState) {
        state = finalState;
        await appendAudit(tx, {
          actor,
          action: `task.${finalState}`,
          entityType: "task_occurrence",
          entityId: occ.id,
          before: { state: occ.state, version: occ.version },
          after: { state: finalState, version },
          at: now,
        });
      }
      const view = await buildReminderView(tx, occ.id, this.deps.playbook);
      await updatePosted(tx, { keyBase: `reminder:${occ.id}`, view, updateSeq: `v${version}` });
    }
    return {
      ok: true,
      state,
      recorded,
      stillMissing: outcome.done ? [] : outcome.missing,
      awaitingSecond: outcome.done ? [] : outcome.awaitingSecond,
      skipped,
      drafts,
      followUps,
      itemNumbers: Object.fromEntries(task.items.map((item, i) => [item.key, i + 1])),
    } satisfies ConfirmResult;
  }

  private draftFor(
    outletId: string,
    task: Task,
    item: Item,
    row: StoredResult,
    staff: Confirmer,
    all: Map<string, StoredResult>,
  ) {
    // Only an incident type that needs an amount (an over/short → cash discrepancy) carries the
    // amount entered on the same checklist; an ATM fault must not inherit the cash count.
    const typeKey = item.failIncidentType ?? task.failIncidentType;
    const type = this.deps.playbook.incidents.types.find((t) => t.key === typeKey);
    const needsAmount = type ? askedFields(type).includes("amount") : false;
    const amount =
      row.amountMinor ??
      (needsAmount
        ? task.items
            .flatMap((i) => (i.kind === "amount" ? [all.get(i.key)?.amountMinor ?? null] : []))
            .find((a) => a !== null)
        : null) ??
      null;
    return failureDraft({
      outletId,
      task,
      item,
      resultId: row.id,
      reporterId: staff.id,
      note: row.note,
      amountMinor: amount,
      valueText: row.valueText,
    });
  }

  private async taskOf(occurrenceId: string): Promise<Task | null> {
    const occ = await this.deps.db.taskOccurrence.findUnique({
      where: { id: occurrenceId },
      include: { templateVersion: true },
    });
    return occ ? (JSON.parse(occ.templateVersion.definition) as Task) : null;
  }
}

/** A counted amount above the outlet's cash limit is recorded as a failure (超限额), drafting its incident. */
function overLimitFailed(playbook: ChecklistDeps["playbook"], outletCode: string, item: Item, a: ChecklistAnswer) {
  const minor = a.value?.amountMinor;
  if (a.value?.status !== "ok" || minor === undefined || minor === null) return a;
  return exceedsCashLimit(playbook, outletCode, item, minor)
    ? { ...a, value: { ...a.value, status: "failed" as const } }
    : a;
}

function refusal(key: string, vars: Record<string, string | number>): ConfirmResult {
  return refusalOf({ key, vars });
}

const toState = (r: StoredResult) => ({
  itemKey: r.itemKey,
  status: r.status as "ok" | "failed" | "awaiting_second",
  confirmedById: r.confirmedById,
  secondConfirmedById: r.secondConfirmedById,
});

/** The label key of the item's dual-control role, resolved by the texts that name it ("$t({{role}})"). */
function dualRoleLabel(policy: Policy, item: Item): string {
  return item.dualControl ? roleLabel(item.dualControl.role, policy.roles).key : "labels:role.unknown";
}

/**
 * The answers a request stands for. "All ok" confirms the yes/no items nobody has answered and
 * seconds what this person may second; it never invents a value for an item that needs one.
 */
export function planAnswers(
  policy: Policy,
  task: Task,
  req: RecordRequest,
  results: Map<string, StoredResult>,
  staff: Confirmer,
  roles: readonly Role[],
) {
  const explicit = new Map(req.answers.map((a) => [a.itemKey, a]));
  const skipped: Array<{ itemKey: string; reason: { key: string; vars: Record<string, string | number> } }> = [];
  const answers: ChecklistAnswer[] = [];
  task.items.forEach((item, i) => {
    const given = explicit.get(item.key);
    if (given) {
      answers.push(given);
      return;
    }
    if (!req.allOk) return;
    const r = results.get(item.key);
    const vars = { number: i + 1, item: item.key, role: dualRoleLabel(policy, item) };
    if (r?.status === "awaiting_second") {
      if (r.confirmedById === staff.id)
        skipped.push({ itemKey: item.key, reason: { key: "checklist:skipped.needs_other_person", vars } });
      else if (item.dualControl && !canSecondConfirm(item, roles))
        skipped.push({ itemKey: item.key, reason: { key: "checklist:skipped.needs_role", vars } });
      else answers.push({ itemKey: item.key, value: null });
      return;
    }
    if (r || !canConfirmTask(policy, task, roles)) return;
    if (item.kind === "yesno") answers.push({ itemKey: item.key, value: { status: "ok" } });
  });
  // explicit answers for items outside the task are refused in recordInTx
  for (const a of req.answers) if (!task.items.some((i) => i.key === a.itemKey)) answers.push(a);
  return { answers, skipped };
}
