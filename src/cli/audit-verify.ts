// npm run audit:verify — recomputes the audit hash chain, reports the first broken link, and
// checks the chain against the signed checkpoints kept outside the database
// (AUDIT_CHECKPOINT_FILE, see docs/audit.md).
// Exit codes: 0 the trail is intact, 1 it is broken, 2 it could not be checked.
import { loadProcessConfig } from "../config/env.js";
import { createDb } from "../db/client.js";
import { resolveCheckpointKey, verifyAuditTrail } from "../services/audit/checkpoint.js";
import type { ChainBreak } from "../services/audit/verify.js";

const REASONS: Record<ChainBreak, string> = {
  hash_mismatch: "the event's content no longer matches its stored hash (the row was edited)",
  prev_mismatch: "the event does not point at the previous event's hash (a row was re-hashed, replaced or reordered)",
  seq_gap: "the sequence number is not the next one expected (a row was deleted or inserted)",
  checkpoint_mismatch:
    "the event's hash differs from the one a signed checkpoint recorded for this seq (the chain was re-hashed or replaced)",
  backdated: "the event was appended after the latest checkpoint but is dated before it (a forged row)",
};

const chains = (n: number) => `${n} chain${n === 1 ? "" : "s"}`;

async function main(): Promise<number> {
  const config = loadProcessConfig();
  const db = createDb(config.databaseUrl);
  try {
    const key = resolveCheckpointKey(config.audit, { production: config.env === "production", create: false });
    const result = await verifyAuditTrail(db, { file: config.audit.checkpointFile, key });
    const { chain } = result;
    if (chain.ok) console.log(`Audit chain OK: ${chain.count} events in ${chains(chain.heads.length)} verified.`);
    else {
      const b = chain.firstBroken;
      console.log(`Audit chain ${b.chain} BROKEN at seq ${b.seq} (event ${b.id || "missing"}): ${b.reason}`);
      console.log(`  ${REASONS[b.reason]}.`);
      console.log(`  ${chain.count} events before it verified intact.`);
    }
    if (chain.ok) for (const h of chain.heads) console.log(`Chain ${h.chain}: ${h.seq} events, last hash ${h.hash}`);
    const cp = result.checkpoint;
    if (cp)
      console.log(
        `Checkpoints: ${result.checkpoints} in ${config.audit.checkpointFile}; latest at ${cp.at}, ${cp.count} events in ${chains(cp.heads.length)} (key ${cp.keyId}).`,
      );
    for (const w of result.warnings) console.log(`WARNING: ${w}`);
    for (const p of result.problems)
      if (p.reason !== "chain_broken") console.log(`Audit trail BROKEN: ${p.reason}: ${p.detail}`);
    if (result.ok && cp)
      console.log("Checkpoint OK: the chain still reaches and matches the latest signed checkpoint.");
    return result.ok ? 0 : 1;
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
