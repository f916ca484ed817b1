// Builds an audit chain through the real writer (appendAudit inside withTx), for the verify
// and export tests.
import type { Db } from "../../src/db/client.js";
import { withTx } from "../../src/db/tx.js";
import { appendAudit, configureAuditChains, DEFAULT_AUDIT_CHAINS } from "../../src/services/audit-log.js";

/**
 * n events, one per call, an hour apart from `start`; some carry awkward CSV content. They all
 * go to one chain (chain 1, as with AUDIT_CHAINS=1) unless `chains` is given, so seq i is event i.
 */
export async function buildChain(db: Db, n: number, start = "2026-11-01T00:00:00Z", chains = 1): Promise<void> {
  configureAuditChains(chains);
  try {
    await build(db, n, start);
  } finally {
    configureAuditChains(DEFAULT_AUDIT_CHAINS);
  }
}

async function build(db: Db, n: number, start: string): Promise<void> {
  for (let i = 1; i <= n; i++) {
    await withTx(db, (tx) =>
      appendAudit(tx, {
        actor: {
          staffId: `staff-${i % 3}`,
          label: i % 2 ? "陈敏" : "Emily, Zhou",
          platform: "slack",
          source: `ev-${i}`,
        },
        action: i % 2 ? "task.confirmed" : "complaint.decided",
        entityType: "test",
        entityId: `e-${i}`,
        before: i === 1 ? undefined : { n: i - 1 },
        after: { n: i, note: i % 4 === 0 ? 'said "ok",\nthen left' : "plain" },
        at: new Date(Date.parse(start) + (i - 1) * 3_600_000),
      }),
    );
  }
}
