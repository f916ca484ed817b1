// Minute ticks (node-schedule) that run the registered jobs in order: creating occurrences,
// advancing reminders, and other helpers' sweeps. node-schedule fires in every replica; the
// jobs themselves are exactly-once through database keys, so a redundant tick is harmless.
// With claimTicks, the first replica to insert SchedulerClaim "tick:<minute>" runs that
// minute and the others skip it, which only saves work (a crashed claimer's minute is
// caught up by the next tick, since every job acts on "everything due by now").
import { randomUUID } from "node:crypto";
import schedule from "node-schedule";
import type { Db } from "../db/client.js";
import { isUniqueViolation } from "../db/tx.js";
import type { Clock } from "../domain/clock.js";
import type { Logger } from "../log.js";

export type Job = (now: Date) => Promise<unknown>;

export interface SchedulerOptions {
  db: Db;
  clock: Clock;
  log?: Logger;
  /** node-schedule rule; every minute by default. */
  cron?: string;
  /** Skip a minute another replica has claimed. */
  claimTicks?: boolean;
  owner?: string;
  /** Told about each tick, for metrics. */
  observe?: (report: TickReport) => void;
}

export interface TickReport {
  at: string;
  /** How late the tick started against the clock, in ms. */
  lagMs: number;
  skipped: boolean;
  jobs: Array<{ name: string; ok: boolean; ms: number; error?: string }>;
}

export class Scheduler {
  private readonly jobs: Array<{ name: string; fn: Job }> = [];
  private timer: schedule.Job | null = null;
  private running: Promise<unknown> = Promise.resolve();
  readonly owner: string;

  constructor(private readonly o: SchedulerOptions) {
    this.owner = o.owner ?? `scheduler-${randomUUID()}`;
  }

  /** Adds a job; jobs run in registration order on every tick. */
  register(name: string, fn: Job): this {
    if (this.jobs.some((j) => j.name === name)) throw new Error(`job "${name}" is already registered`);
    this.jobs.push({ name, fn });
    return this;
  }

  /** The registered jobs' names, in the order each tick runs them. */
  jobNames(): string[] {
    return this.jobs.map((j) => j.name);
  }

  /**
   * Runs every job once for `now`. A failing job is logged and does not stop the others;
   * its work is retried on the next tick.
   */
  async runOnce(now: Date = this.o.clock.now(), firedAt: Date = now): Promise<TickReport> {
    const report: TickReport = { at: now.toISOString(), lagMs: 0, skipped: false, jobs: [] };
    report.lagMs = Math.max(0, this.o.clock.now().getTime() - firedAt.getTime());
    if (this.o.claimTicks && !(await this.claim(now))) {
      report.skipped = true;
      return report;
    }
    for (const job of this.jobs) {
      const started = Date.now();
      try {
        await job.fn(now);
        report.jobs.push({ name: job.name, ok: true, ms: Date.now() - started });
      } catch (err) {
        const error = err instanceof Error ? err.message : String(err);
        report.jobs.push({ name: job.name, ok: false, ms: Date.now() - started, error });
        this.o.log?.error({ job: job.name, err }, "scheduled job failed");
      }
    }
    this.o.observe?.(report);
    const level = report.lagMs > 30_000 ? "warn" : "debug";
    this.o.log?.[level]({ at: report.at, lagMs: report.lagMs, jobs: report.jobs }, "scheduler tick");
    return report;
  }

  private async claim(now: Date): Promise<boolean> {
    const minute = new Date(Math.floor(now.getTime() / 60_000) * 60_000).toISOString();
    try {
      await this.o.db.schedulerClaim.create({ data: { key: `tick:${minute}`, owner: this.owner, claimedAt: now } });
      return true;
    } catch (err) {
      if (isUniqueViolation(err, "key")) return false;
      throw err;
    }
  }

  /** Starts the ticks and runs one at once: the catch-up after downtime. */
  start(): void {
    if (this.timer) return;
    this.enqueueTick(this.o.clock.now());
    this.timer = schedule.scheduleJob(this.o.cron ?? "* * * * *", (fireDate: Date) => this.enqueueTick(fireDate));
  }

  // Ticks never overlap in one process: a slow tick delays the next instead of racing it.
  private enqueueTick(firedAt: Date): void {
    this.running = this.running.then(() =>
      this.runOnce(this.o.clock.now(), firedAt).catch((err) => this.o.log?.error({ err }, "scheduler tick failed")),
    );
  }

  /** Stops the ticks and waits for a running one to finish. */
  async stop(): Promise<void> {
    this.timer?.cancel();
    this.timer = null;
    await this.running;
  }
}
