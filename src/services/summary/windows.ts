// A period means local days, and local days are different instants in different time zones.
// Outlets are grouped by zone and each group gets its own [start, end) instants, so every
// query filters `outletId IN (…) AND <time column> range` per group: exactly the shape the
// (outletId, dueAt)-style indexes serve, and a 23:30 task is counted on its own local day.
import { type InstantRange, type LocalRange, rangeInstants } from "../../domain/summary.js";
import type { ScopeOutlet } from "./scope.js";

export interface ZoneWindow extends InstantRange {
  timeZone: string;
  outletIds: string[];
}

export function zoneWindows(outlets: ScopeOutlet[], range: LocalRange): ZoneWindow[] {
  const byZone = new Map<string, string[]>();
  for (const o of outlets) byZone.set(o.timeZone, [...(byZone.get(o.timeZone) ?? []), o.id]);
  return [...byZone.entries()].map(([timeZone, outletIds]) => ({
    timeZone,
    outletIds,
    ...rangeInstants(range, timeZone),
  }));
}

/**
 * A Prisma `where` fragment: rows of these outlets whose `column` falls in the period, in
 * each outlet's own zone.
 */
export function inWindows<C extends string>(
  windows: ZoneWindow[],
  column: C,
): { OR: Array<{ outletId: { in: string[] } } & Record<C, { gte: Date; lt: Date }>> } {
  return {
    OR: windows.map(
      (w) =>
        ({ outletId: { in: w.outletIds }, [column]: { gte: w.start, lt: w.end } }) as {
          outletId: { in: string[] };
        } & Record<C, { gte: Date; lt: Date }>,
    ),
  };
}

export const allOutletIds = (outlets: ScopeOutlet[]) => outlets.map((o) => o.id);
