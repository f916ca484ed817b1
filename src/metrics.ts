// Prometheus metrics (GET /metrics). One registry per app instance, so tests can run
// several apps in one process. Outbox depth is read from the database at scrape time, so
// every replica reports the shared queue, not a local guess.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { Db } from "./db/client.js";
import { currentQueryScope } from "./db/query-scope.js";

const LATENCY_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export class Metrics {
  readonly registry = new Registry();
  readonly inbound = new Counter({
    name: "branchbot_inbound_requests_total",
    help: "Inbound platform requests by platform and kind (event, command, action, submission, message, invoke)",
    labelNames: ["platform", "kind", "outcome"] as const,
    registers: [this.registry],
  });
  readonly requestDuration = new Histogram({
    name: "branchbot_request_duration_seconds",
    help: "Time to handle an inbound request completely",
    labelNames: ["platform", "kind"] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly ackLatency = new Histogram({
    name: "branchbot_ack_latency_seconds",
    help: "Time from receiving a request to acknowledging it (Slack's 3 s rule)",
    labelNames: ["platform", "kind"] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly sendDuration = new Histogram({
    name: "branchbot_outbox_send_duration_seconds",
    help: "Time a platform took to accept one outgoing message",
    labelNames: ["platform", "kind", "outcome"] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly rateLimited = new Counter({
    name: "branchbot_rate_limited_total",
    help: "HTTP 429 responses received from a platform",
    labelNames: ["platform"] as const,
    registers: [this.registry],
  });
  readonly schedulerLag = new Gauge({
    name: "branchbot_scheduler_lag_seconds",
    help: "How late the last scheduler tick ran compared with when it was due",
    registers: [this.registry],
  });
  readonly reminders = new Counter({
    name: "branchbot_reminders_total",
    help: "Reminder lifecycle events: sent, nudged, escalated, missed",
    labelNames: ["event"] as const,
    registers: [this.registry],
  });

  readonly dbQueries = new Counter({
    name: "branchbot_db_queries_total",
    help: "SQL statements run, by the inbound request kind they served (background: scheduler, dispatcher)",
    labelNames: ["platform", "kind"] as const,
    registers: [this.registry],
  });

  /** Counts one query against the request it serves (src/db/query-scope.ts). */
  countQuery(): void {
    this.dbQueries.inc(currentQueryScope());
  }

  constructor(db?: Db) {
    collectDefaultMetrics({ register: this.registry, prefix: "branchbot_" });
    if (db) {
      new Gauge({
        name: "branchbot_outbox_depth",
        help: "Outgoing messages not yet sent, by status",
        labelNames: ["status"] as const,
        registers: [this.registry],
        async collect() {
          const rows = await db.outboxMessage.groupBy({
            by: ["status"],
            where: { status: { in: ["pending", "sending", "dead"] } },
            _count: { _all: true },
          });
          this.reset();
          for (const status of ["pending", "sending", "dead"]) {
            this.set({ status }, rows.find((r) => r.status === status)?._count._all ?? 0);
          }
        },
      });
    }
  }
}
