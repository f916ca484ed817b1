// Runs a unit of work in one database transaction and retries it when the database says
// "try again": a write conflict, a busy SQLite file, or two writers extending the audit
// chain at once. Domain conflicts (a second decision on a step) are not retried: they
// propagate so the service can tell the user what happened.
import { AsyncLocalStorage } from "node:async_hooks";
import type { Db, Prisma } from "./client.js";

export type Tx = Prisma.TransactionClient;

const MAX_ATTEMPTS = 12;

export function isRetryable(err: unknown): boolean {
  const e = err as { code?: string; message?: string; meta?: Record<string, unknown> };
  if (e?.code === "P2034") return true; // write conflict / deadlock
  // Two processes on one SQLite file: the better-sqlite3 adapter reports the lock clash as
  // P1008 "Operation has timed out" with cause.originalCode SQLITE_BUSY(_SNAPSHOT). The loser
  // of a read→write upgrade must simply run again.
  if (e?.code === "P1008") return true;
  const cause = (e?.meta?.driverAdapterError as { cause?: { originalCode?: string } } | undefined)?.cause;
  if (String(cause?.originalCode ?? "").startsWith("SQLITE_BUSY")) return true;
  const msg = String(e?.message ?? "");
  if (/database is locked|SQLITE_BUSY|could not serialize|deadlock detected/i.test(msg)) return true;
  if (e?.code === "P2002") return uniqueFields(err).includes("seq") && String(e.meta?.modelName) === "AuditEvent";
  return false;
}

/** The fields of a unique violation, across Prisma's classic and driver-adapter error shapes. */
export function uniqueFields(err: unknown): string[] {
  const meta = (err as { meta?: Record<string, unknown> })?.meta ?? {};
  const target = meta.target;
  if (Array.isArray(target)) return target.map(String);
  if (typeof target === "string") return [target];
  const cause = (meta.driverAdapterError as { cause?: { constraint?: { fields?: string[]; index?: string } } })?.cause;
  if (cause?.constraint?.fields) return cause.constraint.fields.map((f) => f.replaceAll('"', ""));
  if (cause?.constraint?.index) return [cause.constraint.index];
  return [];
}

export function isUniqueViolation(err: unknown, field?: string): boolean {
  if ((err as { code?: string })?.code !== "P2002") return false;
  return field === undefined || uniqueFields(err).some((f) => f === field || f.includes(field));
}

/**
 * A claim is a write that must commit together with a unit of work's first transaction — e.g.
 * closing a submitted form's session with the record the submission creates. Then a crash
 * leaves either both (a retry is told "already submitted") or neither (a retry runs again).
 */
interface Claim {
  run: (tx: Tx) => Promise<void>;
  committed: boolean;
}
const claims = new AsyncLocalStorage<Claim>();

/**
 * Runs `fn` so that `claim` executes inside, and commits with, the first transaction `fn`
 * opens through withTx. `claimed` is false when `fn` opened none (nothing was written).
 */
export async function withClaim<T>(
  claim: (tx: Tx) => Promise<void>,
  fn: () => Promise<T>,
): Promise<{ value: T; claimed: boolean }> {
  const c: Claim = { run: claim, committed: false };
  const value = await claims.run(c, fn);
  return { value, claimed: c.committed };
}

/** When to run a failed unit of work again: how many runs in all, and which errors are a lost race. */
export interface RetryPolicy {
  attempts: number;
  retryable: (err: unknown) => boolean;
  /** Upper bound of the jittered wait before run n, times n; none when omitted. */
  backoffMs?: number;
}

/**
 * The one retry loop: runs `fn` until it succeeds, fails with an error the policy does not
 * retry, or has run `attempts` times. The wait is jittered and grows, so racing replicas do
 * not collide again in lockstep.
 */
export async function retrying<T>(fn: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt >= policy.attempts || !policy.retryable(err)) throw err;
      const wait = policy.backoffMs;
      if (wait) await new Promise((r) => setTimeout(r, Math.random() * wait * attempt));
    }
  }
}

const TX_RETRY: RetryPolicy = { attempts: MAX_ATTEMPTS, retryable: isRetryable, backoffMs: 25 };

export async function withTx<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const claim = claims.getStore();
  const pending = claim && !claim.committed ? claim : undefined;
  const work = pending
    ? async (tx: Tx) => {
        await pending.run(tx);
        return fn(tx);
      }
    : fn;
  return retrying(async () => {
    const result = await db.$transaction(work, { maxWait: 10_000, timeout: 20_000 });
    if (pending) pending.committed = true;
    return result;
  }, TX_RETRY);
}
