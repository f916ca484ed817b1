// One scheduler replica in its own process, for the exactly-once test: opens the database file,
// builds the services (createCore) and the replica's scheduler jobs (createRuntime) as src/app.ts
// does, and runs the given ticks (fake clock times) in order through the runtime's own scheduler.
// No senders: the outbox rows stay for the test to read. Each replica signs audit checkpoints
// into a file of its own, so the two never race on one checkpoint or dev key file.
// Usage: node --import tsx scheduler-worker.ts <databaseUrl> <owner> <iso,iso,…>
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createCore } from "../../../src/bot/index.js";
import { loadConfig } from "../../../src/config/env.js";
import { createDb } from "../../../src/db/client.js";
import { ManualClock } from "../../../src/domain/clock.js";
import { createLogger } from "../../../src/log.js";
import { Metrics } from "../../../src/metrics.js";
import { createRuntime } from "../../../src/runtime.js";
import { i18n, playbook, ROOT } from "../../helpers/db.js";

const [url, owner, times] = process.argv.slice(2) as [string, string, string];
const ticks = times.split(",");
const dir = mkdtempSync(path.join(tmpdir(), `branchbot-${owner}-`));
const config = loadConfig(
  {
    DATABASE_URL: url,
    AUDIT_CHECKPOINT_FILE: path.join(dir, "audit-checkpoints.jsonl"),
    AUDIT_CHECKPOINT_KEY: `scheduler-worker-checkpoint-key-${owner}`.padEnd(32, "-"),
  },
  ROOT,
);
const clock = new ManualClock(ticks[0] as string);
const db = createDb(url);
const log = createLogger("silent");
const { services } = createCore({
  db,
  clock,
  i18n,
  playbook,
  defaultLocale: config.defaultLocale,
  databaseProvider: config.databaseProvider,
  log,
});
const runtime = createRuntime({ config, db, clock, log, metrics: new Metrics(db), services, senders: [] });
const failures: string[] = [];
for (const tick of ticks) {
  clock.set(tick);
  const report = await runtime.scheduler.runOnce(clock.now());
  for (const j of report.jobs) if (!j.ok) failures.push(`${tick} ${j.name}: ${j.error}`);
}
await runtime.stop();
await db.$disconnect();
rmSync(dir, { recursive: true, force: true });
process.stdout.write(JSON.stringify({ owner, ticks: ticks.length, jobs: runtime.scheduler.jobNames(), failures }));
