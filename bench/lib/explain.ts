// Query plans of the summary's heaviest queries, for a regional officer's month: the SQL
// below has the same shape as what Prisma emits for task-figures.ts / case-figures.ts /
// median.ts (outletId IN (…) AND a time range, GROUP BY / COUNT / ORDER BY … LIMIT).
// SQLite gets EXPLAIN QUERY PLAN; PostgreSQL EXPLAIN ANALYZE (actual times and rows).
import { periodDates, rangeInstants, todayIn } from "../../src/domain/summary.js";
import type { BenchDb } from "./databases.js";
import type { Generated } from "./generate.js";

export async function explainHeaviest(bdb: BenchDb, g: Generated): Promise<string[]> {
  const region = g.regions[0];
  const range = periodDates("month", todayIn(g.now, "Asia/Shanghai"));
  if (!region || !range) return [];
  const { start, end } = rangeInstants(range, "Asia/Shanghai");
  const sqlite = bdb.kind === "sqlite";
  const ts = (d: Date) =>
    sqlite ? `'${d.toISOString().replace("Z", "+00:00")}'` : `'${d.toISOString().slice(0, -1)}'::timestamp`;
  const ids = region.outletIds.map((id) => `'${id}'`).join(", ");
  const inPeriod = `o."outletId" IN (${ids}) AND o."dueAt" >= ${ts(start)} AND o."dueAt" < ${ts(end)}`;
  const minutes = sqlite
    ? `(julianday("acknowledgedAt") - julianday("reportedAt")) * 1440.0`
    : `EXTRACT(EPOCH FROM ("acknowledgedAt" - "reportedAt")) / 60.0`;
  const queries: Record<string, string> = {
    "tasks by state": `SELECT o.state, COUNT(*) FROM "TaskOccurrence" o WHERE ${inPeriod} GROUP BY o.state`,
    "on time by outlet": `SELECT o."outletId", COUNT(*) FROM "TaskOccurrence" o WHERE ${inPeriod} AND o.state IN ('confirmed', 'confirmed_with_exceptions') AND o."completedAt" <= o."windowEndsAt" GROUP BY o."outletId"`,
    "failed checklist items": `SELECT COUNT(*) FROM "ChecklistItemResult" r WHERE r.status = 'failed' AND r."occurrenceId" IN (SELECT o.id FROM "TaskOccurrence" o WHERE ${inPeriod})`,
    "incident median (ack)": `SELECT ${minutes} AS minutes FROM "Incident" WHERE "acknowledgedAt" IS NOT NULL AND ("outletId" IN (${ids}) AND "reportedAt" >= ${ts(start)} AND "reportedAt" < ${ts(end)}) ORDER BY minutes ASC, "id" ASC LIMIT 2 OFFSET 10`,
    "late complaint steps": `SELECT COUNT(*) FROM "ComplaintStep" s JOIN "Complaint" c ON c.id = s."complaintId" WHERE s.late = ${sqlite ? 1 : "true"} AND c."outletId" IN (${ids}) AND (s."endedAt" IS NULL OR (s."endedAt" >= ${ts(start)} AND s."endedAt" < ${ts(end)}))`,
  };
  const notes: string[] = [];
  for (const [name, sql] of Object.entries(queries)) {
    const rows = await bdb.db.$queryRawUnsafe<Array<Record<string, unknown>>>(
      sqlite ? `EXPLAIN QUERY PLAN ${sql}` : `EXPLAIN (ANALYZE, BUFFERS) ${sql}`,
    );
    const plan = rows.map((r) => String(sqlite ? r.detail : r["QUERY PLAN"])).join(" | ");
    notes.push(`EXPLAIN ${bdb.kind} — ${name}: ${plan}`);
  }
  return notes;
}
