// A finished form (modal, card or text mode) → the service call. Runs only after the form's
// session was closed, so a double submit calls the service once; answers ok only with what
// the service committed. Field problems the service finds come back as field errors; other
// refusals (not allowed, already decided, closed) are told to the person as text.

import { withClaim } from "../db/tx.js";
import type { RaiseNoticeInput } from "../domain/error-notices.js";
import type { CircularFormInput } from "../forms/circular-form.js";
import type { NoticeReplyInput, NoticeReturnInput } from "../forms/error-notice-forms.js";
import type {
  ChecklistFormCtx,
  ChecklistFormValue,
  FollowUpInput,
  LogComplaintInput,
  ReportIncidentInput,
} from "../forms/index.js";
import type { RectificationCloseInput } from "../forms/rectification-form.js";
import { FormAlreadyClosedError } from "../forms/session-store.js";
import { complaintRef, incidentRef } from "../queries/index.js";
import type { DecisionInput, Refusal } from "../services/cases/types.js";
import { cancelAction } from "../services/handover/handover-view.js";
import type { HandoverInput } from "../services/handover/handovers.js";
import { resultView } from "../services/tasks/checklist-reply.js";
import type { FieldErrors, Localised } from "../views/common.js";
import { applyRaise, applyReply, applyReturn } from "./backoffice.js";
import type { FormKey, IncidentNoteInput } from "./bot-forms.js";
import { untouchedDropped } from "./checklist-submit.js";
import type { BotReply } from "./contract.js";
import { withEntityView } from "./entity-views.js";
import { applyHandover } from "./handover.js";
import { applyRectificationClose } from "./rectifications.js";
import { reply, tell, text } from "./replies.js";
import type { Req } from "./request.js";
import type { CoreServices } from "./services.js";

export type Applied = { ok: true; replies: BotReply[] } | { ok: false; errors: FieldErrors };

const done = (...replies: BotReply[]): Applied => ({ ok: true, replies });

function refused(req: Req, r: Refusal): Applied {
  if (r.code === "invalid_input" && r.errors && Object.keys(r.errors).length > 0)
    return { ok: false, errors: r.errors };
  return done(tell(req, r.message));
}

const DECIDED: Record<DecisionInput["decision"], string> = {
  approve: "bot:complaint.approved",
  request_changes: "bot:complaint.changes_requested",
  escalate: "bot:complaint.escalated",
};

/**
 * applyForm with the form's session closed in the same transaction as the service's write.
 * Returns null when the session was already closed: someone (or a retry) submitted it first.
 */
export async function applyClaimed(
  s: CoreServices,
  req: Req,
  key: FormKey,
  value: unknown,
  ctx: unknown,
  session: { id: string; version: number },
): Promise<Applied | null> {
  try {
    const { value: applied, claimed } = await withClaim(
      (tx) => s.formStore.claim(session, tx),
      () => applyForm(s, req, key, value, ctx),
    );
    // nothing was written (e.g. no change): close the session on its own
    if (!claimed && applied.ok && !(await s.formStore.close(session, "done"))) return null;
    return applied;
  } catch (err) {
    if (err instanceof FormAlreadyClosedError) return null;
    throw err;
  }
}

export async function applyForm(
  s: CoreServices,
  req: Req,
  key: FormKey,
  value: unknown,
  ctx: unknown,
): Promise<Applied> {
  switch (key) {
    case "checklist":
      return applyChecklist(s, req, value as ChecklistFormValue, ctx as ChecklistFormCtx);
    case "incident": {
      const r = await s.incidents.report(req.actor, value as ReportIncidentInput);
      return r.ok ? done(tell(req, { key: "bot:incident.reported", vars: { ref: r.ref } })) : refused(req, r);
    }
    case "complaint": {
      const r = await s.complaints.log(req.actor, value as LogComplaintInput);
      return r.ok ? done(tell(req, { key: "bot:complaint.logged", vars: { ref: r.ref } })) : refused(req, r);
    }
    case "decision_comment": {
      const input = value as DecisionInput;
      const r = await s.complaints.decide(req.actor, input);
      if (!r.ok) return refused(req, r);
      const told = tell(req, {
        key: DECIDED[input.decision],
        vars: { ref: await complaintRef(s.db, input.complaintId) },
      });
      return done(...(await withEntityView(s, req, [told], { kind: "complaint", id: input.complaintId })));
    }
    case "follow_up": {
      const input = value as FollowUpInput;
      const r = await s.complaints.logFollowUp(req.actor, input);
      if (!r.ok) return refused(req, r);
      const ref = await complaintRef(s.db, input.complaintId);
      const lines: Localised[] = r.late ? [{ key: "bot:complaint.follow_up_late" }] : [];
      const told = tell(req, { key: "bot:complaint.follow_up_logged", vars: { ref } }, lines);
      return done(...(await withEntityView(s, req, [told], { kind: "complaint", id: input.complaintId })));
    }
    case "rectification_close": {
      const r = await applyRectificationClose(s, req, value as RectificationCloseInput);
      if (!r.ok) return refused(req, r);
      const lines: Localised[] = r.late ? [{ key: "bot:rectification.closed_late" }] : [];
      return done(tell(req, { key: "bot:rectification.closed", vars: { ref: r.ref } }, lines));
    }
    case "circular": {
      const r = await s.circulars.send(req.actor, value as CircularFormInput);
      if (!r.ok) return refused(req, r);
      return done(tell(req, { key: "circulars:sent", vars: { ref: r.ref, count: r.recipients, scope: r.scopeName } }));
    }
    case "error_notice": {
      const r = await applyRaise(s, req, value as RaiseNoticeInput);
      return r.ok ? done(tell(req, { key: "backoffice:done.issued", vars: { ref: r.ref } })) : refused(req, r);
    }
    case "error_notice_reply": {
      const input = value as NoticeReplyInput;
      const r = await applyReply(s, req, input);
      if (!r.ok) return refused(req, r);
      const lines: Localised[] = r.late ? [{ key: "backoffice:done.replied_late" }] : [];
      const told = tell(req, { key: "backoffice:done.replied", vars: { ref: r.ref } }, lines);
      return done(...(await withEntityView(s, req, [told], { kind: "error_notice", id: input.noticeId })));
    }
    case "error_notice_return": {
      const input = value as NoticeReturnInput;
      const r = await applyReturn(s, req, input);
      if (!r.ok) return refused(req, r);
      const told = tell(req, { key: "backoffice:done.returned", vars: { ref: r.ref } });
      return done(...(await withEntityView(s, req, [told], { kind: "error_notice", id: input.noticeId })));
    }
    case "handover": {
      const input = value as HandoverInput;
      const r = await applyHandover(s, req, input);
      if (!r.ok) return refused(req, r);
      const to = (await s.directory.staff(input.toStaffId))?.name ?? "";
      // the giver may still withdraw it (the wrong receiver, say) until it is confirmed
      return done(
        reply(req, text("handover:submitted", { ref: r.ref, to }, { actions: cancelAction({ id: r.handoverId }) })),
      );
    }
    case "incident_note": {
      const input = value as IncidentNoteInput;
      const r = await s.incidents.update(req.actor, input.incidentId, input.note);
      if (!r.ok) return refused(req, r);
      const told = tell(req, {
        key: "bot:incident.note_added",
        vars: { ref: await incidentRef(s.db, input.incidentId) },
      });
      return done(...(await withEntityView(s, req, [told], { kind: "incident", id: input.incidentId })));
    }
  }
}

async function applyChecklist(s: CoreServices, req: Req, value: ChecklistFormValue, ctx: ChecklistFormCtx) {
  const values = await untouchedDropped(s, req, ctx, value.values);
  if (Object.keys(values).length === 0) return done(reply(req, text("bot:checklist.nothing_changed")));
  const staff = { id: req.staff.id, name: req.staff.name };
  const result = await s.checklist.confirmValues(staff, value.occurrenceId, values, req.actor);
  if (!result.ok && result.errors && Object.keys(result.errors).length > 0)
    return { ok: false as const, errors: result.errors };
  const replies = [reply(req, resultView(result))];
  return done(...(await withEntityView(s, req, replies, { kind: "reminder", id: value.occurrenceId })));
}
