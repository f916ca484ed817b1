// The PostgreSQL half of the migration runner (see migrate.ts for why we run our own).
// A session advisory lock serialises replicas that start together; each migration runs in
// its own transaction with its tracking row, so a failure leaves nothing half-applied.
import pg from "pg";
import { checkUnchanged, listMigrations, type MigrateResult } from "./migrate.js";

// Any constant works; it names "branchbot migrations" among the database's advisory locks.
const LOCK_KEY = 727_001;

export async function migratePostgres(databaseUrl: string): Promise<MigrateResult> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS "_branchbot_migrations" (
         "name" TEXT PRIMARY KEY, "checksum" TEXT NOT NULL, "appliedAt" TIMESTAMPTZ NOT NULL)`,
    );
    const done = new Map(
      (
        await client.query<{ name: string; checksum: string }>(`SELECT name, checksum FROM "_branchbot_migrations"`)
      ).rows.map((r) => [r.name, r.checksum]),
    );
    const result: MigrateResult = { applied: [], alreadyApplied: 0 };
    for (const m of listMigrations("postgresql")) {
      const previous = done.get(m.name);
      if (previous !== undefined) {
        checkUnchanged(m, previous);
        result.alreadyApplied++;
        continue;
      }
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query(`INSERT INTO "_branchbot_migrations" (name, checksum, "appliedAt") VALUES ($1, $2, now())`, [
          m.name,
          m.checksum,
        ]);
        await client.query("COMMIT");
      } catch (err) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${m.name} failed: ${(err as Error).message}`);
      }
      result.applied.push(m.name);
    }
    return result;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}
