// Task occurrences and checklist results, as the bot core and the task services read them.
import type { Reader } from "./reader.js";

/** The occurrence of a task (by template key) due at an outlet on a local date, if any. */
export async function occurrenceIdOn(
  r: Reader,
  outletId: string,
  dueDate: string,
  taskKey: string,
): Promise<string | null> {
  const row = await r.taskOccurrence.findFirst({
    where: { outletId, dueDate, template: { key: taskKey } },
    select: { id: true },
  });
  return row?.id ?? null;
}

/** Every occurrence due at an outlet on a local date, by due time, with its task and result states. */
export function occurrencesDueOn(r: Reader, outletId: string, dueDate: string) {
  return r.taskOccurrence.findMany({
    where: { outletId, dueDate },
    include: { templateVersion: { select: { definition: true } }, results: { select: { status: true } } },
    orderBy: { dueAt: "asc" },
  });
}

export async function occurrenceOutletId(r: Reader, occurrenceId: string): Promise<string | null> {
  const row = await r.taskOccurrence.findUnique({ where: { id: occurrenceId }, select: { outletId: true } });
  return row?.outletId ?? null;
}

export async function occurrenceExists(r: Reader, occurrenceId: string): Promise<boolean> {
  return (await r.taskOccurrence.count({ where: { id: occurrenceId } })) > 0;
}

/** A checklist item result with its occurrence, the occurrence's task version and all its results. */
export function resultWithOccurrence(r: Reader, resultId: string) {
  return r.checklistItemResult.findUnique({
    where: { id: resultId },
    include: { occurrence: { include: { templateVersion: true, results: true } } },
  });
}
