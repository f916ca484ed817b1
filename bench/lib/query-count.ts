// Queries per interaction kind (issue 14, item 1): reads Branchbot's own
// branchbot_db_queries_total{platform="slack",kind=…} from /metrics around a slow pass of each
// kind, so the figure includes the work after each ack and nothing of the load test's backlog.
import type http from "node:http";
import { openLoop } from "./open-loop.js";
import { sleep } from "./proc.js";
import { KINDS, type SlackRequests } from "./slack-requests.js";
import type { Figure } from "./types.js";

async function counts(metricsUrl: string): Promise<Record<string, number>> {
  const text = await (await fetch(metricsUrl)).text();
  const out: Record<string, number> = {};
  for (const m of text.matchAll(/^branchbot_db_queries_total\{platform="slack",kind="([a-z_]+)"\} (\d+)/gm)) {
    out[m[1] as string] = Number(m[2]);
  }
  return out;
}

/** Waits until the counters stop moving (the work after the last ack is done). */
async function settled(metricsUrl: string): Promise<Record<string, number>> {
  let last = JSON.stringify(await counts(metricsUrl));
  for (let i = 0; i < 60; i++) {
    await sleep(500);
    const now = await counts(metricsUrl);
    if (JSON.stringify(now) === last) return now;
    last = JSON.stringify(now);
  }
  return JSON.parse(last) as Record<string, number>;
}

export async function queriesPerKind(o: {
  eventsUrl: string;
  metricsUrl: string;
  agent: http.Agent;
  requests: SlackRequests;
  perKind?: number;
}): Promise<Figure[]> {
  const n = o.perKind ?? 20;
  const before = await settled(o.metricsUrl);
  const figures: Figure[] = [];
  for (const [k, kind] of KINDS.entries()) {
    await openLoop({
      url: o.eventsUrl,
      rate: 5,
      durationMs: (n / 5) * 1000,
      timeoutMs: 10_000,
      agent: o.agent,
      make: (i) => o.requests.make(KINDS.length * i + k, true),
    });
    const after = await settled(o.metricsUrl);
    const value = ((after[kind] ?? 0) - (before[kind] ?? 0)) / n;
    figures.push({ metric: `branchbot.queries_per.${kind}`, value: Math.round(value * 10) / 10, unit: "queries" });
  }
  return figures;
}
