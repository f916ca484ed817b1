// The outbox's Slack sender. It renders the view in the message's locale and makes exactly one
// attempt per message part: the outbox owns retries and pacing, so the Web API client's own
// retry policy (10 retries over ~30 min) is switched off and a 429 is rejected straight away.
//
// Pacing (https://docs.slack.dev/apis/web-api/rate-limits, chat.postMessage): Slack counts
// limits "per API method per workspace per app"; chat.postMessage allows about 1 message per
// second per channel with short bursts, and a workspace-wide limit of "several hundred per
// minute". So the outbox paces each workspace (team id) on its own at 600/min, spent 10 a
// second. Interactive answers mostly use other methods (response_url, chat.postEphemeral,
// views.*), which have budgets of their own; the rare direct chat.postMessage of the edge that
// meets a full budget gets a 429 and Bolt's retry. A deployment on a different tier passes
// its own `pacing`.
import { LogLevel, webApi } from "@slack/bolt";
import type { I18n } from "../../i18n/index.js";
import type { Logger } from "../../log.js";
import {
  type OutboxSender,
  type Pacing,
  PermanentSendError,
  type SendRequest,
  type SendResult,
} from "../../services/outbox/contract.js";
import { slackLogger } from "./logger.js";
import { renderMessages, type SlackMessage } from "./render/index.js";
import { toSendError } from "./web-errors.js";

export const SLACK_PACING: Pacing = { perDestinationIntervalMs: 1000, perWorkspacePerMinute: 600 };

export interface SlackSenderDeps {
  botToken: string;
  apiUrl?: string;
  i18n: I18n;
  log: Logger;
  pacing?: Partial<Pacing>;
}

/** A user id (U…/W…) as destination means their DM; updates need the D… channel, so open it. */
const USER_ID = /^[UW][A-Z0-9]+$/;

export function createSlackWebClient(botToken: string, apiUrl: string | undefined, log: Logger): webApi.WebClient {
  return new webApi.WebClient(botToken, {
    ...(apiUrl ? { slackApiUrl: apiUrl.endsWith("/") ? apiUrl : `${apiUrl}/` } : {}),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    logger: slackLogger(log),
    logLevel: LogLevel.WARN,
  });
}

export class SlackSender implements OutboxSender {
  readonly platform = "slack" as const;
  readonly pacing: Pacing;
  private readonly client: webApi.WebClient;

  constructor(private readonly deps: SlackSenderDeps) {
    this.pacing = { ...SLACK_PACING, ...deps.pacing };
    this.client = createSlackWebClient(deps.botToken, deps.apiUrl, deps.log);
  }

  async send(req: SendRequest): Promise<SendResult> {
    const messages = renderMessages(this.deps.i18n, req.locale, req.view);
    try {
      const channel = await this.channelFor(req.destination);
      switch (req.kind) {
        case "post":
          return await this.post(channel, messages, req.threadId);
        case "update":
          return await this.update(channel, messages, req.messageId);
        case "ephemeral":
          return await this.ephemeral(channel, messages, req);
      }
    } catch (err) {
      throw toSendError(err);
    }
  }

  private async channelFor(destination: string): Promise<string> {
    if (!USER_ID.test(destination)) return destination;
    const res = await this.client.conversations.open({ users: destination });
    if (!res.channel?.id) throw new Error("conversations.open returned no channel");
    return res.channel.id;
  }

  /** A long summary is several messages; the first one's ts is the message id kept for updates. */
  private async post(channel: string, messages: SlackMessage[], threadTs?: string): Promise<SendResult> {
    let first: string | undefined;
    for (const m of messages) {
      const res = await this.client.chat.postMessage({
        channel,
        text: m.text,
        blocks: m.blocks,
        unfurl_links: false,
        unfurl_media: false,
        ...(threadTs ? { thread_ts: threadTs } : {}),
      });
      first ??= res.ts;
    }
    return first ? { platformMessageId: first } : {};
  }

  /** Views that are edited in place (reminders, case cards) always fit one message. */
  private async update(channel: string, messages: SlackMessage[], ts?: string): Promise<SendResult> {
    if (!ts) throw new PermanentSendError("slack: update without the original message ts");
    const m = messages[0];
    if (!m) throw new PermanentSendError("slack: nothing to send");
    await this.client.chat.update({ channel, ts, text: m.text, blocks: m.blocks });
    return { platformMessageId: ts };
  }

  private async ephemeral(channel: string, messages: SlackMessage[], req: SendRequest): Promise<SendResult> {
    if (!req.userId) throw new PermanentSendError("slack: ephemeral message without a user");
    for (const m of messages) {
      await this.client.chat.postEphemeral({
        channel,
        user: req.userId,
        text: m.text,
        blocks: m.blocks,
        ...(req.threadId ? { thread_ts: req.threadId } : {}),
      });
    }
    return {};
  }
}
