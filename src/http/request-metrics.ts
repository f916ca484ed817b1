// Counts inbound platform requests and measures how long until the platform got its answer
// (the ack: Slack's 3-second rule, Teams' turn timeout). The kind is read from the request
// body by the edge, so this stays platform-neutral.
import type { NextFunction, Request, Response } from "express";
import { requestScope, runInQueryScope } from "../db/query-scope.js";
import type { Metrics } from "../metrics.js";

export function requestMetrics(metrics: Metrics | undefined, platform: string, kindOf: (body: unknown) => string) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!metrics) return next();
    const started = performance.now();
    res.once("finish", () => {
      const kind = kindOf(req.body);
      const seconds = (performance.now() - started) / 1000;
      metrics.ackLatency.observe({ platform, kind }, seconds);
      metrics.inbound.inc({ platform, kind, outcome: String(res.statusCode) });
    });
    // the request's queries, including the work after its ack, count against its kind
    runInQueryScope(
      requestScope(platform, () => req.body, kindOf),
      next,
    );
  };
}
