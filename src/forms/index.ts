// Every form, declared once. The bot core picks a definition by key and runs it through the
// FormEngine as a modal, a card or a thread Q&A.
import type { Playbook } from "../config/playbook-schema.js";
import type { LabelLookup } from "../domain/checklist-values.js";
import { checklistForm } from "./checklist-form.js";
import { complaintForm, decisionCommentForm, followUpForm } from "./complaint-forms.js";
import { incidentForm } from "./incident-form.js";

export function createForms(playbook: Playbook, labels: LabelLookup) {
  return {
    checklist: checklistForm(labels),
    incident: incidentForm(playbook),
    complaint: complaintForm(playbook),
    decision_comment: decisionCommentForm,
    follow_up: followUpForm,
  } as const;
}

export type Forms = ReturnType<typeof createForms>;

export type { ChecklistFormCtx, ChecklistFormValue } from "./checklist-form.js";
export type { Decision, DecisionInput, FollowUpInput, LogComplaintInput } from "./complaint-forms.js";
export { FormEngine, type FormStep, type SessionKey } from "./engine.js";
export type { IncidentFormCtx, ReportIncidentInput } from "./incident-form.js";
export { FormSessionStore } from "./session-store.js";
export type { FormDefinition, RawValues, SubmitOutcome } from "./types.js";
