// Raw bulk inserts for the big generated tables. Prisma's createMany spends most of its time
// compiling and mapping the query in JavaScript (~5k rows/s here), which would make 500
// outlets × 1 year (1.5M+ rows) take many minutes; a prepared statement per row inside one
// SQLite transaction, or multi-row INSERTs on PostgreSQL, write 10–50× faster. Values are
// written exactly as Prisma writes them, so the app reads them back unchanged: DateTime as
// "…T…+00:00" text on SQLite and as UTC TIMESTAMP(3) on PostgreSQL, booleans as 0/1 on SQLite.
import Database from "better-sqlite3";
import pg from "pg";
import { sqliteFile } from "../../src/db/client.js";

export type Table =
  | "TaskOccurrence"
  | "ChecklistItemResult"
  | "Incident"
  | "IncidentEvent"
  | "Complaint"
  | "ComplaintStep"
  | "ComplaintDecision"
  | "ComplaintFollowUp";

/** Tables whose rows carry Prisma's @updatedAt, which has no database default. */
const HAS_UPDATED_AT = new Set<Table>(["TaskOccurrence", "ChecklistItemResult", "Incident", "Complaint"]);

export interface RawBulk {
  insert(table: Table, rows: Array<Record<string, unknown>>): Promise<void>;
  close(): Promise<void>;
}

function columnsOf(table: Table, rows: Array<Record<string, unknown>>): string[] {
  const cols = Object.keys(rows[0] ?? {});
  return HAS_UPDATED_AT.has(table) && !cols.includes("updatedAt") ? [...cols, "updatedAt"] : cols;
}

export function openRawBulk(url: string, now: Date): Promise<RawBulk> {
  return url.startsWith("file:") ? Promise.resolve(sqliteBulk(url, now)) : postgresBulk(url, now);
}

function sqliteBulk(url: string, now: Date): RawBulk {
  const db = new Database(sqliteFile(url), { timeout: 30_000 });
  const sqliteValue = (v: unknown) =>
    v instanceof Date ? v.toISOString().replace("Z", "+00:00") : typeof v === "boolean" ? (v ? 1 : 0) : v;
  return {
    async insert(table, rows) {
      if (rows.length === 0) return;
      const cols = columnsOf(table, rows);
      const stmt = db.prepare(
        `INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`,
      );
      const write = db.transaction((batch: Array<Record<string, unknown>>) => {
        for (const r of batch) stmt.run(cols.map((c) => sqliteValue(c === "updatedAt" ? (r[c] ?? now) : r[c])));
      });
      for (let i = 0; i < rows.length; i += 20_000) write(rows.slice(i, i + 20_000));
    },
    async close() {
      db.close();
    },
  };
}

async function postgresBulk(url: string, now: Date): Promise<RawBulk> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // TIMESTAMP(3) without time zone holds UTC wall time, as Prisma writes it
  const pgValue = (v: unknown) =>
    v instanceof Date ? v.toISOString().slice(0, -1) : typeof v === "bigint" ? v.toString() : v;
  return {
    async insert(table, rows) {
      if (rows.length === 0) return;
      const cols = columnsOf(table, rows);
      const perStatement = Math.floor(60_000 / cols.length); // PostgreSQL allows 65,535 parameters
      await client.query("BEGIN");
      try {
        for (let i = 0; i < rows.length; i += perStatement) {
          const batch = rows.slice(i, i + perStatement);
          const params: unknown[] = [];
          const tuples = batch.map((r) => {
            const start = params.length;
            for (const c of cols) params.push(pgValue(c === "updatedAt" ? (r[c] ?? now) : r[c]));
            return `(${cols.map((_, k) => `$${start + k + 1}`).join(", ")})`;
          });
          await client.query(
            `INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(", ")}) VALUES ${tuples.join(", ")}`,
            params,
          );
        }
        await client.query("COMMIT");
      } catch (err) {
        await client.query("ROLLBACK");
        throw err;
      }
    },
    async close() {
      await client.end();
    },
  };
}
