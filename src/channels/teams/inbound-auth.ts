// Inbound Bot Framework authentication, answered by the edge rather than by CloudAdapter.process
// (which answers 500 with botbuilder's error message for a JWT it cannot verify, and logs the
// whole error to the console). A token that is missing, malformed, expired, signed by a key
// Microsoft does not publish, or meant for another bot is refused with 401; when the OpenID
// metadata or its signing keys cannot be fetched, nobody can tell, so the answer is 503 and
// the Bot Framework retries. Either way the body is fixed and the log line names no token and
// no library text.
import { AsyncLocalStorage } from "node:async_hooks";
import type { Activity, ConfigurationBotFrameworkAuthentication } from "botbuilder";

export type AuthResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication["authenticateRequest"]>>;

/** The metadata fetch has no timeout of its own; a black-holed host must not hold the turn. */
export const AUTH_TIMEOUT_MS = 5000;

class AuthTimeout extends Error {
  override name = "AuthTimeout";
}

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

export type AuthFailure =
  | { status: 401; body: { error: "unauthorized" }; reason: "missing_token" | "rejected_token" }
  | { status: 503; body: { error: "auth_unavailable" }; reason: "metadata_unreachable" };

/** 503 when the failure is reaching Microsoft's OpenID metadata or keys; 401 for everything else. */
export function classifyAuthFailure(err: unknown, authHeader: string): AuthFailure {
  const e = (err ?? {}) as { name?: unknown; code?: unknown; type?: unknown; statusCode?: unknown };
  const unreachable =
    err instanceof AuthTimeout ||
    e.name === "FetchError" ||
    e.type === "system" ||
    (typeof e.code === "string" && NETWORK_CODES.has(e.code)) ||
    // botbuilder's "Failed to load openID config / Keys: <status>" carries statusCode 500
    (typeof e.statusCode === "number" && e.statusCode >= 500);
  if (unreachable) return { status: 503, body: { error: "auth_unavailable" }, reason: "metadata_unreachable" };
  return {
    status: 401,
    body: { error: "unauthorized" },
    reason: authHeader.trim() === "" ? "missing_token" : "rejected_token",
  };
}

/** A short, fixed name of the error for the log: never its message (which may quote claims). */
export function errorKind(err: unknown): string {
  const name = (err as { name?: unknown } | undefined)?.name;
  return typeof name === "string" && /^[A-Za-z]{1,40}$/.test(name) ? name : "Error";
}

/**
 * botbuilder's token validation writes to console.error on its own ("jwt expired" with a
 * stack, "Error finding key for token. Available keys: <PEM>"), beside our one log line.
 * Those writes are dropped, but only when they come from inside authenticate() (the
 * async context says so), so nothing else that uses console.error is affected.
 */
const verifying = new AsyncLocalStorage<true>();
let consoleFiltered = false;

export function quietBotbuilderAuthLogs(): void {
  if (consoleFiltered) return;
  consoleFiltered = true;
  const original = console.error;
  console.error = function (this: Console, ...args: unknown[]) {
    if (verifying.getStore()) return;
    original.apply(this, args);
  };
}

export async function authenticate(
  auth: ConfigurationBotFrameworkAuthentication,
  activity: Activity,
  authHeader: string,
  timeoutMs = AUTH_TIMEOUT_MS,
): Promise<AuthResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AuthTimeout()), timeoutMs);
  });
  const result = verifying.run(true, () => auth.authenticateRequest(activity, authHeader));
  result.catch(() => {}); // after a timeout its late rejection is nobody's business
  try {
    return await Promise.race([result, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** What CloudAdapter.process does to the body before a turn: ISO timestamps become Dates. */
export function fixActivity(body: Record<string, unknown>): Activity {
  const a = body as Record<string, unknown>;
  for (const [field, raw] of [
    ["timestamp", "rawTimestamp"],
    ["expiration", "rawExpiration"],
    ["localTimestamp", "rawLocalTimestamp"],
  ] as const) {
    if (typeof a[field] === "string") {
      a[raw] = a[field];
      a[field] = new Date(a[field] as string);
    }
  }
  return a as unknown as Activity;
}
