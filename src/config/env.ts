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
  MicrosoftAppId: optionalString,
  MicrosoftAppPassword: optionalString,
  MicrosoftAppTenantId: optionalString,
  MicrosoftAppType: z.enum(["MultiTenant", "SingleTenant", "UserAssignedMSI"]).optional(),
  PLAYGROUND: z.enum(["auto", "off"], { error: 'must be "auto" or "off"' }).default("auto"),
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
  };
  teams?: {
    appId: string;
    appPassword?: string;
    tenantId?: string;
    appType: "MultiTenant" | "SingleTenant" | "UserAssignedMSI";
  };
  /** Start the Agents Playground when no platform credentials are configured. */
  playground: boolean;
  slackApiUrl?: string;
  /**
   * On SIGTERM: how long in-flight HTTP requests, the outbox send in hand and a running
   * scheduler tick may take before the remaining connections are cut. Default 10 s.
   */
  shutdownTimeoutMs?: number;
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
    };
  } else if (e.MicrosoftAppPassword) {
    issues.push({ path: "MicrosoftAppId", problem: "is required when MicrosoftAppPassword is set" });
  }

  if (issues.length > 0) throw new ConfigError("environment", issues);

  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    databaseUrl: resolveSqliteUrl(e.DATABASE_URL, cwd),
    databaseProvider: e.DATABASE_URL.startsWith("file:") ? "sqlite" : "postgresql",
    orgFile: path.resolve(cwd, e.ORG_FILE),
    playbookFile: path.resolve(cwd, e.PLAYBOOK_FILE),
    defaultLocale: e.DEFAULT_LOCALE,
    schedulerEnabled: e.SCHEDULER_ENABLED,
    slack,
    teams,
    playground: e.PLAYGROUND === "auto" && !slack && !teams,
    slackApiUrl: e.SLACK_API_URL,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_SECONDS * 1000,
  };
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
