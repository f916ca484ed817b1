// GET /healthz: 200 with the version and database status while the database answers,
// 503 when it does not, so a load balancer takes an unhealthy replica out of rotation.
import type { Request, Response } from "express";
import { VERSION } from "../config/version.js";
import type { Db } from "../db/client.js";

export function healthHandler(db: Db, provider: string, timeoutMs = 2000) {
  return async (_req: Request, res: Response) => {
    const started = Date.now();
    let database: { status: "ok" | "down"; provider: string; latencyMs?: number; error?: string };
    try {
      await Promise.race([
        db.$queryRawUnsafe("SELECT 1"),
        new Promise((_, reject) => setTimeout(() => reject(new Error("timed out")), timeoutMs)),
      ]);
      database = { status: "ok", provider, latencyMs: Date.now() - started };
    } catch (err) {
      database = { status: "down", provider, error: (err as Error).message.split("\n")[0] };
    }
    const ok = database.status === "ok";
    res.status(ok ? 200 : 503).json({ status: ok ? "ok" : "unhealthy", version: VERSION, database });
  };
}
