// Circulars (通知学习确认): where a circular goes (an outlet, or a region's active outlets), and
// the roles a person holds over it. Plain rows; src/permissions/ decides what they allow.
import type { Role } from "../config/playbook-schema.js";
import type { Reader } from "./reader.js";

export interface ScopeHeader {
  kind: "outlet" | "region";
  code: string;
  name: string;
  /** The outlet's zone, or a region's first active outlet's (by code); Asia/Shanghai if none. */
  timeZone: string;
  workEnd: string;
  outlets: Array<{ id: string; code: string }>;
}

const FALLBACK_TZ = "Asia/Shanghai";

/** The outlet or region a circular is for, by kind and code; null when it is not (or no longer) there. */
export async function circularScope(r: Reader, kind: string, code: string): Promise<ScopeHeader | null> {
  if (kind === "outlet") {
    const o = await r.outlet.findUnique({ where: { code } });
    if (!o) return null;
    return {
      kind,
      code,
      name: o.name,
      timeZone: o.timeZone,
      workEnd: o.workEnd,
      outlets: [{ id: o.id, code: o.code }],
    };
  }
  const region = await r.region.findUnique({
    where: { code },
    include: { outlets: { where: { active: true }, orderBy: { code: "asc" } } },
  });
  if (!region) return null;
  const first = region.outlets[0];
  return {
    kind: "region",
    code,
    name: region.name,
    timeZone: first?.timeZone ?? FALLBACK_TZ,
    workEnd: first?.workEnd ?? "17:00",
    outlets: region.outlets.map((o) => ({ id: o.id, code: o.code })),
  };
}

/** The roles a person holds over a scope: at the outlet (with their region roles over it), or over the region. */
export async function rolesOverScope(r: Reader, staffId: string, kind: string, code: string): Promise<Role[]> {
  if (kind === "outlet") {
    const o = await r.outlet.findUnique({ where: { code }, select: { id: true, regionId: true } });
    if (!o) return [];
    const [direct, regional] = await Promise.all([
      r.staffRole.findMany({ where: { staffId, outletId: o.id }, select: { role: true } }),
      r.regionRole.findMany({ where: { staffId, regionId: o.regionId }, select: { role: true } }),
    ]);
    return [...direct, ...regional].map((x) => x.role);
  }
  const rows = await r.regionRole.findMany({ where: { staffId, region: { code } }, select: { role: true } });
  return rows.map((x) => x.role);
}
