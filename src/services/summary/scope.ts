// Who may see which outlets. Holders of an outlet role the playbook lets see summaries
// (permissions.summaries.outlet) see the outlets where they hold it; holders of such a region
// role (summaries.region) see every active outlet of their region. Anyone else, or a request
// naming an outlet or region outside that set, is refused as a whole: a request is never
// silently narrowed to the part the requester may see, because a figure that quietly
// covers less than was asked for reads as a figure for everything asked for.
import type { Db } from "../../db/client.js";
import type { Tx } from "../../db/tx.js";
import { canSeeSummary, type Policy } from "../../permissions/index.js";
import { staffReach } from "../../queries/index.js";

export type SummaryScope =
  | { kind: "outlet"; outletCode?: string }
  | { kind: "outlets"; outletCodes: string[] }
  | { kind: "region"; regionCode?: string };

export interface ScopeOutlet {
  id: string;
  code: string;
  name: string;
  timeZone: string;
}

export interface ResolvedScope {
  kind: "outlet" | "outlets" | "region";
  /** Outlet names, or region names for a region scope. */
  names: string[];
  /** Sorted by code; never empty. */
  outlets: ScopeOutlet[];
  requester: { id: string; name: string };
}

export type ScopeResult = { ok: true; scope: ResolvedScope } | { ok: false; requesterName: string | null };

const byCode = (a: ScopeOutlet, b: ScopeOutlet) => a.code.localeCompare(b.code);

export async function resolveScope(
  db: Db | Tx,
  policy: Policy,
  requesterId: string,
  scope: SummaryScope,
): Promise<ScopeResult> {
  const staff = await staffReach(db, requesterId);
  if (!staff?.active) return { ok: false, requesterName: staff?.name ?? null };

  const own = dedupe(staff.outletRoles.filter((r) => canSeeSummary(policy, "outlet", r.role)).map((r) => r.outlet));
  const regions = staff.regionRoles
    .filter((r) => canSeeSummary(policy, "region", r.role))
    .map((r) => r.region)
    .sort((a, b) => a.code.localeCompare(b.code))
    .filter((r, i, all) => all.findIndex((x) => x.code === r.code) === i);
  const regional = dedupe(regions.flatMap((r) => r.outlets));
  const allowed = new Map([...own, ...regional].map((o) => [o.code, o]));
  const requester = { id: requesterId, name: staff.name };
  const refused: ScopeResult = { ok: false, requesterName: staff.name };
  const granted = (kind: ResolvedScope["kind"], names: string[], outlets: ScopeOutlet[]): ScopeResult =>
    outlets.length === 0
      ? refused
      : { ok: true, scope: { kind, names, outlets: [...outlets].sort(byCode), requester } };

  if (scope.kind === "region") {
    const wanted = scope.regionCode === undefined ? regions : regions.filter((r) => r.code === scope.regionCode);
    return granted(
      "region",
      wanted.map((r) => r.name),
      dedupe(wanted.flatMap((r) => r.outlets)),
    );
  }

  const codes =
    scope.kind === "outlet" ? (scope.outletCode ? [scope.outletCode] : []) : [...new Set(scope.outletCodes)];
  if (codes.length === 0) {
    // "my outlet": the outlets someone runs; for regional staff without one, their region
    const mine = own.length > 0 ? own : regional;
    return granted(
      mine.length === 1 ? "outlet" : "outlets",
      mine.sort(byCode).map((o) => o.name),
      mine,
    );
  }
  const picked = codes.map((c) => allowed.get(c));
  if (picked.some((o) => o === undefined)) return refused;
  const outlets = picked as ScopeOutlet[];
  return granted(
    scope.kind,
    outlets.sort(byCode).map((o) => o.name),
    outlets,
  );
}

function dedupe(outlets: ScopeOutlet[]): ScopeOutlet[] {
  return [...new Map(outlets.map((o) => [o.id, o])).values()];
}
