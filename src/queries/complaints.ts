// Complaints and their ladder steps, as the bot core and the case services read them.
import type { Reader } from "./reader.js";

export function complaintById(r: Reader, complaintId: string) {
  return r.complaint.findUnique({ where: { id: complaintId } });
}

/** The complaint with whether its follow-up (回访) is logged. */
export function complaintWithFollowUp(r: Reader, complaintId: string) {
  return r.complaint.findUnique({ where: { id: complaintId }, include: { followUp: { select: { id: true } } } });
}

/** The complaint's reference ("CMP-…"), or "" for an unknown id. */
export async function complaintRef(r: Reader, complaintId: string): Promise<string> {
  return (await r.complaint.findUnique({ where: { id: complaintId }, select: { ref: true } }))?.ref ?? "";
}

/** The step the complaint is waiting on (null once resolved or closed). */
export function currentStep(r: Reader, complaintId: string) {
  return r.complaintStep.findFirst({ where: { complaintId, endedAt: null }, orderBy: { seq: "desc" } });
}

/** Open complaints a person logged or whose outlet is among `outletIds`, newest first. */
export function openComplaintsFor(r: Reader, staffId: string, outletIds: string[], take: number) {
  return r.complaint.findMany({
    where: { status: { not: "closed" }, OR: [{ loggedById: staffId }, { outletId: { in: outletIds } }] },
    orderBy: { loggedAt: "desc" },
    take,
  });
}

/** Complaints awaiting a decision at the outlets, oldest first, each with its current step. */
export function complaintsAwaitingDecision(r: Reader, outletIds: string[]) {
  return r.complaint.findMany({
    where: { status: "open", outletId: { in: outletIds } },
    include: {
      steps: { where: { endedAt: null }, orderBy: { seq: "desc" }, take: 1 },
      outlet: { select: { timeZone: true } },
    },
    orderBy: { loggedAt: "asc" },
  });
}
