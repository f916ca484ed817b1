// Authority lives in the playbook and is decided only in src/permissions/. Outside it (and
// src/config/, which reads the files), no source file may name a role, keep a list of roles,
// or test the roles someone holds: each of those would be a rule the playbook cannot change.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { playbook, ROOT } from "../helpers/db.js";

const SRC = path.join(ROOT, "src");
/** Folders that may name roles: the rules themselves, and the loaders of the files that declare them. */
const ALLOWED = ["permissions/", "config/"];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    if (statSync(p).isDirectory()) return f === "generated" ? [] : files(p);
    return p.endsWith(".ts") ? [p] : [];
  });
}

const rel = (f: string) => path.relative(SRC, f).split(path.sep).join("/");
const governed = () => files(SRC).filter((f) => !ALLOWED.some((a) => rel(f).startsWith(a)));

// the default playbook's role keys, plus the names the old constants had
const ROLE_KEYS = playbook.roles.map((r) => r.key);
const OLD_CONSTANTS = [
  "CLOSER_ROLES",
  "INCIDENT_HANDLER_ROLES",
  "ESCALATION_ROLES",
  "OVERSEERS",
  "SUMMARY_OUTLET_ROLES",
  "MANUAL_REMIND_ROLE",
  "DECISION_RANK",
  "mayDecide",
  "mayConfirm",
  "OUTLET_ROLES",
];

/** Every authority smell in one source text, as "line N: what". */
function authorityProblems(source: string): string[] {
  const out: string[] = [];
  const literal = new RegExp(`(["'\`])(${ROLE_KEYS.join("|")})\\1`, "g");
  const constant = /\b(?:const|let|var)\s+([A-Z0-9_]*(?:ROLES|_ROLE|OVERSEERS?|DECISION_RANKS?))\b/g;
  const oldName = new RegExp(`\\b(${OLD_CONSTANTS.join("|")})\\b`, "g");
  // a test of the roles someone holds: roles.includes(…), held.some(…), o.roles.indexOf(…)
  const membership = /\b(?:roles|held|heldRoles)\s*\.\s*(?:includes|some|every|indexOf|find)\s*\(/g;
  source.split("\n").forEach((text, i) => {
    const at = `line ${i + 1}`;
    for (const m of text.matchAll(literal)) out.push(`${at}: role name ${m[0]}`);
    for (const m of text.matchAll(constant)) out.push(`${at}: role constant ${m[1]}`);
    for (const m of text.matchAll(oldName)) out.push(`${at}: ${m[1]}`);
    for (const m of text.matchAll(membership)) out.push(`${at}: role check ${m[0]}`);
  });
  return out;
}

describe("authority boundary", () => {
  it("knows the roles it looks for (so it cannot pass vacuously)", () => {
    expect(ROLE_KEYS).toEqual(["teller", "lobby", "security", "supervisor", "manager", "regional"]);
    expect(governed().length).toBeGreaterThan(50);
  });

  it("catches each kind of hard-coded authority", () => {
    const sample = [
      'const OVERSEERS: readonly Role[] = ["supervisor", "manager"];',
      "if (roles.includes(step.ownerRole)) return true;",
      "const handler = held.some((r) => list.includes(r));",
      "if (!mayDecide('supervisor', roles)) return;",
      "export const CLOSER_ROLES = INCIDENT_HANDLER_ROLES;",
      "where: { role: `regional` }",
    ].join("\n");
    expect(authorityProblems(sample)).toEqual([
      'line 1: role name "supervisor"',
      'line 1: role name "manager"',
      "line 1: role constant OVERSEERS",
      "line 1: OVERSEERS",
      "line 2: role check roles.includes(",
      "line 3: role check held.some(",
      "line 4: role name 'supervisor'",
      "line 4: mayDecide",
      "line 5: role constant CLOSER_ROLES",
      "line 5: CLOSER_ROLES",
      "line 5: INCIDENT_HANDLER_ROLES",
      "line 6: role name `regional`",
    ]);
    // words that merely contain a role name are fine: a channel purpose, a label key, a field,
    // the label map of the built-in roles (views/labels.ts), an unrelated rank
    const innocent = [
      'purpose: "supervisors"; key: "labels:role.manager"; s.regional.map(f)',
      'const ROLE: Record<string, string> = { teller: "labels:role.teller" };',
      "const RANK: Record<OccurrenceState, number> = {};",
    ];
    expect(authorityProblems(innocent.join("\n"))).toEqual([]);
  });

  it("no file outside src/permissions/ and src/config/ names a role or decides by role", () => {
    const offenders = governed().flatMap((f) =>
      authorityProblems(readFileSync(f, "utf8")).map((p) => `${rel(f)} ${p}`),
    );
    expect(offenders).toEqual([]);
  });

  it("the bot core and the services ask src/permissions/", () => {
    const asking = governed().filter((f) => /from "(?:\.\.\/)+permissions\/index\.js"/.test(readFileSync(f, "utf8")));
    const where = new Set(asking.map((f) => rel(f).split("/").slice(0, -1).join("/")));
    expect([...where].sort()).toEqual(
      expect.arrayContaining(["bot", "services/cases", "services/summary", "services/tasks"]),
    );
  });
});
