// npm run db:schemas — derives prisma/postgresql/schema.prisma from prisma/schema.prisma.
// One source of truth for the model; the PostgreSQL copy differs only in its datasource
// provider and client output. A test fails if the committed copy is out of date.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

export function derivePostgresSchema(source: string): string {
  const out = source
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('output     = "../src/generated/prisma"', 'output     = "../../src/generated/prisma-pg"');
  if (out === source || !out.includes('"postgresql"') || !out.includes("prisma-pg")) {
    throw new Error("prisma/schema.prisma no longer has the datasource/generator lines this script rewrites");
  }
  return `// GENERATED from prisma/schema.prisma by \`npm run db:schemas\`. Do not edit.\n${out}`;
}

if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) {
  const source = readFileSync(path.join(root, "prisma/schema.prisma"), "utf8");
  writeFileSync(path.join(root, "prisma/postgresql/schema.prisma"), derivePostgresSchema(source));
  console.log("Wrote prisma/postgresql/schema.prisma");
}
