// 交接班/临时离岗: the reads the bot core and HandoverService share.
import type { Reader } from "./reader.js";

export function handoverById(r: Reader, id: string) {
  return r.handover.findUnique({ where: { id } });
}

/** Active staff holding a role at the outlet (outlet roles, not region ones), by name, with their roles. */
export async function outletStaffWithRoles(r: Reader, outletId: string) {
  const rows = await r.staffRole.findMany({
    where: { outletId, staff: { active: true } },
    select: { role: true, staff: { select: { id: true, name: true } } },
    orderBy: [{ staff: { name: "asc" } }, { role: "asc" }],
  });
  const byId = new Map<string, { id: string; name: string; roles: string[] }>();
  for (const row of rows) {
    const s = byId.get(row.staff.id) ?? { ...row.staff, roles: [] };
    s.roles.push(row.role);
    byId.set(s.id, s);
  }
  return [...byId.values()];
}
