// A real SQLite database per test (a temp file, migrated with the project's own runner).
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { loadOrg } from "../../src/config/org.js";
import { loadPlaybook } from "../../src/config/playbook.js";
import { roleSet } from "../../src/config/playbook-roles.js";
import { createDb, type Db } from "../../src/db/client.js";
import { migrate } from "../../src/db/migrate.js";
import { type Clock, ManualClock } from "../../src/domain/clock.js";
import { createI18n } from "../../src/i18n/index.js";
import { importOrgAndPlaybook } from "../../src/services/org-import.js";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const DEMO_ORG = path.join(ROOT, "examples/org.demo.yaml");
export const DEFAULT_PLAYBOOK = path.join(ROOT, "playbooks/default.yaml");

export interface TestDb {
  db: Db;
  url: string;
  dir: string;
  cleanup(): Promise<void>;
}

/**
 * Set BRANCHBOT_TEST_PG to a PostgreSQL server URL (scripts/pg-server.sh start prints one)
 * and every test runs on its own fresh PostgreSQL database instead of a SQLite file.
 */
const PG_SERVER = process.env.BRANCHBOT_TEST_PG;

export async function createTestDb(): Promise<TestDb> {
  const dir = mkdtempSync(path.join(tmpdir(), "branchbot-test-"));
  const pgName = PG_SERVER ? `bb_${randomBytes(6).toString("hex")}` : null;
  if (pgName) await adminQuery(`CREATE DATABASE ${pgName}`);
  const url = pgName ? withDatabase(PG_SERVER as string, pgName) : `file:${path.join(dir, "test.db")}`;
  await migrate(url);
  const db = createDb(url);
  return {
    db,
    url,
    dir,
    async cleanup() {
      await db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
      if (pgName) await adminQuery(`DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`);
    },
  };
}

export const onPostgres = Boolean(PG_SERVER);

function withDatabase(serverUrl: string, name: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_SERVER });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export const i18n = createI18n();
export const playbook = loadPlaybook(DEFAULT_PLAYBOOK, i18n.exists);
export const demoOrg = loadOrg(DEMO_ORG, roleSet(playbook));

/** A migrated database with the demo org and default playbook imported. */
export async function createDemoDb(clock: Clock = new ManualClock("2026-11-23T00:00:00Z")): Promise<TestDb> {
  const t = await createTestDb();
  await importOrgAndPlaybook(t.db, demoOrg, playbook, { clock, actor: { label: "test", platform: "system" } });
  return t;
}

/** Staff and outlet ids of the demo org by code. */
export async function demoIds(db: Db) {
  const staff = Object.fromEntries((await db.staff.findMany()).map((s) => [s.code, s.id]));
  const outlets = Object.fromEntries((await db.outlet.findMany()).map((o) => [o.code, o.id]));
  return { staff, outlets };
}
