// Finding the task a person named and today's occurrence of it at an outlet, and the
// checklist form's context (what is recorded so far) for an occurrence.
import type { Task } from "../config/playbook-schema.js";
import { localDate } from "../domain/calendar.js";
import { formatMinor } from "../domain/money.js";
import { occurrencesBetween } from "../domain/schedule.js";
import type { ChecklistFormCtx } from "../forms/index.js";
import { LOCALES } from "../i18n/index.js";
import { occurrenceIdOn, outletName as outletNameOf } from "../queries/index.js";
import type { ItemStatus } from "../views/tasks.js";
import { matchTask } from "./commands.js";
import type { Req } from "./request.js";
import type { CoreServices } from "./services.js";

export type TaskMatch =
  | { ok: true; task: Task }
  | { ok: false; ambiguous: Task[] }
  | { ok: false; ambiguous?: undefined };

export function findTask(s: CoreServices, query: string): TaskMatch {
  const tasks = s.playbook.tasks.map((t) => ({ key: t.key, titles: LOCALES.map((l) => s.i18n.t(l, t.title)) }));
  const hit = matchTask(query, tasks);
  const byKey = (k: string) => s.playbook.tasks.find((t) => t.key === k);
  if (!hit) return { ok: false };
  if ("key" in hit) {
    const task = byKey(hit.key);
    return task ? { ok: true, task } : { ok: false };
  }
  return { ok: false, ambiguous: hit.ambiguous.flatMap((k) => byKey(k) ?? []) };
}

/**
 * Today's occurrence of a task at an outlet. One that exists (scheduled, or created by a
 * supervisor's "remind") is used; a task scheduled today is created if the scheduler has not
 * yet; a task not due today has none: ensureToday's unscheduled occurrence is for a
 * supervisor's manual reminder only, never for someone opening a checklist.
 */
export async function todaysOccurrence(s: CoreServices, req: Req, outletId: string, task: Task) {
  const now = s.clock.now();
  const cal = await s.directory.calendar(outletId);
  const today = localDate(now, cal.timeZone);
  const existing = await occurrenceIdOn(s.db, outletId, today, task.key);
  if (existing) return existing;
  if (occurrencesBetween(task, cal, today, today).length === 0) return null;
  return s.occurrences.ensureToday(outletId, task.key, now, req.actor);
}

/** The checklist form's context: the task as the occurrence was created, and what is recorded. */
export async function checklistContext(s: CoreServices, occurrenceId: string): Promise<ChecklistFormCtx | null> {
  const loaded = await s.checklist.load(s.db, occurrenceId);
  if (!loaded) return null;
  const { task, occ } = loaded;
  const recorded: ChecklistFormCtx["recorded"] = {};
  for (const r of occ.results) {
    const item = task.items.find((i) => i.key === r.itemKey);
    if (!item) continue;
    const value =
      item.kind === "amount" && r.amountMinor !== null
        ? formatMinor(r.amountMinor, item.currency)
        : item.kind === "yesno" || item.kind === "photo"
          ? undefined
          : (r.valueText ?? undefined);
    recorded[r.itemKey] = { status: r.status as ItemStatus, ...(value !== undefined ? { value } : {}) };
  }
  const outletName = await outletNameOf(s.db, occ.outletId);
  return { occurrenceId, task, recorded, ...(outletName ? { outletName } : {}) };
}
