// The status summary with Teams charts. Every Chart.* carries a fallback (a FactSet) because
// clients without chart support would otherwise drop the figures silently.
import type { SummaryView } from "../../../views/summary.js";
import { type AdaptiveCard, capped, card, facts, heading, type Json, L, type RenderCtx, text } from "./common.js";

const pct = (v: number | null) => (v === null ? "–" : `${Math.round(v)}%`);

function chart(type: string, title: string, data: Json[], fallbackRows: Array<[string, string]>): Json {
  return {
    type,
    title,
    data,
    fallback: { type: "Container", items: [text(title, { weight: "Bolder" }), facts(fallbackRows)] },
  };
}

export function summaryCard(ctx: RenderCtx, v: SummaryView): AdaptiveCard {
  const c = v.completion;
  const t = ctx.t;
  const body: Json[] = [
    heading(t("teams:summary.title", { scope: v.scope.names.join(", ") || "–" })),
    text(t(`teams:summary.period.${v.period.kind}`, { from: v.period.from, to: v.period.to }), {
      isSubtle: true,
      spacing: "None",
    }),
    facts([
      [t("teams:summary.on_time"), pct(c.onTimePct)],
      [
        t("teams:summary.trend"),
        v.trend.deltaPct === null ? "–" : `${v.trend.deltaPct > 0 ? "+" : ""}${Math.round(v.trend.deltaPct)}%`,
      ],
      [t("teams:summary.exceptions"), String(v.exceptions)],
    ]),
  ];
  const completion: Array<[string, number]> = [
    [t("teams:summary.confirmed"), c.confirmed],
    [t("teams:summary.with_exceptions"), c.withExceptions],
    [t("teams:summary.missed"), c.missed],
    [t("teams:summary.open"), c.open],
  ];
  body.push(
    chart(
      "Chart.Donut",
      t("teams:summary.completion", { total: c.total }),
      completion.map(([legend, value]) => ({ legend, value })),
      completion.map(([k, n]) => [k, String(n)]),
    ),
  );
  const sev = Object.entries(v.incidents.openBySeverity).map(([s, n]): [string, number] => [
    t(`teams:severity.${s}`),
    n,
  ]);
  body.push(
    chart(
      "Chart.VerticalBar",
      t("teams:summary.incidents_open"),
      sev.map(([x, y]) => ({ x, y })),
      sev.length > 0 ? sev.map(([k, n]) => [k, String(n)]) : [[t("teams:summary.none"), "0"]],
    ),
    facts([
      [
        t("teams:summary.median_ack"),
        v.incidents.medianAckMinutes === null ? "–" : t("teams:summary.minutes", { n: v.incidents.medianAckMinutes }),
      ],
      [
        t("teams:summary.median_resolve"),
        v.incidents.medianResolveMinutes === null
          ? "–"
          : t("teams:summary.minutes", { n: v.incidents.medianResolveMinutes }),
      ],
      [
        t("teams:summary.oldest_open"),
        v.incidents.oldestOpenHours === null ? "–" : t("teams:summary.hours", { n: v.incidents.oldestOpenHours }),
      ],
    ]),
  );
  const cats = capped(v.complaints.byCategory, 12).shown.map((x): [string, number] => [L(ctx, x.label), x.count]);
  body.push(
    chart(
      "Chart.HorizontalBar",
      t("teams:summary.complaints_by_category"),
      cats.map(([x, y]) => ({ x, y })),
      cats.length > 0 ? cats.map(([k, n]) => [k, String(n)]) : [[t("teams:summary.none"), "0"]],
    ),
    facts([
      ...Object.entries(v.complaints.byStage).map(([stage, n]): [string, string] => [
        t("teams:summary.stage", { stage }),
        String(n),
      ]),
      [t("teams:summary.late_steps"), String(v.complaints.lateSteps)],
      [t("teams:summary.follow_ups_due"), String(v.complaints.followUpsDue)],
    ]),
  );
  const overdue = capped(v.overdue, 10);
  if (overdue.shown.length > 0) {
    body.push(text(t("teams:summary.overdue"), { weight: "Bolder", spacing: "Medium" }));
    for (const o of overdue.shown) body.push(text(`• ${o.outletName}: ${L(ctx, o.title)}`, { spacing: "None" }));
    if (overdue.more > 0) body.push(text(t("teams:common.and_more", { count: overdue.more }), { isSubtle: true }));
  }
  const behind = capped(v.behind, 5);
  if (behind.shown.length > 0) {
    body.push(text(t("teams:summary.behind"), { weight: "Bolder", spacing: "Medium" }));
    body.push(
      facts(
        behind.shown.map((b): [string, string] => [
          b.outletName,
          t("teams:summary.behind_row", { pct: pct(b.onTimePct), overdue: b.overdue, incidents: b.openIncidents }),
        ]),
      ),
    );
  }
  return card(body);
}
