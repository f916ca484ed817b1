// A reply in a thread belongs to whatever the bot posted at the thread's root: a reminder,
// an incident, a complaint or an error notice. The outbox remembers which root message it posted under which
// key (reminder:<id>, incident:<id>, complaint:<id>), so the thread id leads back to it.
import { type Reader, threadRootKey } from "../queries/index.js";

export type ThreadTarget =
  | { kind: "reminder"; occurrenceId: string }
  | { kind: "incident"; incidentId: string }
  | { kind: "complaint"; complaintId: string }
  | { kind: "errornotice"; noticeId: string };

export async function threadTarget(
  db: Reader,
  platform: "slack" | "teams",
  channelId: string,
  threadId: string | undefined,
): Promise<ThreadTarget | null> {
  if (!threadId) return null;
  const root = await threadRootKey(db, platform, channelId, threadId);
  if (!root) return null;
  const [kind, id] = root.split(":");
  if (!id) return null;
  if (kind === "reminder") return { kind, occurrenceId: id };
  if (kind === "incident") return { kind, incidentId: id };
  if (kind === "complaint") return { kind, complaintId: id };
  if (kind === "errornotice") return { kind, noticeId: id };
  return null;
}
