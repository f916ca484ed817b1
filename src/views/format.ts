// Dates, times and numbers as people read them, one way per language and the same on every
// platform: "11月23日 08:00" / "23 Nov 08:00" (never the US month/day order), dates as
// "2026年11月23日" / "23 Nov 2026". Instants are shown in the outlet's time zone.
import type { Locale } from "../i18n/index.js";

const DATE_TIME: Record<Locale, Intl.DateTimeFormatOptions> = {
  "zh-CN": { month: "long", day: "numeric", hour: "2-digit", minute: "2-digit", hour12: false },
  en: { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hour12: false },
};

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: Locale, timeZone: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const id = `${locale}|${timeZone}|${JSON.stringify(opts)}`;
  let f = cache.get(id);
  if (!f) {
    // en-GB gives day-month order; zh-CN gives 11月23日
    f = new Intl.DateTimeFormat(locale === "zh-CN" ? "zh-CN" : "en-GB", { timeZone, ...opts });
    cache.set(id, f);
  }
  return f;
}

/** An instant in the outlet's zone, "11月23日 08:00" / "23 Nov 08:00"; "–" when absent. */
export function formatDateTime(iso: string | null | undefined, timeZone: string, locale: Locale): string {
  if (!iso) return "–";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  // en-GB puts a comma between date and time; one space reads the same as the Chinese form
  return formatter(locale, timeZone, DATE_TIME[locale]).format(d).replace(", ", " ");
}

/** A calendar date "YYYY-MM-DD" (an outlet-local day), "2026年11月23日" / "23 Nov 2026". */
export function formatDate(ymd: string, locale: Locale): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!m) return ymd;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12));
  const opts: Intl.DateTimeFormatOptions =
    locale === "zh-CN"
      ? { year: "numeric", month: "long", day: "numeric" }
      : { day: "numeric", month: "short", year: "numeric" };
  return formatter(locale, "UTC", opts).format(d);
}

/** A whole percentage, "87%"; "–" when there is nothing to divide. */
export function formatPercent(pct: number | null): string {
  return pct === null || Number.isNaN(pct) ? "–" : `${Math.round(pct)}%`;
}

/** A signed change in percentage points, "+5" / "−3" / "0". */
export function formatDelta(points: number): string {
  const n = Math.round(points);
  return n > 0 ? `+${n}` : n < 0 ? `−${Math.abs(n)}` : "0";
}

/**
 * What separates a label from what follows it on one line. Both platforms show text exactly as
 * given, so "Due:" and "23 Nov 08:00" would run together; a label ending in full-width
 * punctuation ("截止：") already carries its own spacing.
 */
export const labelGap = (label: string): string => (/[\u3000-\u303f\uff00-\uffef]$/.test(label) ? "" : " ");
