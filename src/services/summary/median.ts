// Median durations without loading the rows. COUNT(*) gives n; one more query sorts the
// durations in the database and returns only the middle one or two
// (ORDER BY duration LIMIT take OFFSET offset). The sort still reads every row of the period
// for the scope — O(m log m) inside the database for m such rows — but memory and traffic
// on our side stay constant. Duration arithmetic on timestamps differs between databases,
// so it is the one piece of dialect; everything else is standard SQL.
import type { Db } from "../../db/client.js";
import { medianFromWindow, medianWindow } from "../../domain/summary.js";
import { Prisma } from "../../generated/prisma/client.js";
import type { ZoneWindow } from "./windows.js";

export type SqlProvider = "sqlite" | "postgresql";

/**
 * The dialect of a client. Each generated client records its datasource provider; reading it
 * keeps callers from having to say what createDb already decided.
 */
export function sqlProviderOf(db: Db): SqlProvider {
  return (db as unknown as { _activeProvider?: string })._activeProvider === "postgresql" ? "postgresql" : "sqlite";
}

/** Incident timestamps a median may be taken between; a whitelist, so raw SQL stays safe. */
export type IncidentTimeColumn = "reportedAt" | "acknowledgedAt" | "resolvedAt";

/** Minutes from `from` to `to` as an SQL expression in the given dialect. */
function minutesBetween(provider: SqlProvider, from: IncidentTimeColumn, to: IncidentTimeColumn): Prisma.Sql {
  // SQLite (Prisma stores DateTime as ISO-8601 text there) has julianday(); PostgreSQL has
  // timestamp subtraction. Both yield fractional minutes.
  return provider === "postgresql"
    ? Prisma.raw(`EXTRACT(EPOCH FROM ("${to}" - "${from}")) / 60.0`)
    : Prisma.raw(`(julianday("${to}") - julianday("${from}")) * 1440.0`);
}

/**
 * Median minutes from reportedAt to `until` over incidents of the scope reported in the
 * period and that have reached `until`.
 */
export async function medianIncidentMinutes(
  db: Db,
  provider: SqlProvider,
  windows: ZoneWindow[],
  until: "acknowledgedAt" | "resolvedAt",
): Promise<number | null> {
  const n = await db.incident.count({
    where: {
      [until]: { not: null },
      OR: windows.map((w) => ({ outletId: { in: w.outletIds }, reportedAt: { gte: w.start, lt: w.end } })),
    },
  });
  const window = medianWindow(n);
  if (!window || windows.length === 0) return null;
  const inPeriod = Prisma.join(
    windows.map(
      (w) =>
        Prisma.sql`("outletId" IN (${Prisma.join(w.outletIds)}) AND "reportedAt" >= ${w.start} AND "reportedAt" < ${w.end})`,
    ),
    " OR ",
  );
  const rows = await db.$queryRaw<Array<{ minutes: number | string }>>`
    SELECT ${minutesBetween(provider, "reportedAt", until)} AS minutes
    FROM "Incident"
    WHERE ${Prisma.raw(`"${until}"`)} IS NOT NULL AND (${inPeriod})
    ORDER BY minutes ASC, "id" ASC
    LIMIT ${window.take} OFFSET ${window.offset}`;
  // PostgreSQL returns NUMERIC as a string; Number() accepts both
  return medianFromWindow(rows.map((r) => Number(r.minutes)));
}
