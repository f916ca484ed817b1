// Times each query group of a summary on its own (the same functions summarise() awaits in
// parallel), for a regional officer's month, so a slow summary points at its slow part.
import type { Db } from "../../src/db/client.js";
import { periodDates, previousPeriod, todayIn } from "../../src/domain/summary.js";
import { complaintFigures, incidentFigures, openIncidentsByOutlet } from "../../src/services/summary/case-figures.js";
import { sqlProviderOf } from "../../src/services/summary/median.js";
import { resolveScope } from "../../src/services/summary/scope.js";
import { listOverdueAndMissed, onTimePct, taskFigures } from "../../src/services/summary/task-figures.js";
import { zoneWindows } from "../../src/services/summary/windows.js";
import type { Generated } from "./generate.js";
import { summarise } from "./stats.js";

/** Median ms per query group over `runs` runs (bounded by count). */
export async function queryBreakdown(db: Db, g: Generated, runs: number): Promise<Record<string, number>> {
  const region = g.regions[0];
  if (!region) return {};
  const resolved = await resolveScope(db, g.playbook, region.regionalId, { kind: "region" });
  if (!resolved.ok) throw new Error("regional officer was refused their own region");
  const outlets = resolved.scope.outlets;
  const ids = outlets.map((o) => o.id);
  const range = periodDates("month", todayIn(g.now, outlets[0]?.timeZone as string));
  if (!range) return {};
  const windows = zoneWindows(outlets, range);
  const previous = zoneWindows(outlets, previousPeriod(range));
  const provider = sqlProviderOf(db);
  const parts: Record<string, () => Promise<unknown>> = {
    scope: () => resolveScope(db, g.playbook, region.regionalId, { kind: "region" }),
    tasks: () => taskFigures(db, ids, windows, g.now),
    trend: () => onTimePct(db, previous, g.now),
    overdue_list: () => listOverdueAndMissed(db, ids, windows, g.now, 10),
    incidents: () => incidentFigures(db, provider, ids, windows, g.now),
    open_incidents: () => openIncidentsByOutlet(db, ids),
    complaints: () => complaintFigures(db, ids, windows, (c) => c, g.playbook),
  };
  const out: Record<string, number> = {};
  for (const [name, fn] of Object.entries(parts)) {
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await fn();
      samples.push(performance.now() - t0);
    }
    out[name] = summarise(samples).p50;
  }
  return out;
}
