// Child-process entry for the memory benchmark: starts the app exactly as src/main.ts does
// (loadConfig(process.env) → startApp), on a port the parent picked, and obeys a few IPC
// commands so the parent can measure this process from outside: "gc" (run with
// --expose-gc), "summaries" (run summary requests on the app's own database for a bounded
// time, the heaviest read path a chat request triggers) and "stop".
import { startApp } from "../../src/app.js";
import { loadConfig } from "../../src/config/env.js";
import { ManualClock } from "../../src/domain/clock.js";
import { SummaryService } from "../../src/services/summary/service.js";

type Command =
  | { cmd: "gc" }
  | { cmd: "summaries"; durationMs: number; maxCount: number; now: string; requesters: string[] }
  | { cmd: "stop" };

const app = await startApp(loadConfig(process.env));
const send = (msg: object) => process.send?.(msg);
send({ ready: true, port: app.port });

process.on("message", async (m: Command) => {
  if (m.cmd === "gc") {
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    send({ done: "gc", forced: Boolean(gc) });
  } else if (m.cmd === "summaries") {
    const service = new SummaryService(app.db, new ManualClock(m.now), { playbook: app.playbook });
    const t0 = Date.now();
    let n = 0;
    const periods = ["today", "week", "month"] as const;
    while (Date.now() - t0 < m.durationMs && n < m.maxCount && m.requesters.length > 0) {
      await service.summarise(
        m.requesters[n % m.requesters.length] as string,
        { kind: "region" },
        periods[n % 3] ?? "today",
      );
      n++;
      // better-sqlite3 answers synchronously, so without this the loop would only ever yield
      // to microtasks and starve the HTTP server it shares the process with
      await new Promise((r) => setImmediate(r));
    }
    send({ done: "summaries", count: n });
  } else if (m.cmd === "stop") {
    await app.stop();
    process.exit(0);
  }
});
