// Shared set-up for the case tests: the demo org on a real SQLite file, services wired to a
// ManualClock, and the demo staff as actors.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import type { Db } from "../../src/db/client.js";
import { ManualClock } from "../../src/domain/clock.js";
import { ComplaintService } from "../../src/services/cases/complaints.js";
import { IncidentService } from "../../src/services/cases/incidents.js";
import type { CaseActor, CasesDeps } from "../../src/services/cases/types.js";
import { Directory } from "../../src/services/directory.js";
import { createDemoDb, demoIds, playbook, ROOT, type TestDb } from "../helpers/db.js";

export interface CaseWorld {
  t: TestDb;
  db: Db;
  clock: ManualClock;
  deps: CasesDeps;
  incidents: IncidentService;
  complaints: ComplaintService;
  staff: Record<string, string>;
  outlets: Record<string, string>;
  as(code: string): CaseActor;
}

export async function caseWorld(start: string): Promise<CaseWorld> {
  const clock = new ManualClock(start);
  const t = await createDemoDb(clock);
  const { staff, outlets } = await demoIds(t.db);
  const deps: CasesDeps = { db: t.db, clock, playbook, directory: new Directory(t.db) };
  return {
    t,
    db: t.db,
    clock,
    deps,
    incidents: new IncidentService(deps),
    complaints: new ComplaintService(deps),
    staff,
    outlets,
    as: (code) => ({ staffId: staff[code] as string, platform: "slack", source: `evt-${code}` }),
  };
}

/** Audit actions written for one entity, in order. */
export async function auditActions(db: Db, entityId: string): Promise<string[]> {
  const rows = await db.auditEvent.findMany({ where: { entityId }, orderBy: { seq: "asc" } });
  return rows.map((r) => r.action);
}

/** Outbox rows whose key starts with a prefix. */
export function outboxUnder(db: Db, prefix: string) {
  return db.outboxMessage.findMany({
    where: { idempotencyKey: { startsWith: prefix } },
    orderBy: { createdAt: "asc" },
  });
}

const run = promisify(execFile);
const WORKER = path.join(ROOT, "tests/cases/helpers/case-worker.ts");

/**
 * Runs operations in separate processes, each with its own database client, all starting at
 * the same instant. (Two clients in one process cannot race: better-sqlite3 waits for a lock
 * synchronously, blocking the event loop the other client needs to finish.)
 */
export async function raceInProcesses(url: string, clockIso: string, ops: object[]): Promise<unknown[]> {
  const startAt = Date.now() + 4000;
  const outputs = await Promise.all(
    ops.map((op) =>
      run(process.execPath, ["--import", "tsx", WORKER, url, clockIso, String(startAt), JSON.stringify(op)], {
        cwd: ROOT,
        timeout: 60_000,
      }),
    ),
  );
  return outputs.map((o) => JSON.parse(o.stdout));
}
