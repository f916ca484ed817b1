// Transport only. Before Bolt: the raw body is read with a size cap (413) and the request
// timestamp must be within five minutes of now, in the past or the future (401; Bolt itself
// refuses only old ones). Bolt's ExpressReceiver then verifies the v0 signature over the same
// bytes and parses the body (401 on a bad signature, 400 on an unparseable body). This
// subclass adds, before any listener runs:
//   - an unknown payload type is acknowledged (200) and ignored, a known one with a shape
//     the edge does not understand is refused (400);
//   - an interactive payload or slash command seen before (same timestamp, same bytes) is
//     acknowledged and dropped (a replay inside the window), on any replica;
//   - an error inside Bolt before the ack is answered 503 with a fixed body, never 500.
// Nothing is recorded and the core is not called for a refused request.

import { ExpressReceiver, type ReceiverProcessEventErrorHandlerArgs } from "@slack/bolt";
import { type NextFunction, type Request, type Response, Router } from "express";
import type { Db } from "../../db/client.js";
import { requestMetrics } from "../../http/request-metrics.js";
import type { Logger } from "../../log.js";
import type { Metrics } from "../../metrics.js";
import { slackLogger } from "./logger.js";
import { AppRateLimitedBody, InboundBody } from "./payloads.js";
import { claimSlackPayload, timestampWithinWindow } from "./replay.js";

export const SLACK_EVENTS_PATH = "/slack/events";

/** Bolt's 3-second fallback answer when no listener acked; ours always ack, so this only logs. */
const UNHANDLED_REQUEST_TIMEOUT_MS = 3001;

/** Default cap on a request body; a modal submission with 100 blocks is far below it. */
export const DEFAULT_MAX_BODY_BYTES = 1_048_576;

/** Payload types the edge has listeners for; any other `type` is acknowledged and ignored. */
const KNOWN_TYPES = new Set([
  "event_callback",
  "block_actions",
  "view_submission",
  "view_closed",
  "shortcut",
  "message_action",
]);

/** Requests without an event_id: their replay key comes from the signed bytes. */
const REPLAY_CHECKED = new Set(["block_actions", "view_submission", "view_closed", "shortcut", "message_action"]);

export interface ReceiverOptions {
  signingSecret: string;
  log: Logger;
  db: Db;
  metrics?: Metrics;
  maxBodyBytes?: number;
  /** For tests: the clock the timestamp window is judged by. */
  now?: () => number;
}

type RawRequest = Request & { rawBody?: Buffer };

class BodyTooLarge extends Error {}

function readRawBody(req: Request, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"]);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off("data", onData);
        req.off("end", onEnd);
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => resolve(Buffer.concat(chunks));
    req.on("data", onData);
    req.on("end", onEnd);
    req.once("error", reject);
  });
}

/**
 * Runs before Bolt's signature check on the same route: caps the body and refuses a
 * timestamp outside the window either way. Bolt reads `req.rawBody` instead of the stream.
 */
function preVerify(log: Logger, limit: number, now: () => number) {
  return async (req: RawRequest, res: Response, next: NextFunction) => {
    if (!timestampWithinWindow(req.headers["x-slack-request-timestamp"], now())) {
      log.warn("Slack request refused: timestamp missing or more than 5 minutes off");
      res.status(401).set("connection", "close").send();
      return;
    }
    try {
      req.rawBody = await readRawBody(req, limit);
    } catch (err) {
      if (err instanceof BodyTooLarge) {
        log.warn({ limit }, "Slack request refused: body too large");
        res.status(413).set("connection", "close").json({ error: "payload_too_large" });
        return;
      }
      log.warn("Slack request refused: the body could not be read");
      res.status(400).json({ error: "unreadable_body" });
      return;
    }
    next();
  };
}

export class ValidatingExpressReceiver extends ExpressReceiver {
  private readonly log: Logger;
  private readonly db: Db;
  private readonly metrics?: Metrics;

  constructor(opts: ReceiverOptions) {
    const router = Router();
    router.post(
      SLACK_EVENTS_PATH,
      preVerify(opts.log, opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, opts.now ?? Date.now),
    );
    super({
      signingSecret: opts.signingSecret,
      signatureVerification: true,
      endpoints: SLACK_EVENTS_PATH,
      router,
      // Ack first, then work: the HTTP answer goes out as soon as ack() is called.
      processBeforeResponse: false,
      logger: slackLogger(opts.log),
      unhandledRequestTimeoutMillis: UNHANDLED_REQUEST_TIMEOUT_MS,
      bodyLimit: opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
      processEventErrorHandler: (args) => unavailable(opts.log, args),
    });
    this.log = opts.log;
    this.db = opts.db;
    this.metrics = opts.metrics;
  }

  override requestHandler(req: Request, res: Response): Promise<void> {
    // handled inside the metrics middleware, so the request's queries count against its kind
    let handled: Promise<void> = Promise.resolve();
    requestMetrics(this.metrics, "slack", slackKind)(req, res, () => {
      handled = this.handle(req, res);
    });
    return handled;
  }

  private async handle(req: Request, res: Response): Promise<void> {
    const body = req.body as unknown;
    if (AppRateLimitedBody.safeParse(body).success) {
      this.log.warn({ team: (body as { team_id: string }).team_id }, "Slack reports app_rate_limited for events");
      res.status(200).send();
      return;
    }
    const type = payloadType(body);
    if (type !== undefined && type !== "command" && !KNOWN_TYPES.has(type)) {
      // Slack adds payload types over time (and a manifest may enable features this version
      // has no listener for): acknowledge, so Slack neither retries nor shows an error.
      this.log.info({ type: type.slice(0, 64) }, "Slack payload type not handled; acknowledged and ignored");
      res.status(200).send();
      return;
    }
    const parsed = InboundBody.safeParse(body);
    if (!parsed.success) {
      this.log.warn(
        { issues: parsed.error.issues.slice(0, 3).map((i) => i.path.join(".")) },
        "malformed Slack payload",
      );
      res.status(400).json({ error: "malformed_payload" });
      return;
    }
    if (type === "command" || (type !== undefined && REPLAY_CHECKED.has(type))) {
      const ts = String(req.headers["x-slack-request-timestamp"]);
      const raw = (req as RawRequest).rawBody ?? Buffer.from("");
      let first: boolean;
      try {
        first = await claimSlackPayload(this.db, ts, raw);
      } catch (err) {
        this.log.error({ err: String(err) }, "could not record a Slack request; answered 503");
        res.status(503).json({ error: "unavailable" });
        return;
      }
      if (!first) {
        this.log.warn({ kind: type }, "replayed Slack request dropped (same timestamp and body as one already taken)");
        res.status(200).send();
        return;
      }
    }
    await super.requestHandler(req, res);
  }
}

/** "command" for a slash command, the payload's `type` otherwise, undefined when it has none. */
function payloadType(body: unknown): string | undefined {
  if (!body || typeof body !== "object" || Array.isArray(body)) return undefined;
  const b = body as { type?: unknown; command?: unknown };
  if (typeof b.command === "string") return "command";
  return typeof b.type === "string" ? b.type : undefined;
}

/**
 * An error inside Bolt before any listener acked (say the bot's identity could not be fetched
 * from Slack): one log line and a fixed 503, never Bolt's bare 500. After the ack the answer
 * is already out; the listener's own guard has told the user.
 */
async function unavailable(log: Logger, args: ReceiverProcessEventErrorHandlerArgs): Promise<boolean> {
  const { error, response } = args;
  if (response.headersSent) {
    log.error({ err: String(error) }, "Slack request failed after the ack");
    return false;
  }
  log.error({ err: String(error) }, "Slack request failed before the ack; answered 503");
  response.writeHead(503, { "content-type": "application/json" });
  response.end(JSON.stringify({ error: "unavailable" }));
  return true;
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
  if (typeof b.type === "string" && (KNOWN_TYPES.has(b.type) || b.type === "url_verification")) return b.type;
  return "other";
}

/**
 * In Socket Mode events arrive over the WebSocket, so the HTTP route answers 410 Gone: a
 * request URL still configured in the Slack app settings shows up clearly in its logs.
 */
export function socketModeGoneHandler(_req: Request, res: Response) {
  res.status(410).json({ error: "gone", reason: "slack_socket_mode" });
}
