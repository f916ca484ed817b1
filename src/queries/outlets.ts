// Outlets: by id or code, their calendars, and which outlets a channel is bound to.
import { calendarFromRows, type OutletCalendar } from "../domain/calendar.js";
import type { Reader } from "./reader.js";

export async function outletCalendar(r: Reader, outletId: string): Promise<OutletCalendar> {
  const outlet = await r.outlet.findUniqueOrThrow({ where: { id: outletId }, include: { calendar: true } });
  return calendarFromRows(outlet, outlet.calendar);
}

/** The outlet's name and time zone; throws for an unknown outlet (callers hold its id from a row). */
export function outletHeader(r: Reader, outletId: string): Promise<{ name: string; timeZone: string }> {
  return r.outlet.findUniqueOrThrow({ where: { id: outletId }, select: { name: true, timeZone: true } });
}

export async function outletName(r: Reader, outletId: string): Promise<string | null> {
  return (await r.outlet.findUnique({ where: { id: outletId }, select: { name: true } }))?.name ?? null;
}

export async function outletCode(r: Reader, outletId: string): Promise<string | null> {
  return (await r.outlet.findUnique({ where: { id: outletId }, select: { code: true } }))?.code ?? null;
}

/** An active outlet's code as stored, for a code typed in any case; null when there is none. */
export async function activeOutletCode(r: Reader, code: string): Promise<string | null> {
  const o = await r.outlet.findFirst({ where: { code: code.toUpperCase(), active: true }, select: { code: true } });
  return o?.code ?? null;
}

/** Outlet ids bound to a platform channel. */
export async function outletsBoundTo(r: Reader, platform: "slack" | "teams", channelId: string): Promise<string[]> {
  const rows = await r.channelBinding.findMany({ where: { platform, channelId }, select: { outletId: true } });
  return rows.map((b) => b.outletId);
}
