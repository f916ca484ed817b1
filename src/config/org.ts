// The org file: regions, outlets (time zone, working days and hours, holidays, channels)
// and staff (locale, platform ids, roles per outlet). Validated whole before anything is
// imported, so a bad file changes nothing.
import { z } from "zod";
import { ConfigError, type ConfigIssue, issuesFromZod } from "./errors.js";
import type { RoleSet } from "./playbook-roles.js";
import { WEEKDAYS } from "./playbook-schema.js";
import { readYamlFile } from "./yaml-file.js";

const code = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "must be letters, digits, ., - or _");
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time "HH:MM" (24-hour)');
// YAML turns an unquoted 2026-10-01 into a Date; accept both and keep the calendar date.
const isoDate = z.preprocess(
  (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v),
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date "YYYY-MM-DD"'),
);
const timeZone = z.string().refine(isValidTimeZone, { message: "is not a known IANA time zone" });
const locale = z.enum(["zh-CN", "en"], { error: 'must be "zh-CN" or "en"' });

function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const OutletSchema = z
  .object({
    code,
    name: z.string().min(1),
    region: code,
    timeZone,
    workingDays: z.array(z.enum(WEEKDAYS)).min(1).default(["mon", "tue", "wed", "thu", "fri"]),
    hours: z
      .object({ start: hhmm, end: hhmm })
      .strict()
      .refine((h) => h.end > h.start, { message: "end must be after start", path: ["end"] })
      .default({ start: "09:00", end: "17:00" }),
    holidays: z.array(z.object({ date: isoDate, name: z.string().default("") }).strict()).default([]),
    /** Weekend days that are working days (调休). */
    extraWorkdays: z.array(z.object({ date: isoDate, name: z.string().default("") }).strict()).default([]),
    locale: locale.default("zh-CN"),
    slack: z
      .object({
        teamId: z.string().optional(),
        channel: z.string().regex(/^[CG][A-Z0-9]+$/, "must be a Slack channel id like C0123ABCD"),
        supervisorsChannel: z
          .string()
          .regex(/^[CG][A-Z0-9]+$/, "must be a Slack channel id like C0123ABCD")
          .optional(),
      })
      .strict()
      .optional(),
    teams: z
      .object({
        tenantId: z.string().optional(),
        teamId: z.string().optional(),
        channelId: z.string().min(1),
        supervisorsChannelId: z.string().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

const StaffSchema = z
  .object({
    code,
    name: z.string().min(1),
    locale: locale.default("zh-CN"),
    slack: z
      .object({
        teamId: z.string().default(""),
        userId: z.string().regex(/^[UW][A-Z0-9]+$/, "must be a Slack user id like U0123ABCD"),
      })
      .strict()
      .optional(),
    teams: z
      .object({
        tenantId: z.string().default(""),
        userId: z.string().optional(),
        aadObjectId: z.string().optional(),
      })
      .strict()
      .refine((t) => t.userId || t.aadObjectId, { message: "needs userId or aadObjectId" })
      .optional(),
    /** outlet code → roles held there (outlet-scoped roles of the playbook) */
    roles: z.record(code, z.array(z.string().min(1)).min(1)).default({}),
    /** region codes where this person works in regional operations: shorthand for regionRoles → [regional] */
    regional: z.array(code).default([]),
    /** region code → region-scoped roles held across that region */
    regionRoles: z.record(code, z.array(z.string().min(1)).min(1)).default({}),
    /** 轮岗: the date this person is due to rotate post; reminded to the manager beforehand */
    rotationDue: isoDate.optional(),
    /** 强制休假: the date by which this person must have taken mandatory leave */
    mandatoryLeaveDue: isoDate.optional(),
    /** 排班: weekdays this person is regularly off (轮休), in the outlet's calendar */
    offDays: z.array(z.enum(WEEKDAYS)).default([]),
    /** 请假/代岗: planned absences, each with an optional cover who is told and acts instead */
    absences: z
      .array(
        z
          .object({
            from: isoDate,
            to: isoDate,
            /** one outlet's code; absent: every outlet where the person works */
            outlet: code.optional(),
            /** the staff code of the person covering */
            cover: code.optional(),
            reason: z.string().max(200).default(""),
          })
          .strict()
          .refine((a) => a.to >= a.from, { message: "to must not be before from", path: ["to"] }),
      )
      .default([]),
  })
  .strict();

export const OrgSchema = z
  .object({
    regions: z.array(z.object({ code, name: z.string().min(1) }).strict()).min(1),
    outlets: z.array(OutletSchema).min(1),
    staff: z.array(StaffSchema).min(1),
  })
  .strict();

export type Org = z.infer<typeof OrgSchema>;
export type OrgOutlet = Org["outlets"][number];
export type OrgStaff = Org["staff"][number];

/** The role the `regional:` shorthand gives across each listed region. */
const REGIONAL_SHORTHAND_ROLE = "regional";

/** Loads the org file; its roles are checked against the playbook's (load the playbook first). */
export function loadOrg(file: string, roles: RoleSet): Org {
  return parseOrg(readYamlFile(file), file, roles);
}

export function parseOrg(raw: unknown, source: string, roles: RoleSet): Org {
  const parsed = OrgSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(source, issuesFromZod(parsed.error));
  const org = parsed.data;
  for (const s of org.staff) {
    for (const region of s.regional) {
      const held = s.regionRoles[region] ?? [];
      if (!held.includes(REGIONAL_SHORTHAND_ROLE)) s.regionRoles[region] = [...held, REGIONAL_SHORTHAND_ROLE];
    }
  }
  const issues = [...crossCheck(org), ...roleIssues(org, roles)];
  if (issues.length > 0) throw new ConfigError(source, issues);
  return org;
}

/** Every role held must be a playbook role of the right scope: outlet roles at outlets, region roles in regions. */
function roleIssues(org: Org, roles: RoleSet): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const check = (path: string, role: string, scope: "outlet" | "region") => {
    const declared = roles.get(role);
    if (!declared) {
      const known = [...roles.entries()].filter(([, sc]) => sc === scope).map(([k]) => k);
      issues.push({ path, problem: `unknown ${scope} role "${role}" (the playbook's: ${known.join(", ")})` });
    } else if (declared !== scope) {
      issues.push({ path, problem: `role "${role}" has scope ${declared} in the playbook, not ${scope}` });
    }
  };
  org.staff.forEach((s, i) => {
    for (const [outlet, held] of Object.entries(s.roles)) {
      held.forEach((r, ri) => {
        check(`staff[${i}].roles.${outlet}[${ri}]`, r, "outlet");
      });
    }
    for (const [region, held] of Object.entries(s.regionRoles)) {
      held.forEach((r, ri) => {
        // a role the shorthand added is reported where the file wrote it
        const shorthand = r === REGIONAL_SHORTHAND_ROLE && s.regional.includes(region);
        check(shorthand ? `staff[${i}].regional` : `staff[${i}].regionRoles.${region}[${ri}]`, r, "region");
      });
    }
  });
  return issues;
}

function crossCheck(org: Org): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const regions = new Set<string>();
  org.regions.forEach((r, i) => {
    if (regions.has(r.code)) issues.push({ path: `regions[${i}].code`, problem: `duplicate code "${r.code}"` });
    regions.add(r.code);
  });
  const outlets = new Set<string>();
  org.outlets.forEach((o, i) => {
    if (outlets.has(o.code)) issues.push({ path: `outlets[${i}].code`, problem: `duplicate code "${o.code}"` });
    outlets.add(o.code);
    if (!regions.has(o.region)) issues.push({ path: `outlets[${i}].region`, problem: `unknown region "${o.region}"` });
  });
  const staff = new Set<string>();
  const slackIds = new Map<string, number>();
  org.staff.forEach((s, i) => {
    if (staff.has(s.code)) issues.push({ path: `staff[${i}].code`, problem: `duplicate code "${s.code}"` });
    staff.add(s.code);
    for (const outlet of Object.keys(s.roles)) {
      if (!outlets.has(outlet))
        issues.push({ path: `staff[${i}].roles.${outlet}`, problem: `unknown outlet "${outlet}"` });
    }
    s.regional.forEach((r, ri) => {
      if (!regions.has(r)) issues.push({ path: `staff[${i}].regional[${ri}]`, problem: `unknown region "${r}"` });
    });
    for (const r of Object.keys(s.regionRoles)) {
      if (!regions.has(r) && !s.regional.includes(r))
        issues.push({ path: `staff[${i}].regionRoles.${r}`, problem: `unknown region "${r}"` });
    }
    if (Object.keys(s.roles).length === 0 && Object.keys(s.regionRoles).length === 0) {
      issues.push({ path: `staff[${i}].roles`, problem: "gives no role at any outlet or region" });
    }
    s.absences.forEach((a, ai) => {
      if (a.outlet && !outlets.has(a.outlet))
        issues.push({ path: `staff[${i}].absences[${ai}].outlet`, problem: `unknown outlet "${a.outlet}"` });
      if (a.cover === s.code)
        issues.push({ path: `staff[${i}].absences[${ai}].cover`, problem: "cannot be the absent person" });
      else if (a.cover && !org.staff.some((o) => o.code === a.cover))
        issues.push({ path: `staff[${i}].absences[${ai}].cover`, problem: `unknown staff "${a.cover}"` });
    });
    if (s.slack) {
      const prev = slackIds.get(s.slack.userId);
      if (prev !== undefined) {
        issues.push({ path: `staff[${i}].slack.userId`, problem: `already used by staff[${prev}]` });
      }
      slackIds.set(s.slack.userId, i);
    }
  });
  return issues;
}
