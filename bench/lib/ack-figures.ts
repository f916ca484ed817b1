// Figures of benchmark a from the client-side samples of one rate: percentiles per app and per
// request kind (2xx answers only; every other answer is counted as non_2xx), the generator's
// own lateness, CPU per request, and Branchbot's ratios to the bare Bolt app.
import type { Sample } from "./open-loop.js";
import { KINDS } from "./slack-requests.js";
import { round, summarise } from "./stats.js";
import type { Figure } from "./types.js";

export type AppName = "branchbot" | "bare";
export const APPS: AppName[] = ["branchbot", "bare"];

const P99_TARGET = { op: "<" as const, value: 50 };
const RATIO_TARGET = { op: "<=" as const, value: 1.5 };

const ok = (s: Sample) => s.status >= 200 && s.status < 300;

/** `prefix` is "" for the rate the issue sets (100/s) and e.g. "at20." for a diagnostic rate. */
export function ackFigures(
  prefix: string,
  samples: Record<AppName, Sample[]>,
  cpuMs: Record<AppName, number>,
  seconds: number,
): Figure[] {
  const judged = prefix === "";
  const figs: Figure[] = [];
  for (const app of APPS) {
    const good = samples[app].filter(ok);
    const all = summarise(good.map((s) => s.ms));
    const m = `${prefix}${app}`;
    figs.push(
      { metric: `${m}.requests`, value: samples[app].length, unit: "count" },
      { metric: `${m}.rate`, value: round(samples[app].length / seconds), unit: "req/s" },
      {
        metric: `${m}.non_2xx`,
        value: samples[app].length - good.length,
        unit: "count",
        ...(judged ? { target: { op: "==" as const, value: 0 } } : {}),
      },
      { metric: `${m}.p50`, value: round(all.p50, 2), unit: "ms" },
      { metric: `${m}.p95`, value: round(all.p95, 2), unit: "ms" },
      {
        metric: `${m}.p99`,
        value: round(all.p99, 2),
        unit: "ms",
        ...(judged && app === "branchbot" ? { target: P99_TARGET } : {}),
      },
      { metric: `${m}.max`, value: round(all.max, 2), unit: "ms" },
      {
        metric: `${m}.generator_lag_p99`,
        value: round(summarise(samples[app].map((s) => s.lagMs)).p99, 2),
        unit: "ms",
      },
      { metric: `${m}.cpu_per_request`, value: round(cpuMs[app] / Math.max(1, samples[app].length), 2), unit: "ms" },
    );
    for (const kind of KINDS) {
      const k = summarise(good.filter((s) => s.kind === kind).map((s) => s.ms));
      figs.push(
        { metric: `${m}.${kind}.p50`, value: round(k.p50, 2), unit: "ms" },
        { metric: `${m}.${kind}.p99`, value: round(k.p99, 2), unit: "ms" },
      );
    }
  }
  const get = (metric: string) => figs.find((f) => f.metric === `${prefix}${metric}`)?.value ?? Number.NaN;
  const ratio = (what: string) => round(get(`branchbot.${what}`) / get(`bare.${what}`), 2);
  for (const p of ["p50", "p99"]) {
    figs.push({
      metric: `${prefix}ratio.${p}`,
      value: ratio(p),
      unit: "x",
      ...(judged ? { target: RATIO_TARGET } : {}),
    });
  }
  for (const kind of KINDS) figs.push({ metric: `${prefix}ratio.${kind}.p99`, value: ratio(`${kind}.p99`), unit: "x" });
  return figs;
}

/** How each app answered, e.g. {"200": 2990, "timeout": 10}, for the report's notes. */
export function outcomes(samples: Sample[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of samples) {
    const key = x.status ? String(x.status) : (x.error ?? "error").replace(/ after \d+ ms$/, "");
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}
