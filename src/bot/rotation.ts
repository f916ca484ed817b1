// 轮岗/强制休假 in chat: "rotation [outlet]" / "轮岗 [网点]" lists the due dates of the outlet's
// staff (rotation and mandatory leave), soonest first, marking those past. Only the roles the
// playbook lets see them (permissions.rotation.view, by default whoever sees the outlet's
// summary) get the list; everyone else is told they may not.
import { canViewRotation } from "../permissions/index.js";
import { outletName } from "../queries/index.js";
import { kindKey } from "../services/rotation/due-dates.js";
import type { Localised } from "../views/common.js";
import type { ActionResult, BotReply } from "./contract.js";
import { pickOutlet } from "./outlet-choice.js";
import { answer, reply, tell, text } from "./replies.js";
import type { Req } from "./request.js";
import type { CoreServices } from "./services.js";

export async function rotationCommand(s: CoreServices, req: Req, code?: string): Promise<ActionResult> {
  const pick = await pickOutlet(s, req, {
    ...(code ? { code } : {}),
    relevant: (roles) => canViewRotation(s.playbook, roles),
    none: { key: "rotation:refusal.not_allowed" },
    choice: (o) => ({
      action: "rotation.list",
      label: { key: "bot:outlet.button", vars: { code: o.code } },
      value: `outlet:${o.outletId}`,
    }),
  });
  if (!pick.ok) return { replies: pick.replies };
  return answer(await listReply(s, req, pick.outlet.outletId, pick.outlet.name));
}

/** The outlet button of an ambiguous "rotation": the list at that outlet, if still allowed. */
export async function rotationAt(s: CoreServices, req: Req, value: string): Promise<ActionResult> {
  const outletId = value.startsWith("outlet:") ? value.slice("outlet:".length) : value;
  const name = await outletName(s.db, outletId);
  if (name === null || !canViewRotation(s.playbook, await s.directory.rolesAt(req.staff.id, outletId)))
    return answer(tell(req, { key: "rotation:refusal.not_allowed" }));
  return answer(await listReply(s, req, outletId, name));
}

async function listReply(s: CoreServices, req: Req, outletId: string, outlet: string): Promise<BotReply> {
  const due = await s.rotation.list(outletId);
  if (due.length === 0) return tell(req, { key: "rotation:list.none", vars: { outlet } });
  const lines: Localised[] = due.map((d) => ({
    key: d.daysLeft < 0 ? "rotation:list.line_overdue" : "rotation:list.line",
    vars: { name: d.staffName, kind: kindKey(d.kind), due: d.dueOn, days: Math.abs(d.daysLeft) },
  }));
  return reply(req, text("rotation:list.title", { outlet, count: due.length }, { lines }));
}
