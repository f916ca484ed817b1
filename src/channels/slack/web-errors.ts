// Slack Web API failures in the outbox's terms: slow down (RateLimitedError with Retry-After),
// never going to work (PermanentSendError), or anything else (thrown as is = transient).
import { PermanentSendError, RateLimitedError } from "../../services/outbox/contract.js";

/** Errors that the same request will hit again however often it is retried. */
export const PERMANENT_ERRORS = new Set([
  "channel_not_found",
  "not_in_channel",
  "invalid_blocks",
  "msg_too_long",
  "is_archived",
  // the message to edit is gone or no longer editable by the bot
  "message_not_found",
  "cant_update_message",
  "edit_window_closed",
  // the recipient cannot receive it
  "user_not_found",
  "user_not_in_channel",
  "cannot_dm_bot",
  "restricted_action",
  "no_text",
  "invalid_arguments",
]);

/** Used when Slack rate-limits without a usable Retry-After. */
const DEFAULT_RETRY_AFTER_S = 1;

interface SlackErrorShape {
  code?: string;
  retryAfter?: number;
  data?: { error?: string; response_metadata?: { retryAfter?: number } };
}

export function toSendError(err: unknown): unknown {
  const e = err as SlackErrorShape;
  if (e?.code === "slack_webapi_rate_limited_error") {
    return new RateLimitedError((e.retryAfter ?? DEFAULT_RETRY_AFTER_S) * 1000);
  }
  if (e?.code === "slack_webapi_platform_error") {
    const code = e.data?.error ?? "unknown_error";
    if (code === "ratelimited") {
      return new RateLimitedError((e.data?.response_metadata?.retryAfter ?? DEFAULT_RETRY_AFTER_S) * 1000);
    }
    if (PERMANENT_ERRORS.has(code)) return new PermanentSendError(`slack: ${code}`);
  }
  return err;
}
