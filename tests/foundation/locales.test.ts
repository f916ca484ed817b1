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
        // a counted text exists as its plural forms (key_one, key_other)
        if (!i18n.exists(key) && !i18n.exists(`${key}_other`)) missing.push(`${path.relative(ROOT, file)}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
    expect(found).toBeGreaterThan(0);
  });

  it("every key in the files is used: by code, by a playbook, or nested in another text", () => {
    const code = sourceFiles(path.join(ROOT, "src"))
      .map((f) => readFileSync(f, "utf8"))
      .join("\n");
    const texts = JSON.stringify(loadResources(LOCALES_DIR).en);
    // prefixes the code completes at run time: "forms:follow_up.outcomes." or `labels:role.${r}`
    const prefixes = [...code.matchAll(/["'`]([a-z]+:[A-Za-z0-9_.]+[._])(?:\$\{|["'`])/g)].map((m) => m[1] as string);
    const used = (key: string) => {
      const base = key.replace(/_(one|other)$/, "");
      return (
        code.includes(`"${base}"`) ||
        code.includes(`'${base}'`) ||
        texts.includes(`$t(${base}`) ||
        prefixes.some((p) => base.startsWith(p))
      );
    };
    const unused = keysOf("en").filter((k) => !k.startsWith("playbook:") && !used(k));
    expect(unused).toEqual([]);
  });

  it("writes zh-CN with full-width punctuation", () => {
    const zh = loadResources(LOCALES_DIR)["zh-CN"] ?? {};
    const bad = Object.entries(zh).flatMap(([ns, tree]) =>
      flatten(tree).flatMap((k) => {
        const value = k.split(".").reduce<unknown>((o, part) => (o as Record<string, unknown>)[part], tree);
        // interpolations, nestings and times ("08:00") are not prose
        const prose = String(value).replace(/\{\{[^}]*\}\}|\$t\([^)]*\)|\d[:,.]\d/g, "");
        return /[\u4e00-\u9fff]/.test(prose) && /[,:;?!()]/.test(prose) ? [`${ns}:${k} = ${value}`] : [];
      }),
    );
    expect(bad).toEqual([]);
  });

  it("gives every counted text both plural forms in both languages", () => {
    for (const lng of ["en", "zh-CN"]) {
      const keys = new Set(keysOf(lng));
      const lonely = [...keys].filter((k) => k.endsWith("_one") && !keys.has(k.replace(/_one$/, "_other")));
      expect(lonely, lng).toEqual([]);
    }
  });
});
