// Option labels and unit words in every locale, so a reply may name a choice by its key, its
// English label or its Chinese label ("6 balanced", "6 账实相符", "6 长款").
import type { LabelLookup } from "../../domain/checklist-values.js";
import { createI18n, type I18n, LOCALES } from "../../i18n/index.js";

export function labelLookup(i18n: I18n): LabelLookup {
  const cache = new Map<string, string[]>();
  return (key) => {
    const hit = cache.get(key);
    if (hit) return hit;
    const found = i18n.exists(key) ? [...new Set(LOCALES.map((l) => i18n.t(l, key)))] : [];
    cache.set(key, found);
    return found;
  };
}

let shared: LabelLookup | undefined;

/** One lookup over the project's locale files, built on first use. */
export function defaultLabels(): LabelLookup {
  shared ??= labelLookup(createI18n());
  return shared;
}
