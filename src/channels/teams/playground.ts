// The embedded default: with no Slack or Teams credentials, the Microsoft 365 Agents
// Playground runs against the local-mode endpoint. The playground opens a browser with the
// `open` package and exits (uncaught spawn ENOENT) where no `xdg-open` exists, as on a
// headless server. We put a stub xdg-open first on its PATH (it records the URL and exits 0)
// and print the URL ourselves. Its log and mock-tenant config live in a temp directory.
import { type ChildProcess, spawn } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Logger } from "../../log.js";
import { PLAYGROUND_DEFAULT_PORT, type PlaygroundChannel, playgroundConfig } from "./playground-config.js";

export const PLAYGROUND_BIN = path.resolve(import.meta.dirname, "../../../node_modules/.bin/agentsplayground");

export interface PlaygroundOptions {
  /** Port of this service (the playground posts to http://127.0.0.1:<port>/api/messages). */
  port: number;
  log: Logger;
  /** The playground's own port; it falls back to a random one if taken. Default 56150. */
  playgroundPort?: number;
  /** Outlet channels to show as the playground team's channels (first = General). */
  channels?: PlaygroundChannel[];
  teamName?: string;
  bin?: string;
  startTimeoutMs?: number;
}

export interface RunningPlayground {
  url: string;
  /** The connector service the playground emulates (the serviceUrl of its activities). */
  serviceUrl: string;
  /** Where the stub browser opener recorded the URLs it was asked to open. */
  openedLog: string;
  stop(): Promise<void>;
}

/** A directory holding an `xdg-open` that records its argument and succeeds. */
export function writeBrowserStub(dir: string): { binDir: string; openedLog: string } {
  const binDir = path.join(dir, "bin");
  mkdirSync(binDir, { recursive: true });
  const openedLog = path.join(dir, "opened-urls.log");
  const stub = path.join(binDir, "xdg-open");
  writeFileSync(
    stub,
    `#!/bin/sh\n# Branchbot: no browser here; record the URL instead.\necho "$@" >> '${openedLog}'\nexit 0\n`,
  );
  chmodSync(stub, 0o755);
  return { binDir, openedLog };
}

// Runs the playground through sh so PATH can be extended without this module reading the
// process environment (the child inherits it, with the stub directory in front).
const LAUNCH =
  'export PATH="$1:$PATH" M365_AGENTS_PLAYGROUND_CONFIG_PATH="$2" M365_AGENTS_PLAYGROUND_LOGFILE="$3"; shift 3; exec "$@"';

export function startPlayground(opts: PlaygroundOptions): Promise<RunningPlayground> {
  const log = opts.log.child({ component: "agents-playground" });
  const dir = mkdtempSync(path.join(tmpdir(), "branchbot-playground-"));
  const { binDir, openedLog } = writeBrowserStub(dir);
  const configPath = path.join(dir, ".m365agentsplayground.yml");
  writeFileSync(configPath, playgroundConfig(opts.channels ?? [], opts.teamName ?? "Branchbot"));
  const args = [
    "-e",
    `http://127.0.0.1:${opts.port}/api/messages`,
    "-c",
    "msteams",
    "-p",
    String(opts.playgroundPort ?? PLAYGROUND_DEFAULT_PORT),
    "--disable-telemetry",
  ];
  const child: ChildProcess = spawn(
    "/bin/sh",
    ["-c", LAUNCH, "sh", binDir, configPath, path.join(dir, "playground.log"), opts.bin ?? PLAYGROUND_BIN, ...args],
    { cwd: dir, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stopping = false;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });

  return new Promise<RunningPlayground>((resolve, reject) => {
    let ready = false;
    const timer = setTimeout(() => {
      if (ready) return;
      child.kill("SIGTERM");
      reject(new Error("the Agents Playground did not start in time"));
    }, opts.startTimeoutMs ?? 30_000);
    child.stderr?.on("data", (d: Buffer) => log.debug({ stderr: d.toString().trim() }, "playground"));
    child.stdout?.on("data", (d: Buffer) => {
      const out = d.toString();
      log.debug({ stdout: out.trim() }, "playground");
      const m = /Listening on (\d+)/.exec(out);
      if (!m || ready) return;
      ready = true;
      clearTimeout(timer);
      const url = `http://localhost:${m[1]}`;
      log.info({ url }, `Agents Playground is running: open ${url} in a browser to chat with Branchbot`);
      resolve({
        url,
        serviceUrl: `${url}/_connector`,
        openedLog,
        async stop() {
          stopping = true;
          if (child.exitCode === null && child.signalCode === null) {
            child.kill("SIGTERM");
            const killer = setTimeout(() => child.kill("SIGKILL"), 5000);
            await exited;
            clearTimeout(killer);
          }
          cleanup();
        },
      });
    });
    child.once("exit", (code, signal) => {
      if (!ready) {
        clearTimeout(timer);
        cleanup();
        reject(new Error(`the Agents Playground exited before it was ready (code ${code}, signal ${signal})`));
      } else if (!stopping) log.warn({ code, signal }, "the Agents Playground stopped");
    });
  });
}
