// Where complaint news goes, through the outbox in the caller's transaction: the card where
// the outlet's supervisors see it (keyBase complaint:<id>), every decision and comment as a
// reply in its thread with the card edited in place to show the current step and clock, and
// a direct message to the owners of each step the complaint arrives at.
import type { Role } from "../../config/playbook-schema.js";
import type { Db } from "../../db/client.js";
import type { Tx } from "../../db/tx.js";
import type { Complaint, ComplaintStep } from "../../generated/prisma/client.js";
import { outletHeader, staffName, currentStep as stepNow } from "../../queries/index.js";
import type { ComplaintEventView } from "../../views/cases.js";
import type { TextView } from "../../views/common.js";
import { mentionsFor, postToOutlet, reachedPlatforms, sendToRoles, updatePosted } from "../notify.js";
import type { Platform } from "../outbox/contract.js";
import { buildComplaintEventView, buildComplaintView } from "./case-views.js";
import type { CasesDeps } from "./types.js";

export const complaintKey = (id: string) => `complaint:${id}`;

/** The step the complaint is waiting on (null once resolved or closed). */
export const currentStep = (tx: Db | Tx, complaintId: string): Promise<ComplaintStep | null> =>
  stepNow(tx, complaintId);

async function mentionsOfRole(deps: CasesDeps, tx: Tx, outletId: string, role: string) {
  const staff = await deps.directory.staffWithRole(outletId, role as Role, tx);
  return mentionsFor(
    tx,
    staff.map((s) => s.id),
  );
}

export async function complaintCard(deps: CasesDeps, tx: Tx, c: Complaint) {
  const [outlet, logger, step, followUp] = await Promise.all([
    outletHeader(tx, c.outletId),
    staffName(tx, c.loggedById),
    currentStep(tx, c.id),
    tx.complaintFollowUp.findUnique({ where: { complaintId: c.id }, select: { id: true } }),
  ]);
  const notify = step ? await mentionsOfRole(deps, tx, c.outletId, step.ownerRole) : [];
  return buildComplaintView(deps.playbook, c, {
    outlet,
    step,
    loggedBy: logger ?? "",
    notify,
    hasFollowUp: followUp !== null,
  });
}

/** Tells the owners of a step that the complaint is now theirs (once per step row). */
export async function notifyStepOwners(
  deps: CasesDeps,
  tx: Tx,
  c: Complaint,
  step: ComplaintStep,
  skip?: readonly Platform[],
): Promise<void> {
  await sendToRoles(
    tx,
    {
      outletId: c.outletId,
      roles: [step.ownerRole as Role],
      keyBase: `${complaintKey(c.id)}:step:${step.seq}`,
      view: await complaintCard(deps, tx, c),
      ...(skip ? { skip } : {}),
    },
    (outletId, role, t) => deps.directory.staffWithRole(outletId, role, t),
  );
}

/**
 * A new complaint: the card where supervisors see it, mentioning the step-1 owners; they get a
 * DM only on a platform where the outlet has no channel (a new case reaches a person once).
 */
export async function announceLogged(deps: CasesDeps, tx: Tx, c: Complaint, step: ComplaintStep): Promise<void> {
  const view = await complaintCard(deps, tx, c);
  const posted = await postToOutlet(tx, {
    outletId: c.outletId,
    keyBase: complaintKey(c.id),
    view,
    purpose: "supervisors",
  });
  await notifyStepOwners(deps, tx, c, step, await reachedPlatforms(tx, posted));
}

/**
 * A decision, comment or clock event: a reply in the complaint's thread, then the card edited
 * in place. `c` must be the row after the change; its version keys both messages, so a
 * replayed change enqueues nothing new.
 */
export async function announceComplaintEvent(
  deps: CasesDeps,
  tx: Tx,
  c: Complaint,
  event: {
    kind: ComplaintEventView["event"];
    stepNo: number;
    /** For a move up the ladder: the step it moved to, named in the thread reply. */
    toStepNo?: number | undefined;
    by?: string;
    comment?: string | null;
    notifyRole?: string;
  },
): Promise<void> {
  const notify = event.notifyRole ? await mentionsOfRole(deps, tx, c.outletId, event.notifyRole) : [];
  await postThreadReply(deps, tx, c, buildComplaintEventView(deps.playbook, c, event.kind, { ...event, notify }));
}

export async function postThreadReply(
  deps: CasesDeps,
  tx: Tx,
  c: Complaint,
  view: ComplaintEventView | TextView,
): Promise<void> {
  await postToOutlet(tx, {
    outletId: c.outletId,
    keyBase: `${complaintKey(c.id)}:v${c.version}`,
    view,
    purpose: "supervisors",
    threadOfKeyBase: complaintKey(c.id),
  });
  await updatePosted(tx, { keyBase: complaintKey(c.id), view: await complaintCard(deps, tx, c), updateSeq: c.version });
}
