// The Slack edge: one Bolt app, either over HTTP (POST /slack/events on the shared Express
// server, signatures verified with the signing secret) or over Socket Mode when an app token
// is configured. Listeners only translate Slack payloads into BotCore calls and render the
// answers; the outbox sender (sender.ts) is built separately by the composition root.
import { App, type Authorize, LogLevel, SocketModeReceiver, webApi } from "@slack/bolt";
import type { Express } from "express";
import type { BotCore } from "../../bot/contract.js";
import type { Config } from "../../config/env.js";
import type { Db } from "../../db/client.js";
import type { I18n, Locale } from "../../i18n/index.js";
import type { Logger } from "../../log.js";
import type { Metrics } from "../../metrics.js";
import type { ChannelEdge } from "../types.js";
import { registerCommands } from "./listeners/commands.js";
import type { EdgeEnv } from "./listeners/env.js";
import { dedupeEvents, registerEvents } from "./listeners/events.js";
import { registerInteractions } from "./listeners/interactions.js";
import { registerViews } from "./listeners/views.js";
import { slackLogger } from "./logger.js";
import { SLACK_EVENTS_PATH, socketModeGoneHandler, ValidatingExpressReceiver } from "./receiver.js";
import { DEFAULT_RESPONSE_URL_HOSTS } from "./response-url.js";

export type SlackEdgeConfig = Omit<NonNullable<Config["slack"]>, "responseUrlHosts"> & {
  /** Language for edge messages when the user's own is not known yet. */
  defaultLocale?: Locale;
  /** Time the core gets to answer a modal submission inside Slack's 3 s; default 2500 ms. */
  submitBudgetMs?: number;
  /** Largest request body accepted on /slack/events; default 1 MiB. */
  maxBodyBytes?: number;
  /** Hosts a response_url may point at; default hooks.slack.com. */
  responseUrlHosts?: string[];
};

export interface SlackEdgeDeps {
  config: SlackEdgeConfig;
  db: Db;
  log: Logger;
  i18n: I18n;
  core: BotCore;
  metrics?: Metrics;
}

export interface SlackEdge extends ChannelEdge {
  readonly platform: "slack";
  readonly mode: "http" | "socket";
}

const DEFAULT_SUBMIT_BUDGET_MS = 2500;

function apiUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  return url.endsWith("/") ? url : `${url}/`;
}

/**
 * The bot's identity (bot id and bot user id, for ignoring its own messages) from one auth.test,
 * remembered once it succeeds and retried on the next request if it failed, so a Slack hiccup
 * at start-up neither crashes the process nor sticks.
 */
function cachedAuthorize(client: webApi.WebClient, botToken: string): Authorize<boolean> {
  let pending: Promise<{ botId?: string; botUserId?: string }> | undefined;
  return async () => {
    pending ??= client.auth.test({ token: botToken }).then((r) => ({ botId: r.bot_id, botUserId: r.user_id }));
    try {
      return { botToken, ...(await pending) };
    } catch (err) {
      pending = undefined;
      throw err;
    }
  };
}

export function createSlackEdge(deps: SlackEdgeDeps): SlackEdge {
  const { config } = deps;
  const log = deps.log.child({ channel: "slack" });
  const mode = config.appToken ? "socket" : "http";
  const slackApiUrl = apiUrl(config.apiUrl);
  const clientOptions = {
    ...(slackApiUrl ? { slackApiUrl } : {}),
    // Interactive replies: a short retry on 429 is fine, a 30-minute retry policy is not.
    retryConfig: { retries: 2, maxTimeout: 5000 },
    logger: slackLogger(log),
  };

  const httpReceiver =
    mode === "http"
      ? new ValidatingExpressReceiver({
          signingSecret: config.signingSecret,
          log,
          db: deps.db,
          metrics: deps.metrics,
          maxBodyBytes: config.maxBodyBytes,
        })
      : undefined;
  const receiver =
    httpReceiver ??
    new SocketModeReceiver({
      appToken: config.appToken as string,
      logger: slackLogger(log),
      installerOptions: { clientOptions: slackApiUrl ? { slackApiUrl } : {} },
    });
  const app = new App({
    authorize: cachedAuthorize(new webApi.WebClient(undefined, clientOptions), config.botToken),
    receiver,
    clientOptions,
    logger: slackLogger(log),
    logLevel: LogLevel.INFO,
  });

  const env: EdgeEnv = {
    core: deps.core,
    db: deps.db,
    log,
    i18n: deps.i18n,
    defaultLocale: config.defaultLocale ?? "zh-CN",
    submitBudgetMs: config.submitBudgetMs ?? DEFAULT_SUBMIT_BUDGET_MS,
    responseUrlHosts: config.responseUrlHosts ?? DEFAULT_RESPONSE_URL_HOSTS,
  };
  app.use(dedupeEvents(env));
  registerCommands(app, env);
  registerInteractions(app, env);
  registerViews(app, env);
  registerEvents(app, env);
  app.error(async (err) => {
    log.error({ err }, "unhandled Slack listener error");
  });

  return {
    platform: "slack",
    mode,
    description: mode === "http" ? `Slack (HTTP mode, ${SLACK_EVENTS_PATH})` : "Slack (Socket Mode)",
    mount(http: Express) {
      if (httpReceiver) http.use(httpReceiver.router);
      else http.post(SLACK_EVENTS_PATH, socketModeGoneHandler);
    },
    async start() {
      // HTTP mode needs no start: requests arrive through the shared server. Socket Mode connects.
      if (mode === "socket") await app.start();
      try {
        const auth = await app.client.auth.test({ token: config.botToken });
        log.info({ team: auth.team_id, botUser: auth.user_id }, "Slack bot token verified");
      } catch (err) {
        // Not fatal: the token may be fine and Slack briefly unreachable; requests will tell.
        log.warn({ err: String(err) }, "could not verify the Slack bot token at start-up");
      }
    },
    async stop() {
      if (mode === "socket") await app.stop();
    },
  };
}
