// Small Block Kit builders that truncate as they build, so every renderer stays inside the
// limits without repeating the arithmetic. Text in mrkdwn is escaped (& < >) because user
// input and names must never turn into links, mentions or broadcasts.
import type { Locale, Translate } from "../../../i18n/index.js";
import type { ActionButton, Localised, Mention } from "../../../views/common.js";
import type { Block, Button, Mrkdwn, PlainText } from "./block-types.js";
import { LIMITS, truncate } from "./limits.js";

export interface RenderCtx {
  locale: Locale;
  t: Translate;
}

export function tr(ctx: RenderCtx, l: Localised): string {
  return ctx.t(l.key, l.vars);
}

/** Slack's three control characters in mrkdwn; everything else may stay as typed. */
export function esc(s: string): string {
  return s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

export function plain(text: string, max: number): PlainText {
  return { type: "plain_text", text: truncate(text || " ", max), emoji: true };
}

export function md(text: string, max: number = LIMITS.sectionText): Mrkdwn {
  return { type: "mrkdwn", text: truncate(text || " ", max) };
}

export function header(text: string): Block {
  return { type: "header", text: plain(text, LIMITS.headerText) };
}

export function section(text: string): Block {
  return { type: "section", text: md(text) };
}

/** Key/value pairs as section fields: at most 10 per section, so long lists become several sections. */
export function fieldSections(fields: string[]): Block[] {
  const out: Block[] = [];
  for (let i = 0; i < fields.length; i += LIMITS.fields) {
    out.push({ type: "section", fields: fields.slice(i, i + LIMITS.fields).map((f) => md(f, LIMITS.fieldText)) });
  }
  return out;
}

export function context(texts: string[]): Block {
  return { type: "context", elements: texts.slice(0, LIMITS.contextElements).map((s) => md(s, LIMITS.contextText)) };
}

export const divider: Block = { type: "divider" };

/**
 * Lines joined into as few sections as fit in 3000 characters each. A single line longer than
 * that is truncated on its own rather than dropped.
 */
export function lineSections(lines: string[]): Block[] {
  const out: Block[] = [];
  let current = "";
  for (const raw of lines) {
    const line = truncate(raw, LIMITS.sectionText);
    if (current && current.length + 1 + line.length > LIMITS.sectionText) {
      out.push(section(current));
      current = "";
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) out.push(section(current));
  return out;
}

/** "<@U123>" when the person has a Slack id (a real notification), else their name. */
export function mention(m: Mention): string {
  return m.slackUserId ? `<@${m.slackUserId}>` : esc(m.name);
}

export function mentions(list: Mention[]): string {
  return list.map(mention).join(" ");
}

/** "▓▓▓▓▓░░░░░ 52%": ten cells, rounded to the nearest cell; null shows as "–". */
export function progressBar(pct: number | null): string {
  if (pct === null || Number.isNaN(pct)) return "░░░░░░░░░░ –";
  const clamped = Math.max(0, Math.min(100, pct));
  const filled = Math.round(clamped / 10);
  return `${"▓".repeat(filled)}${"░".repeat(10 - filled)} ${Math.round(clamped)}%`;
}

export function percent(done: number, total: number): number | null {
  return total > 0 ? (done / total) * 100 : null;
}

/** An instant shown in the view's time zone, in the reader's language ("11月23日 08:00", "23 Nov, 08:00"). */
export function formatTime(iso: string | null | undefined, timeZone: string, locale: Locale): string {
  if (!iso) return "–";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return esc(iso);
  return new Intl.DateTimeFormat(locale === "zh-CN" ? "zh-CN" : "en-GB", {
    timeZone,
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  }).format(d);
}

/** Separator between an action name and a suffix that keeps action_ids unique inside one block. */
const ACTION_SUFFIX = "~";

/** The view's action name back from a Slack action_id ("checklist.open~2" → "checklist.open"). */
export function decodeActionId(actionId: string): string {
  const i = actionId.indexOf(ACTION_SUFFIX);
  return i === -1 ? actionId : actionId.slice(0, i);
}

export function button(ctx: RenderCtx, a: ActionButton, actionId: string = a.action): Button {
  const b: Button = {
    type: "button",
    action_id: truncate(actionId, LIMITS.id),
    text: plain(tr(ctx, a.label), LIMITS.buttonText),
    value: truncate(a.value, LIMITS.buttonValue),
  };
  if (a.style) b.style = a.style;
  return b;
}

/** Buttons in actions blocks of at most 25, each action_id unique within its block. */
export function actionBlocks(ctx: RenderCtx, actions: ActionButton[] | undefined): Block[] {
  if (!actions || actions.length === 0) return [];
  const out: Block[] = [];
  for (let i = 0; i < actions.length; i += LIMITS.actionsElements) {
    const seen = new Map<string, number>();
    const elements = actions.slice(i, i + LIMITS.actionsElements).map((a) => {
      const n = (seen.get(a.action) ?? 0) + 1;
      seen.set(a.action, n);
      return button(ctx, a, n === 1 ? a.action : `${a.action}${ACTION_SUFFIX}${n}`);
    });
    out.push({ type: "actions", elements });
  }
  return out;
}

/** The plain-text fallback: notifications and screen readers use it, so it carries the mentions. */
export function fallback(...parts: Array<string | undefined>): string {
  return truncate(parts.filter((p) => p?.trim()).join(" · ") || " ", LIMITS.fallbackText);
}
