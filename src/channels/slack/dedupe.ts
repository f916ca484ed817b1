// Slack retries an event (at once, after 1 min, after 5 min) when it did not see a 2xx in
// time, and a retry can arrive on another replica while the first delivery is still running.
// The unique (platform, eventId) row is the claim: whoever inserts it does the work.
import type { Db } from "../../db/client.js";
import { isUniqueViolation } from "../../db/tx.js";

/** True when this delivery claimed the event; false when another delivery already has it. */
export async function claimSlackEvent(db: Db, eventId: string): Promise<boolean> {
  try {
    await db.processedEvent.create({ data: { platform: "slack", eventId } });
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}
