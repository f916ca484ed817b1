// Task service dependencies over a test database, plus small readers for assertions.
import type { Db } from "../../../src/db/client.js";
import type { Clock } from "../../../src/domain/clock.js";
import { Directory } from "../../../src/services/directory.js";
import type { TaskServiceDeps } from "../../../src/services/tasks/occurrences.js";
import { playbook } from "../../helpers/db.js";

export function taskDeps(db: Db, clock: Clock): TaskServiceDeps {
  return { db, clock, directory: new Directory(db), playbook };
}

/** The occurrence id of a task at an outlet (by codes) on a local date. */
export async function occurrenceId(db: Db, outletCode: string, taskKey: string, dueDate: string): Promise<string> {
  const o = await db.taskOccurrence.findFirstOrThrow({
    where: { outlet: { code: outletCode }, template: { key: taskKey }, dueDate },
    select: { id: true },
  });
  return o.id;
}

/** Outbox idempotency keys starting with a prefix, sorted. */
export async function outboxKeys(db: Db, prefix: string): Promise<string[]> {
  const rows = await db.outboxMessage.findMany({ where: { idempotencyKey: { startsWith: prefix } } });
  return rows.map((r) => r.idempotencyKey).sort();
}

/** Audit actions recorded for one entity, in chain order. */
export async function auditActions(db: Db, entityId: string): Promise<string[]> {
  const rows = await db.auditEvent.findMany({ where: { entityId }, orderBy: { seq: "asc" } });
  return rows.map((r) => r.action);
}
