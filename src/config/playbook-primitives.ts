// The building blocks of the playbook format: keys, i18n keys, times, amounts, roles, weekdays,
// durations and ladder steps, shared by the sections in playbook-schema.ts and playbook-duties.ts.
import { z } from "zod";

export const key = z.string().regex(/^[a-z][a-z0-9_]*$/, "must be lower_snake_case");
export const i18nKey = z
  .string()
  .regex(/^[a-z][\w-]*:[\w.-]+$/, 'must be an i18n key like "playbook:tasks.opening.title"');
export const currencyCode = z.string().regex(/^[A-Z]{3}$/, "must be an ISO currency code like CNY");
/** An amount in whole currency units as a YAML number (e.g. 300000 or 12.5), never negative. */
export const units = z.number().nonnegative("must not be negative");
/** Outlet code → value, for per-outlet overrides (codes as in the org file). */
export const byOutlet = <T extends z.ZodType>(value: T) => z.record(z.string().min(1), value);
export const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time "HH:MM" (24-hour)');

/**
 * A role key. Which roles exist is the playbook's `roles:` section, not TypeScript: every role
 * a task, item, incident type, ladder or permission names is checked against it on load.
 */
export type Role = string;
export const role = key;

export const roleList = z.array(role);

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A duration in wall-clock or business time. Exactly one unit. */
export const DurationSchema = z
  .object({
    minutes: z.number().int().positive().optional(),
    hours: z.number().int().positive().optional(),
    days: z.number().int().positive().optional(),
    businessHours: z.number().int().positive().optional(),
    businessDays: z.number().int().positive().optional(),
  })
  .strict()
  .refine((d) => Object.values(d).filter((v) => v !== undefined).length === 1, {
    message: "must give exactly one of minutes, hours, days, businessHours, businessDays",
  });
export type Duration = z.infer<typeof DurationSchema>;

/** A numeric range an item value or a handover amount must lie in. */
export const range = z
  .object({ min: z.number(), max: z.number() })
  .strict()
  .refine((r) => r.max >= r.min, { message: "max must not be less than min", path: ["max"] });

export const LadderStepSchema = z
  .object({
    step: z.number().int().positive(),
    role,
    ackWithin: DurationSchema.optional(),
    actWithin: DurationSchema,
    /** escalate: move to the next step; flag: stay and be flagged overdue in summaries. */
    ifLate: z.enum(["escalate", "flag"]),
  })
  .strict();
