// Structured logs (pino). Redaction is a second line of defence: code never logs tokens or
// message bodies, and these paths catch them if an object carrying one is logged by mistake.
// Secrets are replaced outright. Message text and bodies (text, body, blocks, a Teams activity's
// text, …) are replaced too, at every level including debug. Every other string that reaches
// a log line (the message itself, error messages and stacks, SDK output) has customer
// identifiers masked (maskIdentifiers), so a number quoted in an error is not logged raw.
import { type Logger, pino } from "pino";
import { maskIdentifiers } from "./domain/masking.js";

export type { Logger };

export const REDACT_PATHS = [
  "token",
  "*.token",
  "botToken",
  "*.botToken",
  "appToken",
  "*.appToken",
  "signingSecret",
  "*.signingSecret",
  "appPassword",
  "*.appPassword",
  "password",
  "*.password",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "*.headers.authorization",
  'headers["x-slack-signature"]',
];

/** Fields that carry what people wrote: never logged, whatever the level. */
export const TEXT_PATHS = [
  "text",
  "*.text",
  "body",
  "*.body",
  "blocks",
  "*.blocks",
  "view",
  "*.view",
  "values",
  "*.values",
  "message.text",
  "event.text",
  "activity.text",
  "activity.value",
  "*.activity.text",
  "description",
  "*.description",
  "note",
  "*.note",
  "comment",
  "*.comment",
];

const SECRET_KEYS = new Set([
  "token",
  "botToken",
  "appToken",
  "signingSecret",
  "appPassword",
  "password",
  "authorization",
  "x-slack-signature",
]);

/** Masks customer identifiers in any string inside a value logged (deeply, bounded). */
export function maskLogged(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return maskIdentifiers(value);
  if (depth > 6 || value === null || typeof value !== "object") return value;
  if (value instanceof Error) {
    // a copy with the same prototype (pino's err serializer still sees an Error)
    const copy = Object.create(Object.getPrototypeOf(value)) as Record<string, unknown>;
    for (const k of Object.getOwnPropertyNames(value))
      copy[k] = maskLogged((value as unknown as Record<string, unknown>)[k], depth + 1);
    return copy;
  }
  if (Array.isArray(value)) return value.map((v) => maskLogged(v, depth + 1));
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value; // Dates, Buffers, class instances
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskLogged(v, depth + 1)]));
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "branchbot" },
      redact: {
        paths: [...REDACT_PATHS, ...TEXT_PATHS],
        censor: (_value: unknown, path: string[]) =>
          SECRET_KEYS.has(path.at(-1) ?? "") ? "[redacted]" : "[redacted text]",
      },
      hooks: {
        // the message string and the logged object's other strings: identifiers masked
        logMethod(args, method) {
          method.apply(this, args.map((a) => maskLogged(a)) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}
