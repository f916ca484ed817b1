// App Home: my tasks today (with an Open checklist button each), my open incidents and
// complaints, and the approvals waiting for me. A Home tab holds at most 100 blocks, so long
// lists are cut with an "and N more" line.
import type { HomeView } from "../../../views/home.js";
import type { Block, HomeTabView } from "./block-types.js";
import {
  button,
  context,
  divider,
  esc,
  formatTime,
  header,
  lineSections,
  percent,
  progressBar,
  type RenderCtx,
  section,
  tr,
} from "./kit.js";
import { INCIDENT_STATUS_KEYS, labelOf, SEVERITY_KEYS, STATE_KEYS } from "./labels.js";
import { LIMITS } from "./limits.js";

/** Task rows are one block each; cap them so the other sections always fit. */
const MAX_TASK_ROWS = 40;

function more(ctx: RenderCtx, hidden: number): Block[] {
  return hidden > 0 ? [context([ctx.t("slack:home.more", { n: hidden })])] : [];
}

export function renderHome(ctx: RenderCtx, v: HomeView): HomeTabView {
  const blocks: Block[] = [header(ctx.t("slack:home.title", { name: v.staffName }))];

  blocks.push(section(`*${ctx.t("slack:home.tasks_today")}*`));
  if (v.tasksToday.length === 0) blocks.push(context([ctx.t("slack:home.none")]));
  for (const task of v.tasksToday.slice(0, MAX_TASK_ROWS)) {
    const line = [
      `*${esc(tr(ctx, task.title))}* · ${esc(task.outletName)} · ${formatTime(task.dueAt, task.timeZone, ctx.locale)}`,
      `${labelOf(ctx.t, STATE_KEYS, task.state)}  \`${progressBar(percent(task.done, task.total))}\``,
    ].join("\n");
    blocks.push({
      type: "section",
      text: { type: "mrkdwn", text: line },
      accessory: button(ctx, {
        action: "checklist.open",
        label: { key: "slack:home.open_checklist" },
        value: task.occurrenceId,
      }),
    });
  }
  blocks.push(...more(ctx, v.tasksToday.length - MAX_TASK_ROWS));

  blocks.push(divider, section(`*${ctx.t("slack:home.incidents")}*`));
  blocks.push(
    ...(v.openIncidents.length === 0
      ? [context([ctx.t("slack:home.none")])]
      : lineSections(
          v.openIncidents.map(
            (i) =>
              `• ${esc(i.ref)} · ${esc(tr(ctx, i.typeLabel))} · ${labelOf(ctx.t, SEVERITY_KEYS, i.severity)} · ${labelOf(ctx.t, INCIDENT_STATUS_KEYS, i.status)}`,
          ),
        )),
  );

  blocks.push(divider, section(`*${ctx.t("slack:home.complaints")}*`));
  blocks.push(
    ...(v.openComplaints.length === 0
      ? [context([ctx.t("slack:home.none")])]
      : lineSections(
          v.openComplaints.map(
            (c) =>
              `• ${esc(c.ref)} · ${esc(tr(ctx, c.categoryLabel))} · ${ctx.t("slack:home.step", { no: c.stepNo })}${c.late ? ` · ${ctx.t("slack:home.late")}` : ""}`,
          ),
        )),
  );

  blocks.push(divider, section(`*${ctx.t("slack:home.approvals")}*`));
  blocks.push(
    ...(v.approvalsWaiting.length === 0
      ? [context([ctx.t("slack:home.none")])]
      : lineSections(
          v.approvalsWaiting.map(
            (a) =>
              `• ${esc(a.ref)} · ${ctx.t("slack:home.step", { no: a.stepNo })} · ${a.dueAt ? ctx.t("slack:home.due", { due: formatTime(a.dueAt, a.timeZone, ctx.locale) }) : "–"}${a.late ? ` · ${ctx.t("slack:home.late")}` : ""}`,
          ),
        )),
  );

  // Line sections grow with text, not rows; this last guard keeps the tab valid whatever the data.
  if (blocks.length > LIMITS.viewBlocks) {
    const hidden = blocks.length - (LIMITS.viewBlocks - 1);
    blocks.splice(LIMITS.viewBlocks - 1, blocks.length, ...more(ctx, hidden));
  }
  return { type: "home", blocks };
}
