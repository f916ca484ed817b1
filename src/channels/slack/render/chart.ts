// Charts on Slack. Slack's data visualization block (2026) draws a pie or bar chart natively:
// a title of at most 50 characters, labels of at most 20, at most six segments or bars. A
// message takes a limited number of them, so the first charts of a message are native and any
// further ones are drawn as text bars in a monospaced block ("已确认  ▇▇▇▇▇▇ 12"). Either way
// every value is written next to its label, so nothing depends on hovering.
import type { Translate } from "../../../i18n/index.js";
import type { CardChart } from "../../../views/card.js";
import type { Block } from "./block-types.js";
import { LIMITS, truncate } from "./limits.js";
import { richBlock, txt } from "./rich.js";

/** "Confirmed 12": the legend carries the value, so a pie shows counts, not only shares. */
const legend = (t: Translate, label: string, value: number) => t("cards:chart.legend", { label, value });

/** The native block, or null when Slack could not draw this data (nothing above zero). */
export function nativeChart(t: Translate, chart: CardChart): Block | null {
  const data = chart.data.slice(0, LIMITS.chartPoints);
  if (!data.some((d) => d.value > 0)) return null;
  const title = truncate(chart.title, LIMITS.chartTitle);
  if (chart.kind === "donut") {
    // a pie segment must be above zero; the zero rows still show in the text under the chart
    const segments = data
      .filter((d) => d.value > 0)
      .map((d) => ({ label: truncate(legend(t, d.label, d.value), LIMITS.chartLabel), value: d.value }));
    return { type: "data_visualization", title, chart: { type: "pie", segments } } as unknown as Block;
  }
  const categories = data.map((d) => truncate(legend(t, d.label, d.value), LIMITS.chartLabel));
  return {
    type: "data_visualization",
    title,
    chart: {
      type: "bar",
      series: [
        {
          name: truncate(t("cards:chart.count"), LIMITS.chartLabel),
          data: data.map((d, i) => ({ label: categories[i] as string, value: Math.round(d.value) })),
        },
      ],
      axis_config: { categories },
    },
  } as unknown as Block;
}

/** The chart as text: a bold title, then one bar per row, scaled to the largest value. */
export function textChart(t: Translate, chart: CardChart): Block {
  const max = Math.max(1, ...chart.data.map((d) => d.value));
  const width = Math.max(...chart.data.map((d) => [...d.label].length), 1);
  const rows = chart.data.map((d) => {
    const cells = Math.round((d.value / max) * 12);
    const pad = " ".repeat(Math.max(0, width - [...d.label].length));
    return `${d.label}${pad}  ${"▇".repeat(cells)}${cells > 0 ? " " : ""}${d.value}`;
  });
  return richBlock([
    { type: "rich_text_section", elements: [txt(chart.title, { bold: true })] },
    { type: "rich_text_preformatted", elements: [txt(rows.length > 0 ? rows.join("\n") : t("cards:common.none"))] },
  ]);
}
