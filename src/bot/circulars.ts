// Circulars (通知学习确认) in chat: "circular <title> | <notice>" / "通知 <标题>｜<内容>" sends at
// once (a first word naming one of the sender's outlet or region codes picks where to);
// "circular" alone opens the form; "circular status [ref]" / "通知 状态 [编号]" lists who has not
// acknowledged (or the sender's open circulars). The Acknowledge button on the notice records
// the acknowledgement and edits that message in place. The service has the last word on all.
import type { CircularFormInput } from "../forms/circular-form.js";
import { circularByRef, circularScope, unacknowledgedCircularsOf } from "../queries/index.js";
import type { Localised } from "../views/common.js";
import { type Command, normaliseText } from "./commands.js";
import type { ActionResult, BotReply } from "./contract.js";
import { type FormMode, offerForm } from "./form-runner.js";
import { answer, reply, tell, text } from "./replies.js";
import type { Req } from "./request.js";
import type { CoreServices } from "./services.js";

const NEW_BUTTON = { action: "circular.new", label: { key: "circulars:actions.new" }, value: "" };

export async function circularCommand(
  s: CoreServices,
  req: Req,
  cmd: Extract<Command, { kind: "circular" }>,
  mode: FormMode,
): Promise<ActionResult> {
  const scopes = await s.circulars.scopesOf(req.staff.id);
  if (scopes.length === 0) return answer(tell(req, { key: "circulars:refusal.not_authorised" }));
  if (cmd.head === undefined) return newCircularForm(s, req, mode);
  if (cmd.body === undefined) return answer(tell(req, { key: "circulars:usage" }));
  const words = cmd.head.split(" ");
  const first = words[0]?.toUpperCase() ?? "";
  // a first word naming an outlet or region picks it (the service refuses one that is not the sender's)
  const named =
    words.length > 1 &&
    (scopes.some((x) => x.code.toUpperCase() === first) ||
      (await circularScope(s.db, "outlet", first)) !== null ||
      (await circularScope(s.db, "region", first)) !== null);
  const input: CircularFormInput = {
    title: named ? words.slice(1).join(" ") : cmd.head,
    body: cmd.body,
    ...(named ? { scope: first } : {}),
  };
  return answer(tell(req, ...(await sendReply(s, req, input))));
}

/** "circular.new" (the private button in a Slack channel, where the form must not be typed): the form. */
export async function newCircularForm(s: CoreServices, req: Req, mode: FormMode = "modal"): Promise<ActionResult> {
  const scopes = await s.circulars.scopesOf(req.staff.id);
  if (scopes.length === 0) return answer(tell(req, { key: "circulars:refusal.not_authorised" }));
  return offerForm(s, req, mode, { key: "circular", ctx: { scopes }, entity: "new", button: NEW_BUTTON });
}

/** Sends and says what happened: the reference and how many it went to, or why not. */
export async function sendReply(s: CoreServices, req: Req, input: CircularFormInput): Promise<[Localised]> {
  const r = await s.circulars.send(req.actor, input);
  if (!r.ok) return [r.message];
  return [{ key: "circulars:sent", vars: { ref: r.ref, count: r.recipients, scope: r.scopeName } }];
}

export async function circularStatusCommand(s: CoreServices, req: Req, ref?: string): Promise<ActionResult> {
  if (ref) {
    const r = await s.circulars.status(req.actor, ref.toUpperCase());
    return answer(r.ok ? reply(req, r.view) : tell(req, r.message));
  }
  const open = await s.circulars.openSentBy(req.staff.id);
  if (open.length === 0) return answer(tell(req, { key: "circulars:status.none_open" }));
  const lines: Localised[] = open.map((c) => ({ key: "circulars:status.line", vars: c }));
  return answer(reply(req, text("circulars:status.open_title", { count: open.length }, { lines })));
}

/** The Acknowledge button: recorded once; the notice is edited in place to show it. */
export async function acknowledgeAction(s: CoreServices, req: Req, circularId: string): Promise<ActionResult> {
  const r = await s.circulars.acknowledge(req.actor, circularId);
  if (!r.ok) return answer(tell(req, r.message));
  return answer(reply(req, r.view, "replace"));
}

/** Typed acknowledgements in a DM: "已阅", "已阅知悉", "ack", optionally followed by the reference. */
const ACK_WORDS = new Set(["ack", "acknowledge", "acknowledged", "已阅", "已阅知悉", "已读", "知悉"]);

/**
 * A DM saying "已阅" / "ack" [ref]: acknowledges the person's only open circular (or the one named),
 * and edits its notice to show it. Null when the message is not such a reply.
 */
export async function typedAcknowledgement(s: CoreServices, req: Req, message: string): Promise<BotReply[] | null> {
  const words = normaliseText(message).split(" ").filter(Boolean);
  if (words.length === 0 || words.length > 2 || !ACK_WORDS.has((words[0] ?? "").toLowerCase())) return null;
  const open = await unacknowledgedCircularsOf(s.db, req.staff.id);
  const named = words[1] ? await circularByRef(s.db, words[1]) : null;
  if (words[1] && !named) return [tell(req, { key: "circulars:refusal.unknown_ref", vars: { ref: words[1] } })];
  if (!named && open.length === 0) return [tell(req, { key: "circulars:reply.none_open" })];
  if (!named && open.length > 1)
    return [tell(req, { key: "circulars:reply.which", vars: { refs: open.map((c) => c.ref).join(", ") } })];
  const id = named?.id ?? open[0]?.id ?? "";
  const r = await s.circulars.acknowledge(req.actor, id, { editNotice: true });
  if (!r.ok) return [tell(req, r.message)];
  return [
    tell(req, { key: r.already ? "circulars:reply.already" : "circulars:reply.acknowledged", vars: { ref: r.ref } }),
  ];
}
