// Keeps the benchmark code from rotting: runs the real harness with --quick (2 outlets × 2
// weeks on SQLite, a few iterations, a short memory run of the app in a child process) and
// checks the shape of what it reports. Timings are machine-dependent and never asserted.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BENCHMARKS } from "../../bench/benchmarks.js";
import { parseArgs, runBenchmarks, select } from "../../bench/lib/harness.js";
import type { BenchReport } from "../../bench/lib/report.js";
import { judge } from "../../bench/lib/report.js";
import { percentile, summarise } from "../../bench/lib/stats.js";

describe("statistics and verdicts", () => {
  it("uses nearest-rank percentiles (an observed value)", () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(xs, 95)).toBe(95);
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile([7], 99)).toBe(7);
    expect(summarise([3, 1, 2]).p50).toBe(2);
  });

  it("says by how much a target is missed", () => {
    const miss = judge({ metric: "x.p95", value: 345, unit: "ms", target: { op: "<=", value: 300 } });
    expect(miss.pass).toBe(false);
    expect(miss.verdict).toBe("MISS by 45 ms (+15%)");
    const pass = judge({ metric: "x.p95", value: 150, unit: "ms", target: { op: "<=", value: 300 } });
    expect(pass.verdict).toBe("PASS (50% of target)");
    expect(judge({ metric: "lost", value: 0, unit: "count", target: { op: "==", value: 0 } }).pass).toBe(true);
  });

  it("parses benchmark names and flags, and rejects unknown names", () => {
    expect(parseArgs(["summary", "--quick", "--pg-outlets=20", "--no-pg"])).toEqual({
      names: ["summary"],
      quick: true,
      flags: { "pg-outlets": "20", "no-pg": "true" },
    });
    expect(() => select(BENCHMARKS, ["nope"])).toThrow(/unknown benchmark/);
  });
});

describe("npm run bench -- --quick", () => {
  let dir: string;
  let reports: BenchReport[];
  const printed: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "branchbot-bench-"));
    reports = await runBenchmarks(select(BENCHMARKS, ["summary", "memory"]), {
      quick: true,
      flags: {},
      resultsDir: dir,
      print: (t) => printed.push(t),
      log: () => {},
    });
  }, 240_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const figure = (r: BenchReport | undefined, metric: string) => r?.figures.find((f) => f.metric === metric);

  it("runs both benchmarks without error", () => {
    expect(reports.map((r) => [r.name, r.error])).toEqual([
      ["summary", undefined],
      ["memory", undefined],
    ]);
  });

  it("reports summary latency percentiles per requester and period, judged against the SQLite target", () => {
    const r = reports[0];
    for (const who of ["region", "outlet"]) {
      for (const period of ["today", "week", "month"]) {
        for (const p of ["p50", "p95", "p99"]) {
          const f = figure(r, `sqlite.${who}.${period}.${p}`);
          expect(f?.unit).toBe("ms");
          expect(Number.isFinite(f?.value)).toBe(true);
          expect(f?.value).toBeGreaterThan(0);
        }
      }
    }
    const all = figure(r, "sqlite.all.p95");
    expect(all?.target).toEqual({ op: "<=", value: 300 });
    expect(typeof all?.pass).toBe("boolean");
    expect(all?.verdict).toMatch(/^(PASS|MISS)/);
    expect(figure(r, "sqlite.data.outlets")?.value).toBe(2);
    expect(figure(r, "sqlite.data.rows")?.value).toBeGreaterThan(100);
  });

  it("reports the app's resident memory idle and under load, read from outside the process", () => {
    const r = reports[1];
    for (const m of ["tsx.idle_rss", "tsx.load_peak_rss", "tsx_gc.idle_rss", "tsx_gc.load_peak_rss"]) {
      const f = figure(r, m);
      expect(f?.unit).toBe("MiB");
      // a live node process: more than a few MiB, less than the machine
      expect(f?.value).toBeGreaterThan(10);
      expect(f?.value).toBeLessThan(24 * 1024);
    }
    expect(figure(r, "tsx.idle_rss")?.target).toEqual({ op: "<=", value: 150 });
    expect(figure(r, "tsx_gc.load_summaries")?.value).toBeGreaterThan(0);
    expect(figure(r, "tsx.load_http_errors")?.value).toBe(0);
  });

  it("writes one JSON result per benchmark with the machine, and prints a table", () => {
    const json = JSON.parse(readFileSync(path.join(dir, "summary.json"), "utf8")) as BenchReport;
    expect(json.machine.cores).toBeGreaterThan(0);
    expect(json.machine.node).toMatch(/^v\d+/);
    expect(json.figures.length).toBe(reports[0]?.figures.length);
    expect(printed.join("\n")).toMatch(/sqlite\.all\.p95\s+[\d.]+\s+ms\s+<= 300\s+(PASS|MISS)/);
  });
});
