// The background work of one replica: the minute scheduler (occurrences, reminders, incident
// and complaint clocks, circular nudges, housekeeping) and the outbox dispatcher. Both are safe to run in
// every replica: the jobs act through database keys, the dispatcher through leases.
import type { CoreServices } from "./bot/services.js";
import type { Config } from "./config/env.js";
import type { Db } from "./db/client.js";
import type { Clock } from "./domain/clock.js";
import type { Logger } from "./log.js";
import type { Metrics } from "./metrics.js";
import { Scheduler } from "./scheduler/scheduler.js";
import { AuditCheckpointer, resolveCheckpointKey } from "./services/audit/checkpoint.js";
import type { OutboxSender } from "./services/outbox/contract.js";
import { OutboxDispatcher } from "./services/outbox/dispatcher.js";

/**
 * Signs the audit chain head into the checkpoint file (outside the database) every
 * AUDIT_CHECKPOINT_INTERVAL_MINUTES when it moved. The key is resolved on the first tick, so a
 * process that never runs the scheduler creates no dev key file.
 */
function auditCheckpointJob(config: Config, db: Db, log: Logger) {
  let checkpointer: AuditCheckpointer | null | undefined;
  return async (now: Date) => {
    if (checkpointer === undefined) {
      const key = resolveCheckpointKey(config.audit, { production: config.env === "production", create: true, log });
      checkpointer = key
        ? new AuditCheckpointer({
            db,
            file: config.audit.checkpointFile,
            key,
            intervalMs: config.audit.checkpointIntervalMs,
            log,
          })
        : null;
    }
    return checkpointer?.run(now);
  };
}

/** Inbound event ids older than this can no longer be retried by Slack (its last retry is at ~5 min). */
const PROCESSED_EVENT_TTL_MS = 24 * 60 * 60 * 1000;

export interface Runtime {
  scheduler: Scheduler;
  dispatcher: OutboxDispatcher;
  start(): void;
  stop(): Promise<void>;
}

export function createRuntime(o: {
  config: Config;
  db: Db;
  clock: Clock;
  log: Logger;
  metrics: Metrics;
  services: CoreServices;
  senders: OutboxSender[];
}): Runtime {
  const { db, clock, log, metrics, services } = o;
  const scheduler = new Scheduler({
    db,
    clock,
    log,
    claimTicks: false,
    observe: (report) => metrics.schedulerLag.set(report.lagMs / 1000),
  });
  scheduler
    .register("tasks.ensure-occurrences", (now) => services.occurrences.ensureOccurrences(now))
    .register("tasks.reminder-tick", async (now) => {
      const steps = await services.reminders.tick(now);
      if (steps.remind) metrics.reminders.inc({ event: "sent" }, steps.remind);
      if (steps.nudge) metrics.reminders.inc({ event: "nudged" }, steps.nudge);
      if (steps.escalate) metrics.reminders.inc({ event: "escalated" }, steps.escalate);
      if (steps.miss) metrics.reminders.inc({ event: "missed" }, steps.miss);
    })
    .register("incidents.ack-deadlines", (now) => services.incidents.sweepAckDeadlines(now))
    .register("complaints.deadlines", (now) => services.complaints.sweepDeadlines(now))
    .register("backoffice.deadlines", (now) => services.errorNotices.sweepDeadlines(now))
    .register("rotation.reminders", (now) => services.rotation.remindDue(now))
    .register("digests", (now) => services.digests.tick(now))
    .register("circulars.nudges", async (now) => {
      const n = await services.circulars.nudgeTick(now);
      if (n > 0) log.info({ nudged: n, at: now.toISOString() }, "circular nudges sent");
    })
    .register("housekeeping", async (now) => {
      await services.formStore.purge();
      await db.processedEvent.deleteMany({
        where: { receivedAt: { lt: new Date(now.getTime() - PROCESSED_EVENT_TTL_MS) } },
      });
    })
    .register("audit.checkpoint", auditCheckpointJob(o.config, db, log));

  const dispatcher = new OutboxDispatcher({
    db,
    clock,
    log,
    senders: o.senders,
    observe: (e) => {
      metrics.sendDuration.observe({ platform: e.platform, kind: e.kind, outcome: e.outcome }, e.ms / 1000);
      if (e.outcome === "rate_limited") metrics.rateLimited.inc({ platform: e.platform });
    },
  });

  return {
    scheduler,
    dispatcher,
    start() {
      if (o.config.schedulerEnabled) scheduler.start();
      else log.info("Scheduler disabled in this process (SCHEDULER_ENABLED=false)");
      if (o.senders.length > 0) dispatcher.start();
    },
    async stop() {
      await scheduler.stop();
      await dispatcher.stop();
    },
  };
}
