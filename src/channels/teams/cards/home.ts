// "My day" in the personal chat: today's tasks with progress, open cases, approvals waiting.

import type { TextView } from "../../../views/common.js";
import type { HomeView } from "../../../views/home.js";
import {
  type AdaptiveCard,
  buttons,
  capped,
  card,
  heading,
  type Json,
  L,
  localTime,
  type RenderCtx,
  text,
} from "./common.js";

export function homeCard(ctx: RenderCtx, v: HomeView): AdaptiveCard {
  const t = ctx.t;
  const body: Json[] = [heading(t("teams:home.title", { name: v.staffName }))];
  const section = (title: string, lines: string[], empty: string) => {
    body.push(text(title, { weight: "Bolder", spacing: "Medium" }));
    const { shown, more } = capped(lines, 15);
    if (shown.length === 0) body.push(text(empty, { isSubtle: true, spacing: "None" }));
    for (const l of shown) body.push(text(l, { spacing: "None" }));
    if (more > 0) body.push(text(t("teams:common.and_more", { count: more }), { isSubtle: true }));
  };
  section(
    t("teams:home.tasks"),
    v.tasksToday.map(
      (x) =>
        `${x.done >= x.total ? "✅" : "⬜"} ${localTime(ctx, x.dueAt, x.timeZone)} ${L(ctx, x.title)} · ${x.outletName} (${x.done}/${x.total}, ${t(`teams:state.${x.state}`)})`,
    ),
    t("teams:home.no_tasks"),
  );
  section(
    t("teams:home.incidents"),
    v.openIncidents.map((i) => `${i.ref} · ${L(ctx, i.typeLabel)} · ${t(`teams:severity.${i.severity}`)}`),
    t("teams:home.none"),
  );
  section(
    t("teams:home.complaints"),
    v.openComplaints.map(
      (c) =>
        `${c.ref} · ${L(ctx, c.categoryLabel)} · ${t("teams:home.step", { step: c.stepNo })}${c.late ? ` ⚠ ${t("teams:home.late")}` : ""}`,
    ),
    t("teams:home.none"),
  );
  section(
    t("teams:home.approvals"),
    v.approvalsWaiting.map(
      (a) =>
        `${a.ref} · ${t("teams:home.step", { step: a.stepNo })} · ${localTime(ctx, a.dueAt, a.timeZone)}${a.late ? ` ⚠ ${t("teams:home.late")}` : ""}`,
    ),
    t("teams:home.none"),
  );
  return card(body);
}

export function textCard(ctx: RenderCtx, v: TextView, cardId: string): AdaptiveCard {
  const { shown, more } = capped(v.lines ?? [], 40);
  const body: Json[] = [text(L(ctx, v.message)), ...shown.map((l) => text(L(ctx, l), { spacing: "Small" }))];
  if (more > 0) body.push(text(ctx.t("teams:common.and_more", { count: more }), { isSubtle: true }));
  return card(body, buttons(ctx, v.actions, cardId));
}
