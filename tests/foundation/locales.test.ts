import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { playbookKeys } from "../../src/config/playbook.js";
import { LOCALES_DIR, loadResources } from "../../src/i18n/index.js";
import { i18n, playbook, ROOT } from "../helpers/db.js";

function flatten(obj: unknown, prefix = ""): string[] {
  if (typeof obj !== "object" || obj === null) return [prefix];
  return Object.entries(obj).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k));
}

function keysOf(lng: string): string[] {
  const res = loadResources(LOCALES_DIR)[lng] ?? {};
  return Object.entries(res)
    .flatMap(([ns, tree]) => flatten(tree).map((k) => `${ns}:${k}`))
    .sort();
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    if (statSync(p).isDirectory()) return f === "generated" ? [] : sourceFiles(p);
    return p.endsWith(".ts") ? [p] : [];
  });
}

describe("locales", () => {
  it("en and zh-CN have the same files and identical keys", () => {
    expect(readdirSync(path.join(LOCALES_DIR, "zh-CN")).sort()).toEqual(
      readdirSync(path.join(LOCALES_DIR, "en")).sort(),
    );
    expect(keysOf("zh-CN")).toEqual(keysOf("en"));
  });

  it("no value is empty", () => {
    const res = loadResources(LOCALES_DIR);
    for (const lng of ["en", "zh-CN"]) {
      const values = Object.values(res[lng] ?? {}).flatMap((tree) => JSON.stringify(tree).match(/:""/g) ?? []);
      expect(values, lng).toEqual([]);
    }
  });

  it("every key the playbook uses exists in both locales", () => {
    const missing = playbookKeys(playbook).filter((k) => !i18n.exists(k.key));
    expect(missing).toEqual([]);
  });

  it("every key named in the code exists in both locales", () => {
    const namespaces = i18n.namespaces.join("|");
    const pattern = new RegExp(`["'\`]((?:${namespaces}):[A-Za-z0-9_.-]+)["'\`]`, "g");
    const missing: string[] = [];
    let found = 0;
    for (const file of sourceFiles(path.join(ROOT, "src"))) {
      for (const m of readFileSync(file, "utf8").matchAll(pattern)) {
        const key = m[1] as string;
        if (key.endsWith(".")) continue; // a prefix that code completes, e.g. "playbook:tasks."
        found++;
        if (!i18n.exists(key)) missing.push(`${path.relative(ROOT, file)}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
    expect(found).toBeGreaterThan(0);
  });
});
