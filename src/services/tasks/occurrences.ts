// Creates task occurrences from the imported playbook templates. Every replica runs this
// every minute; the unique key (outletId, templateId, dueDate) makes creation exactly-once:
// the loser of a race hits the unique violation, its transaction (row + audit) rolls back,
// and it moves on.
import type { Playbook, Task } from "../../config/playbook-schema.js";
import type { Db } from "../../db/client.js";
import { isUniqueViolation, withTx } from "../../db/tx.js";
import { addDays, localDate, type OutletCalendar } from "../../domain/calendar.js";
import type { Clock } from "../../domain/clock.js";
import { occurrencesBetween, type PlannedOccurrence, timesFrom } from "../../domain/schedule.js";
import type { Logger } from "../../log.js";
import { type Actor, appendAudit } from "../audit-log.js";
import type { Directory } from "../directory.js";

export interface TaskServiceDeps {
  db: Db;
  clock: Clock;
  directory: Directory;
  /** The loaded playbook: only its tasks are scheduled, in its order. */
  playbook: Playbook;
  log?: Logger;
}

export const SCHEDULER_ACTOR: Actor = { staffId: null, label: "scheduler", platform: "system" };

export interface ActiveTemplate {
  templateId: string;
  versionId: string;
  /** The definition as imported (the playbook task at import time). */
  task: Task;
}

export class OccurrenceService {
  /**
   * Outlet id → the local date on which this process found (or made) every occurrence that
   * date plans, under `planKey`. Within one local date the planned set only shrinks (windows
   * end), so later ticks that day have nothing to create at that outlet and skip it: a quiet
   * minute no longer reads each outlet's calendar and probes each task (issue 14: the tick for
   * 10,000 outlets). A new date, or other templates (a playbook change), checks again.
   */
  private readonly complete = new Map<string, string>();
  private planKey = "";

  constructor(private readonly deps: TaskServiceDeps) {}

  /** Active templates of playbook tasks, each with the version its occurrences link to. */
  async activeTemplates(): Promise<ActiveTemplate[]> {
    const keys = this.deps.playbook.tasks.map((t) => t.key);
    const templates = await this.deps.db.taskTemplate.findMany({
      where: { active: true, key: { in: keys } },
      include: { versions: true },
    });
    const out: ActiveTemplate[] = [];
    for (const key of keys) {
      const t = templates.find((x) => x.key === key);
      const version = t?.versions.find((v) => v.hash === t.currentHash);
      if (!t || !version) continue;
      out.push({ templateId: t.id, versionId: version.id, task: JSON.parse(version.definition) as Task });
    }
    return out;
  }

  /**
   * Creates every occurrence due yesterday or today (outlet-local) whose window has not yet
   * ended, including today's later ones, so a task's row exists before it is due and an
   * outage later in the day still ends with it marked missed. Returns how many this call made.
   */
  async ensureOccurrences(now: Date = this.deps.clock.now()): Promise<number> {
    const templates = await this.activeTemplates();
    const planKey = templates.map((t) => t.versionId).join(",");
    if (planKey !== this.planKey) {
      this.complete.clear();
      this.planKey = planKey;
    }
    const outlets = await this.deps.db.outlet.findMany({
      where: { active: true },
      orderBy: { code: "asc" },
      select: { id: true, timeZone: true },
    });
    let created = 0;
    for (const outlet of outlets) {
      if (this.complete.get(outlet.id) === localDate(now, outlet.timeZone)) continue;
      const cal = await this.deps.directory.calendar(outlet.id);
      const today = localDate(now, cal.timeZone);
      for (const tpl of templates) {
        const planned = occurrencesBetween(tpl.task, cal, addDays(today, -1), today).filter(
          (p) => p.windowEndsAt.getTime() > now.getTime(),
        );
        for (const p of planned) if (await this.createIfAbsent(outlet.id, tpl, p, now)) created++;
      }
      // only once every planned row exists: a failure above leaves the outlet to the next tick
      this.complete.set(outlet.id, today);
    }
    if (created > 0) this.deps.log?.info({ created, at: now.toISOString() }, "task occurrences created");
    return created;
  }

  /**
   * Today's occurrence of a task at an outlet, created if needed: the scheduled one when the
   * task is due today, otherwise an unscheduled one due `now` (a supervisor's manual
   * reminder). Null when the task is unknown or inactive.
   */
  async ensureToday(outletId: string, taskKey: string, now: Date, actor: Actor): Promise<string | null> {
    const tpl = (await this.activeTemplates()).find((t) => t.task.key === taskKey);
    if (!tpl) return null;
    const cal = await this.deps.directory.calendar(outletId);
    const today = localDate(now, cal.timeZone);
    const existing = await this.findByDate(outletId, tpl.templateId, today);
    if (existing) return existing;
    const scheduled = occurrencesBetween(tpl.task, cal, today, today)[0];
    const planned = scheduled ?? unscheduled(tpl.task, cal, today, now);
    await this.createIfAbsent(outletId, tpl, planned, now, actor);
    return this.findByDate(outletId, tpl.templateId, today);
  }

  private async findByDate(outletId: string, templateId: string, dueDate: string): Promise<string | null> {
    const row = await this.deps.db.taskOccurrence.findUnique({
      where: { outletId_templateId_dueDate: { outletId, templateId, dueDate } },
      select: { id: true },
    });
    return row?.id ?? null;
  }

  /** True when this call created the row; false when it already existed (or a replica won). */
  private async createIfAbsent(
    outletId: string,
    tpl: ActiveTemplate,
    p: PlannedOccurrence,
    now: Date,
    actor: Actor = SCHEDULER_ACTOR,
  ): Promise<boolean> {
    const { db } = this.deps;
    // A moved occurrence (ifNotWorkingDay: next) belongs to its period: if a row for the
    // period already exists between its nominal and actual date (the holiday calendar changed
    // after creation), do not create a second one.
    const samePeriod = await db.taskOccurrence.findFirst({
      where: { outletId, templateId: tpl.templateId, dueDate: { gte: p.nominalDate, lte: p.dueDate } },
      select: { id: true },
    });
    if (samePeriod) return false;
    try {
      await withTx(db, async (tx) => {
        const row = await tx.taskOccurrence.create({
          data: {
            outletId,
            templateId: tpl.templateId,
            templateVersionId: tpl.versionId,
            dueDate: p.dueDate,
            dueAt: p.dueAt,
            nudgeAt: p.nudgeAt,
            escalateAt: p.escalateAt,
            windowEndsAt: p.windowEndsAt,
          },
        });
        await appendAudit(tx, {
          actor,
          action: "task.occurrence.created",
          entityType: "task_occurrence",
          entityId: row.id,
          after: {
            outletId,
            task: tpl.task.key,
            period: p.period,
            dueDate: p.dueDate,
            moved: p.moved,
            dueAt: p.dueAt.toISOString(),
            windowEndsAt: p.windowEndsAt.toISOString(),
          },
          at: now,
        });
      });
      return true;
    } catch (err) {
      if (isUniqueViolation(err, "dueDate")) return false; // another replica created it first
      throw err;
    }
  }
}

function unscheduled(task: Task, cal: OutletCalendar, today: string, now: Date): PlannedOccurrence {
  return {
    taskKey: task.key,
    period: `X:${today}`,
    nominalDate: today,
    dueDate: today,
    moved: false,
    ...timesFrom(task, cal, now),
  };
}
