// Plain-text checklist replies: parse → echo what was understood (kept in a FormSession) →
// the person confirms ("confirm"/"确认" or the checklist.echo_confirm button) → recorded.
// "edit …" corrects the pending echo; an ambiguous reply gets a question, never a guess.
import type { Db } from "../../db/client.js";
import { parseReply, type ReplyIntent } from "../../domain/reply-grammar.js";
import { FormSessionStore } from "../../forms/session-store.js";
import type { ActionButton, Localised, TextView } from "../../views/common.js";
import type { ConfirmationEchoView } from "../../views/tasks.js";
import type { ChecklistService } from "./checklist.js";
import { ECHO_FORM, type EchoState, echoView, loadValue, storeValue } from "./checklist-echo.js";
import { type ChecklistCtx, ChecklistRefusal, type Confirmer, type ConfirmResult } from "./checklist-types.js";

const text = (message: Localised, lines?: Localised[], actions?: ActionButton[]): TextView => ({
  type: "text",
  message,
  ...(lines && lines.length > 0 ? { lines } : {}),
  ...(actions && actions.length > 0 ? { actions } : {}),
});

export class ChecklistReplyFlow {
  private readonly store: FormSessionStore;
  constructor(
    private readonly deps: { db: Db; clock: { now(): Date } },
    private readonly checklist: ChecklistService,
    store?: FormSessionStore,
  ) {
    this.store = store ?? new FormSessionStore(deps.db, deps.clock);
  }

  /** A reply in the reminder's thread (or a DM about it). Returns the view to show. */
  async handleReply(
    staff: Confirmer,
    occurrenceId: string,
    reply: string,
    ctx: ChecklistCtx,
  ): Promise<ConfirmationEchoView | TextView> {
    const db = this.deps.db;
    const loaded = await this.checklist.load(db, occurrenceId);
    const refused = await this.checklist.refusalFor(db, staff, loaded);
    const numbered = await this.checklist.grammarItems(db, occurrenceId);
    if (refused || !numbered) return text(refused ?? { key: "checklist:refusal.unknown" });
    const { task, items } = numbered;
    const pending = await this.store.find<EchoState>(staff.id, ECHO_FORM, occurrenceId);
    const parsed = parseReply(reply, items, this.checklist.labels);
    if (!parsed.ok) {
      if (!pending) return text(parsed.question);
      return echoView(pending.id, task, items, pending.state, parsed.question);
    }
    const first = parsed.intents[0] as ReplyIntent;
    if (first.kind === "confirm") {
      if (!pending) return text({ key: "checklist:echo.nothing" });
      return (await this.confirmEcho(pending.id, staff, ctx)).view;
    }
    if (first.kind === "cancel") {
      if (pending) await this.store.close(pending, "cancelled");
      return text({ key: "checklist:echo.cancelled" });
    }
    const answers = parsed.intents.flatMap((i) =>
      i.kind === "answer" ? [{ itemKey: i.itemKey, number: i.number, value: storeValue(i.value) }] : [],
    );
    const isEdit = parsed.intents.some((i) => i.kind === "answer" && i.edit);
    const base: EchoState = isEdit && pending ? pending.state : { occurrenceId, allOk: false, answers: [] };
    const merged = new Map(base.answers.map((a) => [a.itemKey, a]));
    for (const a of answers) merged.set(a.itemKey, a);
    const state: EchoState = {
      occurrenceId,
      allOk: base.allOk || parsed.intents.some((i) => i.kind === "all_ok"),
      answers: [...merged.values()].sort((a, b) => a.number - b.number),
    };
    const row = await this.store.open<EchoState>(
      { staffId: staff.id, formKey: ECHO_FORM, contextKey: occurrenceId, platform: ctx.platform },
      state,
    );
    return echoView(row.id, task, items, state);
  }

  /**
   * The echo as it reads once settled: the same lines, its outcome, no buttons. It replaces
   * the echo message in place; null when the session is gone (purged after expiry).
   */
  async settledEcho(sessionId: string, outcome: "recorded" | "cancelled"): Promise<ConfirmationEchoView | null> {
    const row = await this.store.peek<EchoState>(sessionId);
    if (!row) return null;
    const numbered = await this.checklist.grammarItems(this.deps.db, row.state.occurrenceId);
    if (!numbered) return null;
    return { ...echoView(sessionId, numbered.task, numbered.items, row.state), actions: [], outcome };
  }

  /** Why a click on this echo cannot act: it was settled already, or it lapsed. */
  private async settledRefusal(sessionId: string, staffId: string): Promise<Localised> {
    const row = await this.store.peek<EchoState>(sessionId);
    if (row && row.staffId !== staffId) return { key: "checklist:refusal.not_your_session" };
    if (row?.status === "done") return { key: "checklist:refusal.echo_already_recorded" };
    if (row?.status === "cancelled") return { key: "checklist:refusal.echo_already_cancelled" };
    return { key: "checklist:refusal.session_expired" };
  }

  /** Records what the echo showed, once: the session closes in the same transaction. */
  async confirmEcho(sessionId: string, staff: Confirmer, ctx: ChecklistCtx = { platform: "system" }) {
    const settled = await this.settledRefusal(sessionId, staff.id);
    const result: ConfirmResult = await this.checklist.run(async (tx) => {
      const row = await this.store.byId<EchoState>(sessionId, tx);
      if (!row) throw new ChecklistRefusal(settled);
      if (row.staffId !== staff.id) throw new ChecklistRefusal({ key: "checklist:refusal.not_your_session" });
      // a concurrent confirm won the conditional update: this click is the repeat
      if (!(await this.store.close(row, "done", tx)))
        throw new ChecklistRefusal({ key: "checklist:refusal.echo_already_recorded" });
      const answers = row.state.answers.map((a) => ({ itemKey: a.itemKey, value: loadValue(a.value) }));
      const platform = ctx.platform === "system" ? (row.platform as ChecklistCtx["platform"]) : ctx.platform;
      return this.checklist.recordInTx(
        tx,
        staff,
        row.state.occurrenceId,
        { answers, allOk: row.state.allOk },
        { ...ctx, platform },
      );
    });
    return { result, view: resultView(result) };
  }

  /** Cancels the echo; `cancelled` false (with the reason) when it was settled or lapsed before. */
  async cancelEcho(
    sessionId: string,
    staff: Confirmer,
  ): Promise<{ cancelled: true; view: TextView } | { cancelled: false; view: TextView }> {
    const row = await this.store.byId<EchoState>(sessionId);
    if (row && row.staffId === staff.id && (await this.store.close(row, "cancelled"))) {
      return { cancelled: true, view: text({ key: "checklist:echo.cancelled" }) };
    }
    return { cancelled: false, view: text(await this.settledRefusal(sessionId, staff.id)) };
  }
}

/** What happened, for the person who confirmed. */
export function resultView(result: ConfirmResult): TextView {
  if (!result.ok) return text(result.message);
  const message: Localised =
    result.state === "confirmed"
      ? { key: "checklist:result.completed" }
      : result.state === "confirmed_with_exceptions"
        ? { key: "checklist:result.completed_with_exceptions" }
        : {
            key: "checklist:result.recorded",
            vars: { count: result.recorded.filter((r) => r.change !== "unchanged").length },
          };
  const lines: Localised[] = [];
  const numbers = (keys: string[]) => keys.map((k) => result.itemNumbers[k] ?? k).join(", ");
  if (result.stillMissing.length > 0)
    lines.push({ key: "checklist:result.still_missing", vars: { numbers: numbers(result.stillMissing) } });
  if (result.awaitingSecond.length > 0)
    lines.push({ key: "checklist:result.awaiting_second", vars: { numbers: numbers(result.awaitingSecond) } });
  for (const s of result.skipped) lines.push(s.reason);
  const actions: ActionButton[] = result.drafts.map((d) => ({
    action: "incident.from_checklist",
    label: { key: "checklist:result.report_incident" },
    value: d.draft.sourceResultId,
    style: "danger",
  }));
  for (const d of result.drafts)
    lines.push({
      key: "checklist:result.offer_incident",
      vars: { item: d.itemLabel.key, number: result.itemNumbers[d.itemKey] ?? "" },
    });
  return text(message, lines, actions);
}
