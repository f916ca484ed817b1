// Which workspace a destination belongs to: the Slack team id or the Teams tenant id that the
// platform's rate limits are counted against. Recorded on each outbox row at enqueue time, so
// every replica paces the same key the same way without looking it up again.
import type { Tx } from "../../db/tx.js";
import type { Platform } from "./contract.js";

/** "" when the destination is not in the directory (it then shares one bucket per platform). */
export async function pacingKeyFor(tx: Tx, platform: Platform, destination: string): Promise<string> {
  // a Teams channel thread is "<conversation>;messageid=<root>": the binding has the conversation
  const channelId = destination.split(";")[0] ?? destination;
  const binding = await tx.channelBinding.findFirst({
    where: { platform, channelId, workspace: { not: "" } },
    select: { workspace: true },
  });
  if (binding) return binding.workspace;
  // a DM: by its conversation, or (Slack) by the user id it is addressed to
  const dm = await tx.directConversation.findFirst({ where: { platform, channelId }, select: { staffId: true } });
  const identity = await tx.platformIdentity.findFirst({
    where: { platform, workspace: { not: "" }, ...(dm ? { staffId: dm.staffId } : { externalId: channelId }) },
    select: { workspace: true },
  });
  return identity?.workspace ?? "";
}
