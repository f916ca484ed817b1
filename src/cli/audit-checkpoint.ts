// npm run audit:checkpoint — writes a signed checkpoint of the audit chain heads now (the
// scheduler's audit.checkpoint job does the same on its interval). Exit 0 written or nothing
// to do, 1 refused (the chain does not verify from the last checkpoint), 2 could not run.
import { loadProcessConfig } from "../config/env.js";
import { createDb } from "../db/client.js";
import { createLogger } from "../log.js";
import { AuditCheckpointer, resolveCheckpointKey } from "../services/audit/checkpoint.js";

const chains = (n: number) => `${n} chain${n === 1 ? "" : "s"}`;

async function main(): Promise<number> {
  const config = loadProcessConfig();
  const log = createLogger(config.logLevel);
  const key = resolveCheckpointKey(config.audit, { production: config.env === "production", create: true, log });
  if (!key) return 2;
  const db = createDb(config.databaseUrl);
  try {
    const file = config.audit.checkpointFile;
    const out = await new AuditCheckpointer({ db, file, key, intervalMs: 0, log }).run(new Date());
    if (out.kind === "written")
      console.log(
        `Checkpoint written to ${file}: ${out.checkpoint.count} events in ${chains(out.checkpoint.heads.length)}.`,
      );
    else if (out.kind === "refused") console.log(`Checkpoint NOT written: ${out.reason}`);
    else console.log(`No checkpoint written (${out.kind}).`);
    return out.kind === "refused" ? 1 : 0;
  } finally {
    await db.$disconnect();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`audit:checkpoint failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 2;
  },
);
