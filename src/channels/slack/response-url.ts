// A response_url comes inside the payload. The signature says Slack sent the payload, but a
// bug or a forged test fixture must not make the bot POST answers (with people's data) to
// any host on the internet or the internal network: only Slack's hosts are used
// (hooks.slack.com; configurable for tests). Anything else is refused and the answer goes
// through the Web API instead.
import type { Logger } from "../../log.js";
import type { RespondFn } from "./replies.js";

export const DEFAULT_RESPONSE_URL_HOSTS = ["hooks.slack.com"];

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

export function allowedResponseUrl(url: string | undefined, hosts: readonly string[]): boolean {
  if (!url) return false;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  const host = u.hostname.toLowerCase();
  if (!hosts.includes(host)) return false;
  // plain http only for a loopback host named in the list (the tests' fake Slack)
  return u.protocol === "https:" || (u.protocol === "http:" && LOOPBACK.has(host));
}

/** Bolt's respond() if the payload's response_url is on an allowed host, else undefined (logged). */
export function safeRespond(
  log: Logger,
  hosts: readonly string[],
  url: string | undefined,
  respond: unknown,
): RespondFn | undefined {
  if (!url || typeof respond !== "function") return undefined;
  if (allowedResponseUrl(url, hosts)) return respond as RespondFn;
  let host = "(unparseable)";
  try {
    host = new URL(url).host;
  } catch {}
  log.warn({ host }, "refused a response_url outside Slack's hosts; answering through the Web API");
  return undefined;
}
