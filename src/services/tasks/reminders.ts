import { isUniqueViolation, type Tx, withTx } from "../../db/tx.js";
import { localDate } from "../../domain/calendar.js";
import { isOpenState, nextStep, STEP_TARGET, type Step } from "../../domain/occurrence-lifecycle.js";
import { type Refusal, refusal } from "../../domain/refusal.js";
import { canRemind } from "../../permissions/index.js";
import { type Actor, appendAudit } from "../audit-log.js";
import { OccurrenceService, SCHEDULER_ACTOR, type TaskServiceDeps } from "./occurrences.js";
import { loadOccurrenceContext } from "./reminder-view.js";
import { enqueueEscalation, enqueueMissed, enqueueNudge, enqueueReminder, refreshReminder } from "./task-notify.js";

const OPEN_STATES = ["due", "reminded", "nudged", "escalated"];
const STAMP: Record<Step, "remindedAt" | "nudgedAt" | "escalatedAt" | "missedAt"> = {
  remind: "remindedAt",
  nudge: "nudgedAt",
  escalate: "escalatedAt",
  miss: "missedAt",
};
const ACTION: Record<Step, string> = {
  remind: "task.reminded",
  nudge: "task.nudged",
  escalate: "task.escalated",
  miss: "task.missed",
};

export type TickSummary = Record<Step, number>;

export type RemindNowResult =
  | { ok: true; status: "sent" | "duplicate" | "already_done"; occurrenceId: string }
  | Refusal<"not_allowed" | "unknown_task">;

export class ReminderService {
  private readonly occurrences: OccurrenceService;

  constructor(private readonly deps: TaskServiceDeps) {
    this.occurrences = new OccurrenceService(deps);
  }

  /**
   * Moves every open occurrence that is due to its next step(s). On the first tick after
   * downtime this is the catch-up: open windows are reminded (then jump to the latest
   * step already past), closed windows are marked missed without a reminder.
   */
  async tick(now: Date = this.deps.clock.now()): Promise<TickSummary> {
    const summary: TickSummary = { remind: 0, nudge: 0, escalate: 0, miss: 0 };
    const open = await this.deps.db.taskOccurrence.findMany({
      where: { state: { in: OPEN_STATES }, dueAt: { lte: now } },
      orderBy: [{ dueAt: "asc" }, { id: "asc" }],
      select: { id: true },
    });
    for (const { id } of open) {
      // at most one pass per state; each pass re-reads, so a lost race simply ends the loop
      for (let i = 0; i < OPEN_STATES.length; i++) {
        const step = await this.applyNextStep(id, now);
        if (!step) break;
        summary[step]++;
      }
    }
    const total = summary.remind + summary.nudge + summary.escalate + summary.miss;
    if (total > 0) this.deps.log?.info({ ...summary, at: now.toISOString() }, "reminder lifecycle advanced");
    return summary;
  }

  /** Applies the step due now, if any; returns it when this call made the change. */
  async applyNextStep(occurrenceId: string, now: Date, actor: Actor = SCHEDULER_ACTOR): Promise<Step | null> {
    return withTx(this.deps.db, async (tx) => {
      const occ = await tx.taskOccurrence.findUniqueOrThrow({ where: { id: occurrenceId } });
      const step = nextStep(occ.state, occ, now);
      if (!step) return null;
      return (await this.transition(tx, occ, step, now, actor)) ? step : null;
    });
  }

  /** Conditional update + audit + messages. False when another writer moved it first. */
  private async transition(
    tx: Tx,
    occ: { id: string; state: string; version: number },
    step: Step,
    now: Date,
    actor: Actor,
  ): Promise<boolean> {
    const to = STEP_TARGET[step];
    const { count } = await tx.taskOccurrence.updateMany({
      where: { id: occ.id, state: occ.state, version: occ.version },
      data: { state: to, [STAMP[step]]: now, version: occ.version + 1 },
    });
    if (count !== 1) return false;
    const ctx = await loadOccurrenceContext(tx, occ.id, this.deps.playbook);
    let recipients: string[] = [];
    if (step === "remind") {
      recipients = ctx.audienceIds;
      await enqueueReminder(tx, ctx);
    } else {
      if (step === "nudge") recipients = await enqueueNudge(tx, ctx);
      if (step === "escalate") recipients = await enqueueEscalation(tx, ctx);
      if (step === "miss") recipients = await enqueueMissed(tx, ctx);
      await refreshReminder(tx, occ.id, to, this.deps.playbook);
    }
    await appendAudit(tx, {
      actor,
      action: ACTION[step],
      entityType: "task_occurrence",
      entityId: occ.id,
      before: { state: occ.state, version: occ.version },
      after: { state: to, version: occ.version + 1, recipients },
      at: now,
    });
    this.deps.log?.info({ occurrenceId: occ.id, from: occ.state, to, recipients: recipients.length }, ACTION[step]);
    return true;
  }

  /**
   * A supervisor's "/branch remind <task>": creates today's occurrence if needed and
   * reminds now. An occurrence not yet reminded is reminded (the normal reminder, early);
   * one already reminded gets a fresh nudge in the reminder's thread and DMs to those who
   * have not answered. Idempotent per requestId (e.g. the platform's command id).
   */
  async remindNow(outletId: string, taskKey: string, actor: Actor, requestId: string): Promise<RemindNowResult> {
    const { db, clock, directory } = this.deps;
    const now = clock.now();
    if (!actor.staffId || !canRemind(this.deps.playbook, await directory.rolesAt(actor.staffId, outletId))) {
      return refusal("not_allowed", "bot:remind.not_allowed");
    }
    const occurrenceId = await this.occurrences.ensureToday(outletId, taskKey, now, actor);
    if (!occurrenceId) return refusal("unknown_task", "bot:task.unknown", { text: taskKey });
    const claimKey = `remind-now:${requestId}`;
    try {
      return await withTx(db, async (tx): Promise<RemindNowResult> => {
        if (await tx.schedulerClaim.findUnique({ where: { key: claimKey } })) {
          return { ok: true, status: "duplicate", occurrenceId };
        }
        await tx.schedulerClaim.create({ data: { key: claimKey, owner: actor.staffId ?? "", claimedAt: now } });
        const occ = await tx.taskOccurrence.findUniqueOrThrow({ where: { id: occurrenceId } });
        // a window already over is the scheduler's to mark missed, not a reminder's
        if (!isOpenState(occ.state) || now >= occ.windowEndsAt)
          return { ok: true, status: "already_done", occurrenceId };
        if (occ.state === "due" && (await this.transition(tx, occ, "remind", now, actor))) {
          return { ok: true, status: "sent", occurrenceId };
        }
        const ctx = await loadOccurrenceContext(tx, occurrenceId, this.deps.playbook);
        const nudged = await enqueueNudge(tx, ctx, `remind-now:${occurrenceId}:${requestId}`);
        await appendAudit(tx, {
          actor,
          action: "task.remind_now",
          entityType: "task_occurrence",
          entityId: occurrenceId,
          after: { state: occ.state, requestId, recipients: nudged, date: localDate(now, ctx.timeZone) },
          at: now,
        });
        return { ok: true, status: "sent", occurrenceId };
      });
    } catch (err) {
      if (isUniqueViolation(err, "key")) return { ok: true, status: "duplicate", occurrenceId };
      throw err;
    }
  }
}
