// The neutral card: what a person reads, already in their language, in a handful of
// primitives both edges only lay out (Block Kit on Slack, an Adaptive Card on Teams). Every
// string here is literal text, never markup: a masked "138****5678" or a note with
// underscores must read the same on both platforms, so each edge escapes for its own
// markup. A label therefore lives in one place (the presenter that put it here) and cannot
// differ between platforms. The idea follows vercel/chat's cards.ts.
import type { Mention } from "./common.js";

/** Colour intent; each edge maps it to what it has (Teams colours, Slack emoji or none). */
export type Tone = "default" | "good" | "warning" | "attention";

export interface CardField {
  label: string;
  value: string;
}

export interface CardItem {
  /** A status glyph (✅ ❌ ⏳ ⬜ •), shown before the text. */
  icon?: string;
  text: string;
  /** A second, quieter line: a note, who confirmed, a hint. */
  detail?: string;
  tone?: Tone;
  /** A button that belongs to this row (Open checklist on the home view). */
  action?: CardAction;
  /** The item waits for a photo; each edge says how its platform takes one. */
  needsPhoto?: boolean;
}

export interface ChartDatum {
  label: string;
  value: number;
}

/**
 * A chart: integers only (counts), with a title and every value shown on the chart. `text`
 * is the same data as lines, for clients or platforms that cannot draw it.
 */
export interface CardChart {
  kind: "donut" | "bar";
  title: string;
  data: ChartDatum[];
}

export type CardBlock =
  | { type: "heading"; text: string }
  | { type: "text"; text: string; style?: "body" | "strong" | "muted" | "quote"; tone?: Tone }
  | { type: "fields"; fields: CardField[] }
  | { type: "items"; items: CardItem[] }
  | { type: "chart"; chart: CardChart }
  /** "For: @a @b". `ping: false` names people without notifying them. */
  | { type: "mentions"; label: string; people: Mention[]; ping: boolean }
  | { type: "divider" };

export interface CardAction {
  action: string;
  value: string;
  label: string;
  style?: "primary" | "danger";
}

export interface Card {
  title: string;
  /** One quiet line under the title (outlet, state). */
  subtitle?: string;
  tone?: Tone;
  blocks: CardBlock[];
  actions: CardAction[];
  /** The plain-text line for notifications and screen readers. */
  summary: string;
}

/** Every string a person can read on the card, in order: what the golden tests look for. */
export function cardStrings(card: Card): string[] {
  const out = [card.title, ...(card.subtitle ? [card.subtitle] : [])];
  for (const b of card.blocks) {
    switch (b.type) {
      case "heading":
      case "text":
        out.push(b.text);
        break;
      case "fields":
        for (const f of b.fields) out.push(f.label, f.value);
        break;
      case "items":
        for (const i of b.items) {
          out.push(i.text);
          if (i.detail) out.push(i.detail);
          if (i.action) out.push(i.action.label);
        }
        break;
      case "chart":
        out.push(b.chart.title, ...b.chart.data.map((d) => d.label));
        break;
      case "mentions":
        out.push(b.label, ...b.people.map((p) => p.name));
        break;
      case "divider":
        break;
    }
  }
  out.push(...card.actions.map((a) => a.label));
  return out.filter((s) => s.trim() !== "");
}
