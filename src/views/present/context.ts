// What every presenter needs: the reader's translator and language. Presenters turn a view
// (data and i18n keys) into a Card of literal strings; they never know the platform.
import type { Locale, Translate } from "../../i18n/index.js";
import type { CardAction, CardBlock } from "../card.js";
import type { ActionButton, Localised, Mention } from "../common.js";
import { formatDateTime } from "../format.js";

export interface P {
  t: Translate;
  locale: Locale;
}

export const L = (p: P, l: Localised): string => p.t(l.key, l.vars);

export const when = (p: P, iso: string | null | undefined, timeZone: string): string =>
  formatDateTime(iso, timeZone, p.locale);

export function actions(p: P, list: ActionButton[] | undefined): CardAction[] {
  return (list ?? []).map((a) => ({
    action: a.action,
    value: a.value,
    label: L(p, a.label),
    ...(a.style ? { style: a.style } : {}),
  }));
}

/** A mentions line, or nothing when there is nobody to name. */
export function mentionBlock(p: P, key: string, people: Mention[], ping: boolean): CardBlock[] {
  return people.length > 0 ? [{ type: "mentions", label: p.t(key), people, ping }] : [];
}

/** Joins the parts of one line with the reader's separator. */
export const joined = (p: P, parts: Array<string | undefined | false>): string =>
  parts.filter((x): x is string => typeof x === "string" && x !== "").join(p.t("cards:common.sep"));
