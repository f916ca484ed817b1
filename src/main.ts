// Process entry point: read the environment once, start, and shut down gracefully: on SIGTERM
// or SIGINT the app drains (see stop() in app.ts) and the process exits 0.

import { startApp } from "./app.js";
import { loadConfig } from "./config/env.js";
import { ConfigError } from "./config/errors.js";
import { createLogger } from "./log.js";

async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    return fail(err);
  }
  const log = createLogger(config.logLevel);
  let app: Awaited<ReturnType<typeof startApp>>;
  try {
    app = await startApp(config, { logger: log });
  } catch (err) {
    return fail(err);
  }
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    // app.stop() bounds its own drain (SHUTDOWN_TIMEOUT_SECONDS); this is the backstop if
    // closing the database itself hangs.
    const force = setTimeout(() => process.exit(1), (config.shutdownTimeoutMs ?? 10_000) + 5_000);
    force.unref();
    try {
      await app.stop();
      process.exit(0);
    } catch (err) {
      log.error({ err }, "error during shutdown");
      process.exit(1);
    }
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
}

function fail(err: unknown): never {
  // Configuration problems are printed as plain text an operator can act on.
  if (err instanceof ConfigError) console.error(`\n${err.message}\n`);
  else console.error(err);
  process.exit(1);
}

void main();
