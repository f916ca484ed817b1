// Building blocks shared by the Adaptive Card renderers. Cards are plain JSON (version 1.5,
// what Teams renders for bots). Every button is an Action.Execute (Universal Actions: the bot
// answers the invoke with a refreshed card) with an Action.Submit fallback for older clients.
// Teams ignores positive/destructive styles and isEnabled, so neither is ever emitted.
import type { Locale, Translate } from "../../../i18n/index.js";
import type { ActionButton, Localised, Mention } from "../../../views/common.js";

export type Json = Record<string, unknown>;

export interface AdaptiveCard extends Json {
  type: "AdaptiveCard";
  $schema: string;
  version: "1.5";
  body: Json[];
  actions?: Json[];
}

export interface RenderCtx {
  t: Translate;
  locale: Locale;
}

/** Card-level data every action carries, so an answer can find the card it came from. */
export interface ActionData extends Json {
  action: string;
  value: string;
  /** Identity of the card the button sits on (see cardIdentity), for refresh in place. */
  card?: string;
}

/** Keys the edge reserves in action data; form input ids must not use them. */
export const RESERVED_DATA_KEYS = ["action", "value", "card", "formKey", "contextId", "form", "msteams"] as const;

export const CARD_SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json";

export function card(body: Json[], actions: Json[] = [], mentions: Mention[] = [], extra: Json = {}): AdaptiveCard {
  const entities = mentionEntities(mentions);
  return {
    type: "AdaptiveCard",
    $schema: CARD_SCHEMA,
    version: "1.5",
    body,
    ...(actions.length > 0 ? { actions } : {}),
    ...(entities.length > 0 ? { msteams: { entities } } : {}),
    ...extra,
  };
}

export const L = (ctx: RenderCtx, l: Localised): string => ctx.t(l.key, l.vars);

export function text(value: string, opts: Json = {}): Json {
  return { type: "TextBlock", text: value, wrap: true, ...opts };
}

export function heading(value: string): Json {
  return text(value, { size: "Large", weight: "Bolder", style: "heading" });
}

export function facts(rows: Array<[string, string]>): Json {
  return { type: "FactSet", facts: rows.map(([title, value]) => ({ title, value })) };
}

/** A button: Action.Execute (verb = action) falling back to Action.Submit with the same data. */
export function executeAction(title: string, data: ActionData): Json {
  return {
    type: "Action.Execute",
    title,
    verb: data.action,
    data,
    fallback: { type: "Action.Submit", title, data },
  };
}

export function buttons(ctx: RenderCtx, list: ActionButton[] | undefined, cardId: string): Json[] {
  return (list ?? []).map((b) => executeAction(L(ctx, b.label), { action: b.action, value: b.value, card: cardId }));
}

/** "<at>Name</at>" for people Teams can notify, the plain name for the others. */
export function mentionText(m: Mention): string {
  return m.teamsUserId ? `<at>${m.name}</at>` : m.name;
}

export function mentionLine(list: Mention[]): string {
  return list.map(mentionText).join(", ");
}

export function mentionEntities(list: Mention[]): Json[] {
  const seen = new Set<string>();
  return list.flatMap((m) => {
    if (!m.teamsUserId || seen.has(m.teamsUserId)) return [];
    seen.add(m.teamsUserId);
    return [{ type: "mention", text: `<at>${m.name}</at>`, mentioned: { id: m.teamsUserId, name: m.name } }];
  });
}

/** A local date-time in the outlet's zone, e.g. "11-23 08:00" / "11月23日 08:00". */
export function localTime(ctx: RenderCtx, iso: string | null | undefined, timeZone: string): string {
  if (!iso) return "–";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(ctx.locale, {
    timeZone,
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  }).format(d);
}

/** Caps a list so one card stays far below the size limit; the rest is counted, not shown. */
export function capped<T>(list: T[], max: number): { shown: T[]; more: number } {
  return { shown: list.slice(0, max), more: Math.max(0, list.length - max) };
}
