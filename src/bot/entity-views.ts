// The current view of the entity a card shows (complaint, incident, reminder), built by the
// services' own view builders. Teams cards refresh in place (Universal Actions): after a click
// on a card, the answer carries the entity as it is now, and the edge swaps the clicked card
// for it. Slack edits its messages through the outbox only, so it gets none of these.
import { complaintById, errorNoticeById, incidentById, occurrenceExists } from "../queries/index.js";
import { noticeCard } from "../services/backoffice/notice-notify.js";
import { complaintCard } from "../services/cases/complaint-notify.js";
import { incidentCard } from "../services/cases/incident-notify.js";
import { buildReminderView } from "../services/tasks/reminder-view.js";
import type { ActionResult, BotReply } from "./contract.js";
import { answer, reply, tell } from "./replies.js";
import type { Req } from "./request.js";
import type { CoreServices } from "./services.js";

type Entity = { kind: "complaint" | "incident" | "reminder" | "error_notice"; id: string };

const refreshesCards = (req: Req) => req.conv.platform === "teams";

async function viewOf(s: CoreServices, e: Entity) {
  const deps = { db: s.db, clock: s.clock, playbook: s.playbook, directory: s.directory };
  switch (e.kind) {
    case "complaint": {
      const c = await complaintById(s.db, e.id);
      return c ? complaintCard(deps, s.db, c) : null;
    }
    case "incident": {
      const i = await incidentById(s.db, e.id);
      return i ? incidentCard(deps, s.db, i) : null;
    }
    case "error_notice": {
      const n = await errorNoticeById(s.db, e.id);
      return n ? noticeCard(deps, s.db, n) : null;
    }
    case "reminder": {
      return (await occurrenceExists(s.db, e.id)) ? buildReminderView(s.db, e.id, s.playbook) : null;
    }
  }
}

/** The replies, plus the entity's current view where the platform refreshes cards in place. */
export async function withEntityView(
  s: CoreServices,
  req: Req,
  replies: BotReply[],
  entity: Entity | null,
): Promise<BotReply[]> {
  if (!entity || !refreshesCards(req)) return replies;
  const view = await viewOf(s, entity);
  // "thread": the card lives in the conversation the click came from
  return view ? [...replies, reply(req, view, "thread")] : replies;
}

export async function withEntity(
  s: CoreServices,
  req: Req,
  result: ActionResult,
  entity: Entity | null,
): Promise<ActionResult> {
  return { ...result, replies: await withEntityView(s, req, result.replies, entity) };
}

/**
 * "complaint.view": what the complaint card's automatic refresh asks for (Teams shows the
 * deciders the live state). Anyone with a role where the complaint was logged may see it.
 */
export async function complaintViewAction(s: CoreServices, req: Req, complaintId: string): Promise<ActionResult> {
  const c = await complaintById(s.db, complaintId);
  if (!c) return answer(tell(req, { key: "complaints:refusal.not_found" }));
  if ((await s.directory.rolesAt(req.staff.id, c.outletId)).length === 0) {
    return answer(tell(req, { key: "complaints:refusal.not_at_outlet" }));
  }
  const view = await viewOf(s, { kind: "complaint", id: c.id });
  return view ? answer(reply(req, view, "thread")) : answer(tell(req, { key: "complaints:refusal.not_found" }));
}

/** "errornotice.view": the notice card as it is now, for anyone with a role where it was raised. */
export async function errorNoticeView(s: CoreServices, req: Req, noticeId: string): Promise<ActionResult> {
  const n = await errorNoticeById(s.db, noticeId);
  if (!n) return answer(tell(req, { key: "backoffice:refusal.not_found" }));
  if ((await s.directory.rolesAt(req.staff.id, n.outletId)).length === 0)
    return answer(tell(req, { key: "backoffice:refusal.not_found" }));
  const view = await viewOf(s, { kind: "error_notice", id: n.id });
  return view ? answer(reply(req, view, "thread")) : answer(tell(req, { key: "backoffice:refusal.not_found" }));
}
