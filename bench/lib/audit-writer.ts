// One "replica" of the audit-chains benchmark (bench/audit-chains.ts), run as a child process:
// `concurrency` loops, each committing transactions of one small state change plus its audit
// event (as every service does) until `seconds` have passed. Prints one JSON line: commits,
// attempts (a retried transaction runs its body again), transactions that gave up after
// withTx's last retry (with one chain and many writers that happens: it is what we measure),
// and per-transaction latencies.
import { randomBytes } from "node:crypto";
import { createDb } from "../../src/db/client.js";
import { withTx } from "../../src/db/tx.js";
import { appendAudit, configureAuditChains, SYSTEM_ACTOR } from "../../src/services/audit-log.js";

const env = process.env;
const url = env.DATABASE_URL ?? "";
const seconds = Number(env.BENCH_SECONDS ?? 10);
const concurrency = Number(env.BENCH_CONCURRENCY ?? 4);
const entities = Number(env.BENCH_ENTITIES ?? 5000);
configureAuditChains(Number(env.AUDIT_CHAINS ?? 16));

const db = createDb(url);
const tag = randomBytes(4).toString("hex");
let commits = 0;
let attempts = 0;
let failed = 0;
const failures: Record<string, number> = {};
const latencies: number[] = [];

async function loop(worker: number): Promise<void> {
  const end = performance.now() + seconds * 1000;
  for (let i = 0; performance.now() < end; i++) {
    const entityId = `o-${Math.floor(Math.random() * entities)}`;
    const t0 = performance.now();
    const ok = await withTx(db, async (tx) => {
      attempts++;
      // the state change: a row of its own, as a reminder or a decision writes
      await tx.processedEvent.create({ data: { platform: "bench", eventId: `${tag}:${worker}:${i}` } });
      await appendAudit(tx, {
        actor: SYSTEM_ACTOR,
        action: "task.reminded",
        entityType: "task_occurrence",
        entityId,
        after: { i },
        at: new Date(),
      });
      return true;
    }).catch((err: { code?: string }) => {
      failed++;
      const code = String(err?.code ?? (err as Error)?.message?.slice(0, 60));
      failures[code] = (failures[code] ?? 0) + 1;
      return false;
    });
    latencies.push(performance.now() - t0);
    if (ok) commits++;
  }
}

await Promise.all(Array.from({ length: concurrency }, (_, w) => loop(w)));
await db.$disconnect();
process.stdout.write(`${JSON.stringify({ commits, attempts, failed, failures, latencies })}\n`);
