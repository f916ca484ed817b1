// The contract between the core and the platform edges for outgoing messages. The core
// enqueues OutboundMessages (rows with idempotency keys); a dispatcher hands them to the
// platform's OutboxSender with pacing and retries. Edges implement OutboxSender only.
import type { Locale } from "../../i18n/index.js";
import type { View } from "../../views/types.js";

export type Platform = "slack" | "teams";

export interface OutboundMessage {
  /** Same key twice = one message. E.g. `reminder:<occurrenceId>:slack:<channel>`. */
  idempotencyKey: string;
  platform: Platform;
  /** Slack: channel id, or user id for a DM. Teams: conversation id. */
  destination: string;
  /**
   * The Slack team id / Teams tenant id the destination belongs to, when the caller knows it;
   * otherwise enqueue() looks it up from the channel binding or the person's identity.
   */
  pacingKey?: string;
  /** post: new message; update: edit the message sent under updateOfKey; ephemeral: one user only. */
  kind: "post" | "update" | "ephemeral";
  /** Reply in the thread of the message sent under this outbox key (resolved at send time). */
  threadOfKey?: string;
  /** Reply in this platform thread (Slack thread_ts / Teams root activity id). */
  threadId?: string;
  updateOfKey?: string;
  /** For ephemeral messages: the platform user who sees it. */
  userId?: string;
  locale: Locale;
  view: View;
}

/** What a sender receives: the message with thread and update targets resolved. */
export interface SendRequest {
  destination: string;
  kind: OutboundMessage["kind"];
  threadId?: string;
  /** For updates: the platform id of the message to edit. */
  messageId?: string;
  userId?: string;
  locale: Locale;
  view: View;
}

export interface SendResult {
  /** Slack ts / Teams activity id, stored so later updates edit in place. */
  platformMessageId?: string;
}

/** The platform said slow down (HTTP 429). Retry after the given time; not an attempt lost. */
export class RateLimitedError extends Error {
  constructor(readonly retryAfterMs: number) {
    super(`rate limited, retry after ${retryAfterMs} ms`);
    this.name = "RateLimitedError";
  }
}

/** Will never succeed (bad channel, message too big): stop retrying, mark dead, alert. */
export class PermanentSendError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PermanentSendError";
  }
}

/**
 * A platform's limits. Both Slack and Teams limit per workspace, not per platform: Slack per
 * "API method per workspace per app", Teams per "app per tenant". So the cap applies to each
 * pacing key (the row's Slack team id / Teams tenant id) on its own; two workspaces never slow
 * each other down.
 */
export interface Pacing {
  /** Minimum spacing between sends to one destination, in ms (Slack: 1000 per channel). */
  perDestinationIntervalMs: number;
  /** Cap across the destinations of one workspace / tenant, messages per minute. */
  perWorkspacePerMinute: number;
}

export interface OutboxSender {
  readonly platform: Platform;
  readonly pacing: Pacing;
  /** Any other thrown error is treated as transient and retried with backoff. */
  send(req: SendRequest): Promise<SendResult>;
}
