// 事后监督差错整改 in chat. "errornotice [outlet]" / "差错 [网点]" opens the notice form for the
// back-office side (permissions.backOffice.issue); "errornotices [outlet]" / "差错单 [网点]"
// lists the outlet's notices not yet accepted, with their clocks. The card's buttons: Reply
// (the outlet's reply roles or the responsible person: the rectification reply form), Accept
// and Return (permissions.backOffice.accept; Return asks why). Each button checks first and
// the service has the last word.

import type { RaiseNoticeInput } from "../domain/error-notices.js";
import { awaitsReply, stepRole } from "../domain/error-notices.js";
import type { NoticeReplyInput, NoticeReturnInput } from "../forms/error-notice-forms.js";
import { canAcceptErrorNotice, canIssueErrorNotice, canReplyErrorNotice } from "../permissions/index.js";
import { errorNoticeById, outletName, outletStaff } from "../queries/index.js";
import type { Localised } from "../views/common.js";
import { formatDateTime } from "../views/format.js";
import { roleLabel } from "../views/labels.js";
import type { ActionResult, BotReply } from "./contract.js";
import { withEntity } from "./entity-views.js";
import { type FormMode, offerForm } from "./form-runner.js";
import { outletFromValue, pickOutlet } from "./outlet-choice.js";
import { answer, reply, tell, text } from "./replies.js";
import type { Req } from "./request.js";
import type { CoreServices } from "./services.js";

const outletButton = (action: string) => (o: { outletId: string; code: string }) => ({
  action,
  label: { key: "bot:outlet.button", vars: { code: o.code } },
  value: `outlet:${o.outletId}`,
});

/** "errornotice [outlet]": the notice form at an outlet where the person may issue. */
export async function errorNoticeCommand(
  s: CoreServices,
  req: Req,
  mode: FormMode,
  code?: string,
): Promise<ActionResult> {
  if (!s.playbook.backOffice) return answer(tell(req, { key: "backoffice:refusal.not_enabled" }));
  const pick = await pickOutlet(s, req, {
    ...(code ? { code } : {}),
    relevant: (roles) => canIssueErrorNotice(s.playbook, roles),
    none: { key: "backoffice:refusal.not_authorised_issue" },
    choice: outletButton("errornotice.new"),
  });
  if (!pick.ok) return { replies: pick.replies };
  return openIssueForm(s, req, mode, pick.outlet.outletId);
}

/** The outlet button of an ambiguous "errornotice", or the private button in a channel. */
export async function errorNoticeAt(s: CoreServices, req: Req, value: string): Promise<ActionResult> {
  const outletId = outletFromValue(value) ?? value;
  if (!canIssueErrorNotice(s.playbook, await s.directory.rolesAt(req.staff.id, outletId)))
    return answer(tell(req, { key: "backoffice:refusal.not_authorised_issue" }));
  return openIssueForm(s, req, "modal", outletId);
}

async function openIssueForm(s: CoreServices, req: Req, mode: FormMode, outletId: string): Promise<ActionResult> {
  const ctx = { outletId, staff: await outletStaff(s.db, outletId) };
  const button = {
    action: "errornotice.new",
    label: { key: "backoffice:actions.new" },
    value: `outlet:${outletId}`,
    style: "primary" as const,
  };
  return offerForm(s, req, mode, { key: "error_notice", ctx, entity: outletId, button });
}

/** "errornotices [outlet]": the outlet's notices not yet accepted, soonest due first. */
export async function errorNoticesCommand(s: CoreServices, req: Req, code?: string): Promise<ActionResult> {
  const pick = await pickOutlet(s, req, {
    ...(code ? { code } : {}),
    relevant: (roles) => s.playbook.backOffice !== undefined && canSeeList(s, roles),
    none: { key: "backoffice:refusal.not_authorised_list" },
    choice: outletButton("errornotice.list"),
  });
  if (!pick.ok) return { replies: pick.replies };
  return answer(await listReply(s, req, pick.outlet.outletId, pick.outlet.name));
}

const canSeeList = (s: CoreServices, roles: Parameters<typeof canIssueErrorNotice>[1]) =>
  canIssueErrorNotice(s.playbook, roles) ||
  canAcceptErrorNotice(s.playbook, roles) ||
  canReplyErrorNotice(s.playbook, roles);

export async function errorNoticesAt(s: CoreServices, req: Req, value: string): Promise<ActionResult> {
  const outletId = outletFromValue(value) ?? value;
  const name = await outletName(s.db, outletId);
  if (name === null || !(await s.errorNotices.maySee(req.staff.id, outletId)))
    return answer(tell(req, { key: "backoffice:refusal.not_authorised_list" }));
  return answer(await listReply(s, req, outletId, name));
}

async function listReply(s: CoreServices, req: Req, outletId: string, outlet: string): Promise<BotReply> {
  const open = await s.errorNotices.listOpen(outletId);
  if (open.length === 0) return tell(req, { key: "backoffice:list.none", vars: { outlet } });
  const tz = (await s.directory.calendar(outletId)).timeZone;
  const now = s.clock.now();
  const bo = s.playbook.backOffice;
  if (!bo) return tell(req, { key: "backoffice:refusal.not_enabled" });
  const categories = bo.categories;
  const lines: Localised[] = open.map((n) => {
    const category = categories.find((c) => c.key === n.category)?.label ?? "backoffice:unknown";
    const due = formatDateTime(n.dueAt.toISOString(), tz, req.locale);
    const role = n.step > 0 ? stepRole(bo, n.step) : undefined;
    const key = !awaitsReply(n.status)
      ? "backoffice:list.line_replied"
      : n.dueAt <= now
        ? "backoffice:list.line_overdue"
        : role
          ? "backoffice:list.line_escalated"
          : "backoffice:list.line";
    const to = role ? roleLabel(role, s.playbook.roles).key : "";
    return { key, vars: { ref: n.ref, category, due, text: n.description, to } };
  });
  return reply(req, text("backoffice:list.title", { outlet, count: open.length }, { lines }));
}

export const isErrorNoticeAction = (action: string) =>
  action === "errornotice.reply" || action === "errornotice.accept" || action === "errornotice.return";

/** The card's buttons. */
export async function errorNoticeAction(s: CoreServices, req: Req, action: string, id: string): Promise<ActionResult> {
  const n = await errorNoticeById(s.db, id);
  if (!n) return answer(tell(req, { key: "backoffice:refusal.not_found" }));
  const roles = await s.directory.rolesAt(req.staff.id, n.outletId);
  const ctx = { noticeId: n.id, ref: n.ref };
  if (action === "errornotice.reply") {
    if (!canReplyErrorNotice(s.playbook, roles, { isResponsible: n.responsibleStaffId === req.staff.id }))
      return answer(tell(req, { key: "backoffice:refusal.not_authorised_reply", vars: { ref: n.ref } }));
    if (!awaitsReply(n.status))
      return answer(
        tell(req, {
          key: n.status === "accepted" ? "backoffice:refusal.accepted" : "backoffice:refusal.already_replied",
          vars: { ref: n.ref },
        }),
      );
    const button = { action, label: { key: "backoffice:actions.reply" }, value: n.id };
    return offerForm(s, req, "modal", { key: "error_notice_reply", ctx, entity: n.id, button });
  }
  if (!canAcceptErrorNotice(s.playbook, roles))
    return answer(tell(req, { key: "backoffice:refusal.not_authorised_accept", vars: { ref: n.ref } }));
  if (action === "errornotice.accept") {
    const r = await s.errorNotices.accept(req.actor, n.id);
    if (!r.ok) return answer(tell(req, r.message));
    return withEntity(s, req, answer(tell(req, { key: "backoffice:done.accepted", vars: { ref: n.ref } })), {
      kind: "error_notice",
      id: n.id,
    });
  }
  if (n.status !== "replied")
    return answer(
      tell(req, {
        key: n.status === "accepted" ? "backoffice:refusal.accepted" : "backoffice:refusal.not_replied",
        vars: { ref: n.ref },
      }),
    );
  const button = { action, label: { key: "backoffice:actions.return" }, value: n.id };
  return offerForm(s, req, "modal", { key: "error_notice_return", ctx, entity: n.id, button });
}

export const applyRaise = (s: CoreServices, req: Req, input: RaiseNoticeInput) =>
  s.errorNotices.raise(req.actor, input);
export const applyReply = (s: CoreServices, req: Req, input: NoticeReplyInput) =>
  s.errorNotices.reply(req.actor, input.noticeId, input.reply);
export const applyReturn = (s: CoreServices, req: Req, input: NoticeReturnInput) =>
  s.errorNotices.returnReply(req.actor, input.noticeId, input.comment);
