// Lays a neutral Card out as an Adaptive Card. Nothing here chooses words: the presenter did
// (src/views/present/). The title is a heading, the subtitle a quiet line under it, fields
// are label/value column rows, lists one paragraph per row, charts native with a text
// fallback, mentions a line Teams can notify from, buttons Action.Execute.
import type { Card, CardBlock, CardItem } from "../../../views/card.js";
import type { Mention } from "../../../views/common.js";
import { labelGap } from "../../../views/format.js";
import { chartElements } from "./chart.js";
import { type AdaptiveCard, card, executeAction, type Json, mentionText, type RenderCtx } from "./common.js";
import { para, rich, run, textBlock, title } from "./rich.js";

const column = (width: string, items: Json[], opts: Json = {}): Json => ({ type: "Column", width, items, ...opts });

function itemRow(ctx: RenderCtx, item: CardItem, cardId: string): Json[] {
  const attention = item.tone === "attention";
  const inlines = [run(item.icon ? `${item.icon} ${item.text}` : item.text, { tone: item.tone, bold: attention })];
  if (item.detail) inlines.push(run(ctx.t("cards:common.sep"), { subtle: true }), run(item.detail, { subtle: true }));
  const line = rich(inlines, { spacing: "Small" });
  const out: Json[] = [line];
  if (item.action) {
    const button = executeAction(item.action.label, {
      action: item.action.action,
      value: item.action.value,
      card: cardId,
    });
    out[0] = {
      type: "ColumnSet",
      spacing: "Small",
      columns: [
        column("stretch", [{ ...line, spacing: "None" }], { verticalContentAlignment: "Center" }),
        column("auto", [{ type: "ActionSet", actions: [button] }], { verticalContentAlignment: "Center" }),
      ],
    };
  }
  // Cards cannot upload files (no file input in Teams bot cards): say where the photo goes.
  if (item.needsPhoto) out.push(para(ctx.t("teams:photo.hint"), { subtle: true, size: "Small" }, { spacing: "None" }));
  return out;
}

function mentionsLine(ctx: RenderCtx, label: string, people: Mention[], ping: boolean): Json {
  const head = ctx.t("cards:common.field_label", { label });
  const sep = ctx.t("cards:common.list_sep");
  if (ping && people.some((p) => p.teamsUserId))
    return textBlock(`${head}${labelGap(head)}${people.map(mentionText).join(sep)}`, { spacing: "Medium" });
  const names = `${labelGap(head)}${people.map((p) => p.name).join(sep)}`;
  return rich([run(head, { bold: true }), run(names)], { spacing: "Medium" });
}

/** A divider is a separator line above the element after it (an empty Container may not render). */
const DIVIDER: Json = { type: "Container", separator: true, spacing: "Medium", items: [] };

function blockOf(ctx: RenderCtx, b: CardBlock, cardId: string): Json[] {
  switch (b.type) {
    case "heading":
      return [para(b.text, { bold: true, size: "Medium" }, { spacing: "Medium" })];
    case "text":
      if (b.style === "quote")
        return [{ type: "Container", style: "emphasis", items: [para(b.text, { tone: b.tone })] }];
      return [para(b.text, { bold: b.style === "strong", subtle: b.style === "muted", tone: b.tone })];
    case "fields":
      return b.fields.map((f, i) => ({
        type: "ColumnSet",
        spacing: i === 0 ? "Default" : "None",
        columns: [
          column("auto", [para(ctx.t("cards:common.field_label", { label: f.label }), { bold: true })]),
          column("stretch", [para(f.value)]),
        ],
      }));
    case "items":
      return b.items.flatMap((item) => itemRow(ctx, item, cardId));
    case "chart":
      return chartElements(ctx, b.chart);
    case "mentions":
      return b.people.length > 0 ? [mentionsLine(ctx, b.label, b.people, b.ping)] : [];
    case "divider":
      return [DIVIDER];
  }
}

function withDividers(body: Json[]): Json[] {
  const out: Json[] = [];
  for (let i = 0; i < body.length; i++) {
    const next = body[i + 1];
    if (body[i] !== DIVIDER) out.push(body[i] as Json);
    else if (next && next !== DIVIDER) body[i + 1] = { ...next, separator: true, spacing: "Medium" };
    else if (!next) out.push({ ...DIVIDER });
  }
  return out;
}

/** The Adaptive Card of a neutral card; `extra` adds card-level properties (refresh). */
export function layoutCard(ctx: RenderCtx, c: Card, cardId: string, extra: Json = {}): AdaptiveCard {
  const body: Json[] = [];
  if (c.title) body.push(title(c.title, c.tone));
  if (c.subtitle) body.push(textBlock(c.subtitle, { isSubtle: true, spacing: "None" }));
  for (const b of c.blocks) body.push(...blockOf(ctx, b, cardId));
  const actions = c.actions.map((a) => executeAction(a.label, { action: a.action, value: a.value, card: cardId }));
  // only people a line pings are notified: the entities must match its <at> tags
  const pinged = c.blocks.flatMap((b) => (b.type === "mentions" && b.ping ? b.people : []));
  return card(withDividers(body), actions, pinged, extra);
}
