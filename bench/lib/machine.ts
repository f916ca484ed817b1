// What the figures were measured on. Recorded with every result, because a latency without
// its machine (and how busy the machine was) is not a figure anyone can compare.
import { readFileSync } from "node:fs";
import os from "node:os";

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  ramGiB: number;
  node: string;
  os: string;
  /** 1-minute load average when the run started: other work on the machine skews timings. */
  loadAvg1: number;
}

export function machineInfo(): MachineInfo {
  return {
    cpuModel: os.cpus()[0]?.model.trim() ?? "unknown",
    cores: os.cpus().length,
    ramGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${osRelease()} (${os.type()} ${os.release()} ${os.arch()})`,
    loadAvg1: Math.round((os.loadavg()[0] ?? 0) * 100) / 100,
  };
}

function osRelease(): string {
  try {
    const text = readFileSync("/etc/os-release", "utf8");
    return /^PRETTY_NAME="?([^"\n]*)"?/m.exec(text)?.[1] ?? os.type();
  } catch {
    return os.type();
  }
}
