// Process and HTTP helpers for benchmarks that run the app in a child process: resident
// memory from /proc (the kernel's own figure, not the process's opinion of itself), a free
// loopback port, waiting for /healthz, and a bounded closed-loop HTTP load generator.
import { readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";

/** VmRSS of a process in MiB, or NaN when it is gone. */
export function rssMiB(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** Summed VmRSS of a process and all its descendants (e.g. the tsx CLI and the node it spawns). */
export function treeRssMiB(root: number): number {
  const parent = new Map<number, number>();
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      // the command name may contain spaces and parentheses; fields resume after the last ")"
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parent.set(Number(d), ppid);
    } catch {
      // the process ended while we looked
    }
  }
  const inTree = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 64; p = parent.get(p) ?? 0, hops++) if (p === root) return true;
    return false;
  };
  return [...parent.keys()].filter(inTree).reduce((sum, pid) => sum + (rssMiB(pid) || 0), 0);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

export function get(url: string, timeoutMs = 5000): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("timeout", () => req.destroy(new Error(`timeout after ${timeoutMs} ms: ${url}`)));
    req.on("error", reject);
  });
}

/** Polls until the URL answers 200, or throws after `timeoutMs`. */
export async function waitHealthy(url: string, timeoutMs: number, alive: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!alive()) throw new Error("the app process exited before it was healthy");
    try {
      if ((await get(url, 1000)).status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`${url} not healthy after ${timeoutMs} ms`);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface LoadResult {
  requests: number;
  errors: number;
  /** The first failure, so a report says why requests failed. */
  firstError?: string;
  seconds: number;
}

/**
 * `concurrency` workers request the URLs in turn until `durationMs` has passed or
 * `maxRequests` were sent. Loopback only: the callers pass 127.0.0.1 URLs.
 */
export async function httpLoad(
  urls: string[],
  { concurrency, durationMs, maxRequests }: { concurrency: number; durationMs: number; maxRequests: number },
): Promise<LoadResult> {
  const t0 = Date.now();
  let sent = 0;
  let errors = 0;
  let firstError: string | undefined;
  const fail = (why: string) => {
    errors++;
    firstError ??= why;
  };
  const worker = async () => {
    while (Date.now() - t0 < durationMs && sent < maxRequests) {
      const url = urls[sent++ % urls.length] as string;
      try {
        const res = await get(url);
        if (res.status !== 200) fail(`${url} → HTTP ${res.status}: ${res.body.slice(0, 200)}`);
      } catch (err) {
        fail(`${url} → ${(err as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { requests: sent, errors, firstError, seconds: (Date.now() - t0) / 1000 };
}

/** Samples `fn` every `everyMs` while `work` runs; returns the work's result and the peak. */
export async function sampleWhile<T>(fn: () => number, everyMs: number, work: Promise<T>) {
  let peak = fn();
  const timer = setInterval(() => {
    const v = fn();
    if (v > peak) peak = v;
  }, everyMs);
  try {
    const result = await work;
    return { result, peak: Math.max(peak, fn()) };
  } finally {
    clearInterval(timer);
  }
}
