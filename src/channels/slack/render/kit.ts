// Small Block Kit builders that truncate as they build, so every layout stays inside the
// limits without repeating the arithmetic. Text a person typed, and every name, is laid out
// as plain_text or rich_text elements, which Slack never parses: a masked "138****5678" or
// "<@U123>" in a note stays what it is instead of turning bold or into a mention.
import type { Locale, Translate } from "../../../i18n/index.js";
import type { CardAction } from "../../../views/card.js";
import type { Block, Button, PlainText } from "./block-types.js";
import { LIMITS, truncate } from "./limits.js";

export interface RenderCtx {
  locale: Locale;
  t: Translate;
}

/** Slack's three control characters in mrkdwn (only the notification fallback is mrkdwn). */
export function esc(s: string): string {
  return s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

export function plain(text: string, max: number): PlainText {
  return { type: "plain_text", text: truncate(text || " ", max), emoji: true };
}

export function header(text: string): Block {
  return { type: "header", text: plain(text, LIMITS.headerText) };
}

export function plainSection(text: string): Block {
  return { type: "section", text: plain(text, LIMITS.sectionText) };
}

/** Quiet lines (a subtitle, a time-zone note) as a context block of plain text. */
export function context(texts: string[]): Block {
  return {
    type: "context",
    elements: texts.slice(0, LIMITS.contextElements).map((s) => plain(s, LIMITS.contextText)),
  };
}

export const divider: Block = { type: "divider" };

/** Separator between an action name and a suffix that keeps action_ids unique inside one block. */
const ACTION_SUFFIX = "~";

/** The view's action name back from a Slack action_id ("checklist.open~2" → "checklist.open"). */
export function decodeActionId(actionId: string): string {
  const i = actionId.indexOf(ACTION_SUFFIX);
  return i === -1 ? actionId : actionId.slice(0, i);
}

export function button(a: CardAction, actionId: string = a.action): Button {
  const b: Button = {
    type: "button",
    action_id: truncate(actionId, LIMITS.id),
    text: plain(a.label, LIMITS.buttonText),
    value: truncate(a.value, LIMITS.buttonValue),
  };
  if (a.style) b.style = a.style;
  return b;
}

/** Buttons in actions blocks of at most 25, each action_id unique within its block. */
export function actionBlocks(actions: CardAction[]): Block[] {
  const out: Block[] = [];
  for (let i = 0; i < actions.length; i += LIMITS.actionsElements) {
    const seen = new Map<string, number>();
    const elements = actions.slice(i, i + LIMITS.actionsElements).map((a) => {
      const n = (seen.get(a.action) ?? 0) + 1;
      seen.set(a.action, n);
      return button(a, n === 1 ? a.action : `${a.action}${ACTION_SUFFIX}${n}`);
    });
    out.push({ type: "actions", elements });
  }
  return out;
}

/** The plain-text fallback: notifications and screen readers use it, so it carries the mentions. */
export function fallback(...parts: Array<string | undefined>): string {
  return truncate(parts.filter((p) => p?.trim()).join(" · ") || " ", LIMITS.fallbackText);
}
