// Which outbox post a platform thread hangs under: its idempotency key names the entity
// (reminder:<id>, incident:<id>, complaint:<id>). Reads only; delivery lives in services/outbox.
import type { Reader } from "./reader.js";

export async function threadRootKey(
  r: Reader,
  platform: "slack" | "teams",
  channelId: string,
  threadId: string,
): Promise<string | null> {
  const root = await r.outboxMessage.findFirst({
    where: { platform, destination: channelId, platformMessageId: threadId, kind: "post" },
    select: { idempotencyKey: true },
  });
  return root?.idempotencyKey ?? null;
}
