// On-time / late / missed rates over the tasks a period measured, for the whole scope and per
// outlet, and the outlets ranked by them: what digests and the CSV export show. Late is what
// was measured but neither on time nor missed (done after its due time, or overdue now).
import { percent } from "../../domain/summary.js";
import type { SummaryRankRow, SummaryRates } from "../../views/summary.js";
import type { PerOutletTaskCounts } from "./task-figures.js";

function ratesOf(c: Pick<PerOutletTaskCounts, "onTime" | "measured" | "missed">): SummaryRates {
  const late = Math.max(0, c.measured - c.onTime - c.missed);
  return {
    measured: c.measured,
    onTimePct: percent(c.onTime, c.measured),
    latePct: percent(late, c.measured),
    missedPct: percent(c.missed, c.measured),
  };
}

/**
 * Best first: highest on-time rate (an outlet with nothing measured last), then fewest missed,
 * then by code so the order is stable. Equal rates share a rank (1, 1, 3).
 */
export function rankOutlets(rows: Array<Omit<SummaryRankRow, "rank">>): SummaryRankRow[] {
  const key = (r: Omit<SummaryRankRow, "rank">) => [r.onTimePct ?? -1, -(r.missedPct ?? 0)] as const;
  const sorted = [...rows].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    return kb[0] - ka[0] || kb[1] - ka[1] || a.outletCode.localeCompare(b.outletCode);
  });
  let rank = 0;
  return sorted.map((r, i) => {
    const prev = sorted[i - 1];
    if (!prev || key(prev)[0] !== key(r)[0] || key(prev)[1] !== key(r)[1]) rank = i + 1;
    return { ...r, rank };
  });
}

export function outletRates(
  outlets: ReadonlyArray<{ id: string; code: string; name: string }>,
  perOutlet: ReadonlyMap<string, PerOutletTaskCounts>,
): { rates: SummaryRates; ranking: SummaryRankRow[] } {
  const zero = { onTime: 0, measured: 0, missed: 0 };
  const total = { ...zero };
  const rows = outlets.map((o) => {
    const c = perOutlet.get(o.id) ?? zero;
    total.onTime += c.onTime;
    total.measured += c.measured;
    total.missed += c.missed;
    return { outletCode: o.code, outletName: o.name, ...ratesOf(c) };
  });
  return { rates: ratesOf(total), ranking: rankOutlets(rows) };
}
