// Circulars (通知学习确认): the reads the bot core, CircularService and the summary share.
import type { Reader } from "./reader.js";

export function circularById(r: Reader, id: string) {
  return r.circular.findUnique({ where: { id } });
}

export function circularByRef(r: Reader, ref: string) {
  return r.circular.findUnique({ where: { ref: ref.toUpperCase() } });
}

/** The highest number used under a reference prefix ("CIR-20261123-"), 0 when none. */
export async function lastCircularNumber(r: Reader, prefix: string): Promise<number> {
  const rows = await r.circular.findMany({ where: { ref: { startsWith: prefix } }, select: { ref: true } });
  // parse rather than sort the text: "10" sorts before "9"
  return rows.reduce((m, x) => Math.max(m, Number(x.ref.slice(prefix.length)) || 0), 0);
}

/**
 * Everyone a circular to these outlets reaches: active staff holding any role at one of them,
 * each once, with the first of their outlets (by code) among them.
 */
export async function staffAtOutlets(
  r: Reader,
  outlets: Array<{ id: string; code: string }>,
): Promise<Array<{ staffId: string; outletId: string }>> {
  const rows = await r.staffRole.findMany({
    where: { outletId: { in: outlets.map((o) => o.id) }, staff: { active: true } },
    select: { staffId: true, outletId: true, staff: { select: { code: true } } },
  });
  const code = new Map(outlets.map((o) => [o.id, o.code]));
  const first = new Map<string, { outletId: string; staffCode: string }>();
  for (const x of rows) {
    const had = first.get(x.staffId);
    if (!had || (code.get(x.outletId) ?? "") < (code.get(had.outletId) ?? ""))
      first.set(x.staffId, { outletId: x.outletId, staffCode: x.staff.code });
  }
  return [...first.entries()]
    .sort((a, b) => a[1].staffCode.localeCompare(b[1].staffCode))
    .map(([staffId, v]) => ({ staffId, outletId: v.outletId }));
}

/** A circular's recipients with their names, by name. */
export async function circularRecipients(r: Reader, circularId: string) {
  const rows = await r.circularRecipient.findMany({ where: { circularId } });
  const staff = await r.staff.findMany({
    where: { id: { in: rows.map((x) => x.staffId) } },
    select: { id: true, name: true },
  });
  const name = new Map(staff.map((s) => [s.id, s.name]));
  return rows
    .map((x) => ({ ...x, name: name.get(x.staffId) ?? x.staffId }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** One recipient's row, or null when the person was not sent the circular. */
export function circularRecipient(r: Reader, circularId: string, staffId: string) {
  return r.circularRecipient.findUnique({ where: { circularId_staffId: { circularId, staffId } } });
}

/** The circulars a person sent, newest first, that someone has not acknowledged yet. */
export function openCircularsSentBy(r: Reader, senderId: string, take: number) {
  return r.circular.findMany({
    where: { senderId, recipients: { some: { acknowledgedAt: null } } },
    orderBy: { createdAt: "desc" },
    take,
  });
}

/**
 * Circulars with recipients at these outlets that someone there has not acknowledged, newest
 * first, with those outlets' recipients (and their names) only.
 */
export async function openCircularsAt(r: Reader, outletIds: string[], take: number) {
  const circulars = await r.circular.findMany({
    where: { recipients: { some: { outletId: { in: outletIds }, acknowledgedAt: null } } },
    orderBy: { createdAt: "desc" },
    take,
    include: { recipients: { where: { outletId: { in: outletIds } } } },
  });
  const ids = [...new Set(circulars.flatMap((c) => c.recipients.map((x) => x.staffId)))];
  const staff = await r.staff.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  const name = new Map(staff.map((s) => [s.id, s.name]));
  return circulars.map((c) => ({
    ...c,
    recipients: c.recipients.map((x) => ({ ...x, name: name.get(x.staffId) ?? x.staffId })),
  }));
}

/**
 * Recipients who have not acknowledged and are due a nudge at `now`: never nudged and sent at
 * least `afterMs` ago, or last nudged at least `everyMs` ago; fewer than `max` nudges so far.
 */
export function dueCircularNudges(r: Reader, now: Date, o: { afterMs: number; everyMs: number; max: number }) {
  return r.circularRecipient.findMany({
    where: {
      acknowledgedAt: null,
      nudges: { lt: o.max },
      OR: [
        { lastNudgedAt: null, circular: { createdAt: { lte: new Date(now.getTime() - o.afterMs) } } },
        { lastNudgedAt: { lte: new Date(now.getTime() - o.everyMs) } },
      ],
    },
    orderBy: { id: "asc" },
    select: { id: true, circularId: true, staffId: true, nudges: true },
    take: 500,
  });
}

/** The circulars a person has not acknowledged yet, newest first. */
export async function unacknowledgedCircularsOf(r: Reader, staffId: string) {
  const rows = await r.circularRecipient.findMany({
    where: { staffId, acknowledgedAt: null },
    include: { circular: { select: { id: true, ref: true, createdAt: true } } },
  });
  return rows.map((x) => x.circular).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
}
