// Follow-ups (整改跟踪) in chat: "followups [outlet]" / "整改 [网点]" lists the outlet's open ones
// with their due time (and whether overdue), each with a Close button; Close checks the person
// may close it first, then opens the closing-note form. The service has the last word.
import type { RectificationCloseInput } from "../forms/rectification-form.js";
import { canCloseFollowUp } from "../permissions/index.js";
import { outletName, rectificationById } from "../queries/index.js";
import type { Localised } from "../views/common.js";
import { formatDateTime } from "../views/format.js";
import type { ActionResult, BotReply } from "./contract.js";
import { offerForm } from "./form-runner.js";
import { pickOutlet } from "./outlet-choice.js";
import { answer, reply, tell, text } from "./replies.js";
import type { Req } from "./request.js";
import type { CoreServices } from "./services.js";

/** Most Close buttons under one list (the rest are listed, and closable once these are). */
const CLOSE_BUTTONS = 5;

export async function followUpsCommand(s: CoreServices, req: Req, code?: string): Promise<ActionResult> {
  const pick = await pickOutlet(s, req, {
    ...(code ? { code } : {}),
    relevant: (roles) => roles.length > 0,
    none: { key: "bot:outlet.none" },
    choice: (o) => ({
      action: "rectification.list",
      label: { key: "bot:outlet.button", vars: { code: o.code } },
      value: `outlet:${o.outletId}`,
    }),
  });
  if (!pick.ok) return { replies: pick.replies };
  return answer(await listReply(s, req, pick.outlet.outletId, pick.outlet.name));
}

/** The outlet button of an ambiguous "followups": the list at that outlet. */
export async function followUpsAt(s: CoreServices, req: Req, value: string): Promise<ActionResult> {
  const outletId = value.startsWith("outlet:") ? value.slice("outlet:".length) : value;
  const name = await outletName(s.db, outletId);
  if (name === null || (await s.directory.rolesAt(req.staff.id, outletId)).length === 0)
    return answer(tell(req, { key: "bot:outlet.not_yours", vars: { code: "" } }));
  return answer(await listReply(s, req, outletId, name));
}

async function listReply(s: CoreServices, req: Req, outletId: string, outletName: string): Promise<BotReply> {
  const open = await s.rectifications.listOpen(outletId);
  if (open.length === 0) return tell(req, { key: "bot:rectification.none", vars: { outlet: outletName } });
  const tz = (await s.directory.calendar(outletId)).timeZone;
  const now = s.clock.now();
  const lines: Localised[] = open.map((r) => ({
    key: r.dueAt < now ? "bot:rectification.line_overdue" : "bot:rectification.line",
    vars: { ref: r.ref, text: r.description, due: formatDateTime(r.dueAt.toISOString(), tz, req.locale) },
  }));
  const actions = open.slice(0, CLOSE_BUTTONS).map((r) => ({
    action: "rectification.close",
    label: { key: "bot:rectification.close", vars: { ref: r.ref } },
    value: r.id,
  }));
  const view = text("bot:rectification.title", { outlet: outletName, count: open.length }, { lines, actions });
  return reply(req, view);
}

export async function closeRectificationAction(s: CoreServices, req: Req, id: string): Promise<ActionResult> {
  const r = await rectificationById(s.db, id);
  if (!r) return answer(tell(req, { key: "rectifications:refusal.not_found" }));
  if (r.status !== "open") return answer(tell(req, { key: "rectifications:refusal.closed", vars: { ref: r.ref } }));
  const roles = await s.directory.rolesAt(req.staff.id, r.outletId);
  if (!canCloseFollowUp(s.playbook, roles))
    return answer(tell(req, { key: "rectifications:refusal.not_authorised", vars: { ref: r.ref } }));
  const button = {
    action: "rectification.close",
    label: { key: "bot:rectification.close", vars: { ref: r.ref } },
    value: id,
  };
  return offerForm(s, req, "modal", {
    key: "rectification_close",
    ctx: { rectificationId: id, ref: r.ref },
    entity: id,
    button,
  });
}

export async function applyRectificationClose(s: CoreServices, req: Req, input: RectificationCloseInput) {
  return s.rectifications.close(req.actor, input.rectificationId, input.note);
}
