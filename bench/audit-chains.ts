// Benchmark: the audit trail under replicas (issue 14, item 4). Several replica processes on
// one PostgreSQL database commit transactions of a state change plus its audit event, first
// with the single chain of before (AUDIT_CHAINS=1), then with the trail spread over chains
// (AUDIT_CHAINS=16), side by side in one run. With one chain every writer in every replica
// extends the same head, so concurrent transactions collide on (chain, seq) and retry; with
// 16 chains writers about different entities rarely meet. Reported: commits per second,
// attempts per commit (1.0 = no retries), transaction latency, and the ratio of throughputs.
// Afterwards the whole trail is verified, so a fast but broken chain cannot pass.
import { spawn } from "node:child_process";
import os from "node:os";
import { verifyChain } from "../src/services/audit/verify.js";
import { DEFAULT_AUDIT_CHAINS } from "../src/services/audit-log.js";
import { pgServerUrl, postgresDb, ROOT } from "./lib/databases.js";
import { round, summarise } from "./lib/stats.js";
import type { Benchmark, Figure, RunOptions } from "./lib/types.js";

interface WriterOut {
  commits: number;
  attempts: number;
  failed: number;
  failures: Record<string, number>;
  latencies: number[];
}

function writer(env: Record<string, string>): Promise<WriterOut> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "bench/lib/audit-writer.ts"], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString();
    });
    child.stderr.on("data", (c: Buffer) => {
      err = (err + c.toString()).slice(-4000);
    });
    child.on("exit", (code) => {
      if (code === 0) resolve(JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as WriterOut);
      else reject(new Error(`audit writer exited ${code}:\n${err}`));
    });
  });
}

/** One chain (before), the default, and a wider spread, side by side. */
const CHAIN_COUNTS = [1, DEFAULT_AUDIT_CHAINS, 64];

export const auditChains: Benchmark = {
  name: "audit-chains",
  description: "audit writes under replicas on PostgreSQL: one hash chain vs 16 (issue 14, item 4)",
  async run(opts: RunOptions) {
    const replicas = Number(opts.flags["audit-replicas"] ?? (opts.quick ? 2 : 4));
    const concurrency = Number(opts.flags["audit-concurrency"] ?? (opts.quick ? 2 : 4));
    const seconds = Number(opts.flags["audit-seconds"] ?? (opts.quick ? 2 : 15));
    const server = pgServerUrl();
    const figures: Figure[] = [];
    const notes: string[] = [`load average (1 min) at start: ${round(os.loadavg()[0] ?? 0, 2)}`];
    const rate: Record<string, number> = {};
    for (const chains of CHAIN_COUNTS) {
      const bdb = await postgresDb(server, `audit${chains}`);
      try {
        opts.log(`audit-chains: ${replicas} replicas × ${concurrency} writers, ${seconds} s, AUDIT_CHAINS=${chains}`);
        const env = {
          DATABASE_URL: bdb.url,
          AUDIT_CHAINS: String(chains),
          BENCH_SECONDS: String(seconds),
          BENCH_CONCURRENCY: String(concurrency),
          LOG_LEVEL: "silent",
        };
        const outs = await Promise.all(Array.from({ length: replicas }, () => writer(env)));
        const commits = outs.reduce((n, o) => n + o.commits, 0);
        const attempts = outs.reduce((n, o) => n + o.attempts, 0);
        const failed = outs.reduce((n, o) => n + o.failed, 0);
        const reasons = outs.flatMap((o) => Object.entries(o.failures).map(([c, n]) => `${c}×${n}`));
        const lat = summarise(outs.flatMap((o) => o.latencies));
        const verified = await verifyChain(bdb.db);
        const k = `chains${chains}`;
        rate[k] = commits / seconds;
        figures.push(
          { metric: `${k}.commits_per_s`, value: round(commits / seconds), unit: "tx/s" },
          {
            metric: `${k}.attempts_per_commit`,
            value: round(attempts / Math.max(commits, 1), 2),
            unit: "×",
            ...(chains === DEFAULT_AUDIT_CHAINS ? { target: { op: "<=" as const, value: 1.1 } } : {}),
          },
          {
            metric: `${k}.gave_up_per_1000`,
            value: round((1000 * failed) / Math.max(commits + failed, 1), 2),
            unit: "‰",
            ...(chains > 1 ? { target: { op: "==" as const, value: 0 } } : {}),
          },
          { metric: `${k}.tx.p50`, value: round(lat.p50), unit: "ms" },
          { metric: `${k}.tx.p99`, value: round(lat.p99), unit: "ms" },
          {
            metric: `${k}.verified`,
            value: verified.ok && verified.count === commits ? 1 : 0,
            unit: "bool",
            target: { op: "==", value: 1 },
          },
        );
        if (failed)
          notes.push(
            `AUDIT_CHAINS=${chains}: ${failed} transactions gave up after the last retry (${reasons.join(", ")})`,
          );
        if (verified.ok)
          notes.push(`AUDIT_CHAINS=${chains}: ${verified.count} events in ${verified.heads.length} chains verified`);
      } finally {
        await bdb.cleanup();
      }
    }
    figures.push({
      metric: `throughput_ratio.chains${DEFAULT_AUDIT_CHAINS}_over_chains1`,
      value: round((rate[`chains${DEFAULT_AUDIT_CHAINS}`] ?? 0) / Math.max(rate.chains1 ?? 1, 1e-9), 2),
      unit: "×",
      target: { op: ">=", value: 1.5 },
    });
    return { figures, notes };
  },
};
