// Small builders for the core's answers: text views with i18n keys, and where they go.
// Refusals and personal results are private (ephemeral in a channel, the DM in a DM).
import type { ActionButton, Localised, TextView } from "../views/common.js";
import type { View } from "../views/types.js";
import type { ActionResult, BotReply, Visibility } from "./contract.js";
import type { Req } from "./request.js";

export function text(
  key: string,
  vars?: Localised["vars"],
  extra: { lines?: Localised[]; actions?: ActionButton[] } = {},
): TextView {
  const view: TextView = { type: "text", message: vars ? { key, vars } : { key } };
  if (extra.lines && extra.lines.length > 0) view.lines = extra.lines;
  if (extra.actions && extra.actions.length > 0) view.actions = extra.actions;
  return view;
}

export const privately = (req: Pick<Req, "conv">): Visibility => (req.conv.isDirect ? "direct" : "ephemeral");

/** In the thread the request came from, or privately when there is none. */
export const inThread = (req: Pick<Req, "conv">): Visibility => (req.conv.threadId ? "thread" : privately(req));

export function reply(
  req: Pick<Req, "conv" | "locale">,
  view: View,
  visibility: Visibility = privately(req),
): BotReply {
  return { view, visibility, locale: req.locale };
}

/** A private one-liner (a refusal, a result). */
export function tell(req: Pick<Req, "conv" | "locale">, message: Localised, lines?: Localised[]): BotReply {
  return reply(req, text(message.key, message.vars, { lines }));
}

export const answer = (...replies: BotReply[]): ActionResult => ({ replies });
