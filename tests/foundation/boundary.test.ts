// Layering rules: platform SDKs stay in their edge folders; the domain has no I/O.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/db.js";

const SRC = path.join(ROOT, "src");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    if (statSync(p).isDirectory()) return f === "generated" ? [] : files(p);
    return /\.(ts|js|mjs)$/.test(p) ? [p] : [];
  });
}

const importsOf = (file: string) =>
  [...readFileSync(file, "utf8").matchAll(/(?:from\s+|import\s*\(\s*|require\(\s*)["']([^"']+)["']/g)].map(
    (m) => m[1] as string,
  );

const rel = (f: string) => path.relative(SRC, f).split(path.sep).join("/");

describe("layer boundaries", () => {
  it("only src/channels/ imports @slack/bolt or botbuilder", () => {
    const offenders = files(SRC)
      .filter((f) => !rel(f).startsWith("channels/"))
      .flatMap((f) =>
        importsOf(f)
          .filter((i) => /^(@slack\/bolt|@slack\/web-api|botbuilder|botframework-)/.test(i))
          .map((i) => `${rel(f)} imports ${i}`),
      );
    expect(offenders).toEqual([]);
  });

  it("botbuilder stays inside src/channels/teams/ and Bolt inside src/channels/slack/", () => {
    const offenders = files(path.join(SRC, "channels")).flatMap((f) =>
      importsOf(f)
        .filter(
          (i) =>
            (/^(botbuilder|botframework-)/.test(i) && !rel(f).startsWith("channels/teams/")) ||
            (/^@slack\/bolt/.test(i) && !rel(f).startsWith("channels/slack/")),
        )
        .map((i) => `${rel(f)} imports ${i}`),
    );
    expect(offenders).toEqual([]);
  });

  it("src/domain/ imports neither Prisma nor the database layer", () => {
    const offenders = files(path.join(SRC, "domain")).flatMap((f) =>
      importsOf(f)
        .filter((i) => /prisma|\/db\/|generated/.test(i))
        .map((i) => `${rel(f)} imports ${i}`),
    );
    expect(offenders).toEqual([]);
  });

  it("the check itself sees imports (so it cannot pass vacuously)", () => {
    expect(importsOf(path.join(SRC, "db/client.ts"))).toContain("@prisma/adapter-better-sqlite3");
  });

  it("process.env is read only in src/config/ and src/main.ts", () => {
    const allowed = new Set(["main.ts"]);
    const offenders = files(SRC)
      .filter((f) => !rel(f).startsWith("config/") && !allowed.has(rel(f)))
      .filter((f) => readFileSync(f, "utf8").includes("process.env"))
      .map(rel);
    expect(offenders).toEqual([]);
  });
});
