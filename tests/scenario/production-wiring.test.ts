// The scenario must test what production runs. Its world builds the services with createCore and
// the scheduler jobs and outbox dispatcher with createRuntime; these tests fail if the world's job
// list differs from the one the started app (src/app.ts) registers, if a tick skips a job, or if
// a file under tests/scenario assembles its own scheduler, job list, dispatcher or services.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp } from "../../src/app.js";
import { loadConfig } from "../../src/config/env.js";
import { createLogger } from "../../src/log.js";
import { ROOT } from "../helpers/db.js";
import { createDayWorld, type DayWorld, everyMinute } from "./helpers/day-world.js";

let w: DayWorld;
beforeAll(async () => {
  w = await createDayWorld();
  await w.runDay(everyMinute("07:59", "08:01"));
}, 60_000);
afterAll(async () => w?.cleanup());

describe("the scenario world runs the production wiring", () => {
  it("registers exactly the jobs the started app registers, in the same order", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "branchbot-wiring-"));
    const config = loadConfig(
      {
        DATABASE_URL: `file:${path.join(dir, "app.db")}`,
        PLAYGROUND: "off",
        SCHEDULER_ENABLED: "false",
        AUDIT_CHECKPOINT_FILE: path.join(dir, "audit-checkpoints.jsonl"),
      },
      ROOT,
    );
    const app = await startApp({ ...config, port: 0, host: "127.0.0.1" }, { logger: createLogger("silent") });
    try {
      expect(w.runtime.scheduler.jobNames()).toEqual(app.runtime.scheduler.jobNames());
    } finally {
      await app.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it("ran every registered job on every tick, the audit checkpoint included", () => {
    expect(w.failures).toEqual([]);
    expect(w.tickJobs).toHaveLength(3);
    for (const jobs of w.tickJobs) expect(jobs).toEqual(w.runtime.scheduler.jobNames());
    // a job the scenario's own list used to leave out left its trace outside the database
    expect(existsSync(w.config.audit.checkpointFile)).toBe(true);
  });

  it("no file under tests/scenario builds its own scheduler, job list, dispatcher or services", () => {
    const own = path.basename(import.meta.filename);
    const files = readdirSync(import.meta.dirname, { recursive: true, encoding: "utf8" }).filter(
      (f) => f.endsWith(".ts") && path.basename(f) !== own,
    );
    expect(files.length).toBeGreaterThan(3);
    const copies =
      /src\/scheduler\/|outbox\/dispatcher|\bnew (Scheduler|OutboxDispatcher|\w+Service)\b|buildServices|\.register\(/;
    const offenders = files.filter((f) => copies.test(readFileSync(path.join(import.meta.dirname, f), "utf8")));
    expect(offenders).toEqual([]);
    const world = readFileSync(path.join(import.meta.dirname, "helpers/day-world.ts"), "utf8");
    expect(world).toMatch(/createRuntime\(/);
    expect(world).toMatch(/createCore\(/);
  });
});
