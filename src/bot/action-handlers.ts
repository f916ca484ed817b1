// Buttons and card actions → service calls. Every lookup by an id from a button tolerates a
// stale, decided or unknown entity: the person gets a polite text, never an exception.

import type { Task } from "../config/playbook-schema.js";
import type { IncidentFormCtx } from "../forms/index.js";
import { canHandleIncident } from "../permissions/index.js";
import {
  formSessionById,
  incidentById,
  incidentRef,
  incidentRefFromResult,
  occurrenceOutletId,
  resultWithOccurrence,
} from "../queries/index.js";
import { failureDraft } from "../services/tasks/checklist-draft.js";
import { resultView } from "../services/tasks/checklist-reply.js";
import { errorNoticeAction, errorNoticeAt, errorNoticesAt, isErrorNoticeAction } from "./backoffice.js";
import { complaintFromMessage, outletIncidentCurrency, startCaseForm } from "./case-forms.js";
import { acknowledgeAction, newCircularForm } from "./circulars.js";
import { complaintAction, isComplaintAction } from "./complaint-actions.js";
import type { ActionResult } from "./contract.js";
import { custodyAt } from "./custody.js";
import { complaintViewAction, errorNoticeView, withEntity } from "./entity-views.js";
import { offerForm } from "./form-runner.js";
import { handoverAction, handoverStartAction, isHandoverAction } from "./handover.js";
import { outletFromValue } from "./outlet-choice.js";
import { closeRectificationAction, followUpsAt } from "./rectifications.js";
import { answer, reply, tell } from "./replies.js";
import type { Req } from "./request.js";
import { cancelAbsenceAction, rosterAt } from "./roster.js";
import { rotationAt } from "./rotation.js";
import type { CoreServices } from "./services.js";
import { showChecklist } from "./task-commands.js";

const INCIDENT_STEPS = {
  "incident.acknowledge": { run: "acknowledge", done: "bot:incident.acknowledged" },
  "incident.resolve": { run: "resolve", done: "bot:incident.resolved" },
  "incident.close": { run: "close", done: "bot:incident.closed" },
} as const;

export async function runAction(s: CoreServices, req: Req, action: string, value: string): Promise<ActionResult> {
  const staff = { id: req.staff.id, name: req.staff.name };
  switch (action) {
    case "checklist.open":
      return showChecklist(s, req, value, "modal");
    case "checklist.all_ok": {
      const result = await s.checklist.confirmAllOk(staff, value, req.actor);
      return withEntity(s, req, answer(reply(req, resultView(result))), { kind: "reminder", id: value });
    }
    case "checklist.echo_confirm":
      return echoConfirm(s, req, value);
    case "checklist.echo_cancel":
      return echoCancel(s, req, value);
    case "form.cancel":
      return cancelForm(s, req, value);
    case "incident.report":
      return reportIncident(s, req, value);
    case "incident.from_checklist":
      return incidentFromChecklist(s, req, value);
    case "incident.update":
      return incidentNote(s, req, value);
    case "incident.acknowledge":
    case "incident.resolve":
    case "incident.close": {
      const step = INCIDENT_STEPS[action];
      const r = await s.incidents[step.run](req.actor, value);
      if (!r.ok) return answer(tell(req, r.message));
      const ref = await incidentRef(s.db, value);
      return withEntity(s, req, answer(tell(req, { key: step.done, vars: { ref } })), { kind: "incident", id: value });
    }
    case "complaint.new":
      return startCaseForm(s, req, "complaint", "modal", outletOption(value));
    case "complaint.view":
      return complaintViewAction(s, req, value);
    case "complaint.from_message":
      return complaintFromMessage(s, req, value);
    case "rectification.list":
      return followUpsAt(s, req, value);
    case "rectification.close":
      return closeRectificationAction(s, req, value);
    case "rotation.list":
      return rotationAt(s, req, value);
    case "circular.acknowledge":
      return acknowledgeAction(s, req, value);
    case "circular.new":
      return newCircularForm(s, req);
    case "roster.list":
      return rosterAt(s, req, value);
    case "custody.list":
      return custodyAt(s, req, value);
    case "roster.cancel":
      return cancelAbsenceAction(s, req, value);
    case "errornotice.new":
      return errorNoticeAt(s, req, value);
    case "errornotice.list":
      return errorNoticesAt(s, req, value);
    case "errornotice.view":
      return errorNoticeView(s, req, value);
    case "handover.start":
      return handoverStartAction(s, req, value);
    default:
      if (isHandoverAction(action)) return handoverAction(s, req, action, value);
      if (isComplaintAction(action)) return complaintAction(s, req, action, value);
      if (isErrorNoticeAction(action)) return errorNoticeAction(s, req, action, value);
      return answer(tell(req, { key: "bot:errors.unknown_action" }));
  }
}

const outletOption = (value: string) => {
  const outletId = outletFromValue(value);
  return outletId ? { outletId } : {};
};

/** "Report a problem": from a reminder (value = occurrence id), an outlet choice, or nothing. */
async function reportIncident(s: CoreServices, req: Req, value: string): Promise<ActionResult> {
  if (!value || outletFromValue(value)) return startCaseForm(s, req, "incident", "modal", outletOption(value));
  const outletId = await occurrenceOutletId(s.db, value);
  if (!outletId) return answer(tell(req, { key: "checklist:refusal.unknown" }));
  return startCaseForm(s, req, "incident", "modal", { outletId });
}

/** The incident form pre-filled from a failed checklist item (value = its result id). */
async function incidentFromChecklist(s: CoreServices, req: Req, resultId: string): Promise<ActionResult> {
  const row = await resultWithOccurrence(s.db, resultId);
  if (!row) return answer(tell(req, { key: "bot:incident.source_unknown" }));
  const reported = await incidentRefFromResult(s.db, resultId);
  if (reported) return answer(tell(req, { key: "bot:incident.already_reported", vars: { ref: reported } }));
  const { occurrence } = row;
  if ((await s.directory.rolesAt(req.staff.id, occurrence.outletId)).length === 0) {
    return answer(tell(req, { key: "incidents:refusal.not_at_outlet" }));
  }
  const task = JSON.parse(occurrence.templateVersion.definition) as Task;
  const item = task.items.find((i) => i.key === row.itemKey);
  if (!item) return answer(tell(req, { key: "bot:incident.source_unknown" }));
  // an over/short choice drafts a cash discrepancy: carry the amount entered on the same checklist
  const amountKeys = new Set(task.items.filter((i) => i.kind === "amount").map((i) => i.key));
  const amountMinor =
    row.amountMinor ??
    occurrence.results.find((r) => amountKeys.has(r.itemKey) && r.amountMinor !== null)?.amountMinor ??
    null;
  const { draft } = failureDraft({
    outletId: occurrence.outletId,
    task,
    item,
    resultId,
    reporterId: req.staff.id,
    note: row.note,
    amountMinor,
    valueText: row.valueText,
    t: s.i18n.fixed(req.locale),
  });
  const ctx: IncidentFormCtx = {
    outletId: draft.outletId,
    currency: await outletIncidentCurrency(s, draft.outletId),
    draft: {
      type: draft.type,
      description: draft.description,
      sourceResultId: draft.sourceResultId,
      ...(draft.amountMinor !== undefined ? { amountMinor: draft.amountMinor.toString() } : {}),
      ...(draft.location ? { location: draft.location } : {}),
      ...(draft.overShort ? { overShort: draft.overShort } : {}),
    },
  };
  const button = {
    action: "incident.from_checklist",
    label: { key: "checklist:result.report_incident" },
    value: resultId,
  };
  return offerForm(s, req, "modal", { key: "incident", ctx, entity: resultId, button });
}

/** "Add update": the note form, for the incident's handlers and its reporter. */
async function incidentNote(s: CoreServices, req: Req, incidentId: string): Promise<ActionResult> {
  const i = await incidentById(s.db, incidentId);
  if (!i) return answer(tell(req, { key: "incidents:refusal.not_found" }));
  if (i.status === "closed") return answer(tell(req, { key: "incidents:refusal.closed", vars: { ref: i.ref } }));
  const roles = await s.directory.rolesAt(req.staff.id, i.outletId);
  if (!canHandleIncident(s.playbook, "update", roles, { isReporter: i.reportedById === req.staff.id })) {
    return answer(tell(req, { key: "incidents:refusal.not_authorised", vars: { ref: i.ref } }));
  }
  const button = { action: "incident.update", label: { key: "incidents:actions.update" }, value: incidentId };
  return offerForm(s, req, "modal", { key: "incident_note", ctx: { incidentId }, entity: incidentId, button });
}

/**
 * Confirm on an echo: the echo is edited in place to say it is recorded (its buttons gone) and
 * the result goes to the person alone. A repeat click, or one after Cancel, changes nothing
 * and says so privately.
 */
async function echoConfirm(s: CoreServices, req: Req, sessionId: string): Promise<ActionResult> {
  const staff = { id: req.staff.id, name: req.staff.name };
  // the lines as the person saw them: built before recording, since "all ok" covers only the
  // items that were still open when the echo was shown
  const settled = await s.replyFlow.settledEcho(sessionId, "recorded");
  const { result, view } = await s.replyFlow.confirmEcho(sessionId, staff, req.actor);
  if (!result.ok) return answer(reply(req, view));
  return answer(...(settled ? [reply(req, settled, "replace")] : []), reply(req, view));
}

async function echoCancel(s: CoreServices, req: Req, sessionId: string): Promise<ActionResult> {
  const staff = { id: req.staff.id, name: req.staff.name };
  const out = await s.replyFlow.cancelEcho(sessionId, staff);
  if (!out.cancelled) return answer(reply(req, out.view));
  const settled = await s.replyFlow.settledEcho(sessionId, "cancelled");
  return answer(settled ? reply(req, settled, "replace") : reply(req, out.view));
}

/** Cancel on a form card (Teams): the session closes and the card says nothing was saved. */
async function cancelForm(s: CoreServices, req: Req, sessionId: string): Promise<ActionResult> {
  const row = await formSessionById(s.db, sessionId);
  if (row && row.staffId === req.staff.id && row.status === "active") {
    await s.formStore.close(row, "cancelled");
  }
  return answer(reply(req, { type: "text", message: { key: "bot:form.cancelled" } }, "replace"));
}
