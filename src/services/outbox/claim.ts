// Claiming one outbox row for sending, in one transaction: pacing, the workspace's cap, the
// one-in-flight-per-destination rule, and resolving what the row depends on (the thread
// parent, the message an update edits). On SQLite the transaction is serialisable, so two
// replicas can never both claim the same row or two rows for one destination at once; the
// conditional update on status is the guard on any database.

import type { Tx } from "../../db/tx.js";
import type { OutboxMessage } from "../../generated/prisma/client.js";
import type { Pacing, SendRequest } from "./contract.js";
import { parsePayload } from "./enqueue.js";

export type ClaimOutcome =
  | { kind: "claimed"; row: OutboxMessage; request: SendRequest }
  | { kind: "busy" } // another send to this destination is in flight, or someone else has it
  | { kind: "paced"; until: Date }
  | { kind: "capped"; until: Date } // the row's workspace has spent its budget until then
  | { kind: "deferred"; reason: string; until: Date }
  | { kind: "superseded" }
  | { kind: "dead"; reason: string };

export interface ClaimOptions {
  owner: string;
  leaseMs: number;
  pacing: Pacing;
  /** How long to wait before looking again at a row whose parent/original is not sent yet. */
  deferMs: number;
}

/** Rows that count as sent to a platform (a superseded update never reached it). */
const reallySent = { status: "sent", OR: [{ lastError: null }, { lastError: { not: "superseded" } }] };

function claimable(row: OutboxMessage, now: Date): boolean {
  if (row.status === "pending") return row.nextAttemptAt <= now;
  // a send whose replica died: its lease ran out, so it is retried (at-least-once)
  return row.status === "sending" && row.lockedUntil !== null && row.lockedUntil < now;
}

export async function claimRow(tx: Tx, id: string, now: Date, o: ClaimOptions): Promise<ClaimOutcome> {
  const row = await tx.outboxMessage.findUnique({ where: { id } });
  if (!row || !claimable(row, now)) return { kind: "busy" };

  const inFlight = await tx.outboxMessage.count({
    where: {
      platform: row.platform,
      destination: row.destination,
      status: "sending",
      lockedUntil: { gte: now },
      id: { not: row.id },
    },
  });
  if (inFlight > 0) return { kind: "busy" };

  if (row.kind === "update" && row.updateOfKey && (await isSuperseded(tx, row))) {
    await tx.outboxMessage.update({
      where: { id: row.id },
      data: { status: "sent", sentAt: now, lastError: "superseded", lockedBy: null, lockedUntil: null },
    });
    return { kind: "superseded" };
  }

  const last = await tx.outboxMessage.findFirst({
    where: { platform: row.platform, destination: row.destination, ...reallySent, sentAt: { not: null } },
    orderBy: { sentAt: "desc" },
    select: { sentAt: true },
  });
  const nextSlot = last?.sentAt ? last.sentAt.getTime() + o.pacing.perDestinationIntervalMs : 0;
  if (nextSlot > now.getTime()) {
    await tx.outboxMessage.update({ where: { id: row.id }, data: { nextAttemptAt: new Date(nextSlot) } });
    return { kind: "paced", until: new Date(nextSlot) };
  }

  const freeAt = await workspaceFreeAt(tx, row, now, o.pacing);
  if (freeAt) return { kind: "capped", until: freeAt };

  const payload = parsePayload(row.payload);
  const request: SendRequest = { destination: row.destination, kind: row.kind as SendRequest["kind"], ...payload };
  delete (request as { threadOfKey?: string }).threadOfKey;
  if (row.threadId) request.threadId = row.threadId;
  else if (payload.threadOfKey) {
    const parent = await tx.outboxMessage.findUnique({ where: { idempotencyKey: payload.threadOfKey } });
    if (parent && (parent.status === "pending" || parent.status === "sending")) {
      return defer(tx, row, now, o, "thread parent not sent yet");
    }
    // a parent that is gone, dead or id-less: post at top level rather than lose the message
    if (parent?.platformMessageId) request.threadId = parent.platformMessageId;
  }
  if (row.kind === "update") {
    const original = row.updateOfKey
      ? await tx.outboxMessage.findUnique({ where: { idempotencyKey: row.updateOfKey } })
      : null;
    if (original && (original.status === "pending" || original.status === "sending")) {
      return defer(tx, row, now, o, "original not sent yet");
    }
    if (!original?.platformMessageId) {
      await markDead(tx, row.id, "the message to update was never sent");
      return { kind: "dead", reason: "the message to update was never sent" };
    }
    request.messageId = original.platformMessageId;
  }

  const { count } = await tx.outboxMessage.updateMany({
    where: { id: row.id, status: row.status, updatedAt: row.updatedAt },
    data: { status: "sending", lockedBy: o.owner, lockedUntil: new Date(now.getTime() + o.leaseMs) },
  });
  if (count !== 1) return { kind: "busy" };
  return { kind: "claimed", row, request };
}

/**
 * When the row's workspace (platform + pacing key) may send again, or null if it may now. The
 * per-minute cap is spent evenly, second by second: a backlog sent as one burst at the start
 * of each minute is what draws 429s from the platform. Counting sent rows in the database is
 * what makes the budget one budget across replicas.
 */
async function workspaceFreeAt(tx: Tx, row: OutboxMessage, now: Date, pacing: Pacing): Promise<Date | null> {
  const key = { platform: row.platform, pacingKey: row.pacingKey, ...reallySent };
  const perSecond = Math.ceil(pacing.perWorkspacePerMinute / 60);
  const lastSecond = await tx.outboxMessage.findMany({
    where: { ...key, sentAt: { gt: new Date(now.getTime() - 1_000) } },
    orderBy: { sentAt: "desc" },
    take: perSecond,
    select: { sentAt: true },
  });
  // the window frees when the oldest of the last `perSecond` sends leaves it
  const oldest = lastSecond[perSecond - 1]?.sentAt;
  if (oldest) return new Date(oldest.getTime() + 1_000 + 1);
  const minuteAgo = new Date(now.getTime() - 60_000);
  const lastMinute = await tx.outboxMessage.count({ where: { ...key, sentAt: { gt: minuteAgo } } });
  if (lastMinute < pacing.perWorkspacePerMinute) return null;
  const first = await tx.outboxMessage.findFirst({
    where: { ...key, sentAt: { gt: minuteAgo } },
    orderBy: { sentAt: "asc" },
    select: { sentAt: true },
  });
  return new Date((first?.sentAt?.getTime() ?? now.getTime()) + 60_000 + 1);
}

/** A newer update of the same original exists: sending this one would only flicker. */
async function isSuperseded(tx: Tx, row: OutboxMessage): Promise<boolean> {
  const newer = await tx.outboxMessage.count({
    where: {
      updateOfKey: row.updateOfKey,
      kind: "update",
      status: { not: "dead" },
      OR: [{ createdAt: { gt: row.createdAt } }, { createdAt: row.createdAt, id: { gt: row.id } }],
    },
  });
  return newer > 0;
}

async function defer(tx: Tx, row: OutboxMessage, now: Date, o: ClaimOptions, reason: string): Promise<ClaimOutcome> {
  const until = new Date(now.getTime() + o.deferMs);
  await tx.outboxMessage.update({
    where: { id: row.id },
    data: { status: "pending", nextAttemptAt: until, lockedBy: null, lockedUntil: null },
  });
  return { kind: "deferred", reason, until };
}

export async function markDead(tx: Tx, id: string, reason: string): Promise<void> {
  await tx.outboxMessage.update({
    where: { id },
    data: { status: "dead", lastError: reason.slice(0, 1000), lockedBy: null, lockedUntil: null },
  });
}
