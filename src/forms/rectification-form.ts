// Closing a follow-up (整改跟踪): the closing note says what was done. Masked by the service.
import { z } from "zod";
import type { FormDefinition } from "./types.js";
import { requiredText } from "./zod-helpers.js";

export interface RectificationCloseCtx {
  rectificationId: string;
  ref?: string;
}

export interface RectificationCloseInput {
  rectificationId: string;
  note: string;
}

export const rectificationCloseForm: FormDefinition<RectificationCloseCtx, RectificationCloseInput> = {
  key: "rectification_close",
  title: (ctx) => ({ key: "forms:rectification.title", vars: { ref: ctx.ref ?? "" } }),
  submit: { key: "forms:rectification.submit" },
  fields: () => [
    { name: "note", label: { key: "forms:rectification.note" }, kind: "longtext", required: true, maxLength: 1000 },
  ],
  schema: (ctx) =>
    z
      .object({ note: requiredText(1000) })
      .transform((v): RectificationCloseInput => ({ rectificationId: ctx.rectificationId, note: v.note })),
};
