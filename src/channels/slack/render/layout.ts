// Lays a neutral Card out as Block Kit. Nothing here chooses words: the presenter did. The
// title is a header, the subtitle a context line, fields and lists rich_text (bold labels,
// literal values), charts native where Slack allows, buttons an actions block.
import type { Card, CardBlock, CardItem, Tone } from "../../../views/card.js";
import { labelGap } from "../../../views/format.js";
import type { Block } from "./block-types.js";
import { nativeChart, textChart } from "./chart.js";
import { actionBlocks, button, context, divider, esc, fallback, header, type RenderCtx } from "./kit.js";
import { LIMITS } from "./limits.js";
import { fallbackMentions, people, type RichElement, richBlock, richLines, txt } from "./rich.js";

/** People per rich_text block: a user element counts about a dozen characters of budget. */
const MENTIONS_PER_BLOCK = 40;

/** A bold "Label:" followed by the gap it needs before the value. */
function labelRun(ctx: RenderCtx, label: string): RichElement[] {
  const head = ctx.t("cards:common.field_label", { label });
  const gap = labelGap(head);
  return gap ? [txt(head, { bold: true }), txt(gap)] : [txt(head, { bold: true })];
}

/** Slack has no text colours; a tone shows as a leading sign on strong lines. */
const TONE_SIGN: Record<Tone, string> = { default: "", good: "✅ ", warning: "⚠️ ", attention: "🔴 " };

function itemLine(ctx: RenderCtx, item: CardItem, withDetail: boolean): RichElement[] {
  const line: RichElement[] = [];
  if (item.icon) line.push(txt(`${item.icon} `));
  line.push(txt(item.text, item.tone === "attention" ? { bold: true } : undefined));
  if (withDetail && item.detail) line.push(txt(ctx.t("cards:common.sep")), txt(item.detail, { italic: true }));
  return line;
}

/** A list whose rows carry their own button (the home view): one section per row. */
function itemsWithActions(items: CardItem[]): Block[] {
  return items.map((item) => {
    const text = [item.icon, item.text].filter(Boolean).join(" ");
    const detail = item.detail ? `\n${item.detail}` : "";
    const section: Record<string, unknown> = {
      type: "section",
      text: { type: "plain_text", text: `${text}${detail}`.slice(0, LIMITS.sectionText), emoji: true },
    };
    if (item.action) section.accessory = button(item.action);
    return section as unknown as Block;
  });
}

function blockOf(ctx: RenderCtx, b: CardBlock, charts: { native: number }): Block[] {
  switch (b.type) {
    case "heading":
      return [richBlock([{ type: "rich_text_section", elements: [txt(b.text, { bold: true })] }])];
    case "text": {
      if (b.style === "muted") return [context([b.text])];
      if (b.style === "quote") return [richBlock([{ type: "rich_text_quote", elements: [txt(b.text)] }])];
      const strong = b.style === "strong";
      const sign = strong && b.tone ? TONE_SIGN[b.tone] : "";
      return [richBlock([{ type: "rich_text_section", elements: [txt(`${sign}${b.text}`, { bold: strong })] }])];
    }
    case "fields":
      return richLines(b.fields.map((f) => [...labelRun(ctx, f.label), txt(f.value)]));
    case "items":
      if (b.items.some((i) => i.action)) return itemsWithActions(b.items);
      return richLines(b.items.map((i) => itemLine(ctx, i, true)));
    case "chart": {
      if (charts.native < LIMITS.chartsPerMessage) {
        const native = nativeChart(ctx.t, b.chart);
        if (native) {
          charts.native++;
          return [native];
        }
      }
      return [textChart(ctx.t, b.chart)];
    }
    case "mentions": {
      // a long list of people is split over several rich_text blocks (each within its budget)
      const label = labelRun(ctx, b.label);
      const groups = Array.from({ length: Math.ceil(b.people.length / MENTIONS_PER_BLOCK) }, (_, i) =>
        b.people.slice(i * MENTIONS_PER_BLOCK, (i + 1) * MENTIONS_PER_BLOCK),
      );
      return groups.map((group, i) =>
        richBlock([
          { type: "rich_text_section", elements: [...(i === 0 ? label : []), ...people(group, b.ping, " ")] },
        ]),
      );
    }
    case "divider":
      return [divider];
  }
}

/** The blocks of a card, in order. */
export function cardBlocks(ctx: RenderCtx, card: Card): Block[] {
  const blocks: Block[] = [];
  if (card.title) blocks.push(header(`${card.tone ? TONE_SIGN[card.tone] : ""}${card.title}`));
  if (card.subtitle) blocks.push(context([card.subtitle]));
  const charts = { native: 0 };
  for (const b of card.blocks) blocks.push(...blockOf(ctx, b, charts));
  blocks.push(...actionBlocks(card.actions));
  return blocks;
}

/** The notification text: the card's summary plus the people it pings. */
export function cardFallback(card: Card): string {
  const pings = card.blocks.flatMap((b) => (b.type === "mentions" && b.ping ? [fallbackMentions(b.people, true)] : []));
  return fallback(esc(card.summary || card.title), ...pings);
}
