// The checklist a person opened in a DM with "checklist <task>": its occurrence is kept in a
// small FormSession (any replica can continue it), so their next plain-text replies in that
// DM ("1-6 ok", "3 12345.60", "confirm") are read against it.
import type { InboundConversation } from "./contract.js";
import type { Req } from "./request.js";
import type { CoreServices } from "./services.js";

const DM_CHECKLIST = "dm_checklist";
const dmKey = (conv: InboundConversation) => `${conv.platform}:${conv.channelId}`;

interface DmChecklist {
  occurrenceId: string;
}

export async function rememberDmChecklist(s: CoreServices, req: Req, occurrenceId: string): Promise<void> {
  await s.formStore.open<DmChecklist>(
    { staffId: req.staff.id, formKey: DM_CHECKLIST, contextKey: dmKey(req.conv), platform: req.conv.platform },
    { occurrenceId },
  );
}

/** The occurrence of the DM checklist still open for this person, refreshing its expiry. */
export async function dmChecklist(s: CoreServices, req: Req): Promise<string | null> {
  const row = await s.formStore.find<DmChecklist>(req.staff.id, DM_CHECKLIST, dmKey(req.conv));
  if (!row) return null;
  await s.formStore.save(row, row.state);
  return row.state.occurrenceId;
}
