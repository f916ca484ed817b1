// loadConfig(env): the only place the process environment is interpreted. Everything else
// receives the typed Config, so tests pass plain objects and nothing reads process.env.
import path from "node:path";
import { z } from "zod";
import { ConfigError, type ConfigIssue } from "./errors.js";

const optionalString = z
  .string()
  .transform((s) => s.trim())
  .transform((s) => (s === "" ? undefined : s))
  .optional();

const prefixed = (prefix: string) =>
  optionalString.refine((v) => v === undefined || v.startsWith(prefix), {
    message: `must start with "${prefix}"`,
  });

const positiveInt = (fallback: number, max: number) =>
  z.coerce
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(1, `must be between 1 and ${max}`)
    .max(max, `must be between 1 and ${max}`)
    .default(fallback);

/** "a.example, b.example" → ["a.example", "b.example"] (lower case, no blanks). */
const hostList = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((s) =>
      s
        .split(",")
        .map((h) => h.trim().toLowerCase())
        .filter((h) => h !== ""),
    )
    .refine((hosts) => hosts.length > 0 && hosts.every((h) => /^[a-z0-9.-]+$|^\[[0-9a-f:.]+\]$/.test(h)), {
      message: "must be a comma-separated list of host names (no scheme, port or path)",
    });

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(1, "must be between 1 and 65535")
    .max(65535, "must be between 1 and 65535")
    .default(3978),
  HOST: z.string().default("0.0.0.0"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DATABASE_URL: z
    .string()
    .default("file:./data/branchbot.db")
    .refine((u) => /^(file:|postgres(ql)?:\/\/)/.test(u), {
      message: 'must start with "file:" (SQLite) or "postgresql://" (PostgreSQL)',
    }),
  ORG_FILE: z.string().default("examples/org.demo.yaml"),
  PLAYBOOK_FILE: z.string().default("playbooks/default.yaml"),
  DEFAULT_LOCALE: z.enum(["zh-CN", "en"], { error: 'must be "zh-CN" or "en"' }).default("zh-CN"),
  SCHEDULER_ENABLED: z
    .enum(["true", "false", "1", "0"], { error: 'must be "true" or "false"' })
    .default("true")
    .transform((v) => v === "true" || v === "1"),
  SLACK_BOT_TOKEN: prefixed("xoxb-"),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: prefixed("xapp-"),
  SLACK_API_URL: optionalString.refine((v) => v === undefined || /^https?:\/\//.test(v), {
    message: "must be an http(s) URL",
  }),
  SLACK_RESPONSE_URL_HOSTS: hostList("hooks.slack.com"),
  MicrosoftAppId: optionalString,
  MicrosoftAppPassword: optionalString,
  MicrosoftAppTenantId: optionalString,
  MicrosoftAppType: z.enum(["MultiTenant", "SingleTenant", "UserAssignedMSI"]).optional(),
  ToBotFromChannelOpenIdMetadataUrl: optionalString.refine((v) => v === undefined || /^https?:\/\//.test(v), {
    message: "must be an http(s) URL",
  }),
  ToBotFromEmulatorOpenIdMetadataUrl: optionalString.refine((v) => v === undefined || /^https?:\/\//.test(v), {
    message: "must be an http(s) URL",
  }),
  HTTP_HEADERS_TIMEOUT_MS: positiveInt(10_000, 600_000),
  HTTP_REQUEST_TIMEOUT_MS: positiveInt(30_000, 600_000),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: positiveInt(5_000, 600_000),
  HTTP_MAX_CONNECTIONS: positiveInt(1024, 1_000_000),
  HTTP_MAX_BODY_BYTES: positiveInt(1_048_576, 16 * 1_048_576),
  METRICS_PORT: z.coerce
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(1, "must be between 1 and 65535")
    .max(65535, "must be between 1 and 65535")
    .optional(),
  METRICS_HOST: optionalString,
  METRICS_TOKEN: optionalString.refine((v) => v === undefined || v.length >= 16, {
    message: "must be at least 16 characters",
  }),
  PLAYGROUND: z.enum(["auto", "off"], { error: 'must be "auto" or "off"' }).default("auto"),
  MASK_CUSTOMER_NAMES: z
    .enum(["true", "false", "1", "0"], { error: 'must be "true" or "false"' })
    .default("true")
    .transform((v) => v === "true" || v === "1"),
  AUDIT_CHECKPOINT_KEY: optionalString.refine((v) => v === undefined || v.length >= 32, {
    message: "must be at least 32 characters (generate one with: openssl rand -hex 32)",
  }),
  AUDIT_CHECKPOINT_FILE: optionalString,
  AUDIT_CHECKPOINT_INTERVAL_MINUTES: z.coerce
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .default(15),
  // how many hash chains new audit events are spread over (src/services/audit-log.ts)
  AUDIT_CHAINS: z.coerce
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(1024, "must be at most 1024")
    .default(16),
  // where people's browsers reach this service: the base of the CSV export links (/exports/…)
  PUBLIC_URL: optionalString.refine((v) => v === undefined || /^https?:\/\/[^/\s]+/.test(v), {
    message: "must be an http(s) URL, e.g. https://branchbot.bank.example",
  }),
  // signs export links; every replica must share it (a random one per process otherwise)
  EXPORT_LINK_SECRET: optionalString.refine((v) => v === undefined || v.length >= 32, {
    message: "must be at least 32 characters (generate one with: openssl rand -hex 32)",
  }),
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(1, "must be between 1 and 600")
    .max(600, "must be between 1 and 600")
    .default(10),
});

export type Env = z.infer<typeof EnvSchema>;

/** Every environment variable the service reads (.env.example lists them; a test keeps it so). */
export const ENV_VARIABLES = Object.keys(EnvSchema.shape) as (keyof Env)[];

export interface Config {
  env: Env["NODE_ENV"];
  port: number;
  host: string;
  logLevel: Env["LOG_LEVEL"];
  databaseUrl: string;
  databaseProvider: "sqlite" | "postgresql";
  orgFile: string;
  playbookFile: string;
  defaultLocale: "zh-CN" | "en";
  schedulerEnabled: boolean;
  slack?: {
    botToken: string;
    signingSecret: string;
    appToken?: string;
    apiUrl?: string;
    /** Hosts a response_url may point at (Slack's own: hooks.slack.com); anything else is refused. */
    responseUrlHosts: string[];
  };
  teams?: {
    appId: string;
    appPassword?: string;
    tenantId?: string;
    appType: "MultiTenant" | "SingleTenant" | "UserAssignedMSI";
    /** botbuilder's OpenID metadata URLs for inbound JWTs; unset = Microsoft's public cloud. */
    channelOpenIdMetadataUrl?: string;
    emulatorOpenIdMetadataUrl?: string;
  };
  /** Limits of the shared HTTP server (slow clients, floods, huge bodies). */
  http: {
    headersTimeoutMs: number;
    requestTimeoutMs: number;
    keepAliveTimeoutMs: number;
    maxConnections: number;
    maxBodyBytes: number;
  };
  /** GET /metrics: on its own port when `port` is set, behind a bearer token when `token` is set. */
  metrics: {
    port?: number;
    host?: string;
    token?: string;
  };
  /** Start the Agents Playground when no platform credentials are configured. */
  playground: boolean;
  slackApiUrl?: string;
  /** Mask customer names after 客户 / before 先生·女士 in free text (MASK_CUSTOMER_NAMES). */
  maskCustomerNames: boolean;
  audit: AuditConfig;
  /**
   * On SIGTERM: how long in-flight HTTP requests, the outbox send in hand and a running
   * scheduler tick may take before the remaining connections are cut. Default 10 s.
   */
  shutdownTimeoutMs?: number;
  /** CSV export links: the base URL people's browsers reach, and the key that signs them. */
  exports?: { publicUrl: string; linkSecret?: string };
}

export interface AuditConfig {
  /** Where signed checkpoints of the chain head are appended (JSON lines), outside the database. */
  checkpointFile: string;
  /** HMAC key (AUDIT_CHECKPOINT_KEY); without it a dev-only key file is used outside production. */
  checkpointKey?: string;
  /** The dev-only key file, next to the checkpoint file. */
  devKeyFile: string;
  /** A new checkpoint is written when the head moved and this long has passed since the last. */
  checkpointIntervalMs: number;
  /** New events are spread over this many hash chains (AUDIT_CHAINS, default 16; 1 = a single chain). */
  chains: number;
}

export function loadConfig(env: Record<string, string | undefined>, cwd = process.cwd()): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      "environment",
      parsed.error.issues.map((i) => ({
        path: String(i.path[0] ?? ""),
        problem: i.message,
      })),
    );
  }
  const e = parsed.data;
  const issues: ConfigIssue[] = [];

  let slack: Config["slack"];
  if (e.SLACK_BOT_TOKEN || e.SLACK_SIGNING_SECRET || e.SLACK_APP_TOKEN) {
    if (!e.SLACK_BOT_TOKEN) {
      issues.push({ path: "SLACK_BOT_TOKEN", problem: "is required when Slack is configured" });
    }
    // Socket Mode authenticates with the app token; HTTP mode must verify signatures.
    if (!e.SLACK_SIGNING_SECRET && !e.SLACK_APP_TOKEN) {
      issues.push({
        path: "SLACK_SIGNING_SECRET",
        problem: "is required for HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)",
      });
    }
    if (e.SLACK_BOT_TOKEN) {
      slack = {
        botToken: e.SLACK_BOT_TOKEN,
        signingSecret: e.SLACK_SIGNING_SECRET ?? "",
        appToken: e.SLACK_APP_TOKEN,
        apiUrl: e.SLACK_API_URL,
        responseUrlHosts: e.SLACK_RESPONSE_URL_HOSTS,
      };
    }
  }

  let teams: Config["teams"];
  if (e.MicrosoftAppId) {
    // Azure Bot Service stopped creating new multi-tenant bots, so a new registration is
    // SingleTenant: that is the default. MultiTenant stays available for existing bots.
    const appType = e.MicrosoftAppType ?? "SingleTenant";
    if (appType !== "UserAssignedMSI" && !e.MicrosoftAppPassword) {
      issues.push({ path: "MicrosoftAppPassword", problem: `is required for ${appType} bots` });
    }
    if (appType === "SingleTenant" && !e.MicrosoftAppTenantId) {
      issues.push({ path: "MicrosoftAppTenantId", problem: "is required for SingleTenant bots" });
    }
    teams = {
      appId: e.MicrosoftAppId,
      appPassword: e.MicrosoftAppPassword,
      tenantId: e.MicrosoftAppTenantId,
      appType,
      channelOpenIdMetadataUrl: e.ToBotFromChannelOpenIdMetadataUrl,
      emulatorOpenIdMetadataUrl: e.ToBotFromEmulatorOpenIdMetadataUrl,
    };
  } else if (e.MicrosoftAppPassword) {
    issues.push({ path: "MicrosoftAppId", problem: "is required when MicrosoftAppPassword is set" });
  }

  if (e.METRICS_PORT !== undefined && e.METRICS_PORT === e.PORT) {
    issues.push({ path: "METRICS_PORT", problem: "must differ from PORT (leave it unset to serve /metrics on PORT)" });
  }
  // Node refuses a server whose headers may take longer than the whole request
  if (e.HTTP_HEADERS_TIMEOUT_MS > e.HTTP_REQUEST_TIMEOUT_MS) {
    issues.push({ path: "HTTP_HEADERS_TIMEOUT_MS", problem: "must not exceed HTTP_REQUEST_TIMEOUT_MS" });
  }

  if (issues.length > 0) throw new ConfigError("environment", issues);

  const databaseUrl = resolveSqliteUrl(e.DATABASE_URL, cwd);
  const dataDir = dataDirOf(databaseUrl, cwd);
  const checkpointFile = path.resolve(cwd, e.AUDIT_CHECKPOINT_FILE ?? path.join(dataDir, "audit-checkpoints.jsonl"));

  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    databaseUrl,
    databaseProvider: e.DATABASE_URL.startsWith("file:") ? "sqlite" : "postgresql",
    orgFile: path.resolve(cwd, e.ORG_FILE),
    playbookFile: path.resolve(cwd, e.PLAYBOOK_FILE),
    defaultLocale: e.DEFAULT_LOCALE,
    schedulerEnabled: e.SCHEDULER_ENABLED,
    slack,
    teams,
    http: {
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: e.HTTP_KEEP_ALIVE_TIMEOUT_MS,
      maxConnections: e.HTTP_MAX_CONNECTIONS,
      maxBodyBytes: e.HTTP_MAX_BODY_BYTES,
    },
    metrics: { port: e.METRICS_PORT, host: e.METRICS_HOST, token: e.METRICS_TOKEN },
    playground: e.PLAYGROUND === "auto" && !slack && !teams,
    slackApiUrl: e.SLACK_API_URL,
    maskCustomerNames: e.MASK_CUSTOMER_NAMES,
    audit: {
      checkpointFile,
      ...(e.AUDIT_CHECKPOINT_KEY ? { checkpointKey: e.AUDIT_CHECKPOINT_KEY } : {}),
      devKeyFile: path.join(path.dirname(checkpointFile), "audit-checkpoint.dev-key"),
      checkpointIntervalMs: e.AUDIT_CHECKPOINT_INTERVAL_MINUTES * 60_000,
      chains: e.AUDIT_CHAINS,
    },
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_SECONDS * 1000,
    exports: {
      publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ""),
      ...(e.EXPORT_LINK_SECRET ? { linkSecret: e.EXPORT_LINK_SECRET } : {}),
    },
  };
}

/** The data directory: the SQLite file's folder, or ./data for PostgreSQL (and in-memory SQLite). */
function dataDirOf(databaseUrl: string, cwd: string): string {
  const file = databaseUrl.startsWith("file:") ? databaseUrl.slice("file:".length) : "";
  return file && file !== ":memory:" ? path.dirname(file) : path.resolve(cwd, "data");
}

/** Relative SQLite paths are resolved against the project, so `./data/` is where users expect. */
function resolveSqliteUrl(url: string, cwd: string): string {
  if (!url.startsWith("file:")) return url;
  const file = url.slice("file:".length);
  if (file === ":memory:" || path.isAbsolute(file)) return url;
  return `file:${path.resolve(cwd, file)}`;
}

/** A URL with any password replaced, for logs. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):([^@]+)@/, "//$1:***@");
}

/** For process entry points (the service, CLIs): the one sanctioned read of process.env. */
export function loadProcessConfig(): Config {
  return loadConfig(process.env);
}
