// Follow-ups (整改跟踪): the reads the bot core and RectificationService share.
import type { Reader } from "./reader.js";

export function rectificationById(r: Reader, id: string) {
  return r.rectification.findUnique({ where: { id } });
}

/** The outlet's open follow-ups, soonest due first. */
export function openRectifications(r: Reader, outletId: string) {
  return r.rectification.findMany({ where: { outletId, status: "open" }, orderBy: { dueAt: "asc" } });
}
