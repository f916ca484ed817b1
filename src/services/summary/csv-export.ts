// The figures of a summary as CSV: one row per outlet, best first, then the scope's total, with
// headers in the reader's language. UTF-8 with a byte-order mark so spreadsheet programs read
// the Chinese names; a cell that a spreadsheet would run as a formula is quoted as text.
import type { Translate } from "../../i18n/index.js";
import type { SummaryRates, SummaryView } from "../../views/summary.js";

function cell(v: string | number | null): string {
  if (v === null) return "";
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`; // CSV injection: never a formula
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

const rateCells = (r: SummaryRates) => [r.measured, r.onTimePct, r.latePct, r.missedPct];

export function summaryCsv(t: Translate, v: SummaryView): string {
  const header = ["rank", "outlet_code", "outlet", "measured", "on_time_pct", "late_pct", "missed_pct"].map((k) =>
    t(`digests:csv.${k}`),
  );
  const rows = (v.ranking ?? []).map((r) => [r.rank, r.outletCode, r.outletName, ...rateCells(r)]);
  const total = v.rates ? [["", "", t("digests:csv.total"), ...rateCells(v.rates)]] : [];
  const lines = [header, ...rows, ...total].map((r) => r.map(cell).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** e.g. branchbot-SH-LJZ-2026-11-16-2026-11-22.csv: names the scope and the period. */
export function csvFileName(v: SummaryView): string {
  const scope = (v.ranking?.length === 1 ? v.ranking[0]?.outletCode : v.scope.kind) ?? v.scope.kind;
  return `branchbot-${scope}-${v.period.from}-${v.period.to}.csv`.replace(/[^A-Za-z0-9._-]/g, "_");
}
