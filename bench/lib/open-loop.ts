// An open-loop HTTP load generator: request i is sent at start + i / rate whether or not
// earlier ones were answered (a closed loop would slow down with the server and hide its
// stalls). Latency is measured on the client, from just before the request is written to the
// end of the response. The generator's own lateness (send time − scheduled time) is recorded
// too, so a report can show that the generator kept up. Bounded by count (rate × duration)
// and time (a per-request timeout). Loopback URLs only.
import http from "node:http";
import type { RequestKind, SignedRequest } from "./slack-requests.js";

export interface Sample {
  kind: RequestKind;
  /** HTTP status; 0 when the request failed or timed out. */
  status: number;
  ms: number;
  lagMs: number;
  error?: string;
}

export interface OpenLoopOptions {
  url: string;
  rate: number;
  durationMs: number;
  timeoutMs: number;
  agent: http.Agent;
  make: (i: number) => SignedRequest;
}

function send(o: OpenLoopOptions, r: SignedRequest, due: number): Promise<Sample> {
  return new Promise((resolve) => {
    const started = performance.now();
    const lagMs = started - due;
    const done = (status: number, error?: string) =>
      resolve({ kind: r.kind, status, ms: performance.now() - started, lagMs, ...(error ? { error } : {}) });
    const req = http.request(o.url, {
      method: "POST",
      agent: o.agent,
      headers: { ...r.headers, "content-length": Buffer.byteLength(r.body) },
      timeout: o.timeoutMs,
    });
    req.on("response", (res) => {
      res.resume();
      res.on("end", () => done(res.statusCode ?? 0));
      res.on("error", (e) => done(0, e.message));
    });
    req.on("timeout", () => req.destroy(new Error(`timeout after ${o.timeoutMs} ms`)));
    req.on("error", (e) => done(0, e.message));
    req.end(r.body);
  });
}

export async function openLoop(o: OpenLoopOptions): Promise<Sample[]> {
  const total = Math.max(1, Math.round((o.rate * o.durationMs) / 1000));
  const interval = 1000 / o.rate;
  const start = performance.now();
  const pending: Array<Promise<Sample>> = [];
  for (let i = 0; i < total; ) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    // send everything that is due now (catching up if the timer fired late)
    while (i < total && start + i * interval <= performance.now() + 0.5) {
      pending.push(send(o, o.make(i), start + i * interval));
      i++;
    }
  }
  return Promise.all(pending);
}
