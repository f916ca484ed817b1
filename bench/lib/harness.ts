// Runs benchmarks by name, judges and prints their figures, and writes one JSON file per
// benchmark. A benchmark that throws is reported with its error and the others still run:
// one broken benchmark must not hide the figures of the rest.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { machineInfo } from "./machine.js";
import { type BenchReport, formatTable, toReport, writeReport } from "./report.js";
import type { Benchmark, RunOptions } from "./types.js";

export const BENCH_DIR = path.resolve(import.meta.dirname, "..");
export const RESULTS_DIR = path.join(BENCH_DIR, "results");

export interface HarnessOptions {
  quick: boolean;
  flags: Record<string, string>;
  resultsDir?: string;
  /** Shown in the report as how the figures were produced. */
  command?: string;
  print?: (text: string) => void;
  log?: (line: string) => void;
}

export interface ParsedArgs {
  names: string[];
  quick: boolean;
  flags: Record<string, string>;
}

/** `summary memory --quick --outlets=20` → names, quick, flags. */
export function parseArgs(argv: string[]): ParsedArgs {
  const names: string[] = [];
  const flags: Record<string, string> = {};
  let quick = false;
  for (const a of argv) {
    if (a === "--quick") quick = true;
    else if (a.startsWith("--")) {
      const [k, ...v] = a.slice(2).split("=");
      flags[k as string] = v.length ? v.join("=") : "true";
    } else names.push(a);
  }
  return { names, quick, flags };
}

/** The benchmarks to run: all when none is named; an unknown name is an error. */
export function select(all: Benchmark[], names: string[]): Benchmark[] {
  if (names.length === 0) return all;
  const unknown = names.filter((n) => !all.some((b) => b.name === n));
  if (unknown.length) {
    throw new Error(`unknown benchmark(s): ${unknown.join(", ")}; available: ${all.map((b) => b.name).join(", ")}`);
  }
  return all.filter((b) => names.includes(b.name));
}

export async function runBenchmarks(benchmarks: Benchmark[], opts: HarnessOptions): Promise<BenchReport[]> {
  const resultsDir = opts.resultsDir ?? RESULTS_DIR;
  const print = opts.print ?? ((t: string) => console.log(t));
  const log = opts.log ?? ((l: string) => console.error(l));
  const scratchDir = path.join(resultsDir, "scratch");
  mkdirSync(scratchDir, { recursive: true });
  const machine = machineInfo();
  print(
    `machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.ramGiB} GiB, Node ${machine.node}, ${machine.os}, load ${machine.loadAvg1}`,
  );
  const reports: BenchReport[] = [];
  for (const b of benchmarks) {
    const startedAt = new Date();
    const t0 = performance.now();
    const runOpts: RunOptions = {
      quick: opts.quick,
      flags: opts.flags,
      scratchDir,
      log: (l) => log(`[${b.name}] ${l}`),
    };
    let result = null;
    let error: string | undefined;
    try {
      result = await b.run(runOpts);
    } catch (err) {
      error = err instanceof Error ? (err.stack ?? err.message) : String(err);
    }
    const report = toReport(
      {
        name: b.name,
        description: b.description,
        startedAt: startedAt.toISOString(),
        durationS: Math.round((performance.now() - t0) / 100) / 10,
        command: opts.command ?? `npm run bench -- ${b.name}${opts.quick ? " --quick" : ""}`,
        machine,
        error,
      },
      result,
    );
    writeReport(resultsDir, report);
    print(formatTable(report));
    reports.push(report);
  }
  return reports;
}
