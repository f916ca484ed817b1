// Probes for load balancers and orchestrators. Two questions, two endpoints:
// - GET /livez  — "is this process alive?": 200 whenever the event loop answers. Never looks
//   at the database, so a database outage does not make an orchestrator restart every replica
//   (restarting cannot fix the database, and all replicas would flap together).
// - GET /readyz — "should this replica get traffic?": 200 while the database answers, 503 when
//   it does not and while the process drains on SIGTERM, so the replica leaves rotation.
// - GET /healthz — kept for compatibility: the same answer as /readyz (what it always meant).
import type { Request, Response } from "express";
import { VERSION } from "../config/version.js";
import type { Db } from "../db/client.js";

/** Shared with the shutdown path: set when SIGTERM starts the drain. */
export interface ProcessState {
  draining: boolean;
}

export function livenessHandler(state: ProcessState) {
  return (_req: Request, res: Response) => {
    res.status(200).json({ status: "ok", version: VERSION, draining: state.draining });
  };
}

export function readinessHandler(
  db: Db,
  provider: string,
  state: ProcessState = { draining: false },
  timeoutMs = 2000,
) {
  return async (_req: Request, res: Response) => {
    const started = Date.now();
    let database: { status: "ok" | "down"; provider: string; latencyMs?: number; error?: string };
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        db.$queryRawUnsafe("SELECT 1"),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error("timed out")), timeoutMs);
        }),
      ]);
      database = { status: "ok", provider, latencyMs: Date.now() - started };
    } catch (err) {
      database = { status: "down", provider, error: (err as Error).message.split("\n")[0] };
    } finally {
      clearTimeout(timer);
    }
    const ok = database.status === "ok" && !state.draining;
    const status = state.draining ? "draining" : ok ? "ok" : "unhealthy";
    res.status(ok ? 200 : 503).json({ status, version: VERSION, database });
  };
}

/** GET /healthz, as before: readiness. */
export const healthHandler = readinessHandler;
