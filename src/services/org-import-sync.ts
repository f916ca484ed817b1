// The generic half of the org import: create-or-update a row with only the changed fields,
// and make a set of child rows match the desired set, auditing every change with its
// before/after. Unchanged input writes nothing, which is what makes the import idempotent.
import type { Tx } from "../db/tx.js";
import { type Actor, appendAudit } from "./audit-log.js";

export interface ImportSummary {
  created: number;
  updated: number;
  removed: number;
}

export type Row = Record<string, unknown> & { id: string };

export class Importer {
  summary: ImportSummary = { created: 0, updated: 0, removed: 0 };
  constructor(
    private tx: Tx,
    private actor: Actor,
    private at: Date,
  ) {}

  audit(action: string, entityType: string, entityId: string, before?: unknown, after?: unknown) {
    return appendAudit(this.tx, { actor: this.actor, action, entityType, entityId, before, after, at: this.at });
  }

  /** Creates the row, or updates only the fields that differ; returns its id. */
  async sync<D extends Record<string, unknown>>(
    entityType: string,
    existing: Row | null,
    desired: D,
    ops: { create: (d: D) => Promise<{ id: string }>; update: (id: string, d: Partial<D>) => Promise<unknown> },
  ): Promise<string> {
    if (!existing) {
      const row = await ops.create(desired);
      this.summary.created++;
      await this.audit(`org.${entityType}.created`, entityType, row.id, undefined, desired);
      return row.id;
    }
    const changed: Partial<D> = {};
    const before: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(desired)) {
      if (existing[k] !== v) {
        (changed as Record<string, unknown>)[k] = v;
        before[k] = existing[k];
      }
    }
    if (Object.keys(changed).length > 0) {
      await ops.update(existing.id, changed);
      this.summary.updated++;
      await this.audit(`org.${entityType}.updated`, entityType, existing.id, before, changed);
    }
    return existing.id;
  }

  /** Makes a set of child rows match the desired keys: adds the missing, removes the extra. */
  async syncSet<R extends Row>(
    entityType: string,
    existing: R[],
    desired: Array<Record<string, unknown>>,
    keyOf: (r: Record<string, unknown>) => string,
    ops: { create: (d: Record<string, unknown>) => Promise<{ id: string }>; remove: (r: R) => Promise<unknown> },
  ) {
    const have = new Map(existing.map((r) => [keyOf(r), r]));
    const want = new Map(desired.map((d) => [keyOf(d), d]));
    for (const [k, d] of want) {
      if (have.has(k)) continue;
      const row = await ops.create(d);
      this.summary.created++;
      await this.audit(`org.${entityType}.added`, entityType, row.id, undefined, d);
    }
    for (const [k, r] of have) {
      if (want.has(k)) continue;
      await ops.remove(r);
      this.summary.removed++;
      await this.audit(`org.${entityType}.removed`, entityType, r.id, r, undefined);
    }
  }
}
