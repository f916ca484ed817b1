// Bot Connector failures → the outbox contract. 429 with Retry-After is a rate limit (not a
// lost attempt); 412/502/503/504 and network errors are transient; 413 MessageSizeTooBig,
// 400, 403 (bot removed / blocked) and 404 (conversation not found) will never succeed.
import { PermanentSendError, RateLimitedError } from "../../services/outbox/contract.js";

interface HttpishError {
  statusCode?: number;
  status?: number;
  code?: string;
  message?: string;
  response?: { status?: number; headers?: { get?(name: string): string | undefined } | Record<string, string> };
}

/** The Retry-After header in ms: seconds or an HTTP date. */
export function retryAfterMs(raw: string | undefined | null, now = Date.now()): number | null {
  if (!raw) return null;
  const secs = Number(raw);
  if (Number.isFinite(secs)) return Math.max(0, Math.round(secs * 1000));
  const at = Date.parse(raw);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

function header(e: HttpishError, name: string): string | undefined {
  const h = e.response?.headers;
  if (!h) return undefined;
  if (typeof (h as { get?: unknown }).get === "function")
    return (h as { get(n: string): string | undefined }).get(name);
  const rec = h as Record<string, string>;
  return rec[name] ?? rec[name.toLowerCase()];
}

/** A destination with no stored reference: the app is not installed there (yet). */
export class NoConversationReferenceError extends Error {
  constructor(readonly destination: string) {
    super(
      `no Teams conversation reference for ${destination}: install the Branchbot app in that channel or chat (or @mention it once) so the bot can post there`,
    );
    this.name = "NoConversationReferenceError";
  }
}

export function classifySendError(err: unknown): Error {
  if (
    err instanceof PermanentSendError ||
    err instanceof RateLimitedError ||
    err instanceof NoConversationReferenceError
  )
    return err;
  const e = (err ?? {}) as HttpishError;
  const status = e.statusCode ?? e.status ?? e.response?.status;
  const msg = `Teams connector ${status ?? "error"}: ${e.message ?? String(err)}`.slice(0, 500);
  if (status === 429) {
    const ms = retryAfterMs(header(e, "retry-after"));
    // without Retry-After: a plain error, so the dispatcher's bounded backoff with jitter applies
    return ms === null ? new Error(msg) : new RateLimitedError(ms);
  }
  if (status === 413 || status === 400 || status === 403 || status === 404) return new PermanentSendError(msg);
  return new Error(msg);
}
