// The status summary as a card people would rather look at than read: the headline figures
// as fields, then charts with titles and every value on them (tasks by outcome, open
// incidents by grade, complaints by stage and category), then what is overdue and which
// outlets are furthest behind. Counts only: every chart is whole numbers.
import type { Card, CardBlock, CardItem } from "../card.js";
import { formatDate, formatDelta, formatPercent } from "../format.js";
import type { SummaryView } from "../summary.js";
import { joined, L, type P, when } from "./context.js";

/** Most rows a list shows; the rest are counted ("…and 4 more"). */
const MAX_ROWS = 10;
/** Categories on the chart (Slack draws at most six bars per series). */
const MAX_CATEGORIES = 6;

function period(p: P, v: SummaryView): string {
  const from = formatDate(v.period.from, p.locale);
  const to = formatDate(v.period.to, p.locale);
  switch (v.period.kind) {
    case "today":
      return p.t("cards:summary.period.today", { from });
    case "week":
      return p.t("cards:summary.period.week", { from, to });
    case "month":
      return p.t("cards:summary.period.month", { from, to });
    case "custom":
      return p.t("cards:summary.period.custom", { from, to });
  }
}

function trend(p: P, v: SummaryView): string {
  const d = v.trend.deltaPct;
  if (d === null) return p.t("cards:summary.trend_none");
  return p.t("cards:summary.trend_value", { delta: formatDelta(d), prev: formatPercent(v.trend.onTimePctPrev) });
}

const durationOr = (p: P, key: string, n: number | null) => (n === null ? "–" : p.t(key, { count: Math.round(n) }));

function capped(p: P, items: CardItem[]): CardItem[] {
  if (items.length <= MAX_ROWS) return items;
  return [...items.slice(0, MAX_ROWS), { text: p.t("cards:common.and_more", { count: items.length - MAX_ROWS }) }];
}

/** Most names a circular's row lists; the rest are counted. */
const MAX_NAMES = 8;

function names(p: P, list: string[]): string {
  const shown = list.slice(0, MAX_NAMES).join(p.t("cards:common.list_sep"));
  return list.length > MAX_NAMES
    ? `${shown}${p.t("cards:common.list_sep")}${p.t("cards:common.and_more", { count: list.length - MAX_NAMES })}`
    : shown;
}

/**
 * The late and missed rates beside the on-time rate the summary already shows, and the outlets
 * ranked by them, when the view carries them (digests, exports).
 */
function digestBlocks(p: P, v: SummaryView): CardBlock[] {
  const out: CardBlock[] = [];
  if (v.rates)
    out.push({
      type: "fields",
      fields: [
        { label: p.t("digests:rates.late"), value: formatPercent(v.rates.latePct) },
        { label: p.t("digests:rates.missed"), value: formatPercent(v.rates.missedPct) },
        { label: p.t("digests:rates.measured"), value: String(v.rates.measured) },
      ],
    });
  if (v.ranking && v.ranking.length > 1) {
    out.push({ type: "heading", text: p.t("digests:ranking.heading", { count: v.ranking.length }) });
    out.push({
      type: "items",
      items: capped(
        p,
        v.ranking.map((r) => ({
          icon: `${r.rank}.`,
          text: p.t("digests:ranking.row", {
            outlet: r.outletName,
            on_time: formatPercent(r.onTimePct),
            late: formatPercent(r.latePct),
            missed: formatPercent(r.missedPct),
          }),
        })),
      ),
    });
  }
  return out;
}

export function presentSummary(p: P, v: SummaryView): Card {
  const c = v.completion;
  const scope = v.scope.names.join(p.t("cards:common.list_sep")) || "–";
  // a digest says so in its title: the reader did not ask for it
  const title = p.t(v.digest ? `digests:title.${v.digest}` : "cards:summary.title", { scope });
  const subtitle = period(p, v);
  const blocks: CardBlock[] = [
    {
      type: "fields",
      fields: [
        { label: p.t("cards:summary.on_time"), value: formatPercent(c.onTimePct) },
        { label: p.t("cards:summary.trend"), value: trend(p, v) },
        { label: p.t("cards:summary.total"), value: String(c.total) },
        { label: p.t("cards:summary.exceptions"), value: String(v.exceptions) },
      ],
    },
    {
      type: "chart",
      chart: {
        kind: "donut",
        title: p.t("cards:summary.chart.completion", { count: c.total }),
        data: [
          { label: p.t("cards:summary.confirmed"), value: c.confirmed },
          { label: p.t("cards:summary.with_exceptions"), value: c.withExceptions },
          { label: p.t("cards:summary.missed"), value: c.missed },
          { label: p.t("cards:summary.open"), value: c.open },
        ],
      },
    },
    {
      type: "chart",
      chart: {
        kind: "bar",
        title: p.t("cards:summary.chart.incidents"),
        data: v.incidents.openBySeverity.map((s) => ({ label: L(p, s.label), value: s.count })),
      },
    },
    {
      type: "fields",
      fields: [
        {
          label: p.t("cards:summary.oldest_open"),
          value: durationOr(p, "cards:common.hours", v.incidents.oldestOpenHours),
        },
        {
          label: p.t("cards:summary.median_ack"),
          value: durationOr(p, "cards:common.minutes", v.incidents.medianAckMinutes),
        },
        {
          label: p.t("cards:summary.median_resolve"),
          value: durationOr(p, "cards:common.minutes", v.incidents.medianResolveMinutes),
        },
      ],
    },
    {
      type: "chart",
      chart: {
        kind: "bar",
        title: p.t("cards:summary.chart.complaints_by_stage"),
        data: v.complaints.byStage.map((s) => ({ label: L(p, s.label), value: s.count })),
      },
    },
  ];
  blocks.splice(1, 0, ...digestBlocks(p, v));
  if (v.complaints.byCategory.length > 0) {
    blocks.push({
      type: "chart",
      chart: {
        kind: "bar",
        title: p.t("cards:summary.chart.complaints_by_category"),
        data: v.complaints.byCategory.slice(0, MAX_CATEGORIES).map((x) => ({ label: L(p, x.label), value: x.count })),
      },
    });
  }
  blocks.push({
    type: "fields",
    fields: [
      { label: p.t("cards:summary.late_steps"), value: String(v.complaints.lateSteps) },
      { label: p.t("cards:summary.follow_ups_due"), value: String(v.complaints.followUpsDue) },
    ],
  });
  if (v.errorNotices) {
    blocks.push({
      type: "fields",
      fields: [
        { label: p.t("backoffice:summary.open"), value: String(v.errorNotices.open) },
        { label: p.t("backoffice:summary.overdue"), value: String(v.errorNotices.overdue) },
      ],
    });
  }
  if (v.overdue.length > 0) {
    blocks.push({ type: "heading", text: p.t("cards:summary.overdue", { count: v.overdue.length }) });
    blocks.push({
      type: "items",
      items: capped(
        p,
        v.overdue.map((o) => ({
          icon: "•",
          text: joined(p, [o.outletName, L(p, o.title), when(p, o.dueAt, v.period.timeZone), L(p, o.stateLabel)]),
        })),
      ),
    });
  }
  if (v.behind.length > 0) {
    blocks.push({ type: "heading", text: p.t("cards:summary.behind") });
    blocks.push({
      type: "items",
      items: capped(
        p,
        v.behind.map((b) => ({
          icon: "•",
          text: p.t("cards:summary.behind_row", {
            outlet: b.outletName,
            pct: formatPercent(b.onTimePct),
            overdue: b.overdue,
            count: b.openIncidents,
          }),
        })),
      ),
    });
  }
  if (v.circulars && v.circulars.length > 0) {
    blocks.push({ type: "heading", text: p.t("circulars:summary.heading", { count: v.circulars.length }) });
    blocks.push({
      type: "items",
      items: v.circulars.map((c) => ({
        icon: "📢",
        text: p.t("circulars:summary.row", {
          ref: c.ref,
          title: c.title,
          acknowledged: c.acknowledged,
          total: c.total,
        }),
        detail: p.t("circulars:summary.pending", { names: names(p, c.pending) }),
        tone: "warning" as const,
      })),
    });
  }
  blocks.push({ type: "text", text: p.t("cards:summary.time_zone", { tz: v.period.timeZone }), style: "muted" });
  return {
    title,
    subtitle,
    blocks,
    actions: [],
    summary: joined(p, [title, subtitle, `${p.t("cards:summary.on_time")} ${formatPercent(c.onTimePct)}`]),
  };
}
