// Generates a realistic data set: N outlets × D days of task occurrences, checklist
// results, incidents and complaints, up to a fixed "now". Rows are built per region in
// memory and bulk-inserted (parents before children), so 500 outlets × 1 year stays within
// a few minutes on two cores. Generated data has no audit events: summaries do not read
// them, and the chain would only slow generation down.
import path from "node:path";
import { loadPlaybook } from "../../src/config/playbook.js";
import { roleSet } from "../../src/config/playbook-roles.js";
import type { Playbook, Task } from "../../src/config/playbook-schema.js";
import type { Db } from "../../src/db/client.js";
import { localDate } from "../../src/domain/calendar.js";
import { ManualClock } from "../../src/domain/clock.js";
import { createI18n } from "../../src/i18n/index.js";
import { RowCounter } from "./bulk.js";
import { casesFor } from "./generate-cases.js";
import { buildOrg, type CalendarVariant, type GeneratedOrg, insertOrg } from "./generate-org.js";
import { occurrencesFor, planOccurrences, type TemplateRef } from "./generate-tasks.js";
import { idFactory, Rng } from "./random.js";
import { openRawBulk, type Table } from "./raw-bulk.js";

export const DEFAULT_PLAYBOOK = path.resolve(import.meta.dirname, "../../playbooks/default.yaml");
/** Friday 15:00 in Shanghai: today's morning tasks are done or open, the evening ones not yet due. */
export const BENCH_NOW = new Date("2026-11-20T07:00:00Z");

export interface GenerateOptions {
  outlets: number;
  days: number;
  now?: Date;
  seed?: number;
  log?: (line: string) => void;
}

export interface Generated extends GeneratedOrg {
  playbook: Playbook;
  now: Date;
  rows: Record<string, number>;
  totalRows: number;
  seconds: number;
}

export function loadDefaultPlaybook(): Playbook {
  return loadPlaybook(DEFAULT_PLAYBOOK, createI18n().exists);
}

export async function generate(db: Db, url: string, opts: GenerateOptions): Promise<Generated> {
  const t0 = performance.now();
  const now = opts.now ?? BENCH_NOW;
  const log = opts.log ?? (() => {});
  const rng = new Rng(opts.seed ?? 20261120);
  const newId = idFactory(Math.floor(rng.next() * 36 ** 6).toString(36));
  const playbook = loadDefaultPlaybook();
  const counter = new RowCounter();

  const org = buildOrg(opts.outlets, roleSet(playbook));
  const generatedOrg = await insertOrg(db, org, playbook, new ManualClock(now), counter);
  const templates = await templateRefs(db, playbook);
  const today = localDate(now, "Asia/Shanghai");

  const plans = new Map<CalendarVariant, ReturnType<typeof planOccurrences>>();
  for (const o of generatedOrg.outlets) {
    if (!plans.has(o.variant)) plans.set(o.variant, planOccurrences(templates, o.cal, today, opts.days));
  }
  log(`org in place (${org.outlets.length} outlets, ${org.staff.length} staff); generating ${opts.days} days…`);

  // per region: build its rows in memory, then insert parents before children
  const raw = await openRawBulk(url, now);
  const write = async (table: Table, rows: object[]) => {
    await raw.insert(table, rows as Array<Record<string, unknown>>);
    counter.add(table, rows.length);
  };
  try {
    for (const [i, region] of generatedOrg.regions.entries()) {
      const parts = generatedOrg.outlets
        .filter((o) => region.outletIds.includes(o.id))
        .map((o) => {
          const t = occurrencesFor(o, plans.get(o.variant) ?? [], now, rng, newId);
          return { ...t, cases: casesFor(o, playbook, t.failed, today, opts.days, now, rng, newId) };
        });
      await write(
        "TaskOccurrence",
        parts.flatMap((p) => p.occurrences),
      );
      await write(
        "ChecklistItemResult",
        parts.flatMap((p) => p.results),
      );
      await write(
        "Incident",
        parts.flatMap((p) => p.cases.incidents),
      );
      await write(
        "IncidentEvent",
        parts.flatMap((p) => p.cases.incidentEvents),
      );
      await write(
        "Complaint",
        parts.flatMap((p) => p.cases.complaints),
      );
      await write(
        "ComplaintStep",
        parts.flatMap((p) => p.cases.steps),
      );
      await write(
        "ComplaintDecision",
        parts.flatMap((p) => p.cases.decisions),
      );
      await write(
        "ComplaintFollowUp",
        parts.flatMap((p) => p.cases.followUps),
      );
      if ((i + 1) % 5 === 0 || i + 1 === generatedOrg.regions.length) {
        log(`  ${i + 1}/${generatedOrg.regions.length} regions, ${counter.total()} rows, ${elapsed(t0)} s`);
      }
    }
  } finally {
    await raw.close();
  }
  const rows = await countRows(db);
  const totalRows = Object.values(rows).reduce((a, b) => a + b, 0);
  return { ...generatedOrg, playbook, now, rows, totalRows, seconds: elapsed(t0) };
}

const elapsed = (t0: number) => Math.round((performance.now() - t0) / 100) / 10;

async function templateRefs(db: Db, playbook: Playbook): Promise<TemplateRef[]> {
  const templates = await db.taskTemplate.findMany({ include: { versions: true } });
  return playbook.tasks.map((task: Task) => {
    const t = templates.find((x) => x.key === task.key);
    const v = t?.versions.find((x) => x.hash === t.currentHash);
    if (!t || !v) throw new Error(`task template ${task.key} was not imported`);
    return { templateId: t.id, versionId: v.id, task: JSON.parse(v.definition) as Task };
  });
}

/** Row counts as the database sees them (the generated org plus what the importer wrote). */
export async function countRows(db: Db): Promise<Record<string, number>> {
  const [outlets, staff, occurrences, results, failed, incidents, events, complaints, steps, audit] = await Promise.all(
    [
      db.outlet.count(),
      db.staff.count(),
      db.taskOccurrence.count(),
      db.checklistItemResult.count(),
      db.checklistItemResult.count({ where: { status: "failed" } }),
      db.incident.count(),
      db.incidentEvent.count(),
      db.complaint.count(),
      db.complaintStep.count(),
      db.auditEvent.count(),
    ],
  );
  return {
    outlets,
    staff,
    taskOccurrences: occurrences,
    checklistItemResults: results,
    failedResults: failed,
    incidents,
    incidentEvents: events,
    complaints,
    complaintSteps: steps,
    auditEvents: audit,
  };
}
