// Literal text on a card. A TextBlock interprets Markdown (a masked "138****5678" would turn
// bold, "a_b_c" italic), a RichTextBlock's TextRuns never do: every string a presenter worded
// is laid out as TextRuns. Only the title and @mention lines are TextBlocks (a mention needs
// one: Teams resolves "<at>Name</at>" in TextBlock text only).
import type { Tone } from "../../../views/card.js";
import type { Json } from "./common.js";

/** Teams text colours for a tone; "default" leaves the colour alone. */
export const TONE_COLOR: Record<Tone, string | undefined> = {
  default: undefined,
  good: "Good",
  warning: "Warning",
  attention: "Attention",
};

export interface RunStyle {
  bold?: boolean;
  subtle?: boolean;
  tone?: Tone;
  size?: "Small" | "Medium" | "Large";
}

export function run(text: string, style: RunStyle = {}): Json {
  const color = style.tone ? TONE_COLOR[style.tone] : undefined;
  return {
    type: "TextRun",
    text,
    ...(style.bold ? { weight: "Bolder" } : {}),
    ...(style.subtle ? { isSubtle: true } : {}),
    ...(color ? { color } : {}),
    ...(style.size ? { size: style.size } : {}),
  };
}

/** One paragraph of TextRuns. */
export function rich(inlines: Json[], opts: Json = {}): Json {
  return { type: "RichTextBlock", inlines, ...opts };
}

/** A paragraph of one literal string. */
export function para(text: string, style: RunStyle = {}, opts: Json = {}): Json {
  return rich([run(text, style)], opts);
}

/** A TextBlock, for the title and mention lines only (see above). */
export function textBlock(text: string, opts: Json = {}): Json {
  return { type: "TextBlock", text, wrap: true, ...opts };
}

export function title(text: string, tone?: Tone): Json {
  const color = tone ? TONE_COLOR[tone] : undefined;
  return textBlock(text, { size: "Large", weight: "Bolder", style: "heading", ...(color ? { color } : {}) });
}
