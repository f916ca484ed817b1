// The composition root: load and validate configuration, migrate, import the org, wire the
// services and the platform edges onto one HTTP server. Everything is built from the
// Config passed in, so tests start the whole app with plain objects.
import type { Server } from "node:http";
import express from "express";
import { createCore } from "./bot/index.js";
import { createTeamsEdge } from "./channels/teams/edge.js";
import { type RunningPlayground, startPlayground } from "./channels/teams/playground.js";
import { rememberPlaygroundConversations } from "./channels/teams/playground-references.js";
import type { ChannelEdge } from "./channels/types.js";
import type { Config } from "./config/env.js";
import { redactUrl } from "./config/env.js";
import { loadOrg } from "./config/org.js";
import { loadPlaybook } from "./config/playbook.js";
import { roleSet } from "./config/playbook-roles.js";
import type { Playbook } from "./config/playbook-schema.js";
import { VERSION } from "./config/version.js";
import { createDb, type Db } from "./db/client.js";
import { migrate } from "./db/migrate.js";
import { type Clock, systemClock } from "./domain/clock.js";
import { setMaskingDefaults } from "./domain/masking.js";
import { exportHandler } from "./http/export-route.js";
import { livenessHandler, type ProcessState, readinessHandler } from "./http/health.js";
import { metricsHandler } from "./http/metrics-route.js";
import { close as closeServer, createHttpServer, errorHandler, listen } from "./http/server.js";
import { createI18n, type I18n } from "./i18n/index.js";
import { createLogger, type Logger } from "./log.js";
import { Metrics } from "./metrics.js";
import { createRuntime } from "./runtime.js";
import { configureAuditChains } from "./services/audit-log.js";
import { importOrgAndPlaybook } from "./services/org-import.js";
import type { OutboxSender } from "./services/outbox/contract.js";
import { ExportLinks } from "./services/summary/export-links.js";

export interface AppContext {
  config: Config;
  db: Db;
  log: Logger;
  i18n: I18n;
  playbook: Playbook;
  clock: Clock;
  metrics: Metrics;
}

export interface RunningApp extends AppContext {
  core: ReturnType<typeof createCore>["core"];
  services: ReturnType<typeof createCore>["services"];
  runtime: ReturnType<typeof createRuntime>;
  port: number;
  url: string;
  /** Where /metrics is served: the main port, or METRICS_PORT. */
  metricsUrl: string;
  /** Graceful stop: /readyz turns 503, no new connections, in-flight work finishes (bounded). */
  stop(): Promise<StopReport>;
}

export interface StopReport {
  /** From the start of stop() until the database is closed. */
  drainMs: number;
  /** HTTP requests still running when the bound was reached (their connections were cut). */
  abandonedRequests: number;
}

export interface StartOptions {
  clock?: Clock;
  logger?: Logger;
}

export async function startApp(config: Config, opts: StartOptions = {}): Promise<RunningApp> {
  const log = opts.logger ?? createLogger(config.logLevel);
  setMaskingDefaults({ names: config.maskCustomerNames });
  configureAuditChains(config.audit.chains);
  const clock = opts.clock ?? systemClock;
  const i18n = createI18n();

  // Validate every file before touching the database: a bad file changes nothing.
  const playbook = loadPlaybook(config.playbookFile, i18n.exists);
  const org = loadOrg(config.orgFile, roleSet(playbook));
  log.info({ playbook: config.playbookFile, tasks: playbook.tasks.length }, "playbook loaded");

  const migration = await migrate(config.databaseUrl);
  log.info(
    { database: redactUrl(config.databaseUrl), applied: migration.applied, upToDate: migration.alreadyApplied },
    "database migrated",
  );
  // metrics exist only after the db (the outbox gauge reads it); queries are counted from then on
  let metrics: Metrics | undefined;
  const db = createDb(config.databaseUrl, { onQuery: () => metrics?.countQuery() });
  const summary = await importOrgAndPlaybook(db, org, playbook, {
    clock,
    actor: { label: "org-import", platform: "system" },
  });
  log.info(
    { org: config.orgFile, outlets: org.outlets.length, staff: org.staff.length, ...summary },
    "organisation imported",
  );

  metrics = new Metrics(db);
  const ctx: AppContext = { config, db, log, i18n, playbook, clock, metrics };
  const http = express();
  http.disable("x-powered-by");
  // In-flight HTTP requests, so SIGTERM can wait for them (and only for them).
  const state: ProcessState = { draining: false };
  let inFlight = 0;
  let onIdle: (() => void) | null = null;
  http.use((_req, res, next) => {
    inFlight++;
    res.once("close", () => {
      inFlight--;
      if (inFlight === 0) onIdle?.();
    });
    next();
  });
  http.get("/livez", livenessHandler(state));
  http.get("/readyz", readinessHandler(db, config.databaseProvider, state));
  http.get("/healthz", readinessHandler(db, config.databaseProvider, state)); // = /readyz, for compatibility
  // /metrics on the main port unless METRICS_PORT moves it to a listener of its own
  const separateMetrics = config.metrics.port !== undefined;
  if (!separateMetrics) http.get("/metrics", metricsHandler(metrics, config.metrics.token));

  const exportLinks = new ExportLinks(
    config.exports?.publicUrl ?? `http://localhost:${config.port}`,
    clock,
    config.exports?.linkSecret,
  );
  const { core, services } = createCore({
    db,
    clock,
    i18n,
    playbook,
    defaultLocale: config.defaultLocale,
    databaseProvider: config.databaseProvider,
    log,
    exportLinks,
  });
  http.get("/exports/:token", exportHandler({ db, clock, i18n, links: exportLinks, summary: services.summary, log }));
  // Edges are mounted before any body parser: Bolt verifies signatures over the raw body.
  const edges: ChannelEdge[] = [];
  const senders: OutboxSender[] = [];
  if (config.slack) {
    // Bolt is loaded only when Slack is configured: it costs ~30 MB of memory otherwise unused.
    const { createSlackEdge } = await import("./channels/slack/edge.js");
    const { SlackSender } = await import("./channels/slack/sender.js");
    edges.push(
      createSlackEdge({
        config: { ...config.slack, defaultLocale: config.defaultLocale, maxBodyBytes: config.http.maxBodyBytes },
        db,
        log,
        i18n,
        core,
        metrics,
      }),
    );
    senders.push(new SlackSender({ botToken: config.slack.botToken, apiUrl: config.slack.apiUrl, i18n, log }));
  }
  // Teams is always mounted: authenticated with MicrosoftApp*, otherwise loopback-only local mode.
  const teams = createTeamsEdge({ config, db, log, i18n, core, metrics, maxBodyBytes: config.http.maxBodyBytes });
  edges.push(teams);
  senders.push(teams.createSender());
  for (const edge of edges) edge.mount(http);
  http.use((_req, res) => res.status(404).json({ error: "not_found" }));
  http.use(errorHandler(log));

  const server = await listen(createHttpServer(http, config.http), config.port, config.host);
  const port = (server.address() as { port: number }).port;
  const metricsServer = separateMetrics ? await listenMetrics(config, metrics, log) : undefined;
  const metricsPort = metricsServer ? (metricsServer.address() as { port: number }).port : port;
  if (metricsServer) log.info({ port: metricsPort }, "metrics are served on their own port");
  for (const edge of edges) await edge.start();
  const runtime = createRuntime({ config, db, clock, log, metrics, services, senders });
  runtime.start();
  logChannels(log, edges);
  log.info({ port, version: VERSION }, `Branchbot is listening on http://localhost:${port}`);
  const playground = config.playground ? await openPlayground(db, port, log) : undefined;

  let stopping: Promise<StopReport> | undefined;
  const drainBoundMs = config.shutdownTimeoutMs ?? 10_000;
  const stop = async (): Promise<StopReport> => {
    const t0 = performance.now();
    // 1. Leave rotation and stop accepting: /readyz answers 503 on connections already open,
    //    the listening socket closes (idle keep-alive connections with it).
    state.draining = true;
    log.info({ inFlight, boundMs: drainBoundMs }, "draining: no new connections; finishing in-flight work");
    const closed = Promise.all([closeServer(server), ...(metricsServer ? [closeServer(metricsServer)] : [])]);
    // 2. In parallel: in-flight HTTP requests, the outbox send in hand, a running scheduler tick.
    const requestsDone = new Promise<void>((resolve) => {
      if (inFlight === 0) resolve();
      else onIdle = resolve;
    });
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), drainBoundMs);
    });
    const work = Promise.all([requestsDone, runtime.stop(), playground?.stop()]);
    const outcome = await Promise.race([work.then(() => "done" as const), bound]);
    clearTimeout(timer);
    const abandonedRequests = inFlight;
    if (outcome === "timeout") {
      log.warn({ inFlight, boundMs: drainBoundMs }, "drain bound reached: cutting the remaining connections");
    }
    // 3. Close what is left: keep-alive connections between requests, then the edges and the database.
    server.closeAllConnections?.();
    metricsServer?.closeAllConnections();
    await closed;
    for (const edge of edges) await edge.stop();
    await db.$disconnect();
    const drainMs = Math.round(performance.now() - t0);
    log.info({ drainMs, abandonedRequests }, "Branchbot stopped");
    return { drainMs, abandonedRequests };
  };

  return {
    ...ctx,
    core,
    services,
    runtime,
    port,
    url: `http://127.0.0.1:${port}`,
    metricsUrl: `http://127.0.0.1:${metricsPort}/metrics`,
    stop() {
      stopping ??= stop();
      return stopping;
    },
  };
}

/** GET /metrics alone on METRICS_PORT (e.g. bound to an internal interface with METRICS_HOST). */
async function listenMetrics(config: Config, metrics: Metrics, log: Logger): Promise<Server> {
  const app = express();
  app.disable("x-powered-by");
  app.get("/metrics", metricsHandler(metrics, config.metrics.token));
  app.use((_req, res) => res.status(404).json({ error: "not_found" }));
  app.use(errorHandler(log));
  return listen(createHttpServer(app, config.http), config.metrics.port ?? 0, config.metrics.host ?? config.host);
}

function logChannels(log: Logger, edges: ChannelEdge[]) {
  for (const edge of edges) log.info({ platform: edge.platform }, `Channel enabled: ${edge.description}`);
  if (!edges.some((e) => e.platform === "slack")) {
    log.info("Slack is not enabled: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN) to enable it.");
  }
}

/**
 * The local Teams client for a newcomer: the outlets' Teams channels appear as its channels,
 * and the bot knows at once how to reach them and the playground user's personal chat.
 */
async function openPlayground(db: Db, port: number, log: Logger): Promise<RunningPlayground | undefined> {
  const bindings = await db.channelBinding.findMany({
    where: { platform: "teams", purpose: "outlet" },
    include: { outlet: true },
    orderBy: { outlet: { code: "asc" } },
  });
  const channels = bindings.map((b) => ({ id: b.channelId, name: b.outlet.name }));
  try {
    const playground = await startPlayground({ port, log, channels });
    // without the references the playground still answers; only proactive messages wait
    await rememberPlaygroundConversations(db, playground.serviceUrl, channels, log).catch((err) =>
      log.warn({ err: String(err) }, "Could not store the Agents Playground's conversation references"),
    );
    return playground;
  } catch (err) {
    // The bot still works without it (Slack, a real Teams, the tests); say why it is missing.
    log.warn({ err: String(err) }, "The Agents Playground did not start; the bot runs without it");
    return undefined;
  }
}
