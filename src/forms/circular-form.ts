// Sending a circular (通知学习确认): where to (only asked when the sender may send to several
// outlets or regions), the title, the notice itself, and an optional date to acknowledge by.
// Masked by the service before anything is stored.
import { z } from "zod";
import type { FormField } from "../views/common.js";
import type { FormDefinition } from "./types.js";
import { oneOf, requiredText } from "./zod-helpers.js";

export interface CircularFormCtx {
  /** The outlets and regions the sender may send to, as codes and names. */
  scopes: Array<{ kind: "outlet" | "region"; code: string; name: string }>;
}

export interface CircularFormInput {
  scope?: string;
  title: string;
  body: string;
  dueDate?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const circularForm: FormDefinition<CircularFormCtx, CircularFormInput> = {
  key: "circular",
  title: () => ({ key: "forms:circular.title" }),
  submit: { key: "forms:circular.submit" },
  intro: () => [{ key: "forms:circular.intro" }],
  fields: (ctx) => {
    const fields: FormField[] = [];
    if (ctx.scopes.length > 1)
      fields.push({
        name: "scope",
        label: { key: "forms:circular.scope" },
        kind: "choice",
        required: true,
        options: ctx.scopes.map((s) => ({
          value: s.code,
          label: {
            key: s.kind === "region" ? "forms:circular.scope_region" : "forms:circular.scope_outlet",
            vars: { name: s.name, code: s.code },
          },
        })),
      });
    fields.push(
      { name: "title", label: { key: "forms:circular.notice_title" }, kind: "text", required: true, maxLength: 100 },
      { name: "body", label: { key: "forms:circular.body" }, kind: "longtext", required: true, maxLength: 2000 },
      { name: "due", label: { key: "forms:circular.due" }, kind: "date", required: false },
    );
    return fields;
  },
  schema: (ctx) =>
    z
      .object({
        scope: ctx.scopes.length > 1 ? oneOf(ctx.scopes.map((s) => s.code)) : z.string().optional(),
        title: requiredText(100),
        body: requiredText(2000),
        due: z
          .string()
          .trim()
          .optional()
          .refine((v) => !v || DATE.test(v), { error: "forms:errors.invalid" }),
      })
      .transform(
        (v): CircularFormInput => ({
          ...(ctx.scopes.length > 1 && v.scope ? { scope: v.scope } : { scope: ctx.scopes[0]?.code }),
          title: v.title,
          body: v.body,
          ...(v.due ? { dueDate: v.due } : {}),
        }),
      ),
};
