// rich_text blocks: the one Block Kit surface that shows bold labels and literal text side by
// side. Slack renders a rich_text element's text exactly as given (no mrkdwn), which is why
// every field, list and quote is laid out here.
import type { Mention } from "../../../views/common.js";
import type { Block } from "./block-types.js";
import { LIMITS, truncate } from "./limits.js";

export interface RichStyle {
  bold?: boolean;
  italic?: boolean;
}

export type RichElement =
  | { type: "text"; text: string; style?: RichStyle }
  | { type: "user"; user_id: string }
  | { type: "emoji"; name: string };

type RichPart = { type: "rich_text_section" | "rich_text_quote" | "rich_text_preformatted"; elements: RichElement[] };

export const txt = (text: string, style?: RichStyle): RichElement =>
  style && (style.bold || style.italic) ? { type: "text", text, style } : { type: "text", text };

const length = (els: RichElement[]) => els.reduce((n, e) => n + (e.type === "text" ? e.text.length : 12), 0);

/** One rich_text block; a text longer than the section limit is cut on its own. */
export function richBlock(parts: RichPart[]): Block {
  const clipped = parts.map((p) => ({
    ...p,
    elements: p.elements.map((e) => (e.type === "text" ? { ...e, text: truncate(e.text, LIMITS.sectionText) } : e)),
  }));
  return { type: "rich_text", elements: clipped } as unknown as Block;
}

/**
 * Lines (each a list of elements) packed into as few rich_text blocks as fit the per-block
 * budget, so a long checklist stays far below 50 blocks.
 */
export function richLines(lines: RichElement[][], kind: RichPart["type"] = "rich_text_section"): Block[] {
  const out: Block[] = [];
  let current: RichElement[] = [];
  for (const line of lines) {
    if (current.length > 0 && length(current) + 1 + length(line) > LIMITS.sectionText) {
      out.push(richBlock([{ type: kind, elements: current }]));
      current = [];
    }
    if (current.length > 0) current.push(txt("\n"));
    current.push(...line);
  }
  if (current.length > 0) out.push(richBlock([{ type: kind, elements: current }]));
  return out;
}

/** People as real mentions (a user element notifies) or, with ping off, as their names. */
export function people(list: Mention[], ping: boolean, sep: string): RichElement[] {
  return list.flatMap((m, i): RichElement[] => {
    const el: RichElement = ping && m.slackUserId ? { type: "user", user_id: m.slackUserId } : txt(m.name);
    return i === 0 ? [el] : [txt(sep), el];
  });
}

/** The same people as mrkdwn for the notification fallback ("<@U1> <@U2>"). */
export function fallbackMentions(list: Mention[], ping: boolean): string {
  const esc = (s: string) => s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
  return list.map((m) => (ping && m.slackUserId ? `<@${m.slackUserId}>` : esc(m.name))).join(" ");
}
