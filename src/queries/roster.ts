// 排班/请假/代岗: who is off on an outlet's day and who covers them. A person is off on one of
// their regular offDays or inside an absence (inclusive outlet-local dates, not cancelled); a
// cover named on the absence is on duty in their place. Dates are each outlet's own calendar
// date, so callers pass an instant and the outlet's zone decides the day.
import { addDays, isoWeekday, localDate } from "../domain/calendar.js";
import type { Reader } from "./reader.js";

/** The staff columns the duty questions read. */
export interface DutyStaff {
  id: string;
  code: string;
  name: string;
  locale: string;
  offDays: string;
  active: boolean;
}

const inForceOn = (date: string) => ({ cancelledAt: null, fromDate: { lte: date }, toDate: { gte: date } });
/** A day either side of UTC's date covers every zone's local date of the same instant. */
const around = (on: Date) => {
  const utc = on.toISOString().slice(0, 10);
  return { cancelledAt: null, fromDate: { lte: addDays(utc, 1) }, toDate: { gte: addDays(utc, -1) } };
};

const regularlyOff = (s: Pick<DutyStaff, "offDays">, date: string) =>
  s.offDays !== "" && s.offDays.split(",").includes(String(isoWeekday(date)));

/**
 * `holders` as on duty at the outlet on the local day of `on`: without those regularly off or
 * absent, with the covers of the absent (active, and not off themselves that day).
 */
export async function offDuty(
  r: Reader,
  outlet: { outletId: string; timeZone: string },
  holders: Map<string, DutyStaff>,
  on: Date,
): Promise<Map<string, DutyStaff>> {
  const today = localDate(on, outlet.timeZone);
  const here = { OR: [{ outletId: outlet.outletId }, { outletId: null }] };
  const absences = await r.staffAbsence.findMany({
    where: { ...inForceOn(today), ...here, staffId: { in: [...holders.keys()] } },
    include: { cover: true },
  });
  const absent = new Set(absences.map((a) => a.staffId));
  const out = new Map([...holders].filter(([id, s]) => !absent.has(id) && !regularlyOff(s, today)));
  const covers = absences.flatMap((a) => (a.cover?.active && !regularlyOff(a.cover, today) ? [a.cover] : []));
  if (covers.length === 0) return out;
  const coversOff = await r.staffAbsence.findMany({
    where: { ...inForceOn(today), ...here, staffId: { in: covers.map((c) => c.id) } },
    select: { staffId: true },
  });
  const off = new Set(coversOff.map((a) => a.staffId));
  for (const c of covers) if (!off.has(c.id)) out.set(c.id, c);
  return out;
}

/** Whom `coverId` covers at the outlet on the local day of `on`. */
export async function coveredAt(r: Reader, coverId: string, outletId: string, on: Date): Promise<string[]> {
  const near = await r.staffAbsence.findMany({
    where: { ...around(on), coverId, OR: [{ outletId }, { outletId: null }], staff: { active: true } },
    select: { staffId: true, fromDate: true, toDate: true },
  });
  if (near.length === 0) return [];
  const outlet = await r.outlet.findUnique({ where: { id: outletId }, select: { timeZone: true } });
  if (!outlet) return [];
  const today = localDate(on, outlet.timeZone);
  return near.filter((a) => a.fromDate <= today && today <= a.toDate).map((a) => a.staffId);
}

/** Each person `coverId` covers on the local day of `on`, with the outlets where the cover is in force. */
export async function coveredOutlets(
  r: Reader,
  coverId: string,
  on: Date,
): Promise<Array<{ absentId: string; outletIds: string[] }>> {
  const near = await r.staffAbsence.findMany({
    where: { ...around(on), coverId, staff: { active: true } },
    select: {
      staffId: true,
      outletId: true,
      fromDate: true,
      toDate: true,
      staff: { select: { roles: { select: { outlet: { select: { id: true, timeZone: true } } } } } },
    },
  });
  const out: Array<{ absentId: string; outletIds: string[] }> = [];
  for (const a of near) {
    const outlets = a.staff.roles.map((x) => x.outlet).filter((o) => !a.outletId || o.id === a.outletId);
    const inForce = outlets.filter((o) => {
      const today = localDate(on, o.timeZone);
      return a.fromDate <= today && today <= a.toDate;
    });
    if (inForce.length > 0) out.push({ absentId: a.staffId, outletIds: [...new Set(inForce.map((o) => o.id))] });
  }
  return out;
}

/** The outlet's staff and their absences overlapping `date` (for the roster view). */
export async function rosterAt(r: Reader, outletId: string, date: string) {
  const [roles, absences] = await Promise.all([
    r.staffRole.findMany({
      where: { outletId, staff: { active: true } },
      include: { staff: { select: { id: true, code: true, name: true, offDays: true } } },
    }),
    r.staffAbsence.findMany({
      where: { ...inForceOn(date), OR: [{ outletId }, { outletId: null }], staff: { active: true } },
      include: { cover: { select: { id: true, name: true } } },
      orderBy: { fromDate: "asc" },
    }),
  ]);
  return { roles, absences };
}

export function absenceById(r: Reader, id: string) {
  return r.staffAbsence.findUnique({ where: { id }, include: { staff: { select: { name: true } } } });
}

/**
 * The active people a chat word names: a staff code (any case), a name, or a Slack mention
 * (<@U…>, <@U…|name>). Callers check the outlet; several matches are the caller's question.
 */
export async function staffNamedBy(r: Reader, word: string): Promise<Array<{ id: string; name: string }>> {
  const mention = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(word);
  if (mention) {
    const ids = await r.platformIdentity.findMany({
      where: { platform: "slack", externalId: mention[1] as string, staff: { active: true } },
      select: { staff: { select: { id: true, name: true } } },
    });
    return [...new Map(ids.map((i) => [i.staff.id, i.staff])).values()];
  }
  return r.staff.findMany({
    where: { active: true, OR: [{ code: word.toLowerCase() }, { code: word }, { name: word }] },
    select: { id: true, name: true },
  });
}
