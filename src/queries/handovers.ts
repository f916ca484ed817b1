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

/** Handovers waiting for this person's confirmation, oldest first, with the giver's name. */
export async function handoversAwaiting(r: Reader, staffId: string) {
  const rows = await r.handover.findMany({
    where: { toStaffId: staffId, status: "pending" },
    orderBy: { createdAt: "asc" },
  });
  const givers = await r.staff.findMany({
    where: { id: { in: [...new Set(rows.map((h) => h.fromStaffId))] } },
    select: { id: true, name: true },
  });
  const name = new Map(givers.map((g) => [g.id, g.name]));
  return rows.map((h) => ({ ...h, fromName: name.get(h.fromStaffId) ?? "" }));
}
