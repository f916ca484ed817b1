// Where error-notice news goes, through the outbox in the caller's transaction: the notice card
// where the outlet's supervisors see it (keyBase errornotice:<id>), edited in place at every
// step; each reply, acceptance, return and escalation as a reply in its thread; and direct
// messages to the people who must act next (the reply roles and the responsible person on
// issue, the issuer on a reply, the ladder step's role on an escalation).
import type { Role } from "../../config/playbook-schema.js";
import type { Db } from "../../db/client.js";
import type { Tx } from "../../db/tx.js";
import { awaitsReply, stepRole } from "../../domain/error-notices.js";
import type { ErrorNotice } from "../../generated/prisma/client.js";
import { outletHeader, staffName } from "../../queries/index.js";
import type { ErrorNoticeEventView, ErrorNoticeView } from "../../views/backoffice.js";
import type { ActionButton, Mention } from "../../views/common.js";
import { noticeStatusLabel, stepLabel } from "../../views/labels.js";
import type { CasesDeps } from "../cases/types.js";
import { mentionsFor, postToOutlet, reachedPlatforms, sendToRoles, sendToStaff, updatePosted } from "../notify.js";

export const noticeKey = (id: string) => `errornotice:${id}`;

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

function backOffice(deps: CasesDeps) {
  const bo = deps.playbook.backOffice;
  if (!bo) throw new Error("the playbook has no backOffice section");
  return bo;
}

/** Who the notice waits on now: the reply roles and the responsible person, or the ladder step's role. */
async function waitingOn(deps: CasesDeps, r: Db | Tx, n: ErrorNotice): Promise<Mention[]> {
  const ids = new Set<string>();
  if (awaitsReply(n.status)) {
    const roles: Role[] = [...(deps.playbook.permissions.backOffice?.reply ?? [])];
    const role = stepRole(backOffice(deps), n.step);
    if (n.step > 0 && role) roles.push(role);
    for (const role of roles) for (const s of await deps.directory.staffWithRole(n.outletId, role, r)) ids.add(s.id);
    if (n.responsibleStaffId) ids.add(n.responsibleStaffId);
  } else if (n.status === "replied") {
    ids.add(n.issuedById);
  }
  return mentionsFor(r as Tx, [...ids]);
}

function noticeActions(n: ErrorNotice): ActionButton[] {
  const b = (action: string, label: string, style?: ActionButton["style"]): ActionButton => ({
    action,
    label: { key: label },
    value: n.id,
    ...(style ? { style } : {}),
  });
  if (awaitsReply(n.status)) return [b("errornotice.reply", "backoffice:actions.reply", "primary")];
  if (n.status === "replied")
    return [
      b("errornotice.accept", "backoffice:actions.accept", "primary"),
      b("errornotice.return", "backoffice:actions.return", "danger"),
    ];
  return [];
}

export async function noticeCard(
  deps: CasesDeps,
  r: Db | Tx,
  n: ErrorNotice,
  now = deps.clock.now(),
): Promise<ErrorNoticeView> {
  const bo = backOffice(deps);
  const [outlet, issuer, responsible, replier, notify] = await Promise.all([
    outletHeader(r, n.outletId),
    staffName(r, n.issuedById),
    n.responsibleStaffId ? staffName(r, n.responsibleStaffId) : Promise.resolve(null),
    n.repliedById ? staffName(r, n.repliedById) : Promise.resolve(null),
    waitingOn(deps, r, n),
  ]);
  const category = bo.categories.find((c) => c.key === n.category);
  const waiting = awaitsReply(n.status);
  const role = stepRole(bo, n.step);
  return {
    type: "error_notice",
    noticeId: n.id,
    ref: n.ref,
    outletName: outlet.name,
    categoryLabel: category ? { key: category.label } : { key: "backoffice:unknown", vars: { key: n.category } },
    status: n.status as ErrorNoticeView["status"],
    statusLabel: noticeStatusLabel(n.status),
    description: n.description,
    ...(n.voucherRef ? { voucherRef: n.voucherRef } : {}),
    issuedBy: issuer ?? "",
    ...(responsible ? { responsible } : {}),
    dueAt: waiting ? iso(n.dueAt) : null,
    overdue: waiting && n.dueAt.getTime() <= now.getTime(),
    ...(n.step > 0 && role ? { step: { no: n.step, label: stepLabel(n.step, role, deps.playbook.roles) } } : {}),
    ...(n.reply && !waiting ? { reply: n.reply, repliedBy: replier ?? "" } : {}),
    ...(n.status === "returned" && n.decisionComment ? { returnedBecause: n.decisionComment } : {}),
    timeZone: outlet.timeZone,
    notify,
    actions: noticeActions(n),
  };
}

/** A new notice: the card where supervisors see it; the reply roles by DM where no channel reaches them; the responsible person by DM. */
export async function announceIssued(deps: CasesDeps, tx: Tx, n: ErrorNotice): Promise<void> {
  const view = await noticeCard(deps, tx, n);
  const posted = await postToOutlet(tx, {
    outletId: n.outletId,
    keyBase: noticeKey(n.id),
    view,
    purpose: "supervisors",
  });
  const reached = await reachedPlatforms(tx, posted);
  await sendToRoles(
    tx,
    {
      outletId: n.outletId,
      roles: [...(deps.playbook.permissions.backOffice?.reply ?? [])],
      keyBase: `${noticeKey(n.id)}:issued`,
      view,
      skip: reached,
    },
    (outletId, role, t) => deps.directory.staffWithRole(outletId, role, t),
  );
  if (n.responsibleStaffId)
    await sendToStaff(tx, { staffId: n.responsibleStaffId, keyBase: `${noticeKey(n.id)}:responsible`, view });
}

/**
 * A reply, decision or clock event: a reply in the notice's thread, then the card edited in
 * place. `n` must be the row after the change; its version keys both, so a replay adds nothing.
 */
export async function announceNoticeEvent(
  deps: CasesDeps,
  tx: Tx,
  n: ErrorNotice,
  event: { kind: ErrorNoticeEventView["event"]; by?: string; comment?: string | null },
): Promise<void> {
  const outlet = await outletHeader(tx, n.outletId);
  const role = stepRole(backOffice(deps), n.step);
  const view: ErrorNoticeEventView = {
    type: "error_notice_event",
    noticeId: n.id,
    ref: n.ref,
    event: event.kind,
    ...(event.by ? { by: event.by } : {}),
    ...(event.comment ? { comment: event.comment } : {}),
    ...(event.kind === "escalated" && role
      ? { to: { no: n.step, label: stepLabel(n.step, role, deps.playbook.roles) } }
      : {}),
    ...(event.kind !== "replied" && event.kind !== "accepted" ? { dueAt: n.dueAt.toISOString() } : {}),
    timeZone: outlet.timeZone,
    notify: event.kind === "accepted" ? [] : await waitingOn(deps, tx, n),
  };
  await postToOutlet(tx, {
    outletId: n.outletId,
    keyBase: `${noticeKey(n.id)}:v${n.version}`,
    view,
    purpose: "supervisors",
    threadOfKeyBase: noticeKey(n.id),
  });
  const card = await noticeCard(deps, tx, n);
  await updatePosted(tx, { keyBase: noticeKey(n.id), view: card, updateSeq: n.version });
  if (event.kind === "replied") {
    // the issuer decides: the card with Accept and Return, in their DM
    await sendToStaff(tx, { staffId: n.issuedById, keyBase: `${noticeKey(n.id)}:replied:v${n.version}`, view: card });
  }
  if (event.kind === "escalated" && role) {
    await sendToRoles(
      tx,
      { outletId: n.outletId, roles: [role], keyBase: `${noticeKey(n.id)}:step:${n.step}:v${n.version}`, view: card },
      (outletId, r, t) => deps.directory.staffWithRole(outletId, r, t),
    );
  }
}
