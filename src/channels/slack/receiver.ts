// Transport only: Bolt's ExpressReceiver verifies the v0 signature and parses the body (401 on
// a bad signature or stale timestamp, 400 on an unparseable body); this subclass adds one step
// before Bolt sees the request: the body must have a shape the edge understands, else 400.
// Nothing is recorded and the core is not called for a rejected request.

import { ExpressReceiver } from "@slack/bolt";
import type { Request, Response } from "express";
import { requestMetrics } from "../../http/request-metrics.js";
import type { Logger } from "../../log.js";
import type { Metrics } from "../../metrics.js";
import { slackLogger } from "./logger.js";
import { AppRateLimitedBody, InboundBody } from "./payloads.js";

export const SLACK_EVENTS_PATH = "/slack/events";

/** Bolt's 3-second fallback answer when no listener acked; ours always ack, so this only logs. */
const UNHANDLED_REQUEST_TIMEOUT_MS = 3001;

export class ValidatingExpressReceiver extends ExpressReceiver {
  constructor(
    signingSecret: string,
    private readonly log: Logger,
    private readonly metrics?: Metrics,
  ) {
    super({
      signingSecret,
      signatureVerification: true,
      endpoints: SLACK_EVENTS_PATH,
      // Ack first, then work: the HTTP answer goes out as soon as ack() is called.
      processBeforeResponse: false,
      logger: slackLogger(log),
      unhandledRequestTimeoutMillis: UNHANDLED_REQUEST_TIMEOUT_MS,
    });
  }

  override async requestHandler(req: Request, res: Response): Promise<void> {
    requestMetrics(this.metrics, "slack", slackKind)(req, res, () => undefined);
    if (AppRateLimitedBody.safeParse(req.body).success) {
      this.log.warn({ team: (req.body as { team_id: string }).team_id }, "Slack reports app_rate_limited for events");
      res.status(200).send();
      return;
    }
    const parsed = InboundBody.safeParse(req.body);
    if (!parsed.success) {
      this.log.warn(
        { issues: parsed.error.issues.slice(0, 3).map((i) => i.path.join(".")) },
        "malformed Slack payload",
      );
      res.status(400).json({ error: "malformed_payload" });
      return;
    }
    await super.requestHandler(req, res);
  }
}

/** event, command, block_actions, view_submission … for metrics labels (a bounded set). */
export function slackKind(body: unknown): string {
  const b = (body ?? {}) as { type?: unknown; command?: unknown; payload?: unknown };
  if (typeof b.command === "string") return "command";
  if (typeof b.payload === "string") {
    const m =
      /"type"\s*:\s*"(block_actions|view_submission|view_closed|shortcut|message_action|block_suggestion)"/.exec(
        b.payload,
      );
    return m?.[1] ?? "interaction";
  }
  if (b.type === "event_callback" || b.type === "url_verification") return String(b.type);
  return "other";
}

/**
 * In Socket Mode events arrive over the WebSocket, so the HTTP route answers 410 Gone: a
 * request URL still configured in the Slack app settings shows up clearly in its logs.
 */
export function socketModeGoneHandler(_req: Request, res: Response) {
  res.status(410).json({ error: "gone", reason: "slack_socket_mode" });
}
