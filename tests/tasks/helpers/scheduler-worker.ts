// One scheduler replica in its own process, for the exactly-once test: opens the database
// file, registers the task jobs and runs the given ticks (fake clock times) in order.
// Usage: node --import tsx scheduler-worker.ts <databaseUrl> <owner> <iso,iso,…>
import { createDb } from "../../../src/db/client.js";
import { ManualClock } from "../../../src/domain/clock.js";
import { Scheduler } from "../../../src/scheduler/scheduler.js";
import { registerTaskJobs } from "../../../src/scheduler/task-jobs.js";
import { taskDeps } from "./task-deps.js";

const [url, owner, times] = process.argv.slice(2) as [string, string, string];
const ticks = times.split(",");
const clock = new ManualClock(ticks[0] as string);
const db = createDb(url);
const scheduler = new Scheduler({ db, clock, owner });
registerTaskJobs(scheduler, taskDeps(db, clock));
const failures: string[] = [];
for (const tick of ticks) {
  clock.set(tick);
  const report = await scheduler.runOnce(clock.now());
  for (const j of report.jobs) if (!j.ok) failures.push(`${tick} ${j.name}: ${j.error}`);
}
await db.$disconnect();
process.stdout.write(JSON.stringify({ owner, ticks: ticks.length, failures }));
