// Bolt and the Web API client log through this adapter into the service's pino logger, so
// their output is structured JSON like everything else (and redacted the same way).
//
// At debug level both SDKs print whole payloads: Bolt every incoming body
// (`JSON.stringify(body)`), the Web API client every request body (chat.postMessage text and
// blocks) and every result. Those carry what people wrote, so each SDK line is scrubbed before
// it is logged: JSON inside the line is parsed and the fields that hold message content are
// replaced, and every remaining string has customer identifiers masked.
import type { Logger as SlackLogger } from "@slack/bolt";
import { LogLevel } from "@slack/bolt";
import { maskIdentifiers } from "../../domain/masking.js";
import type { Logger } from "../../log.js";

/** Keys whose values are message content (Slack payloads, Block Kit, modal state). */
const CONTENT_KEYS = new Set([
  "text",
  "blocks",
  "attachments",
  "view",
  "state",
  "values",
  "value",
  "initial_value",
  "message",
  "messages",
  "previous_message",
  "fallback",
  "pretext",
  "title",
  "fields",
  "elements",
  "placeholder",
]);

function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return maskIdentifiers(value);
  if (value === null || typeof value !== "object" || depth > 20) return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, CONTENT_KEYS.has(k) ? "[redacted text]" : scrub(v, depth + 1)]),
  );
}

/** One SDK log line with message content redacted and identifiers masked. */
export function scrubSdkLine(line: string): string {
  const at = line.search(/[{[]/);
  if (at >= 0) {
    try {
      return `${maskIdentifiers(line.slice(0, at))}${JSON.stringify(scrub(JSON.parse(line.slice(at))))}`;
    } catch {
      // not JSON after all (or truncated): fall through to redacting everything after the brace
      return `${maskIdentifiers(line.slice(0, at))}[payload redacted]`;
    }
  }
  return maskIdentifiers(line);
}

const lineOf = (msg: unknown[]) =>
  scrubSdkLine(msg.map((m) => (typeof m === "string" ? m : m instanceof Error ? String(m) : safeJson(m))).join(" "));

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

export function slackLogger(log: Logger): SlackLogger {
  const child = log.child({ component: "slack-sdk" });
  let level: LogLevel = LogLevel.INFO;
  return {
    debug: (...msg: unknown[]) => child.debug(lineOf(msg)),
    info: (...msg: unknown[]) => child.info(lineOf(msg)),
    warn: (...msg: unknown[]) => child.warn(lineOf(msg)),
    error: (...msg: unknown[]) => child.error(lineOf(msg)),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
