// Starts the app in a child process with a given command line and environment, waits until
// /healthz answers, and stops it again (SIGTERM, then SIGKILL of that one pid after a grace
// period). Only the child we started is ever signalled.
import { type ChildProcess, spawn } from "node:child_process";
import { freePort, waitHealthy } from "./proc.js";

export interface RunningChild {
  child: ChildProcess;
  pid: number;
  url: string;
  /** IPC request/response with bench/lib/app-process.ts (only when started with ipc). */
  request(msg: object, timeoutMs: number): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

export async function startChild(
  args: string[],
  env: Record<string, string>,
  opts: { cwd: string; ipc: boolean; startTimeoutMs: number },
): Promise<RunningChild> {
  const port = await freePort();
  const child = spawn(process.execPath, args, {
    cwd: opts.cwd,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: opts.ipc ? ["ignore", "ignore", "pipe", "ipc"] : ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (c: Buffer) => {
    stderr = (stderr + c.toString()).slice(-4000);
  });
  const alive = () => child.exitCode === null && child.signalCode === null;
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitHealthy(`${url}/healthz`, opts.startTimeoutMs, alive);
  } catch (err) {
    child.kill("SIGKILL");
    throw new Error(`${(err as Error).message}\n${stderr}`);
  }
  return {
    child,
    pid: child.pid as number,
    url,
    request(msg, timeoutMs) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no answer to ${JSON.stringify(msg)}`)), timeoutMs);
        const onMessage = (m: Record<string, unknown>) => {
          if (!("done" in m)) return;
          clearTimeout(timer);
          child.off("message", onMessage);
          resolve(m);
        };
        child.on("message", onMessage);
        child.send(msg);
      });
    },
    async stop() {
      if (!alive()) return;
      const exited = new Promise<void>((r) => child.once("exit", () => r()));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
