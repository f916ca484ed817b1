// Creates the Prisma client over a driver adapter (no Rust engines, works offline).
// The only place that knows which database is behind DATABASE_URL.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client.js";
import { PrismaClient as PgPrismaClient } from "../generated/prisma-pg/client.js";

export type Db = PrismaClient;
export type { Prisma } from "../generated/prisma/client.js";

export function sqliteFile(url: string): string {
  return url.slice("file:".length);
}

/**
 * better-sqlite3 is built with WAL's synchronous default NORMAL: a commit is safe from an app
 * crash but the last ones can be lost in a power cut. We acknowledge a submission only after
 * its commit, so every connection runs synchronous=FULL (one fsync of the WAL per commit).
 * journal_mode=WAL itself is persistent on the file and set by the migration runner.
 */
const SQLITE_CONNECTION_PRAGMAS = "PRAGMA synchronous = FULL;";

class DurableSQLite3 extends PrismaBetterSQLite3 {
  override async connect() {
    const adapter = await super.connect();
    await adapter.executeScript(SQLITE_CONNECTION_PRAGMAS);
    return adapter;
  }
}

export interface DbOptions {
  /** Called for every SQL statement (Prisma's query event), e.g. to count queries per request kind. */
  onQuery?: () => void;
}

export function createDb(databaseUrl: string, opts: DbOptions = {}): Db {
  const db = openDb(databaseUrl, opts.onQuery !== undefined);
  if (opts.onQuery) {
    const onQuery = opts.onQuery;
    (db as unknown as { $on(e: "query", cb: () => void): void }).$on("query", () => onQuery());
  }
  return db;
}

function openDb(databaseUrl: string, queryEvents: boolean): Db {
  const log = queryEvents ? [{ emit: "event" as const, level: "query" as const }] : [];
  if (!databaseUrl.startsWith("file:")) {
    // Both clients are generated from one model (prisma/postgresql/schema.prisma is derived
    // from prisma/schema.prisma), so their query API is the same; only the SQL dialect the
    // query compiler emits differs.
    const adapter = new PrismaPg({ connectionString: databaseUrl, max: 10 });
    return new PgPrismaClient({ adapter, log }) as unknown as Db;
  }
  const file = sqliteFile(databaseUrl);
  if (file !== ":memory:") mkdirSync(path.dirname(file), { recursive: true });
  // timeout: how long a writer waits for another process's lock before SQLITE_BUSY.
  const adapter = new DurableSQLite3({ url: databaseUrl, timeout: 10_000 });
  return new PrismaClient({ adapter, log }) as unknown as Db;
}
