// Form sessions as the bot core looks them up; the FormSessionStore owns their writes.
import type { Reader } from "./reader.js";

export function formSessionById(r: Reader, sessionId: string) {
  return r.formSession.findUnique({ where: { id: sessionId } });
}

/** The newest active, unexpired session of one of `formKeys` a person runs in a conversation. */
export function activeSessionIn(
  r: Reader,
  where: { staffId: string; contextKey: string; now: Date; formKeys: readonly string[] },
) {
  return r.formSession.findFirst({
    where: {
      staffId: where.staffId,
      contextKey: where.contextKey,
      status: "active",
      expiresAt: { gt: where.now },
      formKey: { in: [...where.formKeys] },
    },
    orderBy: { updatedAt: "desc" },
  });
}
