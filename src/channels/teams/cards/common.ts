// Building blocks shared by the Adaptive Card layout. Cards are plain JSON (version 1.5, what
// Teams renders for bots). Every button is an Action.Execute (Universal Actions: the bot
// answers the invoke with a refreshed card) with an Action.Submit fallback for older clients.
// Teams ignores positive/destructive styles and isEnabled, so neither is ever emitted.
import type { Locale, Translate } from "../../../i18n/index.js";
import type { Mention } from "../../../views/common.js";

export type Json = Record<string, unknown>;

export interface AdaptiveCard extends Json {
  type: "AdaptiveCard";
  $schema: string;
  version: "1.5";
  body: Json[];
  actions?: Json[];
}

/** The same shape as the presenters' P: the reader's translator and language. */
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

/** A button: Action.Execute (verb = action) falling back to Action.Submit with the same data. */
export function executeAction(title: string, data: ActionData, extra: Json = {}): Json {
  return {
    type: "Action.Execute",
    title,
    verb: data.action,
    data,
    ...extra,
    fallback: { type: "Action.Submit", title, data, ...extra },
  };
}

/** "<at>Name</at>" for people Teams can notify, the plain name for the others. */
export function mentionText(m: Mention): string {
  return m.teamsUserId ? `<at>${m.name}</at>` : m.name;
}

export function mentionEntities(list: Mention[]): Json[] {
  const seen = new Set<string>();
  return list.flatMap((m) => {
    if (!m.teamsUserId || seen.has(m.teamsUserId)) return [];
    seen.add(m.teamsUserId);
    return [{ type: "mention", text: `<at>${m.name}</at>`, mentioned: { id: m.teamsUserId, name: m.name } }];
  });
}
