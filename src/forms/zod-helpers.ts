// Small zod building blocks whose error messages are i18n keys (forms:errors.*), so a failed
// submission maps straight onto field errors in the reader's locale.
import { z } from "zod";
import { formatMinor, parseAmount } from "../domain/money.js";

export const requiredText = (max: number) =>
  z
    .string({ error: "forms:errors.required" })
    .trim()
    .min(1, { error: "forms:errors.required" })
    .max(max, { error: "forms:errors.too_long" });

export const optionalText = (max: number) => z.string().trim().max(max, { error: "forms:errors.too_long" }).optional();

export const oneOf = (values: readonly string[]) =>
  z.string({ error: "forms:errors.required" }).refine((v) => values.includes(v), { error: "forms:errors.choice" });

/** Decimal text in, canonical decimal text out ("¥12,345.6" → "12345.60"); never a float. */
export const decimalText = (currency: string) =>
  z.string().transform((raw, ctx) => {
    const p = parseAmount(raw, currency);
    if (p.ok && p.minor >= 0n) return formatMinor(p.minor, currency);
    ctx.issues.push({ code: "custom", message: "forms:errors.amount", params: { digits: 2 }, input: raw });
    return z.NEVER;
  });

export const opt = (values: readonly string[], ns: string) =>
  values.map((v) => ({ value: v, label: { key: `${ns}${v}` } }));
