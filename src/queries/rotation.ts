// 轮岗/强制休假 due dates: the reads the bot core and RotationService share.
import type { Reader } from "./reader.js";

/** Due dates of the active staff who hold any role at the outlet, soonest first. */
export function dueDatesAtOutlet(r: Reader, outletId: string) {
  return r.staffDueDate.findMany({
    where: { staff: { active: true, roles: { some: { outletId } } } },
    include: { staff: { select: { id: true, name: true } } },
    orderBy: [{ dueOn: "asc" }, { kind: "asc" }],
  });
}

/**
 * Due dates not yet reminded and due on or before `through` (a YYYY-MM-DD a day past the
 * widest time zone, so each outlet's own calendar decides), with the active outlets their
 * person works at.
 */
export function unremindedDueDates(r: Reader, through: string) {
  return r.staffDueDate.findMany({
    where: { remindedAt: null, dueOn: { lte: through }, staff: { active: true } },
    include: {
      staff: {
        select: {
          id: true,
          name: true,
          roles: { where: { outlet: { active: true } }, select: { outletId: true } },
        },
      },
    },
    orderBy: { dueOn: "asc" },
  });
}
