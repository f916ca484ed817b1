// The contract between the harness (bench/run.ts) and a benchmark module. A benchmark is a
// file bench/<name>.ts exporting a `Benchmark`; registering it in bench/benchmarks.ts is all
// the harness needs. Figures are plain numbers with a unit and, where the issue sets one, a
// target; the harness decides PASS/MISS, prints the table and writes the JSON.

/** A bound a figure must meet, e.g. { op: "<=", value: 300 } for "p95 ≤ 300 ms". */
export interface Target {
  op: "<=" | "<" | ">=" | "==";
  value: number;
}

export interface Figure {
  /** Stable dotted name, e.g. "sqlite.region.month.p95". Tests and docs key on it. */
  metric: string;
  value: number;
  unit: string;
  target?: Target;
  /** Set by the benchmark only when it judges the figure itself; otherwise the harness does. */
  pass?: boolean;
}

export interface RunOptions {
  /** A small, fast configuration (smoke tests): tiny data, few iterations, no PostgreSQL. */
  quick: boolean;
  /** Free-form `--key=value` flags from the command line, e.g. { outlets: "20" }. */
  flags: Record<string, string>;
  /** Progress lines (stderr); the result table is printed by the harness. */
  log: (line: string) => void;
  /** Where a benchmark may keep scratch files (generated databases, builds). */
  scratchDir: string;
}

export interface BenchResult {
  figures: Figure[];
  /** Free text for the report: data set sizes, skipped parts, EXPLAIN output. */
  notes?: string[];
}

export interface Benchmark {
  name: string;
  description: string;
  run(opts: RunOptions): Promise<BenchResult>;
}

/** True when `value` meets `target`. */
export function meets(value: number, target: Target): boolean {
  switch (target.op) {
    case "<=":
      return value <= target.value;
    case "<":
      return value < target.value;
    case ">=":
      return value >= target.value;
    case "==":
      return value === target.value;
  }
}
