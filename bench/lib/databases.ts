// Fresh, migrated databases for a benchmark run: a SQLite file under the scratch folder, or
// a new database on the throwaway PostgreSQL server of scripts/pg-server.sh (loopback only,
// installed from Debian's packages on a clean machine). Each is dropped by `cleanup`.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { createDb, type Db } from "../../src/db/client.js";
import { migrate } from "../../src/db/migrate.js";

export const ROOT = path.resolve(import.meta.dirname, "../..");

export interface BenchDb {
  kind: "sqlite" | "postgresql";
  url: string;
  db: Db;
  cleanup(): Promise<void>;
}

export async function sqliteDb(scratchDir: string, name: string): Promise<BenchDb> {
  const dir = path.join(scratchDir, `${name}-${randomBytes(3).toString("hex")}`);
  mkdirSync(dir, { recursive: true });
  const url = `file:${path.join(dir, "bench.db")}`;
  await migrate(url);
  const db = createDb(url);
  return {
    kind: "sqlite",
    url,
    db,
    async cleanup() {
      await db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Starts (installing if needed) the loopback PostgreSQL server; returns its admin URL. */
export function pgServerUrl(): string {
  return execFileSync(path.join(ROOT, "scripts/pg-server.sh"), ["start"], { encoding: "utf8" }).trim();
}

export async function postgresDb(serverUrl: string, name: string): Promise<BenchDb> {
  const dbName = `bench_${name}_${randomBytes(4).toString("hex")}`;
  await admin(serverUrl, `CREATE DATABASE ${dbName}`);
  const u = new URL(serverUrl);
  u.pathname = `/${dbName}`;
  const url = u.toString();
  await migrate(url);
  const db = createDb(url);
  return {
    kind: "postgresql",
    url,
    db,
    async cleanup() {
      await db.$disconnect();
      await admin(serverUrl, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    },
  };
}

async function admin(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
