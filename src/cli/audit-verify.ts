// npm run audit:verify — recomputes the audit hash chain and reports the first broken link.
// Exit codes: 0 the chain is intact, 1 it is broken, 2 it could not be checked.
import { loadProcessConfig } from "../config/env.js";
import { createDb } from "../db/client.js";
import { verifyChain } from "../services/audit/verify.js";

const REASONS = {
  hash_mismatch: "the event's content no longer matches its stored hash (the row was edited)",
  prev_mismatch: "the event does not point at the previous event's hash (a row was re-hashed, replaced or reordered)",
  seq_gap: "the sequence number is not the next one expected (a row was deleted or inserted)",
} as const;

async function main(): Promise<number> {
  const config = loadProcessConfig();
  const db = createDb(config.databaseUrl);
  try {
    const result = await verifyChain(db);
    if (result.ok) {
      console.log(`Audit chain OK: ${result.count} events verified.`);
      console.log(`Last hash: ${result.lastHash}`);
      return 0;
    }
    const b = result.firstBroken;
    console.log(`Audit chain BROKEN at seq ${b.seq} (event ${b.id}): ${b.reason}`);
    console.log(`  ${REASONS[b.reason]}.`);
    console.log(`  ${result.count} events before it verified intact.`);
    return 1;
  } finally {
    await db.$disconnect();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`audit:verify failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 2;
  },
);
