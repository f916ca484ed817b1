// The status summary: figures as section fields, on-time rates as text progress bars. It can
// run long (many outlets behind, many overdue tasks), so it returns one block list that the
// dispatcher splits into messages of at most 50 blocks.
import type { SummaryView } from "../../../views/summary.js";
import type { Block } from "./block-types.js";
import {
  context,
  divider,
  esc,
  fallback,
  fieldSections,
  formatTime,
  header,
  lineSections,
  progressBar,
  type RenderCtx,
  section,
  tr,
} from "./kit.js";
import { labelOf, SEVERITY_KEYS } from "./labels.js";

const PERIOD_KEYS: Record<SummaryView["period"]["kind"], string> = {
  today: "slack:summary.period.today",
  week: "slack:summary.period.week",
  month: "slack:summary.period.month",
  custom: "slack:summary.period.custom",
};

function minutes(ctx: RenderCtx, m: number | null): string {
  return m === null ? "–" : ctx.t("slack:summary.minutes", { n: Math.round(m) });
}

function trend(ctx: RenderCtx, v: SummaryView): string {
  const d = v.trend.deltaPct;
  if (d === null) return ctx.t("slack:summary.trend_none");
  const arrow = d > 0 ? "↑" : d < 0 ? "↓" : "→";
  return ctx.t("slack:summary.trend", {
    arrow,
    delta: Math.abs(Math.round(d)),
    prev: progressBar(v.trend.onTimePctPrev),
  });
}

export function renderSummaryBlocks(ctx: RenderCtx, v: SummaryView): { title: string; blocks: Block[] } {
  const scope = v.scope.names.join(", ");
  const period = ctx.t(PERIOD_KEYS[v.period.kind], { from: v.period.from, to: v.period.to });
  const title = ctx.t("slack:summary.header", { scope, period });
  const c = v.completion;
  const blocks: Block[] = [
    header(title),
    section(`*${ctx.t("slack:summary.on_time")}*  \`${progressBar(c.onTimePct)}\`\n${trend(ctx, v)}`),
    ...fieldSections([
      `*${ctx.t("slack:summary.confirmed")}*\n${c.confirmed}`,
      `*${ctx.t("slack:summary.with_exceptions")}*\n${c.withExceptions}`,
      `*${ctx.t("slack:summary.missed")}*\n${c.missed}`,
      `*${ctx.t("slack:summary.open")}*\n${c.open}`,
      `*${ctx.t("slack:summary.total")}*\n${c.total}`,
      `*${ctx.t("slack:summary.exceptions")}*\n${v.exceptions}`,
    ]),
  ];
  if (v.overdue.length > 0) {
    blocks.push(divider, section(`*${ctx.t("slack:summary.overdue", { n: v.overdue.length })}*`));
    blocks.push(
      ...lineSections(
        v.overdue.map(
          (o) =>
            `• ${esc(o.outletName)} · ${esc(tr(ctx, o.title))} · ${formatTime(o.dueAt, v.period.timeZone, ctx.locale)}`,
        ),
      ),
    );
  }
  const inc = v.incidents;
  blocks.push(
    divider,
    section(`*${ctx.t("slack:summary.incidents")}*`),
    ...fieldSections([
      ...Object.entries(inc.openBySeverity).map(([sev, n]) => `*${labelOf(ctx.t, SEVERITY_KEYS, sev)}*\n${n}`),
      `*${ctx.t("slack:summary.oldest_open")}*\n${inc.oldestOpenHours === null ? "–" : ctx.t("slack:summary.hours", { n: Math.round(inc.oldestOpenHours) })}`,
      `*${ctx.t("slack:summary.median_ack")}*\n${minutes(ctx, inc.medianAckMinutes)}`,
      `*${ctx.t("slack:summary.median_resolve")}*\n${minutes(ctx, inc.medianResolveMinutes)}`,
    ]),
  );
  const cp = v.complaints;
  blocks.push(
    divider,
    section(`*${ctx.t("slack:summary.complaints")}*`),
    ...fieldSections([
      ...Object.entries(cp.byStage).map(([stage, n]) => `*${esc(stage)}*\n${n}`),
      ...cp.byCategory.map((b) => `*${esc(tr(ctx, b.label))}*\n${b.count}`),
      `*${ctx.t("slack:summary.late_steps")}*\n${cp.lateSteps}`,
      `*${ctx.t("slack:summary.follow_ups_due")}*\n${cp.followUpsDue}`,
    ]),
  );
  if (v.behind.length > 0) {
    blocks.push(divider, section(`*${ctx.t("slack:summary.behind")}*`));
    for (const b of v.behind) {
      blocks.push(
        ...fieldSections([
          `*${esc(b.outletName)}*\n\`${progressBar(b.onTimePct)}\``,
          ctx.t("slack:summary.behind_detail", { overdue: b.overdue, incidents: b.openIncidents }),
        ]),
      );
    }
  }
  blocks.push(context([ctx.t("slack:summary.time_zone", { tz: v.period.timeZone })]));
  return { title: fallback(title, progressBar(c.onTimePct)), blocks };
}
