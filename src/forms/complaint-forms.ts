// The complaint forms: logging a complaint, the comment on a ladder decision, and the customer
// follow-up (回访) with the cause analysis (原因分析) and preventive measures (整改措施) the
// close needs. Outputs are exactly the cases services' inputs; masking of customer data
// happens in those services, before anything is stored.
import { z } from "zod";
import type { Playbook } from "../config/playbook-schema.js";
import type { DecisionInput, FollowUpInput, LogComplaintInput } from "../domain/case-inputs.js";
import type { Decision } from "../domain/complaint-ladder.js";
import type { FormDefinition } from "./types.js";
import { oneOf, opt, optionalText, requiredText } from "./zod-helpers.js";

// the inputs are declared once, in src/domain/case-inputs.ts
export type { Decision, DecisionInput, FollowUpInput, LogComplaintInput };

export const FOLLOW_UP_OUTCOMES = ["satisfied", "unsatisfied", "unreachable"] as const;

export function complaintForm(playbook: Playbook): FormDefinition<{ outletId: string }, LogComplaintInput> {
  const { categories, intakeChannels } = playbook.complaints;
  return {
    key: "complaint",
    title: () => ({ key: "forms:complaint.title" }),
    submit: { key: "forms:complaint.submit" },
    intro: () => [{ key: "forms:complaint.privacy" }],
    fields: () => [
      {
        name: "category",
        label: { key: "forms:complaint.category" },
        kind: "choice",
        required: true,
        options: categories.map((c) => ({ value: c.key, label: { key: c.label } })),
      },
      {
        name: "intakeChannel",
        label: { key: "forms:complaint.intake_channel" },
        kind: "choice",
        required: true,
        options: intakeChannels.map((c) => ({ value: c.key, label: { key: c.label } })),
      },
      {
        name: "customerRef",
        label: { key: "forms:complaint.customer_ref" },
        kind: "text",
        required: true,
        maxLength: 100,
      },
      {
        name: "description",
        label: { key: "forms:complaint.description" },
        kind: "longtext",
        required: true,
        maxLength: 2000,
      },
      {
        name: "desiredOutcome",
        label: { key: "forms:complaint.desired_outcome" },
        kind: "longtext",
        required: true,
        maxLength: 1000,
      },
    ],
    schema: (ctx) =>
      z
        .object({
          category: oneOf(categories.map((c) => c.key)),
          intakeChannel: oneOf(intakeChannels.map((c) => c.key)),
          customerRef: requiredText(100),
          description: requiredText(2000),
          desiredOutcome: requiredText(1000),
        })
        .transform((v): LogComplaintInput => ({ outletId: ctx.outletId, ...v })),
  };
}

/** The comment on Approve / Request changes / Escalate; optional only for an approval. */
export const decisionCommentForm: FormDefinition<
  { complaintId: string; decision: Decision; ref?: string },
  DecisionInput
> = {
  key: "decision_comment",
  // the reference in the title: a supervisor deciding several complaints sees which one
  title: (ctx) => ({ key: `forms:decision.title_${ctx.decision}`, vars: { ref: ctx.ref ?? "" } }),
  submit: { key: "forms:decision.submit" },
  fields: (ctx) => [
    {
      name: "comment",
      label: { key: "forms:decision.comment" },
      kind: "longtext",
      required: ctx.decision !== "approve",
      maxLength: 2000,
    },
  ],
  schema: (ctx) =>
    z
      .object({ comment: ctx.decision === "approve" ? optionalText(2000) : requiredText(2000) })
      .transform(
        (v): DecisionInput => ({ complaintId: ctx.complaintId, decision: ctx.decision, comment: v.comment ?? "" }),
      ),
};

export const followUpForm: FormDefinition<{ complaintId: string }, FollowUpInput> = {
  key: "follow_up",
  title: () => ({ key: "forms:follow_up.title" }),
  submit: { key: "forms:follow_up.submit" },
  fields: () => [
    {
      name: "outcome",
      label: { key: "forms:follow_up.outcome" },
      kind: "choice",
      required: true,
      options: opt(FOLLOW_UP_OUTCOMES, "forms:follow_up.outcomes."),
    },
    { name: "note", label: { key: "forms:follow_up.note" }, kind: "longtext", required: true, maxLength: 1000 },
    {
      name: "causeAnalysis",
      label: { key: "forms:follow_up.cause_analysis" },
      kind: "longtext",
      required: true,
      maxLength: 2000,
    },
    {
      name: "preventiveMeasures",
      label: { key: "forms:follow_up.preventive_measures" },
      kind: "longtext",
      required: true,
      maxLength: 2000,
    },
  ],
  schema: (ctx) =>
    z
      .object({
        outcome: z.enum(FOLLOW_UP_OUTCOMES, { error: "forms:errors.choice" }),
        note: requiredText(1000),
        causeAnalysis: requiredText(2000),
        preventiveMeasures: requiredText(2000),
      })
      .transform((v): FollowUpInput => ({ complaintId: ctx.complaintId, ...v })),
};
