// Writes outgoing messages as outbox rows inside the caller's transaction: the message is
// sent if and only if the state change that caused it commits. The idempotency key makes a
// retried or replayed operation enqueue nothing new.
import type { Tx } from "../../db/tx.js";
import type { OutboundMessage } from "./contract.js";
import { pacingKeyFor } from "./pacing-key.js";

export async function enqueue(tx: Tx, msg: OutboundMessage, notBefore?: Date): Promise<boolean> {
  const existing = await tx.outboxMessage.findUnique({
    where: { idempotencyKey: msg.idempotencyKey },
    select: { id: true },
  });
  if (existing) return false;
  await tx.outboxMessage.create({
    data: {
      idempotencyKey: msg.idempotencyKey,
      platform: msg.platform,
      destination: msg.destination,
      pacingKey: msg.pacingKey ?? (await pacingKeyFor(tx, msg.platform, msg.destination)),
      kind: msg.kind,
      threadId: msg.threadId ?? null,
      updateOfKey: msg.updateOfKey ?? null,
      payload: JSON.stringify({
        view: msg.view,
        locale: msg.locale,
        threadOfKey: msg.threadOfKey ?? null,
        userId: msg.userId ?? null,
      }),
      status: "pending",
      nextAttemptAt: notBefore ?? new Date(0),
    },
  });
  return true;
}

/** The stored payload, parsed back. */
export function parsePayload(payload: string): Pick<OutboundMessage, "view" | "locale" | "threadOfKey" | "userId"> {
  const p = JSON.parse(payload);
  return { view: p.view, locale: p.locale, threadOfKey: p.threadOfKey ?? undefined, userId: p.userId ?? undefined };
}
