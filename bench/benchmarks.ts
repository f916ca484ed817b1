// The one list of benchmarks. To add one, write bench/<name>.ts exporting a `Benchmark`
// (bench/lib/types.ts) and add it here; `npm run bench -- <name>` then runs it alone.

import { auditChains } from "./audit-chains.js";
import { fanout } from "./fanout.js";
import type { Benchmark } from "./lib/types.js";
import { memory } from "./memory.js";
import { schedulerTick } from "./scheduler-tick.js";
import { slackAck } from "./slack-ack.js";
import { startup } from "./startup.js";
import { summaryLatency } from "./summary-latency.js";

export const BENCHMARKS: Benchmark[] = [summaryLatency, memory, slackAck, fanout, startup, auditChains, schedulerTick];
