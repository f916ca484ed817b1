// The playbook sections of the later duties (issue 15): digests, rotation and mandatory leave,
// shift handovers, seal and voucher custody, back-office error notices and circulars. Spread
// into PlaybookSchema (playbook-schema.ts); each is optional or has a default, so a playbook
// written before them still loads.
import { z } from "zod";
import {
  currencyCode,
  DurationSchema,
  hhmm,
  i18nKey,
  key,
  LadderStepSchema,
  range,
  roleList,
  WEEKDAYS,
} from "./playbook-primitives.js";

/** Circulars (通知学习确认): when people who have not acknowledged a notice are nudged. */
export const CircularSettingsSchema = z
  .object({
    /** The first nudge, this many hours after the notice was sent. */
    nudgeAfterHours: z.number().positive().default(4),
    /** Then again every this many hours... */
    nudgeEveryHours: z.number().positive().default(24),
    /** ...at most this many nudges per person (0: never nudged). */
    maxNudges: z.number().int().min(0).default(3),
  })
  .strict();
export type CircularSettings = z.infer<typeof CircularSettingsSchema>;
export const CIRCULAR_DEFAULTS: CircularSettings = { nudgeAfterHours: 4, nudgeEveryHours: 24, maxNudges: 3 };

/**
 * One thing handed over (交接): a yes/no (尾箱已加封, 钥匙已交接, 密码已更换) or a counted amount
 * (尾箱金额). There is deliberately no free-text item: a password is recorded only as changed or
 * sealed, never written down; the form's one note is masked.
 */
export const HandoverItemSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ key, label: i18nKey, kind: z.literal("yesno") }).strict(),
    z.object({ key, label: i18nKey, kind: z.literal("amount"), currency: currencyCode, range }).strict(),
  ],
  { error: 'must have kind: "yesno" or "amount"' },
);
export type HandoverItem = z.infer<typeof HandoverItemSchema>;

/** 交接班 (shift) and 临时离岗 (temporary_absence): the two kinds of handover. */
export const HANDOVER_KINDS = ["shift", "temporary_absence"] as const;
export type HandoverKind = (typeof HANDOVER_KINDS)[number];

const HandoverKindSchema = z.object({ title: i18nKey, items: z.array(HandoverItemSchema).min(1).max(20) }).strict();
export type HandoverKindDef = z.infer<typeof HandoverKindSchema>;

export const DUTY_SECTIONS = {
  /**
   * Digests: the day's summary to outlet roles at `at` on each working day (outlet-local), and
   * the week's summary to region roles on `weekday` at `at` (the region's first outlet's zone),
   * each in the reader's language. Either may be left out.
   */
  digests: z
    .object({
      daily: z
        .object({ at: hhmm, to: roleList.min(1) })
        .strict()
        .optional(),
      weekly: z
        .object({ weekday: z.enum(WEEKDAYS), at: hhmm, to: roleList.min(1) })
        .strict()
        .optional(),
    })
    .strict()
    .default({}),
  /** 轮岗/强制休假: how many days before a due date its reminder goes out (once per date). */
  rotation: z
    .object({ remindDaysBefore: z.number().int().min(0).max(366).default(30) })
    .strict()
    .default({ remindDaysBefore: 30 }),
  /** 交接班/临时离岗: what each kind of handover lists. A kind left out cannot be started. */
  handovers: z
    .object({ shift: HandoverKindSchema.optional(), temporary_absence: HandoverKindSchema.optional() })
    .strict()
    .default({}),
  /**
   * 印章/重要空白凭证 custody: the seals and important blank vouchers an outlet keeps. A numbered
   * item (cheques, deposit certificates) moves by number ranges; the others by quantity. A count
   * or spot check that differs from the ledger opens an incident of mismatchIncidentType.
   */
  custody: z
    .object({
      items: z
        .array(
          z
            .object({ key, label: i18nKey, kind: z.enum(["seal", "voucher"]), numbered: z.boolean().default(false) })
            .strict(),
        )
        .min(1),
      mismatchIncidentType: key.default("custody_mismatch"),
    })
    .strict()
    .optional(),
  /**
   * 事后监督差错整改: error notices from the back-office supervision centre. The outlet replies
   * within replyWithin (a notice may set its own); a late reply climbs the ladder, each step
   * with its own clock, and the top step flags it (ifLate: flag).
   */
  backOffice: z
    .object({
      categories: z.array(z.object({ key, label: i18nKey }).strict()).min(1),
      replyWithin: DurationSchema,
      ladder: z.array(LadderStepSchema).min(1),
    })
    .strict()
    .optional(),
  circulars: CircularSettingsSchema.default(CIRCULAR_DEFAULTS),
};
