// Latency statistics over a sample of timings. Percentiles use the nearest-rank method (the
// smallest sample with at least p% of samples at or below it), so a reported p95 is a time
// that was actually observed, never an interpolation between two.

export interface LatencySummary {
  n: number;
  min: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export function summarise(samples: number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    n: sorted.length,
    min: sorted[0] ?? Number.NaN,
    mean: sorted.length ? sum / sorted.length : Number.NaN,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

/** Rounds to `digits` decimals for reports (figures stay numbers). */
export function round(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/**
 * Runs `fn` `warmup` times unmeasured, then until `iterations` samples are taken or
 * `maxMs` has passed (whichever comes first; at least one measured run). Returns ms.
 */
export async function timeLoop(
  fn: (i: number) => Promise<unknown>,
  { warmup, iterations, maxMs }: { warmup: number; iterations: number; maxMs: number },
): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const samples: number[] = [];
  const deadline = performance.now() + maxMs;
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    await fn(warmup + i);
    samples.push(performance.now() - t0);
    if (performance.now() > deadline) break;
  }
  return samples;
}
