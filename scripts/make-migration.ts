// npm run db:diff -- <name>
// Writes prisma/migrations/sqlite/<NNNN>_<name>/migration.sql: the SQL that takes the schema
// of the newest migration (its schema.prisma snapshot) to the current prisma/schema.prisma.
// Works offline: `prisma migrate diff` between two schema files needs no database.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";

const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]/gi, "_");
if (!name) {
  console.error("usage: npm run db:diff -- <migration_name>");
  process.exit(2);
}
const root = path.resolve(import.meta.dirname, "..");
const dir = path.join(root, "prisma/migrations/sqlite");
const existing = readdirSync(dir).sort();
const last = existing.at(-1);
const from = last ? ["--from-schema-datamodel", path.join(dir, last, "schema.prisma")] : ["--from-empty"];
const sql = execFileSync(
  "npx",
  ["prisma", "migrate", "diff", ...from, "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
  { cwd: root, encoding: "utf8" },
);
if (/^-- This is an empty migration/m.test(sql) || sql.trim() === "") {
  console.log("The schema has not changed; no migration written.");
  process.exit(0);
}
const next = `${String(existing.length + 1).padStart(4, "0")}_${name}`;
mkdirSync(path.join(dir, next));
writeFileSync(path.join(dir, next, "migration.sql"), sql);
copyFileSync(path.join(root, "prisma/schema.prisma"), path.join(dir, next, "schema.prisma"));
console.log(`Wrote prisma/migrations/sqlite/${next}/migration.sql`);
