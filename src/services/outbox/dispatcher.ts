// Sends outbox rows through each platform's OutboxSender. Any number of replicas may run
// it: a row is claimed with a lease (claim.ts) before it is sent, so two replicas never send
// the same row. Pacing per destination and a per-minute cap per workspace (the row's pacing
// key: Slack team id / Teams tenant id) come from the sender, so workspaces never wait for each
// other; a 429 waits for Retry-After without costing an attempt; other errors back off
// exponentially with jitter and, after maxAttempts, the row is dead (logged, never dropped
// silently). Delivery is at-least-once at the platform boundary: if a replica dies after
// the platform accepted a message but before the row is marked sent, the lease expires and
// the row is sent again. The idempotency key keeps that to this one window; nothing enqueued
// twice is ever sent twice.
import { randomUUID } from "node:crypto";
import type { Db, Prisma } from "../../db/client.js";
import { withTx } from "../../db/tx.js";
import type { Clock } from "../../domain/clock.js";
import type { Logger } from "../../log.js";
import { type ClaimOutcome, claimRow, markDead } from "./claim.js";
import { type OutboxSender, PermanentSendError, RateLimitedError } from "./contract.js";

/** Wait between attempts to record a send the platform accepted while the database is away. */
const RECORD_SENT_RETRY_MS = 1_000;

export interface DispatcherOptions {
  db: Db;
  clock: Clock;
  senders: OutboxSender[];
  log?: Logger;
  /** This replica's name in lockedBy. */
  owner?: string;
  /** How long a claim holds before another replica may retry the row. */
  leaseMs?: number;
  maxAttempts?: number;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** Wait before looking again at a reply/update whose parent is not sent yet. */
  deferMs?: number;
  /** Rows fetched per query. */
  batchSize?: number;
  /** Workspaces whose rows are worked on at the same time in one drain. */
  lanes?: number;
  /**
   * Longest idle wait of the start() loop (to see rows other replicas enqueued). It wakes
   * sooner when the next row is due or a workspace's budget frees up.
   */
  pollMs?: number;
  random?: () => number;
  /** Told about each send attempt, for metrics. */
  observe?: (e: { platform: string; kind: string; outcome: "sent" | "rate_limited" | "failed"; ms: number }) => void;
}

/** What became of one row: its tally in DrainResult, and when it (or its workspace) may go again. */
interface RowOutcome {
  kind?: Exclude<keyof DrainResult, "nextDueAt"> | "capped";
  until?: Date;
}

export interface DrainResult {
  /** When the earliest row left waiting (paced, capped, deferred, rate-limited) may go; null if none. */
  nextDueAt: Date | null;
  sent: number;
  superseded: number;
  deferred: number;
  paced: number;
  rateLimited: number;
  retried: number;
  dead: number;
}

/** Rows strictly after the cursor in the order (nextAttemptAt, createdAt, id). */
/** One workspace's budget: rows are paced and capped per (platform, pacing key). */
type WorkspaceKey = { platform: string; pacingKey: string };
const keyOf = (r: WorkspaceKey) => `${r.platform}\u0000${r.pacingKey}`;

/** The last 429 of a workspace with no accepted send since: a second one elsewhere means the workspace's limit. */
interface Last429 {
  destination: string;
  at: number;
}

/** Two 429s further apart than this are not one episode of a workspace's limit. */
const WORKSPACE_429_WINDOW_MS = 60_000;

/** Runs `fn` over the items, at most `limit` at a time. */
async function inParallel<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

function afterCursor(c: { nextAttemptAt: Date; createdAt: Date; id: string }) {
  return {
    OR: [
      { nextAttemptAt: { gt: c.nextAttemptAt } },
      { nextAttemptAt: c.nextAttemptAt, createdAt: { gt: c.createdAt } },
      { nextAttemptAt: c.nextAttemptAt, createdAt: c.createdAt, id: { gt: c.id } },
    ],
  };
}

export class OutboxDispatcher {
  private readonly owner: string;
  private readonly senders: Map<string, OutboxSender>;
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  /** Set by stop(): a running drain ends after the send in hand instead of working on. */
  private stopRequested = false;
  /** Per workspace: the last 429, cleared by the next accepted send. */
  private readonly last429 = new Map<string, Last429>();

  constructor(private readonly o: DispatcherOptions) {
    this.owner = o.owner ?? `dispatcher-${randomUUID()}`;
    this.senders = new Map(o.senders.map((s) => [s.platform, s]));
  }

  /**
   * Sends everything that may be sent at `now`: each due row is looked at once. Rows paced
   * to later, deferred, or waiting on a 429 stay pending for a later drain.
   */
  async drain(now: Date = this.o.clock.now()): Promise<DrainResult> {
    const result: DrainResult = {
      nextDueAt: null,
      sent: 0,
      superseded: 0,
      deferred: 0,
      paced: 0,
      rateLimited: 0,
      retried: 0,
      dead: 0,
    };
    // Workspaces done for this pass (budget spent, or a 429): their rows are left out of the
    // query, so one busy workspace's backlog is not read row by row for nothing.
    const done = new Map<string, WorkspaceKey>();
    const later = (at: Date) => {
      if (!result.nextDueAt || at < result.nextDueAt) result.nextDueAt = at;
    };
    const platforms = [...this.senders.keys()];
    // Keyset cursor over the query's order: each row is looked at once per drain. (A list of
    // seen ids as `notIn` grew one bind parameter per row and failed past SQLite's limit at
    // about a thousand due rows, e.g. one reminder per outlet at 1,000 outlets.) A row looked
    // at either left the due set (sent, paced, deferred, rate-limited: nextAttemptAt moved on)
    // or kept its sort key, which is behind the cursor.
    let after: { nextAttemptAt: Date; createdAt: Date; id: string } | undefined;
    for (;;) {
      const rows = await this.o.db.outboxMessage.findMany({
        where: {
          platform: { in: platforms },
          OR: [
            { status: "pending", nextAttemptAt: { lte: now } },
            { status: "sending", lockedUntil: { lt: now } },
          ],
          AND: [...(after ? [afterCursor(after)] : []), ...(done.size ? [{ NOT: [...done.values()] }] : [])],
        },
        orderBy: [{ nextAttemptAt: "asc" }, { createdAt: "asc" }, { id: "asc" }],
        take: this.o.batchSize ?? 50,
        select: { id: true, platform: true, pacingKey: true, nextAttemptAt: true, createdAt: true },
      });
      if (rows.length === 0 || this.stopRequested) break;
      after = rows[rows.length - 1];
      // One lane per workspace, run side by side: a workspace's rows go in order, one at a
      // time (its budget and its 429s are its own), while one workspace's send is on the wire
      // another's claim can run. Lanes never share a destination, so the one-in-flight rule
      // per destination is unchanged.
      const lanes = new Map<string, typeof rows>();
      for (const r of rows) {
        const lane = lanes.get(keyOf(r));
        if (lane) lane.push(r);
        else lanes.set(keyOf(r), [r]);
      }
      await inParallel([...lanes.values()], this.o.lanes ?? 8, async (lane) => {
        for (const r of lane) {
          // shutting down: finish the row in hand, leave the rest pending for the next start or replica
          if (this.stopRequested) return;
          const key = { platform: r.platform, pacingKey: r.pacingKey };
          if (done.has(keyOf(key))) return;
          const outcome = await this.processRow(r.id, r.platform, now);
          if (outcome.until) later(outcome.until);
          if (outcome.kind === "capped") done.set(keyOf(key), key);
          else if (outcome.kind) result[outcome.kind]++;
          // A 429 may be the workspace's limit, not just this channel's: sending on to the
          // workspace's next channels in the same pass would only collect more 429s. Other
          // workspaces go on; this one is tried again next pass.
          if (outcome.kind === "rateLimited") done.set(keyOf(key), key);
        }
      });
      if (this.stopRequested) return result;
    }
    // rows already paced, deferred or held by a 429 in an earlier drain
    const next = await this.o.db.outboxMessage.findFirst({
      where: {
        platform: { in: platforms },
        status: "pending",
        nextAttemptAt: { gt: now },
        ...(done.size ? { NOT: [...done.values()] } : {}),
      },
      orderBy: { nextAttemptAt: "asc" },
      select: { nextAttemptAt: true },
    });
    if (next) later(next.nextAttemptAt);
    return result;
  }

  private async processRow(id: string, platform: string, now: Date): Promise<RowOutcome> {
    const sender = this.senders.get(platform) as OutboxSender;
    const claim: ClaimOutcome = await withTx(this.o.db, (tx) =>
      claimRow(tx, id, now, {
        owner: this.owner,
        leaseMs: this.o.leaseMs ?? 60_000,
        pacing: sender.pacing,
        deferMs: this.o.deferMs ?? 1_000,
      }),
    );
    switch (claim.kind) {
      case "busy":
        return {};
      case "capped":
        return { kind: "capped", until: claim.until };
      case "paced":
        return { kind: "paced", until: claim.until };
      case "deferred":
        return { kind: "deferred", until: claim.until };
      case "superseded":
        return { kind: "superseded" };
      case "dead":
        this.o.log?.error({ outboxId: id, reason: claim.reason }, "outbox message dead");
        return { kind: "dead" };
    }
    const { row, request } = claim;
    const started = performance.now();
    const observe = (outcome: "sent" | "rate_limited" | "failed") =>
      this.o.observe?.({ platform, kind: row.kind, outcome, ms: performance.now() - started });
    try {
      const res = await sender.send(request);
      observe("sent");
      // the real send time (a drain can take a while), never before the drain's `now`
      const sentAt = new Date(Math.max(now.getTime(), this.o.clock.now().getTime()));
      await this.recordSent(id, {
        status: "sent",
        sentAt,
        platformMessageId: res.platformMessageId ?? null,
        lastError: null,
        lockedBy: null,
        lockedUntil: null,
      });
      this.o.log?.debug({ key: row.idempotencyKey, platform, destination: row.destination }, "outbox sent");
      this.last429.delete(keyOf(row));
      return { kind: "sent" };
    } catch (err) {
      observe(err instanceof RateLimitedError ? "rate_limited" : "failed");
      return this.failed(row, err, now);
    }
  }

  /**
   * The platform has the message now. If the database is briefly unreachable (a restart, a
   * failover), keep trying to record that for as long as the lease holds: giving up would
   * leave the row "sending", and when its lease ran out it would be sent a second time.
   */
  private async recordSent(id: string, data: Prisma.OutboxMessageUpdateInput): Promise<void> {
    const giveUpAt = Date.now() + (this.o.leaseMs ?? 60_000);
    for (let attempt = 1; ; attempt++) {
      try {
        await this.o.db.outboxMessage.update({ where: { id }, data });
        return;
      } catch (err) {
        if (Date.now() + RECORD_SENT_RETRY_MS >= giveUpAt) throw err;
        if (attempt === 1)
          this.o.log?.warn({ outboxId: id, err: String(err) }, "outbox: recording a sent message failed, retrying");
        await new Promise((r) => setTimeout(r, RECORD_SENT_RETRY_MS));
      }
    }
  }

  private async failed(
    row: {
      id: string;
      idempotencyKey: string;
      platform: string;
      pacingKey: string;
      destination: string;
      attempts: number;
    },
    err: unknown,
    now: Date,
  ): Promise<RowOutcome> {
    const { db, log } = this.o;
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof RateLimitedError) {
      const until = new Date(now.getTime() + Math.max(0, err.retryAfterMs));
      // Slack's 429 does not say whether the channel's limit or the workspace's was hit. One
      // 429 holds back the destination; a second in a row from another channel of the same
      // workspace, with nothing accepted in between, is the workspace's limit: hold all of it.
      // (Holding the whole workspace on every 429 would lose a second of its budget to each
      // of the occasional 429s Slack sends.)
      const previous = this.last429.get(keyOf(row));
      const workspaceWide =
        previous !== undefined &&
        previous.destination !== row.destination &&
        now.getTime() - previous.at <= WORKSPACE_429_WINDOW_MS;
      this.last429.set(keyOf(row), { destination: row.destination, at: now.getTime() });
      await withTx(db, async (tx) => {
        await tx.outboxMessage.update({
          where: { id: row.id },
          data: { status: "pending", nextAttemptAt: until, lastError: message, lockedBy: null, lockedUntil: null },
        });
        await tx.outboxMessage.updateMany({
          where: {
            platform: row.platform,
            ...(workspaceWide ? { pacingKey: row.pacingKey } : { destination: row.destination }),
            status: "pending",
            nextAttemptAt: { lt: until },
          },
          data: { nextAttemptAt: until },
        });
      });
      log?.warn(
        { key: row.idempotencyKey, retryAfterMs: err.retryAfterMs, workspace: row.pacingKey, workspaceWide },
        "outbox rate limited",
      );
      return { kind: "rateLimited", until };
    }
    const attempts = row.attempts + 1;
    if (err instanceof PermanentSendError || attempts >= (this.o.maxAttempts ?? 8)) {
      await withTx(db, async (tx) => {
        await markDead(tx, row.id, message);
        await tx.outboxMessage.update({ where: { id: row.id }, data: { attempts } });
      });
      log?.error({ key: row.idempotencyKey, attempts, error: message }, "outbox message dead");
      return { kind: "dead" };
    }
    const delay = this.backoffMs(attempts);
    await db.outboxMessage.update({
      where: { id: row.id },
      data: {
        status: "pending",
        attempts,
        nextAttemptAt: new Date(now.getTime() + delay),
        lastError: message.slice(0, 1000),
        lockedBy: null,
        lockedUntil: null,
      },
    });
    log?.warn({ key: row.idempotencyKey, attempts, retryInMs: delay, error: message }, "outbox send failed");
    return { kind: "retried", until: new Date(now.getTime() + delay) };
  }

  /** Exponential backoff with jitter: half fixed, half random, so replicas spread out. */
  backoffMs(attempts: number): number {
    const base = this.o.baseBackoffMs ?? 2_000;
    const full = Math.min(this.o.maxBackoffMs ?? 600_000, base * 2 ** (attempts - 1));
    return Math.round(full / 2 + (this.o.random ?? Math.random)() * (full / 2));
  }

  /**
   * Runs drain() until stop(): again straight after a pass that sent something, else when the
   * earliest waiting row or workspace budget is due (so a second's budget is not lost to a
   * fixed poll), and at the latest after pollMs.
   */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        let waitMs = this.o.pollMs ?? 500;
        try {
          const r = await this.drain(this.o.clock.now());
          if (r.sent + r.superseded + r.dead > 0) waitMs = 0;
          else if (r.nextDueAt) waitMs = Math.min(waitMs, r.nextDueAt.getTime() - this.o.clock.now().getTime());
        } catch (err) {
          this.o.log?.error({ err }, "outbox drain failed");
        }
        if (waitMs > 0 && this.running) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, waitMs);
            this.wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          this.wake = null;
        }
      }
    })();
  }

  /** Stops the loop and waits for the send in hand (not the rest of the drain) to finish. */
  async stop(): Promise<void> {
    this.running = false;
    this.stopRequested = true;
    this.wake?.();
    try {
      await this.loop;
    } finally {
      this.loop = null;
      this.stopRequested = false;
    }
  }
}
