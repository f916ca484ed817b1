// Back-office error notices (事后监督差错单): the reads the bot core and ErrorNoticeService share.
import { NOT_CLOSED } from "../domain/error-notices.js";
import type { Reader } from "./reader.js";

export function errorNoticeById(r: Reader, id: string) {
  return r.errorNotice.findUnique({ where: { id } });
}

/** The outlet's notices not yet accepted, soonest due first. */
export function openErrorNotices(r: Reader, outletId: string) {
  return r.errorNotice.findMany({
    where: { outletId, status: { in: [...NOT_CLOSED] } },
    orderBy: [{ dueAt: "asc" }, { ref: "asc" }],
  });
}

/** Active staff holding any role at the outlet itself, by name: who a notice may name as responsible. */
export async function outletStaff(r: Reader, outletId: string): Promise<Array<{ id: string; name: string }>> {
  const rows = await r.staffRole.findMany({
    where: { outletId, staff: { active: true } },
    select: { staff: { select: { id: true, name: true, code: true } } },
  });
  const byId = new Map(rows.map((x) => [x.staff.id, x.staff]));
  return [...byId.values()].sort((a, b) => a.code.localeCompare(b.code)).map(({ id, name }) => ({ id, name }));
}
