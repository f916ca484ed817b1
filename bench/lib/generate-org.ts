// A generated organisation: regions of ~10 outlets in Asia/Shanghai with China's 2026
// holiday calendar (and 调休 make-up days), ~8 staff per outlet covering every role, and one
// regional officer per region. The first outlets go through the real org importer (so the
// import path is exercised and the file can be re-imported by the app as a no-op); the
// rest are bulk-inserted with the same field values, because the importer's one
// transaction with an audit event per row is too slow for 500 outlets.
import type { Org } from "../../src/config/org.js";
import { parseOrg } from "../../src/config/org.js";
import type { RoleSet } from "../../src/config/playbook-roles.js";
import type { Playbook } from "../../src/config/playbook-schema.js";
import type { Db } from "../../src/db/client.js";
import { calendarFromRows, type OutletCalendar } from "../../src/domain/calendar.js";
import type { Clock } from "../../src/domain/clock.js";
import { importOrgAndPlaybook } from "../../src/services/org-import.js";
import { insertMany, type RowCounter } from "./bulk.js";

const CITIES = ["上海", "北京", "广州", "深圳", "杭州", "南京", "苏州", "成都", "武汉", "西安", "天津", "重庆"];
const HOLIDAYS: Array<[string, string]> = [
  ["2026-01-01", "元旦"],
  ...["16", "17", "18", "19", "20"].map((d): [string, string] => [`2026-02-${d}`, "春节"]),
  ["2026-04-06", "清明节"],
  ["2026-05-01", "劳动节"],
  ["2026-06-19", "端午节"],
  ["2026-09-25", "中秋节"],
  ...["01", "02", "05", "06", "07"].map((d): [string, string] => [`2026-10-${d}`, "国庆节"]),
  ["2027-01-01", "元旦"],
];
const MAKEUP_DAYS: Array<[string, string]> = [
  ["2026-02-14", "春节调休"],
  ["2026-09-27", "国庆调休"],
];
/** Outlet staff: [code suffix, roles]. */
const STAFF_PLAN: Array<[string, Array<"teller" | "lobby" | "security" | "supervisor" | "manager">]> = [
  ["t1", ["teller"]],
  ["t2", ["teller"]],
  ["t3", ["teller"]],
  ["tl", ["teller", "lobby"]],
  ["lb", ["lobby"]],
  ["sc", ["security"]],
  ["sv", ["supervisor"]],
  ["mg", ["manager"]],
];

/** Two outlet calendar shapes, as in the demo org: Mon–Sat 08:00 and Mon–Fri 08:30 with 调休. */
export type CalendarVariant = "six_day" | "five_day";

export interface GeneratedOutlet {
  id: string;
  code: string;
  name: string;
  variant: CalendarVariant;
  cal: OutletCalendar;
  /** staff ids by role at this outlet (first holder first) */
  staff: Record<string, string[]>;
}

export interface GeneratedOrg {
  org: Org;
  outlets: GeneratedOutlet[];
  regions: Array<{ id: string; code: string; regionalId: string; outletIds: string[] }>;
}

const pad = (n: number, w: number) => String(n).padStart(w, "0");

/**
 * The team id of generated outlet i when the org spans `workspaces` Slack workspaces: outlets
 * are dealt round-robin, so every workspace has work due at the same moment.
 */
export function benchTeamId(i: number, workspaces: number): string {
  return `T${pad((i % workspaces) + 1, 8)}`;
}

/** `workspaces` > 0 gives every outlet's Slack binding a team id (see benchTeamId). */
/** `roles`: the playbook's role set (`roleSet(playbook)`) the org is checked against. */
export function buildOrg(outletCount: number, roles: RoleSet, perRegion = 10, workspaces = 0): Org {
  const regionCount = Math.ceil(outletCount / perRegion);
  const regions = Array.from({ length: regionCount }, (_, r) => ({
    code: `R${pad(r + 1, 3)}`,
    name: `${CITIES[r % CITIES.length]}分行第${r + 1}运营管理部`,
  }));
  const outlets = Array.from({ length: outletCount }, (_, i) => {
    const r = Math.floor(i / perRegion);
    const fiveDay = i % 2 === 1;
    return {
      code: `${regions[r]?.code}-${pad(i + 1, 4)}`,
      name: `${CITIES[r % CITIES.length]}第${i + 1}支行营业部`,
      region: regions[r]?.code as string,
      timeZone: "Asia/Shanghai",
      workingDays: fiveDay
        ? (["mon", "tue", "wed", "thu", "fri"] as const)
        : (["mon", "tue", "wed", "thu", "fri", "sat"] as const),
      hours: fiveDay ? { start: "08:30", end: "17:30" } : { start: "08:00", end: "17:30" },
      locale: "zh-CN",
      holidays: HOLIDAYS.map(([date, name]) => ({ date, name })),
      extraWorkdays: fiveDay ? MAKEUP_DAYS.map(([date, name]) => ({ date, name })) : [],
      slack: {
        channel: `C${pad(i + 1, 7)}`,
        supervisorsChannel: `C${pad(i + 1, 7)}S`,
        ...(workspaces > 0 ? { teamId: benchTeamId(i, workspaces) } : {}),
      },
    };
  });
  let uid = 0;
  const staff = outlets.flatMap((o) =>
    STAFF_PLAN.map(([suffix, roles]) => ({
      code: `${o.code}.${suffix}`,
      name: `员工${o.code.slice(-4)}${suffix}`,
      locale: suffix === "mg" && Number(o.code.slice(-1)) % 3 === 0 ? "en" : "zh-CN",
      slack: { userId: `U${pad(++uid, 8)}` },
      roles: { [o.code]: roles },
    })),
  );
  const regional = regions.map((r) => ({
    code: `${r.code}.regional`,
    name: `区域${r.code}`,
    locale: "zh-CN",
    slack: { userId: `U${pad(++uid, 8)}` },
    regional: [r.code],
  }));
  return parseOrg({ regions, outlets, staff: [...staff, ...regional] }, "generated org", roles);
}

/**
 * Imports the first `viaImporter` outlets (with their region(s), staff and the playbook's
 * task templates) through the org importer, then bulk-inserts the rest.
 */
export async function insertOrg(
  db: Db,
  org: Org,
  playbook: Playbook,
  clock: Clock,
  counter: RowCounter,
  viaImporter = 20,
): Promise<GeneratedOrg> {
  const firstOutlets = org.outlets.slice(0, viaImporter);
  const firstCodes = new Set(firstOutlets.map((o) => o.code));
  const firstRegions = new Set(firstOutlets.map((o) => o.region));
  const firstStaff = org.staff.filter(
    (s) => Object.keys(s.roles).some((c) => firstCodes.has(c)) || s.regional.some((r) => firstRegions.has(r)),
  );
  const sub: Org = {
    regions: org.regions.filter((r) => firstRegions.has(r.code)),
    outlets: firstOutlets,
    staff: firstStaff,
  };
  await importOrgAndPlaybook(db, sub, playbook, { clock, actor: { label: "bench-generator", platform: "system" } });

  const regionIds = new Map((await db.region.findMany()).map((r) => [r.code, r.id]));
  const restRegions = org.regions.filter((r) => !regionIds.has(r.code));
  await insertMany(db, "region", restRegions, counter);
  for (const r of await db.region.findMany()) regionIds.set(r.code, r.id);

  const rest = org.outlets.slice(viaImporter);
  await insertMany(
    db,
    "outlet",
    rest.map((o) => ({
      code: o.code,
      name: o.name,
      regionId: regionIds.get(o.region) as string,
      timeZone: o.timeZone,
      workingDays: o.workingDays.length === 5 ? "1,2,3,4,5" : "1,2,3,4,5,6",
      workStart: o.hours.start,
      workEnd: o.hours.end,
      defaultLocale: o.locale,
      active: true,
    })),
    counter,
  );
  const outletIds = new Map(
    (await db.outlet.findMany({ select: { id: true, code: true } })).map((o) => [o.code, o.id]),
  );
  const restIds = rest.map((o) => outletIds.get(o.code) as string);
  await insertMany(
    db,
    "outletCalendarDay",
    rest.flatMap((o, i) => [
      ...o.holidays.map((h) => ({ outletId: restIds[i] as string, date: h.date, kind: "holiday", name: h.name })),
      ...o.extraWorkdays.map((h) => ({ outletId: restIds[i] as string, date: h.date, kind: "workday", name: h.name })),
    ]),
    counter,
  );
  await insertMany(
    db,
    "channelBinding",
    rest.flatMap((o, i) =>
      o.slack
        ? [
            {
              outletId: restIds[i] as string,
              platform: "slack",
              purpose: "outlet",
              channelId: o.slack.channel,
              workspace: o.slack.teamId ?? "",
            },
            {
              outletId: restIds[i] as string,
              platform: "slack",
              purpose: "supervisors",
              channelId: o.slack.supervisorsChannel as string,
              workspace: o.slack.teamId ?? "",
            },
          ]
        : [],
    ),
    counter,
  );
  const restStaff = org.staff.filter((s) => !firstStaff.includes(s));
  await insertMany(
    db,
    "staff",
    restStaff.map((s) => ({ code: s.code, name: s.name, locale: s.locale, active: true })),
    counter,
  );
  const staffIds = new Map((await db.staff.findMany({ select: { id: true, code: true } })).map((s) => [s.code, s.id]));
  await insertMany(
    db,
    "staffRole",
    restStaff.flatMap((s) =>
      Object.entries(s.roles).flatMap(([oc, roles]) =>
        roles.map((role) => ({ staffId: staffIds.get(s.code) as string, outletId: outletIds.get(oc) as string, role })),
      ),
    ),
    counter,
  );
  await insertMany(
    db,
    "regionRole",
    restStaff.flatMap((s) =>
      s.regional.map((rc) => ({ staffId: staffIds.get(s.code) as string, regionId: regionIds.get(rc) as string })),
    ),
    counter,
  );
  await insertMany(
    db,
    "platformIdentity",
    restStaff.flatMap((s) =>
      s.slack
        ? [{ staffId: staffIds.get(s.code) as string, platform: "slack", workspace: "", externalId: s.slack.userId }]
        : [],
    ),
    counter,
  );
  return describeOrg(org, outletIds, staffIds, regionIds);
}

function describeOrg(
  org: Org,
  outletIds: Map<string, string>,
  staffIds: Map<string, string>,
  regionIds: Map<string, string>,
): GeneratedOrg {
  const outlets = org.outlets.map((o): GeneratedOutlet => {
    const staff: Record<string, string[]> = {};
    for (const s of org.staff) {
      for (const role of s.roles[o.code] ?? []) {
        staff[role] = [...(staff[role] ?? []), staffIds.get(s.code) as string];
      }
    }
    const cal = calendarFromRows(
      {
        timeZone: o.timeZone,
        workingDays: o.workingDays.length === 5 ? "1,2,3,4,5" : "1,2,3,4,5,6",
        workStart: o.hours.start,
        workEnd: o.hours.end,
      },
      [
        ...o.holidays.map((h) => ({ date: h.date, kind: "holiday" })),
        ...o.extraWorkdays.map((h) => ({ date: h.date, kind: "workday" })),
      ],
    );
    return {
      id: outletIds.get(o.code) as string,
      code: o.code,
      name: o.name,
      variant: o.workingDays.length === 5 ? "five_day" : "six_day",
      cal,
      staff,
    };
  });
  const regions = org.regions.map((r) => ({
    id: regionIds.get(r.code) as string,
    code: r.code,
    regionalId: staffIds.get(`${r.code}.regional`) as string,
    outletIds: org.outlets.filter((o) => o.region === r.code).map((o) => outletIds.get(o.code) as string),
  }));
  return { org, outlets, regions };
}
