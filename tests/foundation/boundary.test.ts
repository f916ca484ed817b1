// Layering rules: platform SDKs stay in their edge folders; the domain has no I/O; the bot core
// reads the database only through src/queries/; the actor and refusal shapes are declared once.
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

/** The client's model properties (`outlet`, `taskOccurrence`, …), from the schema itself. */
const MODELS = [...readFileSync(path.join(ROOT, "prisma/schema.prisma"), "utf8").matchAll(/^model\s+(\w+)/gm)].map(
  (m) => (m[1] as string).charAt(0).toLowerCase() + (m[1] as string).slice(1),
);

/** A Prisma call on any receiver (`s.db.incident.findUnique(`, `r.outlet.count(`, `tx.$transaction(`). */
const PRISMA_CALL = new RegExp(
  `\\.\\s*(?:(?:${MODELS.join("|")})\\s*\\.\\s*(?:find\\w*|create\\w*|update\\w*|upsert|delete\\w*|count|aggregate|groupBy)|\\$(?:transaction|queryRaw\\w*|executeRaw\\w*))\\s*[(<]`,
  "g",
);

const prismaCallsIn = (file: string) =>
  readFileSync(file, "utf8")
    .split("\n")
    .flatMap((line, i) => (line.match(PRISMA_CALL) ?? []).map((m) => `${rel(file)}:${i + 1} ${m.trim()}`));

/** Object type literals (interface bodies, `type X = { … }`, inline `{ …; … }`) with their property names. */
function typeBlocks(file: string): Array<{ at: string; keys: Set<string>; text: string }> {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/\{([^{}]*)\}/g)].flatMap((m) => {
    const body = m[1] as string;
    const keys = [...body.matchAll(/(?:^|[;,{\n])\s*(?:readonly\s+)?(\w+\??)\s*:/g)].map((k) => k[1] as string);
    if (keys.length === 0) return [];
    const line = text.slice(0, m.index).split("\n").length;
    return [{ at: `${rel(file)}:${line}`, keys: new Set(keys), text: body }];
  });
}

/** "who acted, from where": a platform with an optional message/event id. */
const isActorShape = (b: { keys: Set<string> }) => b.keys.has("platform") && b.keys.has("source?");
/** "you may not": an ok:false result carrying a message for the reader. */
const isRefusalShape = (b: { keys: Set<string>; text: string }) =>
  /\bok\s*:\s*false\b/.test(b.text) &&
  (b.keys.has("message") || /\breason\s*:\s*Localised\b/.test(b.text)) &&
  !/\bok\s*:\s*false\s*,/.test(b.text); // a value ({ ok: false, … }), not a type

describe("the bot core and the query layer", () => {
  it("src/bot/ neither imports Prisma nor calls it: its reads go through src/queries/", () => {
    const bot = files(path.join(SRC, "bot"));
    const imports = bot.flatMap((f) =>
      importsOf(f)
        .filter((i) => /@prisma\/|\/generated\//.test(i))
        .map((i) => `${rel(f)} imports ${i}`),
    );
    expect([...imports, ...bot.flatMap(prismaCallsIn)]).toEqual([]);
  });

  it("the call check sees Prisma calls (so it cannot pass vacuously)", () => {
    expect(MODELS).toEqual(expect.arrayContaining(["outlet", "taskOccurrence", "formSession", "outboxMessage"]));
    const queries = files(path.join(SRC, "queries")).flatMap(prismaCallsIn);
    expect(queries).toEqual(
      expect.arrayContaining([expect.stringMatching(/^queries\/outlets\.ts:\d+ \.outlet\.findFirst\(/)]),
    );
    expect(prismaCallsIn(path.join(SRC, "db/tx.ts"))).toEqual([expect.stringContaining(".$transaction(")]);
  });
});

describe("shapes declared once", () => {
  const blocks = files(SRC).flatMap(typeBlocks);

  it("the actor (platform + source) is declared only in src/domain/actor.ts", () => {
    const found = blocks.filter(isActorShape).map((b) => b.at);
    expect(found.filter((at) => !at.startsWith("domain/actor.ts:"))).toEqual([]);
    expect(found.length).toBe(1); // and the check finds that one
  });

  it("the refusal (ok: false + a message) is declared only in src/domain/refusal.ts", () => {
    const found = blocks.filter(isRefusalShape).map((b) => b.at);
    expect(found.filter((at) => !at.startsWith("domain/refusal.ts:"))).toEqual([]);
    expect(found.length).toBe(1);
  });

  it("each form input type, and the ladder's Decision, is declared once", () => {
    const names = ["ReportIncidentInput", "LogComplaintInput", "DecisionInput", "FollowUpInput", "Decision"];
    const declared = files(SRC).flatMap((f) =>
      [...readFileSync(f, "utf8").matchAll(/^export\s+(?:interface|type)\s+(\w+)\b(?!\s*=\s*\w+;)/gm)]
        .map((m) => m[1] as string)
        .filter((n) => names.includes(n))
        .map((n) => `${n} in ${rel(f)}`),
    );
    expect(declared.sort()).toEqual([
      "Decision in domain/complaint-ladder.ts",
      "DecisionInput in domain/case-inputs.ts",
      "FollowUpInput in domain/case-inputs.ts",
      "LogComplaintInput in domain/case-inputs.ts",
      "ReportIncidentInput in domain/case-inputs.ts",
    ]);
  });

  it("the shape checks recognise the shapes they look for", () => {
    const probe = (text: string) => ({ keys: typeBlocks0(text), text });
    expect(isActorShape(probe("staffId: string; platform: Actor['platform']; source?: string;"))).toBe(true);
    expect(isRefusalShape(probe("ok: false; reason: Localised; errors?: FieldErrors"))).toBe(true);
    expect(isRefusalShape(probe("ok: false; reason: RefusalReason; message: Localised"))).toBe(true);
    expect(isRefusalShape(probe('ok: false; reason: "invalid"; digits: number'))).toBe(false);
  });
});

function typeBlocks0(body: string): Set<string> {
  return new Set([...body.matchAll(/(?:^|[;,{\n])\s*(?:readonly\s+)?(\w+\??)\s*:/g)].map((k) => k[1] as string));
}
