// The playbook file format (playbooks/*.yaml). Every time limit, schedule and ladder the
// bot enforces is declared here, never in TypeScript. Texts are i18n keys. The building blocks
// are in playbook-primitives.ts, the sections of the later duties (digests, rotation, handovers,
// custody, back office, circulars) in playbook-duties.ts; this file assembles the whole.
import { z } from "zod";
import { DUTY_SECTIONS } from "./playbook-duties.js";
import {
  byOutlet,
  currencyCode,
  DurationSchema,
  hhmm,
  i18nKey,
  key,
  LadderStepSchema,
  range,
  role,
  roleList,
  units,
  WEEKDAYS,
} from "./playbook-primitives.js";

export {
  CIRCULAR_DEFAULTS,
  type CircularSettings,
  CircularSettingsSchema,
  HANDOVER_KINDS,
  type HandoverItem,
  HandoverItemSchema,
  type HandoverKind,
  type HandoverKindDef,
} from "./playbook-duties.js";
export {
  type Duration,
  DurationSchema,
  LadderStepSchema,
  type Role,
  WEEKDAYS,
  type Weekday,
} from "./playbook-primitives.js";

/** Where a role is held: at one outlet (org file `roles:`), or across a region (`regionRoles:`). */
export const ROLE_SCOPES = ["outlet", "region"] as const;
export type RoleScope = (typeof ROLE_SCOPES)[number];

export const RoleSchema = z
  .object({
    key,
    label: i18nKey,
    scope: z.enum(ROLE_SCOPES, { error: 'must be "outlet" or "region"' }),
    /** Decision rank (1 = lowest). Complaint steps may be decided from the step role's rank up. */
    rank: z.number().int().positive().optional(),
  })
  .strict();
export type RoleDef = z.infer<typeof RoleSchema>;

/**
 * Who may do what. Every authority decision in the bot reads this section through
 * src/permissions/; see docs/permissions.md.
 */
export const PermissionsSchema = z
  .object({
    tasks: z
      .object({
        /** "audience": each task's own audience confirms it; a list: these roles confirm every task. */
        confirm: z.union([z.literal("audience"), roleList.min(1)]),
        /** May also confirm (and see in "my day") every task of an outlet where they hold the role. */
        oversee: roleList,
        /** May send a reminder by hand ("remind <task>"). */
        remind: roleList,
        /** An overdue or missed task goes to the first tier with anyone at the outlet. */
        escalateTo: z.array(roleList.min(1)).min(1),
      })
      .strict(),
    incidents: z
      .object({
        acknowledge: roleList,
        /** May add an update to any incident (its reporter may always add one to their own). */
        update: roleList,
        resolve: roleList,
        close: roleList,
      })
      .strict(),
    complaints: z
      .object({
        close: roleList,
        /**
         * A step is decided (approve, send back, escalate) by its own role, or by a ranked role
         * whose rank is from the step role's rank up to `ranksAbove` above it.
         */
        decide: z.object({ ranksAbove: z.number().int().min(0) }).strict(),
      })
      .strict(),
    /** Follow-ups (整改跟踪) opened by failed items: who closes them. Absent: whoever closes incidents. */
    followUps: z.object({ close: roleList }).strict().optional(),
    /**
     * 轮岗/强制休假 due dates. view: outlet roles that may list the due dates of their outlets'
     * staff; remindTo: outlet roles reminded before a due date. Absent: the summaries.outlet roles.
     */
    rotation: z
      .object({ view: roleList, remindTo: roleList.min(1) })
      .strict()
      .optional(),
    /**
     * Circulars (通知学习确认): who may send a notice to an outlet (an outlet role held there) or
     * to a region (a region role), and see who has not acknowledged it. Absent: the roles that
     * see summaries (summaries.outlet and summaries.region).
     */
    circulars: z.object({ send: roleList }).strict().optional(),
    /**
     * 排班/请假/代岗. manage: outlet roles that record (and cancel) anyone's absence and cover at
     * their outlet; delegate: roles that may hand their own roles to a cover for a date range.
     * Absent: the summaries.outlet roles for both.
     */
    roster: z.object({ manage: roleList, delegate: roleList }).strict().optional(),
    /**
     * 印章/重要空白凭证 custody (docs/custody.md). keep: outlet roles that receive, issue, take
     * back and void items (a holder may always void their own); count: who records a stock count
     * (盘点); spotCheck: who records the vault spot check (查库). Absent: keep and count are the
     * summaries.outlet roles, spotCheck adds the summaries.region roles.
     */
    custody: z.object({ keep: roleList, count: roleList, spotCheck: roleList }).strict().optional(),
    /**
     * 事后监督差错整改 (docs/backoffice.md). issue: who raises an error notice on an outlet;
     * accept: who accepts or returns the outlet's reply; reply: outlet roles that reply (the
     * notice's responsible person may always reply). Absent: nobody issues, regional accepts.
     */
    backOffice: z
      .object({ issue: roleList, accept: roleList, reply: roleList.min(1) })
      .strict()
      .optional(),
    /**
     * 交接班/临时离岗 (docs/handover.md). give: outlet roles that may hand over; receive: outlet
     * roles that may be named as the receiver and confirm. Absent: anyone with a role at the outlet.
     */
    handovers: z
      .object({ give: roleList.min(1), receive: roleList.min(1) })
      .strict()
      .optional(),
    summaries: z
      .object({
        /** Outlet-scoped roles: see summaries of the outlets where they hold the role. */
        outlet: roleList,
        /** Region-scoped roles: see summaries of every outlet of their region. */
        region: roleList,
      })
      .strict(),
  })
  .strict();
export type Permissions = z.infer<typeof PermissionsSchema>;

/** skip: no occurrence that period; next: move to the next working day (monthly reports). */
const ifNotWorkingDay = z.enum(["skip", "next"]).default("skip");

export const ScheduleSchema = z.discriminatedUnion(
  "every",
  [
    z.object({ every: z.literal("day"), at: hhmm, ifNotWorkingDay }).strict(),
    z.object({ every: z.literal("week"), weekday: z.enum(WEEKDAYS), at: hhmm, ifNotWorkingDay }).strict(),
    // day 1..28 so every month has it; "last" is the last day of the month
    z
      .object({
        every: z.literal("month"),
        day: z.union([z.number().int().min(1).max(28), z.literal("last")]),
        at: hhmm,
        ifNotWorkingDay,
      })
      .strict(),
    z
      .object({
        every: z.literal("quarter"),
        month: z.number().int().min(1).max(3).default(1), // month within the quarter
        day: z.union([z.number().int().min(1).max(28), z.literal("last")]),
        at: hhmm,
        ifNotWorkingDay,
      })
      .strict(),
  ],
  { error: 'must have every: "day", "week", "month" or "quarter"' },
);
export type Schedule = z.infer<typeof ScheduleSchema>;

const itemBase = {
  key,
  label: i18nKey,
  optional: z.boolean().default(false),
  /** Dual control (双人): a second, different person holding this role must confirm. */
  dualControl: z.object({ role }).strict().optional(),
  /** Incident type drafted when this item fails; defaults to the task's failIncidentType. */
  failIncidentType: key.optional(),
  /** What a failure opens: an incident draft, or a follow-up (整改跟踪) due within followUpWithin. */
  onFail: z.enum(["incident", "followUp"]).optional(),
  followUpWithin: DurationSchema.optional(),
};

export const ItemSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ ...itemBase, kind: z.literal("yesno") }).strict(),
    z.object({ ...itemBase, kind: z.literal("number"), unit: z.string().min(1), range }).strict(),
    z
      .object({
        ...itemBase,
        kind: z.literal("amount"),
        currency: currencyCode,
        range,
        /** A counted cash amount: above the outlet's incidents.cashLimit the item fails (超限额). */
        cashLimit: z.boolean().default(false),
      })
      .strict(),
    z
      .object({ ...itemBase, kind: z.literal("text"), maxLength: z.number().int().positive().max(3000).default(500) })
      .strict(),
    z
      .object({
        ...itemBase,
        kind: z.literal("choice"),
        // an option with fails: true records the item as failed (an exception)
        options: z
          .array(z.object({ key, label: i18nKey, fails: z.boolean().default(false) }).strict())
          .min(2)
          .max(25),
      })
      .strict(),
    z.object({ ...itemBase, kind: z.literal("photo") }).strict(),
  ],
  { error: 'must have kind: "yesno", "number", "amount", "text", "choice" or "photo"' },
);
export type Item = z.infer<typeof ItemSchema>;

export const TaskSchema = z
  .object({
    key,
    title: i18nKey,
    schedule: ScheduleSchema,
    /** Roles reminded; anyone holding one of them at the outlet may confirm. */
    audience: z.array(role).min(1),
    nudgeAfter: DurationSchema,
    escalateAfter: DurationSchema,
    /** How long the task stays open after it is due; then it is missed. */
    window: DurationSchema,
    failIncidentType: key.default("equipment"),
    /** The default for the task's items: a failure drafts an incident, or opens a follow-up (整改跟踪). */
    onFail: z.enum(["incident", "followUp"]).default("incident"),
    followUpWithin: DurationSchema.optional(),
    items: z.array(ItemSchema).min(1).max(40),
  })
  .strict();
export type Task = z.infer<typeof TaskSchema>;

/**
 * The standard grading of 异常事件: 特别重大 / 重大 / 较大 / 一般, most severe first. One name per
 * level everywhere (labels:severity.*).
 */
export const SEVERITIES = ["critical", "serious", "major", "minor"] as const;
export type Severity = (typeof SEVERITIES)[number];
/** The fields an incident type may ask for; overShort is 长款/短款, policeCalled 是否报警. */
export const INCIDENT_FIELDS = [
  "overShort",
  "policeCalled",
  "amount",
  "denomination",
  "serialNumber",
  "location",
] as const;
export type IncidentField = (typeof INCIDENT_FIELDS)[number];
/** The values of the choice-like incident fields; "unknown" is an over/short not yet established. */
export const INCIDENT_FIELD_VALUES: Partial<Record<IncidentField, readonly string[]>> = {
  overShort: ["over", "short", "unknown"],
  policeCalled: ["yes", "no"],
};
const incidentField = z.enum(INCIDENT_FIELDS, { error: `must be one of ${INCIDENT_FIELDS.join(", ")}` });

/** `field` is required only when `when` has the value `equals`, or one of `in`. */
export const RequiredIfSchema = z
  .object({
    field: incidentField,
    when: incidentField,
    equals: z.string().min(1).optional(),
    in: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict()
  .refine((r) => (r.equals === undefined) !== (r.in === undefined), { message: "must give exactly one of equals, in" });
export type RequiredIf = z.infer<typeof RequiredIfSchema>;

/** From this amount (whole units of the incident currency) upwards the incident has this severity. */
const AmountSeveritySchema = z.object({ atLeast: units, severity: z.enum(SEVERITIES) }).strict();

export const IncidentTypeSchema = z
  .object({
    key,
    label: i18nKey,
    severity: z.enum(SEVERITIES),
    /** Roles notified on report; unacknowledged incidents climb incidents.ladder beyond them. */
    reportTo: z.array(role).min(1),
    requires: z.array(incidentField).default([]),
    requiredIf: z.array(RequiredIfSchema).default([]),
    /** When an amount is given it sets the severity: the highest threshold it reaches wins. */
    severityByAmount: z.array(AmountSeveritySchema).default([]),
  })
  .strict();

export const PlaybookSchema = z
  .object({
    version: z.literal(1, { error: "must be 1" }),
    roles: z.array(RoleSchema).min(1),
    permissions: PermissionsSchema,
    tasks: z.array(TaskSchema).min(1),
    ...DUTY_SECTIONS,
    incidents: z
      .object({
        ladder: z.array(role).min(1),
        ackWithin: z
          .object({ critical: DurationSchema, serious: DurationSchema, major: DurationSchema, minor: DurationSchema })
          .strict(),
        types: z.array(IncidentTypeSchema).min(1),
        /** The currency of incident amounts; outlets keyed by code may use another. */
        currency: z
          .object({ default: currencyCode.default("CNY"), byOutlet: byOutlet(currencyCode).default({}) })
          .strict()
          .default({ default: "CNY", byOutlet: {} }),
        /**
         * 库存现金限额, in whole units of the item's currency: an amount item with cashLimit: true
         * above it fails, drafting that item's failIncidentType (超限额).
         */
        cashLimit: z
          .object({ amount: units, byOutlet: byOutlet(units).default({}) })
          .strict()
          .optional(),
      })
      .strict(),
    complaints: z
      .object({
        categories: z.array(z.object({ key, label: i18nKey }).strict()).min(1),
        intakeChannels: z.array(z.object({ key, label: i18nKey }).strict()).min(1),
        ladder: z.array(LadderStepSchema).min(1),
        followUpWithin: DurationSchema,
      })
      .strict(),
  })
  .strict();

export type Playbook = z.infer<typeof PlaybookSchema>;
export type IncidentType = z.infer<typeof IncidentTypeSchema>;
export type LadderStep = z.infer<typeof LadderStepSchema>;
export type BackOffice = NonNullable<Playbook["backOffice"]>;
export type CustodyItem = NonNullable<Playbook["custody"]>["items"][number];
