// The one list of benchmarks. To add one, write bench/<name>.ts exporting a `Benchmark`
// (bench/lib/types.ts) and add it here; `npm run bench -- <name>` then runs it alone.
// Planned by issue 7: bench/slack-ack.ts (a: ack latency vs a bare Bolt app) and
// bench/fanout.ts (b: reminder fan-out against a rate-limited fake Slack).

import type { Benchmark } from "./lib/types.js";
import { memory } from "./memory.js";
import { summaryLatency } from "./summary-latency.js";

export const BENCHMARKS: Benchmark[] = [summaryLatency, memory];
