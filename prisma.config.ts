// Prisma CLI configuration. The JS schema engine plus a driver adapter is what works
// offline with Prisma 6.19 (no engine binaries are downloaded). Runtime migrations are
// applied by our own runner (src/db/migrate.ts); the CLI is only used to generate the
// client and to diff schemas into migration SQL.
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

// The schema's datasource reads DATABASE_URL; give the CLI the same default the service
// uses, so `prisma generate` works on a fresh clone with no .env. For the derived
// PostgreSQL schema (--schema prisma/postgresql/…) the URL only has to look like one: the
// CLI never connects (migrations are applied by src/db/migrate.ts).
const forPostgres = process.argv.some((a) => a.includes("postgresql"));
if (forPostgres && !process.env.DATABASE_URL?.startsWith("postgres")) {
  process.env.DATABASE_URL = "postgresql://localhost:5432/branchbot";
}
process.env.DATABASE_URL ??= "file:./data/branchbot.db";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: forPostgres ? path.join("prisma", "postgresql", "schema.prisma") : path.join("prisma", "schema.prisma"),
  async adapter() {
    const url = process.env.DATABASE_URL as string;
    return forPostgres ? new PrismaPg({ connectionString: url }) : new PrismaBetterSQLite3({ url });
  },
});
