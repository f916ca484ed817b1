// The Teams edge: POST /api/messages on the shared Express server. With MicrosoftApp*
// credentials every request's JWT is verified (botbuilder's validation, answered here: 401 or
// 503 with a fixed body, see inbound-auth.ts); without them the edge runs in local mode
// (loopback only, for the Agents Playground and tests). A request without the minimal
// activity shape is answered 400 before botbuilder or the database see it.
import express, { type Express, type Request, type Response } from "express";
import type { BotCore } from "../../bot/contract.js";
import type { Config } from "../../config/env.js";
import type { Db } from "../../db/client.js";
import { requestMetrics } from "../../http/request-metrics.js";
import type { I18n } from "../../i18n/index.js";
import type { Logger } from "../../log.js";
import type { Metrics } from "../../metrics.js";
import type { OutboxSender } from "../../services/outbox/contract.js";
import type { ChannelEdge } from "../types.js";
import { ActivitySchema } from "./activity.js";
import { createTeamsAdapter } from "./adapter.js";
import {
  type AuthResult,
  authenticate,
  classifyAuthFailure,
  errorKind,
  fixActivity,
  quietBotbuilderAuthLogs,
} from "./inbound-auth.js";
import { LOCAL_MODE_WARNING, loopbackOnly } from "./local-guard.js";
import { createTeamsSender, type TeamsSenderOptions } from "./sender.js";
import { createTurnHandler } from "./turn.js";

export const TEAMS_MESSAGES_PATH = "/api/messages";

export interface TeamsEdgeDeps {
  config: Pick<Config, "teams" | "defaultLocale">;
  db: Db;
  log: Logger;
  i18n: I18n;
  core: BotCore;
  metrics?: Metrics;
  /** Largest activity body accepted; default 1 MiB. */
  maxBodyBytes?: number;
}

export interface TeamsEdge extends ChannelEdge {
  readonly platform: "teams";
  readonly local: boolean;
  /** The outbox sender sharing this edge's adapter (proactive posts and updates). */
  createSender(opts?: TeamsSenderOptions): OutboxSender;
}

export function createTeamsEdge(deps: TeamsEdgeDeps): TeamsEdge {
  const log = deps.log.child({ channel: "teams" });
  const { adapter, auth, appId, local } = createTeamsAdapter(deps.config.teams, log);
  if (!local) quietBotbuilderAuthLogs();
  const logic = createTurnHandler({
    db: deps.db,
    log,
    i18n: deps.i18n,
    core: deps.core,
    adapter,
    appId,
    defaultLocale: deps.config.defaultLocale,
  });

  const handle = async (req: Request, res: Response) => {
    const parsed = ActivitySchema.safeParse(req.body);
    if (!parsed.success) {
      log.warn({ issues: parsed.error.issues.slice(0, 5).map((i) => i.path.join(".")) }, "malformed Teams activity");
      res.status(400).json({ error: "malformed_activity" });
      return;
    }
    const activity = fixActivity(req.body as Record<string, unknown>);
    const header = req.headers.authorization ?? "";
    let authResult: AuthResult;
    try {
      // local mode: botbuilder skips verification (no app id) and returns anonymous claims
      authResult = await authenticate(auth, activity, header);
    } catch (err) {
      const failure = classifyAuthFailure(err, header);
      log.warn(
        { status: failure.status, reason: failure.reason, error: errorKind(err) },
        failure.status === 401
          ? "Teams request refused: Bot Framework token missing or rejected"
          : "Teams request refused: the Bot Framework token could not be verified (OpenID metadata unreachable)",
      );
      res.status(failure.status).json(failure.body);
      return;
    }
    let invokeResponse: Awaited<ReturnType<typeof adapter.runAuthenticated>>;
    try {
      invokeResponse = await adapter.runAuthenticated(authResult, activity, logic);
    } catch (err) {
      // turn errors are handled by onTurnError; this is the adapter itself failing
      log.error({ error: errorKind(err) }, "Teams request failed outside the turn");
      res.status(500).json({ error: "internal" });
      return;
    }
    const status = invokeResponse?.status ?? 200;
    if (invokeResponse?.body) res.status(status).send(invokeResponse.body);
    else res.status(status).end();
  };

  return {
    platform: "teams",
    local,
    description: local
      ? "Microsoft Teams (local mode: loopback only, no authentication)"
      : "Microsoft Teams (Bot Framework)",
    mount(app: Express) {
      const chain = [
        requestMetrics(deps.metrics, "teams", teamsKind),
        ...(local ? [loopbackOnly(log)] : []),
        express.json({ limit: deps.maxBodyBytes ?? 1_048_576 }),
      ];
      app.post(TEAMS_MESSAGES_PATH, ...chain, (req: Request, res: Response, next) => {
        handle(req, res).catch(next);
      });
    },
    async start() {
      if (local) log.warn(LOCAL_MODE_WARNING);
    },
    async stop() {},
    createSender(opts?: TeamsSenderOptions) {
      return createTeamsSender({ db: deps.db, log, i18n: deps.i18n, adapter, appId, ...opts });
    },
  };
}

/** message, invoke, conversationUpdate … for metrics labels (a bounded set). */
function teamsKind(body: unknown): string {
  const t = (body as { type?: unknown } | undefined)?.type;
  return typeof t === "string" && /^[A-Za-z]{1,40}$/.test(t) ? t : "other";
}
