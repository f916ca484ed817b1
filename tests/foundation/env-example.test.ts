// .env.example lists exactly the variables src/config/env.ts reads, and its values are valid.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { ENV_VARIABLES, loadConfig } from "../../src/config/env.js";
import { ROOT } from "../helpers/db.js";

const lines = readFileSync(path.join(ROOT, ".env.example"), "utf8").split("\n");
const entries = lines.filter((l) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(l)).map((l) => l.split("=") as [string, string]);

it("lists every variable the config reads, once, each with a comment", () => {
  const names = entries.map(([k]) => k);
  expect([...names].sort()).toEqual([...ENV_VARIABLES].sort());
  expect(new Set(names).size).toBe(names.length);
  for (const [k] of entries) {
    const i = lines.findIndex((l) => l.startsWith(`${k}=`));
    expect(lines[i - 1]?.startsWith("#"), `${k} has a comment above it`).toBe(true);
  }
});

it("holds values the config accepts", () => {
  const env = Object.fromEntries(entries.filter(([, v]) => v !== ""));
  // MicrosoftAppType alone does not enable Teams; the rest are defaults
  expect(() => loadConfig(env, ROOT)).not.toThrow();
});
