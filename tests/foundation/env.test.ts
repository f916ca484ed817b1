import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/env.js";
import { ConfigError } from "../../src/config/errors.js";

function errorOf(env: Record<string, string>): string {
  try {
    loadConfig(env, "/srv/branchbot");
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error("expected loadConfig to fail");
}

describe("loadConfig", () => {
  it("defaults to SQLite under ./data, the demo org and the playground", () => {
    const c = loadConfig({}, "/srv/branchbot");
    expect(c.port).toBe(3978);
    expect(c.databaseUrl).toBe("file:/srv/branchbot/data/branchbot.db");
    expect(c.databaseProvider).toBe("sqlite");
    expect(c.orgFile).toBe("/srv/branchbot/examples/org.demo.yaml");
    expect(c.playbookFile).toBe("/srv/branchbot/playbooks/default.yaml");
    expect(c.slack).toBeUndefined();
    expect(c.teams).toBeUndefined();
    expect(c.playground).toBe(true);
  });

  it("keeps audit checkpoints in the data directory by default and masks names unless told not to", () => {
    const c = loadConfig({}, "/srv/branchbot");
    expect(c.audit).toEqual({
      checkpointFile: "/srv/branchbot/data/audit-checkpoints.jsonl",
      devKeyFile: "/srv/branchbot/data/audit-checkpoint.dev-key",
      checkpointIntervalMs: 15 * 60_000,
      chains: 16,
    });
    expect(c.maskCustomerNames).toBe(true);
    const pg = loadConfig(
      {
        DATABASE_URL: "postgresql://u@db/branchbot",
        AUDIT_CHECKPOINT_FILE: "/var/lib/audit/cp.jsonl",
        AUDIT_CHECKPOINT_KEY: "k".repeat(64),
        AUDIT_CHECKPOINT_INTERVAL_MINUTES: "5",
        MASK_CUSTOMER_NAMES: "false",
      },
      "/srv/branchbot",
    );
    expect(pg.audit).toMatchObject({ checkpointFile: "/var/lib/audit/cp.jsonl", checkpointIntervalMs: 300_000 });
    expect(pg.audit.checkpointKey).toHaveLength(64);
    expect(pg.maskCustomerNames).toBe(false);
    expect(loadConfig({ DATABASE_URL: "postgresql://u@db/b" }, "/srv/branchbot").audit.checkpointFile).toBe(
      "/srv/branchbot/data/audit-checkpoints.jsonl",
    );
  });

  it("names the variable and the problem for a bad port", () => {
    expect(errorOf({ PORT: "eighty" })).toBe("Invalid configuration in environment:\n  - PORT: must be a number");
    expect(errorOf({ PORT: "70000" })).toBe(
      "Invalid configuration in environment:\n  - PORT: must be between 1 and 65535",
    );
  });

  it("rejects an unknown database scheme", () => {
    expect(errorOf({ DATABASE_URL: "mysql://x" })).toBe(
      'Invalid configuration in environment:\n  - DATABASE_URL: must start with "file:" (SQLite) or "postgresql://" (PostgreSQL)',
    );
  });

  it("requires the signing secret for Slack HTTP mode, and checks token prefixes", () => {
    expect(errorOf({ SLACK_BOT_TOKEN: "xoxb-1" })).toBe(
      "Invalid configuration in environment:\n  - SLACK_SIGNING_SECRET: is required for HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)",
    );
    expect(errorOf({ SLACK_BOT_TOKEN: "abc", SLACK_SIGNING_SECRET: "s" })).toBe(
      'Invalid configuration in environment:\n  - SLACK_BOT_TOKEN: must start with "xoxb-"',
    );
  });

  it("accepts Socket Mode without a signing secret", () => {
    const c = loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" });
    expect(c.slack?.appToken).toBe("xapp-1");
    expect(c.playground).toBe(false);
  });

  it("requires a password for a MultiTenant Teams bot", () => {
    expect(errorOf({ MicrosoftAppId: "abc", MicrosoftAppType: "MultiTenant" })).toBe(
      "Invalid configuration in environment:\n  - MicrosoftAppPassword: is required for MultiTenant bots",
    );
  });

  it("defaults the Teams app type to SingleTenant, which needs a password and a tenant id", () => {
    // Azure Bot Service no longer creates multi-tenant bots; a new registration is single-tenant.
    expect(errorOf({ MicrosoftAppId: "abc" })).toBe(
      "Invalid configuration in environment:\n  - MicrosoftAppPassword: is required for SingleTenant bots\n  - MicrosoftAppTenantId: is required for SingleTenant bots",
    );
    const c = loadConfig({ MicrosoftAppId: "abc", MicrosoftAppPassword: "p", MicrosoftAppTenantId: "t" });
    expect(c.teams?.appType).toBe("SingleTenant");
    expect(c.teams?.tenantId).toBe("t");
  });

  it("reads the shutdown drain bound", () => {
    expect(loadConfig({}).shutdownTimeoutMs).toBe(10_000);
    expect(loadConfig({ SHUTDOWN_TIMEOUT_SECONDS: "3" }).shutdownTimeoutMs).toBe(3_000);
    expect(errorOf({ SHUTDOWN_TIMEOUT_SECONDS: "0" })).toContain("SHUTDOWN_TIMEOUT_SECONDS: must be between 1 and 600");
  });

  it("lists every problem at once", () => {
    const msg = errorOf({ PORT: "x", DEFAULT_LOCALE: "fr" });
    expect(msg).toContain("  - PORT: must be a number");
    expect(msg).toContain('  - DEFAULT_LOCALE: must be "zh-CN" or "en"');
  });
});
