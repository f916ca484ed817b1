// 交接班/临时离岗 in chat (docs/handover.md). "handover [outlet]" / "交接 [网点]" opens the shift
// handover form, "away [outlet]" / "离岗 [网点]" the temporary-absence one, at an outlet where
// the person may hand over; the receiver is picked from the outlet's staff. The receiver's
// Confirm / Dispute and the giver's "I'm back" come back here as buttons; the service decides.
import type { HandoverKind } from "../config/playbook-schema.js";
import type { HandoverFormCtx } from "../forms/handover-form.js";
import { canGiveHandover } from "../permissions/index.js";
import { handoversAwaiting, outletCode, outletName } from "../queries/index.js";
import { kindTitle, receiverActions } from "../services/handover/handover-view.js";
import type { HandoverInput } from "../services/handover/handovers.js";
import type { Localised } from "../views/common.js";
import type { ActionResult, BotReply } from "./contract.js";
import { type FormMode, offerForm } from "./form-runner.js";
import { pickOutlet } from "./outlet-choice.js";
import { answer, reply, tell, text } from "./replies.js";
import type { Req } from "./request.js";
import type { CoreServices } from "./services.js";

const startButton = (kind: HandoverKind, outletId: string, code: string) => ({
  action: "handover.start",
  label: { key: "bot:outlet.button", vars: { code } },
  value: `${kind}:${outletId}`,
});

export async function handoverCommand(
  s: CoreServices,
  req: Req,
  kind: HandoverKind,
  mode: FormMode,
  code?: string,
): Promise<ActionResult> {
  if (!s.playbook.handovers[kind]) return answer(tell(req, { key: "handover:refusal.kind_off" }));
  const pick = await pickOutlet(s, req, {
    ...(code ? { code } : {}),
    relevant: (roles) => canGiveHandover(s.playbook, roles),
    none: { key: "handover:refusal.not_allowed" },
    choice: (o) => startButton(kind, o.outletId, o.code),
  });
  if (!pick.ok) return { replies: pick.replies };
  return openHandoverForm(s, req, kind, pick.outlet.outletId, mode);
}

/** The outlet button of an ambiguous "handover" (value "<kind>:<outletId>"). */
export async function handoverStartAction(s: CoreServices, req: Req, value: string): Promise<ActionResult> {
  const [kind, outletId = ""] = value.split(":");
  if (kind !== "shift" && kind !== "temporary_absence") return answer(tell(req, { key: "bot:errors.unknown_action" }));
  return openHandoverForm(s, req, kind, outletId, "modal");
}

async function openHandoverForm(
  s: CoreServices,
  req: Req,
  kind: HandoverKind,
  outletId: string,
  mode: FormMode,
): Promise<ActionResult> {
  const def = s.playbook.handovers[kind];
  const name = await outletName(s.db, outletId);
  if (!def) return answer(tell(req, { key: "handover:refusal.kind_off" }));
  if (name === null || !canGiveHandover(s.playbook, await s.directory.rolesAt(req.staff.id, outletId)))
    return answer(tell(req, { key: "handover:refusal.not_allowed" }));
  const people = await s.handovers.receivers(outletId, req.staff.id);
  if (people.length === 0) return answer(tell(req, { key: "handover:refusal.no_receiver" }));
  const ctx: HandoverFormCtx = { outletId, outletName: name, kind, title: def.title, items: def.items, people };
  const code = (await outletCode(s.db, outletId)) ?? "";
  return offerForm(s, req, mode, {
    key: "handover",
    ctx,
    entity: `${kind}:${outletId}`,
    button: startButton(kind, outletId, code),
  });
}

export async function applyHandover(s: CoreServices, req: Req, input: HandoverInput) {
  return s.handovers.submit(req.actor, input);
}

const DONE = {
  "handover.confirm": "handover:confirmed",
  "handover.dispute": "handover:disputed",
  "handover.return": "handover:returned",
  "handover.cancel": "handover:cancelled",
} as const;

/** Confirm / Dispute (the receiver), Cancel (the giver, while pending) and "I'm back" (the giver of a temporary absence). */
export async function handoverAction(
  s: CoreServices,
  req: Req,
  action: keyof typeof DONE,
  id: string,
): Promise<ActionResult> {
  const r =
    action === "handover.confirm"
      ? await s.handovers.confirm(req.actor, id)
      : action === "handover.dispute"
        ? await s.handovers.dispute(req.actor, id)
        : action === "handover.cancel"
          ? await s.handovers.cancel(req.actor, id)
          : await s.handovers.returned(req.actor, id);
  if (!r.ok) return answer(tell(req, r.message));
  const replies: BotReply[] = [tell(req, { key: DONE[action], vars: { ref: r.ref } })];
  // Teams refreshes the clicked card in place; Slack's messages are edited through the outbox
  if (req.conv.platform === "teams") {
    const view = await s.handovers.view(id, req.staff.id);
    if (view) replies.push(reply(req, view, "thread"));
  }
  return answer(...replies);
}

/** Most handovers listed with their buttons under "today". */
const TODAY_HANDOVERS = 5;

/** For "today": the handovers waiting for this person's confirmation, with Confirm / Dispute. */
export async function handoversToday(s: CoreServices, req: Req): Promise<BotReply | null> {
  const waiting = await handoversAwaiting(s.db, req.staff.id);
  if (waiting.length === 0) return null;
  const shown = waiting.slice(0, TODAY_HANDOVERS);
  const lines: Localised[] = shown.map((h) => ({
    key: "handover:today.line",
    vars: { title: kindTitle(s.playbook, h.kind), ref: h.ref, from: h.fromName },
  }));
  // each button names its handover: several may be listed
  const actions = shown.flatMap((h) =>
    receiverActions(h).map((a) => ({
      ...a,
      label: {
        key: a.action === "handover.confirm" ? "handover:today.confirm" : "handover:today.dispute",
        vars: { ref: h.ref },
      },
    })),
  );
  return reply(req, text("handover:today.title", { n: waiting.length }, { lines, actions }));
}

export const isHandoverAction = (a: string): a is keyof typeof DONE => a in DONE;
