// Who is who: platform ids → staff, the roles a person holds at an outlet (a region role is
// held at every outlet of its region), who holds a role at an outlet, and a person's
// 1:1 chats. The one place these questions are asked of the database.
import type { Role } from "../config/playbook-schema.js";
import { isLocale, type Locale } from "../i18n/index.js";
import type { Reader } from "./reader.js";
import { coveredAt, coveredOutlets, offDuty } from "./roster.js";

export interface StaffRef {
  id: string;
  code: string;
  name: string;
  locale: Locale;
}

export interface StaffOutlet {
  outletId: string;
  code: string;
  name: string;
  roles: Role[];
}

type Platform = "slack" | "teams";

const toRef = (s: { id: string; code: string; name: string; locale: string }): StaffRef => ({
  id: s.id,
  code: s.code,
  name: s.name,
  locale: isLocale(s.locale) ? s.locale : "zh-CN",
});

/** Staff linked to a platform user. An identity stored without a workspace matches any. */
export async function staffByPlatform(
  r: Reader,
  platform: Platform,
  externalIds: string[],
  workspace = "",
): Promise<StaffRef | null> {
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

export async function staffById(r: Reader, staffId: string): Promise<StaffRef | null> {
  const s = await r.staff.findUnique({ where: { id: staffId } });
  return s ? toRef(s) : null;
}

export async function staffName(r: Reader, staffId: string): Promise<string | null> {
  return (await r.staff.findUnique({ where: { id: staffId }, select: { name: true } }))?.name ?? null;
}

/**
 * The roles a person holds at an outlet, with the region roles they hold over the outlet's region.
 * Given an instant, also the roles of anyone they cover (代岗) at the outlet on that local day.
 */
export async function rolesAt(r: Reader, staffId: string, outletId: string, on?: Date): Promise<Role[]> {
  const own = await heldAt(r, staffId, outletId);
  if (!on) return own;
  const out = new Set(own);
  for (const absentId of await coveredAt(r, staffId, outletId, on))
    for (const role of await heldAt(r, absentId, outletId)) out.add(role);
  return [...out];
}

async function heldAt(r: Reader, staffId: string, outletId: string): Promise<Role[]> {
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

/**
 * Who holds role X at outlet Y: active staff holding any of `roles` at the outlet, or a region
 * role among them over the outlet's region; each once, sorted by staff code. Given an instant,
 * who is on duty then (排班): those off that local day are left out and their covers put in.
 */
export async function staffWithRoles(
  r: Reader,
  outletId: string,
  roles: readonly Role[],
  on?: Date,
): Promise<StaffRef[]> {
  if (roles.length === 0) return [];
  const outlet = await r.outlet.findUnique({ where: { id: outletId }, select: { regionId: true, timeZone: true } });
  if (!outlet) return [];
  const [direct, regional] = await Promise.all([
    r.staffRole.findMany({
      where: { outletId, role: { in: [...roles] }, staff: { active: true } },
      include: { staff: true },
    }),
    r.regionRole.findMany({
      where: { regionId: outlet.regionId, role: { in: [...roles] }, staff: { active: true } },
      include: { staff: true },
    }),
  ]);
  const holders = new Map([...direct, ...regional].map((x) => [x.staffId, x.staff]));
  const found = on ? await offDuty(r, { outletId, timeZone: outlet.timeZone }, holders, on) : holders;
  return [...found.values()].map(toRef).sort((a, b) => a.code.localeCompare(b.code));
}

/**
 * Outlets where the staff member holds any role, directly or through their region, by code.
 * Given an instant, with the outlets and roles of anyone they cover that local day.
 */
export async function outletsOf(r: Reader, staffId: string, on?: Date): Promise<StaffOutlet[]> {
  const own = await ownOutlets(r, staffId);
  if (!on) return own;
  const map = new Map(own.map((o) => [o.outletId, { ...o, roles: [...o.roles] }]));
  for (const c of await coveredOutlets(r, staffId, on)) {
    for (const o of await ownOutlets(r, c.absentId)) {
      if (!c.outletIds.includes(o.outletId)) continue;
      const e = map.get(o.outletId) ?? { ...o, roles: [] };
      map.set(o.outletId, { ...e, roles: [...new Set([...e.roles, ...o.roles])] });
    }
  }
  return [...map.values()].sort((a, b) => a.code.localeCompare(b.code));
}

async function ownOutlets(r: Reader, staffId: string): Promise<StaffOutlet[]> {
  const [direct, regions] = await Promise.all([
    r.staffRole.findMany({ where: { staffId }, include: { outlet: true } }),
    r.regionRole.findMany({ where: { staffId }, select: { regionId: true, role: true } }),
  ]);
  const map = new Map<string, StaffOutlet>();
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

export function platformIds(r: Reader, staffId: string, platform: Platform) {
  return r.platformIdentity.findMany({ where: { staffId, platform } });
}

/** Remembers a person's 1:1 chat id, so DMs and Teams proactive messages can reach them. */
export async function rememberDirectChat(r: Reader, staffId: string, platform: Platform, channelId: string) {
  await r.directConversation.upsert({
    where: { staffId_platform: { staffId, platform } },
    create: { staffId, platform, channelId },
    update: { channelId },
  });
}

export interface ReachOutlet {
  id: string;
  code: string;
  name: string;
  timeZone: string;
}

export interface StaffReach {
  name: string;
  active: boolean;
  /** Each outlet role the person holds at an active outlet. */
  outletRoles: Array<{ role: Role; outlet: ReachOutlet }>;
  /** Each region role they hold, with the region's active outlets. */
  regionRoles: Array<{ role: Role; region: { code: string; name: string; outlets: ReachOutlet[] } }>;
}

const reachOutlet = { id: true, code: true, name: true, timeZone: true } as const;

/** Every role a person holds, where (the reverse question: outlets for a person); callers filter by permission. */
export async function staffReach(r: Reader, staffId: string): Promise<StaffReach | null> {
  const staff = await r.staff.findUnique({
    where: { id: staffId },
    select: {
      name: true,
      active: true,
      roles: {
        where: { outlet: { active: true } },
        select: { role: true, outlet: { select: reachOutlet } },
      },
      regionRoles: {
        select: {
          role: true,
          region: { select: { code: true, name: true, outlets: { where: { active: true }, select: reachOutlet } } },
        },
      },
    },
  });
  if (!staff) return null;
  return { name: staff.name, active: staff.active, outletRoles: staff.roles, regionRoles: staff.regionRoles };
}
