// Where incident news goes, all through the outbox in the caller's transaction: the card in
// the outlet's supervisors channel (keyBase incident:<id>), every timeline step as a reply in
// its thread with the card edited in place, and direct messages to the roles told.
import type { Role } from "../../config/playbook-schema.js";
import type { Tx } from "../../db/tx.js";
import { ladderReach } from "../../domain/incident-rules.js";
import type { Incident } from "../../generated/prisma/client.js";
import { outletHeader, staffName } from "../../queries/index.js";
import type { IncidentEventView } from "../../views/cases.js";
import { mentionsFor, postToOutlet, reachedPlatforms, sendToRoles, updatePosted } from "../notify.js";
import { buildIncidentEventView, buildIncidentView } from "./case-views.js";
import type { CasesDeps } from "./types.js";

export const incidentKey = (id: string) => `incident:${id}`;

/** The roles told so far: those the type reports to, plus one ladder role per escalation. */
export function rolesTold(deps: CasesDeps, i: Incident): Role[] {
  const ladder = deps.playbook.incidents.ladder;
  const reportTo = deps.playbook.incidents.types.find((t) => t.key === i.type)?.reportTo ?? [];
  const reach = ladderReach(ladder, reportTo, i.escalationLevel);
  const climbed = ladder.slice(0, reach + 1).filter((r) => !reportTo.includes(r));
  return [...new Set([...reportTo, ...(i.escalationLevel > 0 ? climbed.slice(-i.escalationLevel) : [])])];
}

async function staffIdsFor(deps: CasesDeps, tx: Tx, outletId: string, roles: readonly Role[]): Promise<string[]> {
  const ids = new Set<string>();
  for (const role of roles) for (const s of await deps.directory.staffWithRole(outletId, role, tx)) ids.add(s.id);
  return [...ids];
}

export async function incidentCard(deps: CasesDeps, tx: Tx, i: Incident) {
  const [outlet, reporter] = await Promise.all([outletHeader(tx, i.outletId), staffName(tx, i.reportedById)]);
  const notify = await mentionsFor(tx, await staffIdsFor(deps, tx, i.outletId, rolesTold(deps, i)));
  return buildIncidentView(deps.playbook, i, { outlet, reporterName: reporter ?? "", notify });
}

const staffLookup = (deps: CasesDeps) => (outletId: string, role: Role, tx: Tx) =>
  deps.directory.staffWithRole(outletId, role, tx);

/**
 * A new incident: the card where supervisors see it, mentioning everyone it reports to. Only
 * on a platform where the outlet has no channel does a person get it as a DM instead: a case
 * reaches each person once, not as a channel card and a DM.
 */
export async function announceReported(deps: CasesDeps, tx: Tx, i: Incident): Promise<void> {
  const view = await incidentCard(deps, tx, i);
  const posted = await postToOutlet(tx, {
    outletId: i.outletId,
    keyBase: incidentKey(i.id),
    view,
    purpose: "supervisors",
  });
  const skip = await reachedPlatforms(tx, posted);
  await sendToRoles(
    tx,
    { outletId: i.outletId, roles: rolesTold(deps, i), keyBase: `${incidentKey(i.id)}:reported`, view, skip },
    staffLookup(deps),
  );
}

/** A timeline step: a reply in the card's thread, and the card edited to the new state. */
export async function announceEvent(
  deps: CasesDeps,
  tx: Tx,
  i: Incident,
  event: {
    id: string;
    kind: IncidentEventView["event"];
    by?: string;
    note?: string | null;
    notifyRoles?: Role[];
    toRole?: Role;
  },
): Promise<void> {
  const notify = event.notifyRoles
    ? await mentionsFor(tx, await staffIdsFor(deps, tx, i.outletId, event.notifyRoles))
    : [];
  const reply = buildIncidentEventView(i, event.kind, {
    by: event.by,
    note: event.note,
    notify,
    ...(event.toRole ? { toRole: event.toRole, roles: deps.playbook.roles } : {}),
  });
  await postToOutlet(tx, {
    outletId: i.outletId,
    keyBase: `${incidentKey(i.id)}:event:${event.id}`,
    view: reply,
    purpose: "supervisors",
    threadOfKeyBase: incidentKey(i.id),
  });
  await updatePosted(tx, { keyBase: incidentKey(i.id), view: await incidentCard(deps, tx, i), updateSeq: i.version });
}

/** An escalation: the role climbed to gets the card directly, once per level. */
export async function announceEscalation(deps: CasesDeps, tx: Tx, i: Incident, role: Role, eventId: string) {
  await announceEvent(deps, tx, i, { id: eventId, kind: "escalated", notifyRoles: [role], toRole: role });
  await sendToRoles(
    tx,
    {
      outletId: i.outletId,
      roles: [role],
      keyBase: `${incidentKey(i.id)}:escalated:${i.escalationLevel}`,
      view: await incidentCard(deps, tx, i),
    },
    staffLookup(deps),
  );
}
