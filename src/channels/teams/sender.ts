// The Teams OutboxSender: proactive posts and in-place updates through the stored conversation
// reference (adapter.continueConversationAsync, which also obtains the bot's token). A reply in
// a channel thread goes to "<channel>;messageid=<root>". Pacing follows the Teams limits per bot
// and thread (7 per second; 60 per 30 s and 1800 per hour are enforced by 429 + Retry-After)
// and per app and tenant (50 per second, https://learn.microsoft.com/microsoftteams/platform/
// bots/how-to/rate-limit) with a margin: the outbox applies the cap to each tenant on its own.
import type { CloudAdapter } from "botbuilder";
import type { ConnectorClient } from "botframework-connector";
import type { Db } from "../../db/client.js";
import type { I18n } from "../../i18n/index.js";
import type { Logger } from "../../log.js";
import {
  type OutboxSender,
  type Pacing,
  PermanentSendError,
  type SendRequest,
  type SendResult,
} from "../../services/outbox/contract.js";
import { splitConversationId } from "./activity.js";
import { cardActivity } from "./cards/render.js";
import { findReference } from "./references.js";
import { classifySendError, NoConversationReferenceError } from "./send-errors.js";
import { renderFor } from "./turn-replies.js";

export const TEAMS_PACING: Pacing = { perDestinationIntervalMs: 150, perWorkspacePerMinute: 2400 };

export interface TeamsSenderOptions {
  pacing?: Partial<Pacing>;
}

export interface TeamsSenderDeps extends TeamsSenderOptions {
  db: Db;
  log: Logger;
  i18n: I18n;
  adapter: CloudAdapter;
  appId: string;
}

/**
 * The connector's HTTP pipeline retries 429/5xx by itself (sleeping through Retry-After). The
 * outbox already retries with backoff and must see a 429 to hold back the destination, so the
 * pipeline's retry phase is removed for outbox sends.
 */
function withoutRetries(client: ConnectorClient): ConnectorClient {
  const pipeline = (client as unknown as { client?: { pipeline?: { removePolicy(o: { phase: string }): unknown } } })
    .client?.pipeline;
  pipeline?.removePolicy({ phase: "Retry" });
  return client;
}

export function createTeamsSender(deps: TeamsSenderDeps): OutboxSender {
  return {
    platform: "teams",
    pacing: { ...TEAMS_PACING, ...deps.pacing },
    async send(req: SendRequest): Promise<SendResult> {
      const ref = await findReference(deps.db, req.destination);
      if (!ref?.serviceUrl) {
        const err = new NoConversationReferenceError(req.destination);
        deps.log.warn({ destination: req.destination }, err.message);
        throw err;
      }
      if (req.kind === "update" && !req.messageId) throw new PermanentSendError("update without a message id");
      const base = splitConversationId(req.destination).base;
      const conversationId = req.threadId && req.kind !== "update" ? `${base};messageid=${req.threadId}` : base;
      const conversation = { ...(ref.conversation ?? {}), id: conversationId };
      const activity = {
        ...cardActivity(renderFor(deps.i18n, req.view, req.locale)),
        channelId: ref.channelId ?? "msteams",
        serviceUrl: ref.serviceUrl,
        from: ref.bot,
        conversation,
      };
      let result: SendResult = {};
      let failure: unknown;
      try {
        await deps.adapter.continueConversationAsync(deps.appId, { ...ref, conversation } as never, async (ctx) => {
          // caught here: the adapter's onTurnError would otherwise swallow it and we would report success
          try {
            const client = withoutRetries(ctx.turnState.get(ctx.adapter.ConnectorClientKey) as ConnectorClient);
            if (req.kind === "update") {
              const id = req.messageId as string;
              await client.conversations.updateActivity(conversationId, id, { ...activity, id } as never);
              result = { platformMessageId: id };
            } else {
              const sent = await client.conversations.sendToConversation(conversationId, activity as never);
              result = sent?.id ? { platformMessageId: sent.id } : {};
            }
          } catch (err) {
            failure = err;
          }
        });
      } catch (err) {
        failure = err;
      }
      if (failure) throw classifySendError(failure);
      return result;
    },
  };
}
