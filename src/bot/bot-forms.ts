// The forms the core runs, by form key: the shared declarations from src/forms, two of them
// extended with what only the bot knows (a complaint pre-filled from a chat message; the
// ladder step a decision was made on), and the small incident note form.
import { z } from "zod";
import type { Playbook } from "../config/playbook-schema.js";
import { circularForm } from "../forms/circular-form.js";
import { noticeReplyForm, noticeReturnForm, raiseNoticeForm } from "../forms/error-notice-forms.js";
import { handoverForm } from "../forms/handover-form.js";
import type { Decision, DecisionInput, Forms } from "../forms/index.js";
import { rectificationCloseForm } from "../forms/rectification-form.js";
import type { FormDefinition } from "../forms/types.js";
import { requiredText } from "../forms/zod-helpers.js";

/** Any declared form, whatever its context and output (its method parameters are bivariant). */
export type AnyForm = FormDefinition<unknown, unknown>;

export interface ComplaintCtx {
  outletId: string;
  /** A chat message raised as a complaint, masked before it was put here. */
  description?: string;
}

export interface DecisionCtx {
  complaintId: string;
  decision: Decision;
  /** The step the decider saw: a decision on a step that has since moved on is refused. */
  expectedStepId: string;
}

export interface IncidentNoteCtx {
  incidentId: string;
}

export interface IncidentNoteInput {
  incidentId: string;
  note: string;
}

export const incidentNoteForm: FormDefinition<IncidentNoteCtx, IncidentNoteInput> = {
  key: "incident_note",
  title: () => ({ key: "bot:incident_note.title" }),
  submit: { key: "bot:incident_note.submit" },
  fields: () => [
    { name: "note", label: { key: "bot:incident_note.note" }, kind: "longtext", required: true, maxLength: 2000 },
  ],
  schema: (ctx) =>
    z
      .object({ note: requiredText(2000) })
      .transform((v): IncidentNoteInput => ({ incidentId: ctx.incidentId, note: v.note })),
};

export function botForms(forms: Forms, playbook: Playbook) {
  const complaint: FormDefinition<ComplaintCtx, unknown> = {
    ...forms.complaint,
    fields: (ctx) =>
      forms.complaint
        .fields(ctx)
        .map((f) => (f.name === "description" && ctx.description ? { ...f, initial: ctx.description } : f)),
  };
  const decision: FormDefinition<DecisionCtx, DecisionInput & { expectedStepId: string }> = {
    ...forms.decision_comment,
    schema: (ctx) =>
      forms.decision_comment.schema(ctx).transform((v) => ({ ...v, expectedStepId: ctx.expectedStepId })),
  };
  return {
    checklist: forms.checklist,
    incident: forms.incident,
    complaint,
    decision_comment: decision,
    follow_up: forms.follow_up,
    incident_note: incidentNoteForm,
    rectification_close: rectificationCloseForm,
    circular: circularForm,
    error_notice: raiseNoticeForm(playbook),
    error_notice_reply: noticeReplyForm,
    error_notice_return: noticeReturnForm,
    handover: handoverForm,
  } as const;
}

export type FormKey = keyof ReturnType<typeof botForms>;

export const FORM_KEYS: readonly FormKey[] = [
  "checklist",
  "incident",
  "complaint",
  "decision_comment",
  "follow_up",
  "incident_note",
  "rectification_close",
  "circular",
  "error_notice",
  "error_notice_reply",
  "error_notice_return",
  "handover",
];

export const isFormKey = (k: string): k is FormKey => (FORM_KEYS as readonly string[]).includes(k);

/** The forms that may run one question at a time in a thread or DM. */
export const TEXT_FORM_KEYS: readonly FormKey[] = [
  "incident",
  "complaint",
  "decision_comment",
  "follow_up",
  "incident_note",
  "rectification_close",
  "circular",
  "error_notice",
  "error_notice_reply",
  "error_notice_return",
  "handover",
];
