// npm run db:diff -- <name>
// Writes prisma/migrations/{sqlite,postgresql}/<NNNN>_<name>/migration.sql: the SQL that
// takes each provider's schema at the newest migration (its schema.prisma snapshot) to the
// current one. SQLite diffs offline; PostgreSQL's JS schema engine needs a server to diff
// against, so a throwaway one is started (scripts/pg-server.sh).
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";

const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]/gi, "_");
if (!name) {
  console.error("usage: npm run db:diff -- <migration_name>");
  process.exit(2);
}
const root = path.resolve(import.meta.dirname, "..");
execFileSync("npx", ["tsx", "scripts/gen-pg-schema.ts"], { cwd: root, stdio: "inherit" });

async function diff(provider: "sqlite" | "postgresql", schema: string, env: NodeJS.ProcessEnv) {
  const dir = path.join(root, "prisma/migrations", provider);
  const existing = readdirSync(dir).sort();
  const last = existing.at(-1);
  const from = last ? ["--from-schema-datamodel", path.join(dir, last, "schema.prisma")] : ["--from-empty"];
  const sql = execFileSync("npx", ["prisma", "migrate", "diff", ...from, "--to-schema-datamodel", schema, "--script"], {
    cwd: root,
    encoding: "utf8",
    env,
  });
  if (/^-- This is an empty migration/m.test(sql) || sql.trim() === "") return false;
  const next = `${String(existing.length + 1).padStart(4, "0")}_${name}`;
  mkdirSync(path.join(dir, next));
  writeFileSync(path.join(dir, next, "migration.sql"), sql);
  copyFileSync(path.join(root, schema), path.join(dir, next, "schema.prisma"));
  console.log(`Wrote prisma/migrations/${provider}/${next}/migration.sql`);
  return true;
}

const changed = await diff("sqlite", "prisma/schema.prisma", process.env);
if (!changed) {
  console.log("The schema has not changed; no migration written.");
  process.exit(0);
}
const server = execFileSync(path.join(root, "scripts/pg-server.sh"), ["start"], { encoding: "utf8" }).trim();
const admin = new pg.Client({ connectionString: server });
await admin.connect();
await admin.query("DROP DATABASE IF EXISTS branchbot_diff");
await admin.query("CREATE DATABASE branchbot_diff");
await admin.end();
const url = new URL(server);
url.pathname = "/branchbot_diff";
await diff("postgresql", "prisma/postgresql/schema.prisma", { ...process.env, DATABASE_URL: url.toString() });
