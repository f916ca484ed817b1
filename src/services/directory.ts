// Who is who: platform ids → staff, roles per outlet (a region role, e.g. regional operations,
// is held at every outlet of its region), and outlet calendars. Read-only; the org import
// writes these.
import type { Role } from "../config/playbook-schema.js";
import type { Db } from "../db/client.js";
import type { Tx } from "../db/tx.js";
import { calendarFromRows, type OutletCalendar } from "../domain/calendar.js";
import { isLocale, type Locale } from "../i18n/index.js";

export interface StaffRef {
  id: string;
  code: string;
  name: string;
  locale: Locale;
}

type Reader = Db | Tx;

const toRef = (s: { id: string; code: string; name: string; locale: string }): StaffRef => ({
  id: s.id,
  code: s.code,
  name: s.name,
  locale: isLocale(s.locale) ? s.locale : "zh-CN",
});

export class Directory {
  constructor(private readonly db: Db) {}

  /** Staff linked to a platform user. An identity stored without a workspace matches any. */
  async staffByPlatform(platform: "slack" | "teams", externalIds: string[], workspace = "", r: Reader = this.db) {
    const ids = externalIds.filter(Boolean);
    if (ids.length === 0) return null;
    const found = await r.platformIdentity.findFirst({
      where: {
        platform,
        externalId: { in: ids },
        workspace: { in: workspace ? [workspace, ""] : [""] },
        staff: { active: true },
      },
      include: { staff: true },
    });
    if (found) return toRef(found.staff);
    if (!workspace) {
      // no workspace known on this request: accept a unique match in any workspace
      const any = await r.platformIdentity.findMany({
        where: { platform, externalId: { in: ids }, staff: { active: true } },
        include: { staff: true },
        take: 2,
      });
      const only = any[0];
      if (only && any.every((a) => a.staffId === only.staffId)) return toRef(only.staff);
    }
    return null;
  }

  async staff(staffId: string, r: Reader = this.db): Promise<StaffRef | null> {
    const s = await r.staff.findUnique({ where: { id: staffId } });
    return s ? toRef(s) : null;
  }

  async rolesAt(staffId: string, outletId: string, r: Reader = this.db): Promise<Role[]> {
    const [roles, outlet] = await Promise.all([
      r.staffRole.findMany({ where: { staffId, outletId }, select: { role: true } }),
      r.outlet.findUnique({ where: { id: outletId }, select: { regionId: true } }),
    ]);
    const out = roles.map((x) => x.role as Role);
    if (outlet) {
      const regional = await r.regionRole.findMany({
        where: { staffId, regionId: outlet.regionId },
        select: { role: true },
      });
      // scopes never overlap (the org file is checked), so a region role is never also held directly
      for (const x of regional) out.push(x.role);
    }
    return out;
  }

  /** Active staff holding `role` at the outlet, or across its region for a region role; by code. */
  async staffWithRole(outletId: string, role: Role, r: Reader = this.db): Promise<StaffRef[]> {
    const outlet = await r.outlet.findUnique({ where: { id: outletId }, select: { regionId: true } });
    if (!outlet) return [];
    const [direct, regional] = await Promise.all([
      r.staffRole.findMany({ where: { outletId, role, staff: { active: true } }, include: { staff: true } }),
      r.regionRole.findMany({
        where: { regionId: outlet.regionId, role, staff: { active: true } },
        include: { staff: true },
      }),
    ]);
    const byId = new Map([...direct, ...regional].map((x) => [x.staffId, toRef(x.staff)]));
    return [...byId.values()].sort((a, b) => a.code.localeCompare(b.code));
  }

  /** Outlets where the staff member holds any role, directly or through their region. */
  async outletsOf(staffId: string, r: Reader = this.db) {
    const [direct, regions] = await Promise.all([
      r.staffRole.findMany({ where: { staffId }, include: { outlet: true } }),
      r.regionRole.findMany({ where: { staffId }, select: { regionId: true, role: true } }),
    ]);
    const map = new Map<string, { outletId: string; code: string; name: string; roles: Role[] }>();
    for (const d of direct) {
      const e = map.get(d.outletId) ?? { outletId: d.outletId, code: d.outlet.code, name: d.outlet.name, roles: [] };
      e.roles.push(d.role as Role);
      map.set(d.outletId, e);
    }
    if (regions.length > 0) {
      const outlets = await r.outlet.findMany({
        where: { regionId: { in: regions.map((x) => x.regionId) }, active: true },
      });
      for (const o of outlets) {
        const e = map.get(o.id) ?? { outletId: o.id, code: o.code, name: o.name, roles: [] };
        for (const x of regions) if (x.regionId === o.regionId) e.roles.push(x.role);
        map.set(o.id, e);
      }
    }
    return [...map.values()].sort((a, b) => a.code.localeCompare(b.code));
  }

  async platformIds(staffId: string, platform: "slack" | "teams", r: Reader = this.db) {
    return r.platformIdentity.findMany({ where: { staffId, platform } });
  }

  async calendar(outletId: string, r: Reader = this.db): Promise<OutletCalendar> {
    const outlet = await r.outlet.findUniqueOrThrow({ where: { id: outletId }, include: { calendar: true } });
    return calendarFromRows(outlet, outlet.calendar);
  }
}
