// Starts a fake Slack (fake-slack-main.ts) in a child process on loopback and talks to it over
// IPC: its Web API URL, its statistics, and (plain mode) the modals the bot opened. Only the
// child started here is ever signalled.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { ROOT } from "./databases.js";
import type { Limits } from "./limited-slack.js";

export interface OpenedModal {
  triggerId: string;
  view: Record<string, unknown>;
}

export interface FakeSlackChild {
  apiUrl: string;
  /** Plain mode: called for every views.open the bot makes. */
  onModal(fn: (m: OpenedModal) => void): void;
  stats<T>(): Promise<T>;
  /** Limited mode: tells the fake which workspace (team id) each channel belongs to. */
  setChannelTeams(map: Record<string, string>): Promise<void>;
  stop(): Promise<void>;
}

export async function startFakeSlack(mode: "plain" | "limited", limits: Partial<Limits> = {}): Promise<FakeSlackChild> {
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", path.join(ROOT, "bench/lib/fake-slack-main.ts"), mode, JSON.stringify(limits)],
    { cwd: ROOT, env: { PATH: process.env.PATH ?? "" }, stdio: ["ignore", "ignore", "pipe", "ipc"] },
  );
  let stderr = "";
  child.stderr?.on("data", (c: Buffer) => {
    stderr = (stderr + c.toString()).slice(-4000);
  });
  const modalListeners: Array<(m: OpenedModal) => void> = [];
  child.on("message", (m: { modal?: OpenedModal }) => {
    if (m.modal) for (const fn of modalListeners) fn(m.modal);
  });
  const apiUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`fake Slack did not start\n${stderr}`)), 60_000);
    child.on("message", (m: { ready?: boolean; apiUrl?: string }) => {
      if (m.ready) {
        clearTimeout(timer);
        resolve(m.apiUrl as string);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`fake Slack exited (${code})\n${stderr}`));
    });
  });
  return {
    apiUrl,
    onModal: (fn) => modalListeners.push(fn),
    stats<T>() {
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("fake Slack did not answer stats")), 10_000);
        const on = (m: { done?: boolean; stats?: T }) => {
          if (!m.done) return;
          clearTimeout(timer);
          child.off("message", on);
          resolve(m.stats as T);
        };
        child.on("message", on);
        child.send({ cmd: "stats" });
      });
    },
    setChannelTeams(map) {
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("fake Slack did not take the channel list")), 10_000);
        const on = (m: { teamsSet?: boolean }) => {
          if (!m.teamsSet) return;
          clearTimeout(timer);
          child.off("message", on);
          resolve();
        };
        child.on("message", on);
        child.send({ cmd: "teams", map });
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((r) => child.once("exit", () => r()));
      child.send({ cmd: "stop" });
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
