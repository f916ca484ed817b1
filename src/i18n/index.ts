// i18next over locales/<lng>/<namespace>.json. Keys are written "namespace:path.to.key".
// Every user-facing string lives in those files; code only names keys.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import i18next, { type i18n as I18nInstance, type Resource, type TOptions } from "i18next";

export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const LOCALES_DIR = path.resolve(import.meta.dirname, "../../locales");

export type Translate = (key: string, vars?: TOptions) => string;

export interface I18n {
  t(locale: Locale, key: string, vars?: TOptions): string;
  /** A translator bound to one locale. */
  fixed(locale: Locale): Translate;
  /** True when the key exists in every locale. */
  exists(key: string): boolean;
  namespaces: string[];
}

export function isLocale(v: unknown): v is Locale {
  return typeof v === "string" && (LOCALES as readonly string[]).includes(v);
}

export function loadResources(dir = LOCALES_DIR): Resource {
  const resources: Resource = {};
  for (const lng of LOCALES) {
    resources[lng] = {};
    for (const file of readdirSync(path.join(dir, lng)).filter((f) => f.endsWith(".json"))) {
      resources[lng][file.replace(/\.json$/, "")] = JSON.parse(readFileSync(path.join(dir, lng, file), "utf8"));
    }
  }
  return resources;
}

export function createI18n(dir = LOCALES_DIR): I18n {
  const resources = loadResources(dir);
  const namespaces = Object.keys(resources.en ?? {});
  const instance: I18nInstance = i18next.createInstance();
  void instance.init({
    resources,
    lng: "zh-CN",
    fallbackLng: false, // a missing key must show up as missing, not silently in English
    ns: namespaces,
    defaultNS: "common",
    interpolation: { escapeValue: false }, // renderers escape for their own platform
    initAsync: false,
    returnNull: false,
  });
  return {
    namespaces,
    t: (locale, key, vars) => instance.t(key, { ...vars, lng: locale }) as string,
    fixed: (locale) => (key, vars) => instance.t(key, { ...vars, lng: locale }) as string,
    exists: (key) => LOCALES.every((lng) => instance.exists(key, { lng })),
  };
}
