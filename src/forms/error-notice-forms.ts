// The back-office error notice forms (事后监督差错单): raising a notice on an outlet, the
// outlet's rectification reply (整改回复), and the reason for returning a reply. Outputs are
// ErrorNoticeService's inputs; masking happens in the service, before anything is stored.
import { z } from "zod";
import type { Playbook } from "../config/playbook-schema.js";
import { MAX_REPLY_DAYS, type RaiseNoticeInput } from "../domain/error-notices.js";
import type { FormDefinition } from "./types.js";
import { oneOf, optionalText, requiredText } from "./zod-helpers.js";

export interface RaiseNoticeCtx {
  outletId: string;
  /** The outlet's staff, who the notice may name as responsible (ids and names, no secrets). */
  staff: Array<{ id: string; name: string }>;
}

export interface NoticeCtx {
  noticeId: string;
  ref: string;
}

export interface NoticeReplyInput {
  noticeId: string;
  reply: string;
}

export interface NoticeReturnInput {
  noticeId: string;
  comment: string;
}

export function raiseNoticeForm(playbook: Playbook): FormDefinition<RaiseNoticeCtx, RaiseNoticeInput> {
  const categories = playbook.backOffice?.categories ?? [];
  return {
    key: "error_notice",
    title: () => ({ key: "backoffice:form.title" }),
    submit: { key: "backoffice:form.submit" },
    intro: () => [{ key: "backoffice:form.privacy" }],
    fields: (ctx) => [
      {
        name: "category",
        label: { key: "backoffice:form.category" },
        kind: "choice",
        required: true,
        options: categories.map((c) => ({ value: c.key, label: { key: c.label } })),
      },
      {
        name: "description",
        label: { key: "backoffice:form.description" },
        kind: "longtext",
        required: true,
        maxLength: 2000,
      },
      {
        name: "voucherRef",
        label: { key: "backoffice:form.voucher_ref" },
        kind: "text",
        required: false,
        maxLength: 100,
      },
      {
        name: "responsibleStaffId",
        label: { key: "backoffice:form.responsible" },
        kind: "choice",
        required: false,
        options: ctx.staff.map((s) => ({
          value: s.id,
          label: { key: "backoffice:form.person", vars: { name: s.name } },
        })),
      },
      {
        name: "replyDays",
        label: { key: "backoffice:form.reply_days" },
        kind: "number",
        required: false,
        min: 1,
        max: MAX_REPLY_DAYS,
      },
    ],
    schema: (ctx) =>
      z
        .object({
          category: oneOf(categories.map((c) => c.key)),
          description: requiredText(2000),
          voucherRef: optionalText(100),
          responsibleStaffId: z
            .string()
            .optional()
            .refine((v) => !v || ctx.staff.some((s) => s.id === v), { error: "forms:errors.choice" }),
          replyDays: z
            .string()
            .trim()
            .optional()
            .refine((v) => !v || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= MAX_REPLY_DAYS), {
              error: "forms:errors.range",
              params: { min: 1, max: MAX_REPLY_DAYS },
            }),
        })
        .transform(
          (v): RaiseNoticeInput => ({
            outletId: ctx.outletId,
            category: v.category,
            description: v.description,
            ...(v.voucherRef ? { voucherRef: v.voucherRef } : {}),
            ...(v.responsibleStaffId ? { responsibleStaffId: v.responsibleStaffId } : {}),
            ...(v.replyDays ? { replyDays: Number(v.replyDays) } : {}),
          }),
        ),
  };
}

export const noticeReplyForm: FormDefinition<NoticeCtx, NoticeReplyInput> = {
  key: "error_notice_reply",
  title: (ctx) => ({ key: "backoffice:reply_form.title", vars: { ref: ctx.ref } }),
  submit: { key: "backoffice:reply_form.submit" },
  intro: () => [{ key: "backoffice:form.privacy" }],
  fields: () => [
    { name: "reply", label: { key: "backoffice:reply_form.reply" }, kind: "longtext", required: true, maxLength: 2000 },
  ],
  schema: (ctx) =>
    z
      .object({ reply: requiredText(2000) })
      .transform((v): NoticeReplyInput => ({ noticeId: ctx.noticeId, reply: v.reply })),
};

export const noticeReturnForm: FormDefinition<NoticeCtx, NoticeReturnInput> = {
  key: "error_notice_return",
  title: (ctx) => ({ key: "backoffice:return_form.title", vars: { ref: ctx.ref } }),
  submit: { key: "backoffice:return_form.submit" },
  fields: () => [
    {
      name: "comment",
      label: { key: "backoffice:return_form.comment" },
      kind: "longtext",
      required: true,
      maxLength: 2000,
    },
  ],
  schema: (ctx) =>
    z
      .object({ comment: requiredText(2000) })
      .transform((v): NoticeReturnInput => ({ noticeId: ctx.noticeId, comment: v.comment })),
};
