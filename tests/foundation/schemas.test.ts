import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { derivePostgresSchema } from "../../scripts/gen-pg-schema.js";
import { listMigrations } from "../../src/db/migrate.js";
import { ROOT } from "../helpers/db.js";

describe("one model, two databases", () => {
  it("the PostgreSQL schema is derived from prisma/schema.prisma and up to date (npm run db:schemas)", () => {
    const source = readFileSync(path.join(ROOT, "prisma/schema.prisma"), "utf8");
    const committed = readFileSync(path.join(ROOT, "prisma/postgresql/schema.prisma"), "utf8");
    expect(committed).toBe(derivePostgresSchema(source));
  });

  it("both providers have the same migrations, and each snapshot matches the current schema at the newest one", () => {
    const sqlite = listMigrations("sqlite").map((m) => m.name);
    const postgres = listMigrations("postgresql").map((m) => m.name);
    expect(postgres).toEqual(sqlite);
    const newest = sqlite.at(-1) as string;
    const snap = (p: string) => readFileSync(path.join(ROOT, "prisma/migrations", p, newest, "schema.prisma"), "utf8");
    expect(snap("sqlite")).toBe(readFileSync(path.join(ROOT, "prisma/schema.prisma"), "utf8"));
    expect(snap("postgresql")).toBe(readFileSync(path.join(ROOT, "prisma/postgresql/schema.prisma"), "utf8"));
  });
});
