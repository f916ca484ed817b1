// GET /metrics. Prometheus text is operational detail (queue depths, latencies, process
// memory): with METRICS_TOKEN set, a scrape must send "Authorization: Bearer <token>", else
// 401 with a fixed body. The token is compared in constant time.
import { createHash, timingSafeEqual } from "node:crypto";
import type { Request, Response } from "express";
import type { Metrics } from "../metrics.js";

const digest = (s: string) => createHash("sha256").update(s).digest();

export function bearerMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  if (!m?.[1]) return false;
  return timingSafeEqual(digest(m[1]), digest(token));
}

export function metricsHandler(metrics: Metrics, token?: string) {
  return async (req: Request, res: Response) => {
    if (token && !bearerMatches(req.headers.authorization, token)) {
      res.status(401).set("www-authenticate", 'Bearer realm="metrics"').json({ error: "unauthorized" });
      return;
    }
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  };
}
