// Checks a card against what Teams accepts for bot messages: Adaptive Cards 1.5, about 80 KB
// serialized (above ~100 KB the send fails with 413 MessageSizeTooBig), no properties Teams
// does not support (positive/destructive styles, isEnabled, file inputs), a fallback on every
// Chart.* element, and unique input ids (duplicates silently lose values on submit).
import { RESERVED_DATA_KEYS } from "./common.js";

export const MAX_CARD_BYTES = 80 * 1024;

const INPUT_TYPES = new Set([
  "Input.Text",
  "Input.Number",
  "Input.Date",
  "Input.Time",
  "Input.Toggle",
  "Input.ChoiceSet",
]);

export function cardProblems(card: unknown): string[] {
  const problems: string[] = [];
  const root = card as Record<string, unknown>;
  if (root?.type !== "AdaptiveCard") problems.push("root type is not AdaptiveCard");
  if (root?.version !== "1.5") problems.push(`version must be "1.5" (is ${String(root?.version)})`);
  const bytes = Buffer.byteLength(JSON.stringify(card), "utf8");
  if (bytes > MAX_CARD_BYTES) problems.push(`card is ${bytes} bytes, over ${MAX_CARD_BYTES}`);
  const inputIds = new Map<string, number>();
  const walk = (node: unknown, path: string) => {
    if (Array.isArray(node)) {
      node.forEach((n, i) => {
        walk(n, `${path}[${i}]`);
      });
      return;
    }
    if (!node || typeof node !== "object") return;
    const o = node as Record<string, unknown>;
    const type = typeof o.type === "string" ? o.type : "";
    if (o.style === "positive" || o.style === "destructive")
      problems.push(`${path}: style "${o.style}" is not supported`);
    if ("isEnabled" in o) problems.push(`${path}: isEnabled is not supported`);
    if (/^Input\.(File|Image)/.test(type) || type === "Action.Upload")
      problems.push(`${path}: ${type} is not supported`);
    if (type.startsWith("Chart.") && !path.endsWith(".fallback") && !o.fallback)
      problems.push(`${path}: ${type} has no fallback`);
    if (INPUT_TYPES.has(type)) {
      const id = typeof o.id === "string" ? o.id : "";
      if (!id) problems.push(`${path}: ${type} has no id`);
      else {
        inputIds.set(id, (inputIds.get(id) ?? 0) + 1);
        if ((RESERVED_DATA_KEYS as readonly string[]).includes(id))
          problems.push(`${path}: input id "${id}" is reserved`);
      }
    }
    for (const [k, v] of Object.entries(o)) {
      // action data is opaque payload, not card structure
      if (k === "data" && type.startsWith("Action.")) continue;
      walk(v, `${path}.${k}`);
    }
  };
  walk(card, "$");
  for (const [id, n] of inputIds) if (n > 1) problems.push(`input id "${id}" is used ${n} times`);
  return problems;
}

export class CardLimitError extends Error {
  constructor(readonly problems: string[]) {
    super(`card breaks Teams limits: ${problems.join("; ")}`);
    this.name = "CardLimitError";
  }
}

export function assertCardOk(card: unknown): void {
  const p = cardProblems(card);
  if (p.length > 0) throw new CardLimitError(p);
}
