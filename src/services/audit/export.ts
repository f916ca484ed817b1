// Writes the audit events of a date range as CSV (RFC 4180) or JSON Lines, streamed in time
// order (then by chain and seq) batch by batch with backpressure, so an export of years of events needs no more
// memory than one batch. Every column the hash covers is exported unchanged (before/after
// as their stored JSON text), so anyone can re-verify an exported range offline.
import { once } from "node:events";
import type { Writable } from "node:stream";
import type { Db } from "../../db/client.js";
import { addDays, zonedTime } from "../../domain/calendar.js";
import type { Prisma } from "../../generated/prisma/client.js";

export type ExportFormat = "csv" | "jsonl";

export interface ExportOptions {
  /** First and last day, YYYY-MM-DD, both inclusive. */
  from: string;
  to: string;
  /** The zone the days are read in; UTC unless given. */
  timeZone?: string;
  format: ExportFormat;
  batchSize?: number;
}

export const EXPORT_COLUMNS = [
  "seq",
  "at",
  "actorId",
  "actorLabel",
  "platform",
  "source",
  "action",
  "entityType",
  "entityId",
  "before",
  "after",
  "prevHash",
  "hash",
  "chain", // last, so column positions of exports made before issue 14 stay the same
] as const;

type ExportRow = Record<(typeof EXPORT_COLUMNS)[number], string | number | null>;

/** One CSV field: quoted when it holds a comma, quote or line break; quotes doubled. */
export function csvField(v: string | number | null): string {
  if (v === null) return "";
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

const csvLine = (r: ExportRow) => `${EXPORT_COLUMNS.map((c) => csvField(r[c])).join(",")}\r\n`;
const jsonLine = (r: ExportRow) => `${JSON.stringify(r)}\n`;

/** Exactly the exported columns, in order (JSON keys keep insertion order). */
function toRow(e: { at: Date } & Omit<ExportRow, "at">): ExportRow {
  const row = {} as ExportRow;
  for (const c of EXPORT_COLUMNS) row[c] = c === "at" ? e.at.toISOString() : e[c];
  return row;
}

async function write(out: Writable, chunk: string): Promise<void> {
  if (chunk !== "" && !out.write(chunk)) await once(out, "drain");
}

export async function exportAudit(db: Db, out: Writable, opts: ExportOptions): Promise<{ count: number }> {
  const tz = opts.timeZone ?? "UTC";
  const at = { gte: zonedTime(opts.from, "00:00", tz), lt: zonedTime(addDays(opts.to, 1), "00:00", tz) };
  const batchSize = opts.batchSize ?? 1000;
  if (opts.format === "csv") await write(out, `${EXPORT_COLUMNS.join(",")}\r\n`);

  // Keyset pagination on (at, chain, seq): the `at` index narrows each batch to the rows after
  // the last one written, so no batch re-scans the range from its start.
  const line = opts.format === "csv" ? csvLine : jsonLine;
  let after: { at: Date; chain: number; seq: number } | null = null;
  let count = 0;
  for (;;) {
    const where: Prisma.AuditEventWhereInput = after
      ? {
          at: { lt: at.lt },
          OR: [
            { at: { gt: after.at } },
            { at: after.at, chain: { gt: after.chain } },
            { at: after.at, chain: after.chain, seq: { gt: after.seq } },
          ],
        }
      : { at };
    const rows = await db.auditEvent.findMany({
      where,
      orderBy: [{ at: "asc" }, { chain: "asc" }, { seq: "asc" }],
      take: batchSize,
    });
    await write(out, rows.map((e) => line(toRow(e))).join(""));
    count += rows.length;
    const tail = rows.at(-1);
    if (!tail || rows.length < batchSize) return { count };
    after = { at: tail.at, chain: tail.chain, seq: tail.seq };
  }
}
