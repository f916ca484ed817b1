// Prisma CLI configuration. The JS schema engine plus a driver adapter is what works
// offline with Prisma 6.19 (no engine binaries are downloaded). Runtime migrations are
// applied by our own runner (src/db/migrate.ts); the CLI is only used to generate the
// client and to diff schemas into migration SQL.
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

// The schema's datasource reads DATABASE_URL, and the URL must match the schema's provider:
// when it does not, the CLI cannot read the schema, falls back to its defaults (the Rust
// query-engine library) and tries to download libquery_engine from binaries.prisma.sh — which
// fails offline. That is what broke `DATABASE_URL=postgresql://… npm install` (the SQLite
// schema's generate saw a PostgreSQL URL). So give each schema a URL of its own kind: the
// user's when it matches, a placeholder otherwise. `generate` never connects; migrations are
// applied by src/db/migrate.ts. tests/db/offline-generate.test.ts guards this.
const forPostgres = process.argv.some((a) => a.includes("postgresql"));
const url = process.env.DATABASE_URL ?? "";
if (forPostgres && !/^postgres(ql)?:\/\//.test(url)) {
  process.env.DATABASE_URL = "postgresql://localhost:5432/branchbot";
} else if (!forPostgres && !url.startsWith("file:")) {
  process.env.DATABASE_URL = "file:./data/branchbot.db";
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: forPostgres ? path.join("prisma", "postgresql", "schema.prisma") : path.join("prisma", "schema.prisma"),
  async adapter() {
    const url = process.env.DATABASE_URL as string;
    return forPostgres ? new PrismaPg({ connectionString: url }) : new PrismaBetterSQLite3({ url });
  },
});
