// Keeps a card under the size limit when the data is unexpectedly large (a very long masked
// description, a huge list): long texts are shortened step by step. Lists are already capped
// by the renderers, so this only bites on pathological input.
import type { AdaptiveCard } from "./common.js";
import { MAX_CARD_BYTES } from "./limits.js";

const size = (c: unknown) => Buffer.byteLength(JSON.stringify(c), "utf8");

function shorten(node: unknown, max: number): unknown {
  if (typeof node === "string") return node.length > max ? `${node.slice(0, max)}…` : node;
  if (Array.isArray(node)) return node.map((n) => shorten(n, max));
  if (node && typeof node === "object")
    return Object.fromEntries(
      Object.entries(node).map(([k, v]) => [k, k === "id" || k === "type" || k === "verb" ? v : shorten(v, max)]),
    );
  return node;
}

export function fitToLimit(card: AdaptiveCard): AdaptiveCard {
  let current = card;
  for (const max of [2000, 800, 300, 120]) {
    if (size(current) <= MAX_CARD_BYTES) return current;
    current = shorten(card, max) as AdaptiveCard;
  }
  // last resort: drop the form echo from the buttons (a rejected submission then gets its
  // errors as a message instead of on the card)
  return JSON.parse(JSON.stringify(current, (k, v) => (k === "form" ? undefined : v))) as AdaptiveCard;
}
