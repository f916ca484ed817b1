// Nudges, escalations and misses of a task, plus the "here is what I understood" echo of a
// plain-text checklist reply. All arrive as thread replies or DMs.
import type { ConfirmationEchoView, NudgeView, TaskEscalationView, TaskMissedView } from "../../../views/tasks.js";
import type { Block, SlackMessage } from "./block-types.js";
import {
  actionBlocks,
  esc,
  fallback,
  formatTime,
  header,
  lineSections,
  mentions,
  type RenderCtx,
  section,
  tr,
} from "./kit.js";

export function renderNudge(ctx: RenderCtx, v: NudgeView): SlackMessage {
  const text = ctx.t("slack:nudge.text", {
    title: tr(ctx, v.title),
    outlet: v.outletName,
    windowEnds: formatTime(v.windowEndsAt, v.timeZone, ctx.locale),
    remaining: v.remaining,
  });
  const people = mentions(v.waitingOn);
  return { text: fallback(text, people), blocks: [section(people ? `${people} ${text}` : text)] };
}

export function renderTaskEscalation(ctx: RenderCtx, v: TaskEscalationView): SlackMessage {
  const text = ctx.t("slack:escalation.text", {
    title: tr(ctx, v.title),
    outlet: v.outletName,
    due: formatTime(v.dueAt, v.timeZone, ctx.locale),
    windowEnds: formatTime(v.windowEndsAt, v.timeZone, ctx.locale),
    remaining: v.remaining,
  });
  const lines = [`${mentions(v.to)} ${text}`.trim()];
  if (v.waitingOn.length > 0) lines.push(ctx.t("slack:reminder.waiting_on", { people: mentions(v.waitingOn) }));
  return { text: fallback(text, mentions(v.to)), blocks: [section(lines.join("\n"))] };
}

export function renderTaskMissed(ctx: RenderCtx, v: TaskMissedView): SlackMessage {
  const text = ctx.t("slack:missed.text", {
    title: tr(ctx, v.title),
    outlet: v.outletName,
    due: formatTime(v.dueAt, v.timeZone, ctx.locale),
    remaining: v.remaining,
  });
  return { text: fallback(text, mentions(v.to)), blocks: [section(`${mentions(v.to)} ${text}`.trim())] };
}

export function renderEcho(ctx: RenderCtx, v: ConfirmationEchoView): SlackMessage {
  const title = tr(ctx, v.title);
  const lines = v.lines.map((l) => {
    const parts = [`${l.status === "ok" ? "✅" : "❌"} ${l.number}. ${esc(tr(ctx, l.label))}`];
    if (l.value) parts.push(`*${esc(l.value)}*`);
    if (l.note) parts.push(`_${esc(l.note)}_`);
    return parts.join(" · ");
  });
  const blocks: Block[] = [header(title), section(ctx.t("slack:echo.intro")), ...lineSections(lines)];
  if (v.question) blocks.push(section(`❓ ${esc(tr(ctx, v.question))}`));
  blocks.push(...actionBlocks(ctx, v.actions));
  return { text: fallback(title, v.question ? tr(ctx, v.question) : ctx.t("slack:echo.intro")), blocks };
}
