// Incidents, as the bot core and the case services read them.
import type { Reader } from "./reader.js";

export function incidentById(r: Reader, incidentId: string) {
  return r.incident.findUnique({ where: { id: incidentId } });
}

/** The incident's reference ("INC-…"), or "" for an unknown id. */
export async function incidentRef(r: Reader, incidentId: string): Promise<string> {
  return (await r.incident.findUnique({ where: { id: incidentId }, select: { ref: true } }))?.ref ?? "";
}

/** The reference of the incident already reported from a checklist result, if any. */
export async function incidentRefFromResult(r: Reader, resultId: string): Promise<string | null> {
  const row = await r.incident.findFirst({ where: { sourceResultId: resultId }, select: { ref: true } });
  return row?.ref ?? null;
}

/** Open incidents a person reported or whose outlet is among `outletIds`, newest first. */
export function openIncidentsFor(r: Reader, staffId: string, outletIds: string[], take: number) {
  return r.incident.findMany({
    where: { status: { not: "closed" }, OR: [{ reportedById: staffId }, { outletId: { in: outletIds } }] },
    orderBy: { reportedAt: "desc" },
    take,
  });
}
