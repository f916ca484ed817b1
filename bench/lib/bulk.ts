// Bulk inserts of the org tables: createMany in batches, several batches per transaction. One transaction per
// row would cost one commit (an fsync on SQLite) per row; one per table would hold a huge
// transaction open. Batches of 1,000 rows stay under both databases' bind-variable limits
// (SQLite 32,766, PostgreSQL 65,535) for our widest table.
import type { Db } from "../../src/db/client.js";

/** The org tables (small: Prisma's createMany is fast enough and fills in cuid ids). */
export type Model =
  | "region"
  | "outlet"
  | "outletCalendarDay"
  | "channelBinding"
  | "staff"
  | "staffRole"
  | "regionRole"
  | "platformIdentity";

type CreateMany = (args: { data: object[] }) => Promise<{ count: number }>;

const BATCH = 1000;
const BATCHES_PER_TX = 8;

export class RowCounter {
  readonly counts = new Map<string, number>();
  add(table: string, n: number): void {
    this.counts.set(table, (this.counts.get(table) ?? 0) + n);
  }
  total(): number {
    return [...this.counts.values()].reduce((a, b) => a + b, 0);
  }
  toObject(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }
}

export async function insertMany(db: Db, model: Model, rows: object[], counter?: RowCounter): Promise<void> {
  const delegate = (db as unknown as Record<Model, { createMany: CreateMany }>)[model];
  for (let i = 0; i < rows.length; i += BATCH * BATCHES_PER_TX) {
    const ops = [];
    for (let j = i; j < Math.min(rows.length, i + BATCH * BATCHES_PER_TX); j += BATCH) {
      ops.push(delegate.createMany({ data: rows.slice(j, j + BATCH) }));
    }
    // a batch transaction: the createMany calls commit together
    await db.$transaction(ops as never);
  }
  counter?.add(model, rows.length);
}
