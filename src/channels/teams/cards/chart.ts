// Charts on Teams: Chart.Donut for shares, Chart.HorizontalBar for counts by category (the
// Teams chart elements of Adaptive Cards 1.5). The value is always visible without hovering:
// on the donut it is in the legend ("Confirmed: 12"), on the bars it is drawn at the bar's end.
// Every chart carries a fallback listing "label: value", so a client that cannot draw charts
// still shows the figures (also when they are all zero).
import type { CardChart } from "../../../views/card.js";
import type { Json, RenderCtx } from "./common.js";
import { para } from "./rich.js";

const count = (n: number) => Math.round(n);

function fallback(ctx: RenderCtx, chart: CardChart): Json {
  const rows = chart.data.map((d) => para(ctx.t("cards:chart.legend", { label: d.label, value: count(d.value) })));
  return {
    type: "Container",
    items: [...(rows.length > 0 ? rows : [para(ctx.t("cards:common.none"), { subtle: true })])],
  };
}

/**
 * The chart's title as a heading above it, then the chart. The title is not the chart's own
 * `title` property: not every client draws that (the Agents Playground does not), and a chart
 * without its title cannot be read.
 */
export function chartElements(ctx: RenderCtx, chart: CardChart): Json[] {
  return [para(chart.title, { bold: true }, { spacing: "Medium" }), chartElement(ctx, chart)];
}

function chartElement(ctx: RenderCtx, chart: CardChart): Json {
  if (chart.kind === "donut") {
    return {
      type: "Chart.Donut",
      data: chart.data.map((d) => ({
        legend: ctx.t("cards:chart.legend", { label: d.label, value: count(d.value) }),
        value: count(d.value),
      })),
      fallback: fallback(ctx, chart),
    };
  }
  return {
    type: "Chart.HorizontalBar",
    displayMode: "AbsoluteNoAxis",
    showBarValues: true,
    data: chart.data.map((d) => ({ x: d.label, y: count(d.value) })),
    fallback: fallback(ctx, chart),
  };
}
