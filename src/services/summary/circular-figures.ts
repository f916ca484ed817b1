// The summary's circulars section (通知学习确认): open circulars with recipients at the scope's
// outlets, acknowledged of total among those recipients, and who there has not acknowledged.
import type { Db } from "../../db/client.js";
import { openCircularsAt } from "../../queries/index.js";
import type { SummaryView } from "../../views/summary.js";

export async function circularFigures(
  db: Db,
  outletIds: string[],
  cap: number,
): Promise<NonNullable<SummaryView["circulars"]>> {
  const rows = await openCircularsAt(db, outletIds, cap);
  return rows.map((c) => ({
    ref: c.ref,
    title: c.title,
    acknowledged: c.recipients.filter((x) => x.acknowledgedAt !== null).length,
    total: c.recipients.length,
    pending: c.recipients
      .filter((x) => x.acknowledgedAt === null)
      .map((x) => x.name)
      .sort((a, b) => a.localeCompare(b)),
  }));
}
