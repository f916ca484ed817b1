// Keeps the tick benchmark honest: its --quick run (20 outlets, SQLite) goes through the real
// runtime, creates every outlet's Monday occurrences in the first tick, reminds "opening" at
// every outlet at 08:00, and reports each tick beside its one-minute target.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BENCHMARKS } from "../../bench/benchmarks.js";
import { runBenchmarks, select } from "../../bench/lib/harness.js";
import type { BenchReport } from "../../bench/lib/report.js";

describe("npm run bench -- scheduler-tick --quick", () => {
  let dir: string;
  let report: BenchReport | undefined;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "branchbot-bench-tick-"));
    [report] = await runBenchmarks(select(BENCHMARKS, ["scheduler-tick"]), {
      quick: true,
      flags: {},
      resultsDir: dir,
      print: () => {},
      log: () => {},
    });
  }, 300_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const value = (metric: string) => report?.figures.find((f) => f.metric === metric);

  it("measures the three ticks against the minute, and reminds every outlet once", () => {
    expect(report?.error).toBeUndefined();
    const p = "sqlite.20.1_replica";
    for (const t of ["first_tick", "due_tick", "quiet_tick"])
      expect(value(`${p}.${t}`)?.target).toEqual({ op: "<", value: 60 });
    // the first tick creates and the 08:00 tick reminds: they take time; the quiet minute may round to 0
    expect(value(`${p}.first_tick`)?.value).toBeGreaterThan(0);
    expect(value(`${p}.due_tick`)?.value).toBeGreaterThan(0);
    expect(value(`${p}.quiet_tick`)?.value).toBeLessThan(value(`${p}.first_tick`)?.value ?? 0);
    expect(value(`${p}.opening_reminded`)?.value).toBe(20);
    expect(value(`${p}.opening_not_reminded`)).toMatchObject({ value: 0, pass: true });
    // Monday: the daily tasks plus Monday's weekly one, at each of the 20 outlets
    expect(value(`${p}.occurrences_created`)?.value).toBe(20 * 7);
  });
});
