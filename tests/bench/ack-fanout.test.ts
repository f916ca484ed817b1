// Keeps benchmarks a (slack-ack) and b (fanout) from rotting: runs both through the real harness
// with --quick (a short alternating run of Branchbot and a bare Bolt app; 20 outlets against the
// rate-limited fake Slack) and checks the structure of what they report. Timings depend on the
// machine and are never asserted; delivery facts (every reminder sent once) are.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BENCHMARKS } from "../../bench/benchmarks.js";
import { floorSeconds } from "../../bench/fanout.js";
import { runBenchmarks, select } from "../../bench/lib/harness.js";
import { duplicates, LimitedSlack } from "../../bench/lib/limited-slack.js";
import type { BenchReport } from "../../bench/lib/report.js";

describe("the rate-limited fake Slack", () => {
  let fake: LimitedSlack;
  beforeAll(async () => {
    fake = await new LimitedSlack({
      workspacePerMinute: 120,
      perChannelIntervalMs: 1000,
      random429: 0,
      randomRetryAfterS: 1,
      seed: 1,
    }).start();
  });
  afterAll(() => fake.stop());

  const post = (channel: string, text: string) =>
    fetch(`${fake.apiUrl}chat.postMessage`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ channel, text }),
    });

  it("answers 429 with Retry-After for a second message in a channel within a second", async () => {
    expect((await post("C1", "a")).status).toBe(200);
    const again = await post("C1", "b");
    expect(again.status).toBe(429);
    expect(Number(again.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(fake.stats.limited.channel).toBe(1);
  });

  it("holds the workspace to its cap (120/min: a burst of 2, then 429)", async () => {
    const statuses = [];
    for (const c of ["C2", "C3", "C4", "C5"]) statuses.push((await post(c, "x")).status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(2);
    expect(fake.stats.limited.workspace).toBeGreaterThanOrEqual(2);
  });

  it("counts a channel that got two messages as a duplicate", () => {
    expect(duplicates({ ...fake.stats, perChannel: { C1: 2, C2: 1 } })).toBe(1);
  });

  it("puts the floor at the workspace rate when every channel gets one message", () => {
    expect(floorSeconds(1000, 1, 600)).toBe(100);
    expect(floorSeconds(10, 30, 600)).toBe(29);
  });
});

describe("npm run bench -- slack-ack fanout --quick", () => {
  let dir: string;
  let reports: BenchReport[];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "branchbot-bench-ab-"));
    reports = await runBenchmarks(select(BENCHMARKS, ["slack-ack", "fanout"]), {
      quick: true,
      flags: {},
      resultsDir: dir,
      print: () => {},
      log: () => {},
    });
  }, 300_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const figure = (name: string, metric: string) =>
    reports.find((r) => r.name === name)?.figures.find((f) => f.metric === metric);

  it("runs both without error", () => {
    expect(reports.map((r) => [r.name, r.error])).toEqual([
      ["slack-ack", undefined],
      ["fanout", undefined],
    ]);
  });

  it("reports client-side ack percentiles for Branchbot and the bare Bolt app, and their ratios", () => {
    for (const app of ["branchbot", "bare"]) {
      for (const p of ["p50", "p95", "p99", "max"]) {
        const f = figure("slack-ack", `${app}.${p}`);
        expect(f?.unit).toBe("ms");
        expect(f?.value).toBeGreaterThan(0);
      }
      for (const kind of ["block_actions", "command", "view_submission"]) {
        expect(figure("slack-ack", `${app}.${kind}.p99`)?.value).toBeGreaterThan(0);
      }
      expect(figure("slack-ack", `${app}.requests`)?.value).toBeGreaterThan(0);
      // signed, well-formed requests: nothing is refused by either app
      expect(figure("slack-ack", `${app}.non_2xx`)?.value).toBe(0);
    }
    expect(figure("slack-ack", "branchbot.p99")?.target).toEqual({ op: "<", value: 50 });
    for (const r of ["ratio.p50", "ratio.p99"]) {
      expect(figure("slack-ack", r)?.target).toEqual({ op: "<=", value: 1.5 });
      expect(figure("slack-ack", r)?.verdict).toMatch(/^(PASS|MISS)/);
    }
    // the slash commands and button clicks really opened modals in the (fake) Slack
    expect(figure("slack-ack", "branchbot.modals_opened")?.value).toBeGreaterThan(0);
  });

  it("delivers every reminder exactly once in one workspace and in ten, and says how long against the floor", () => {
    const quick = {
      single: { outlets: 20, workspaces: 1, floor: 2 },
      multi: { outlets: 40, workspaces: 10, floor: 0.4 },
    };
    for (const [v, q] of Object.entries(quick)) {
      expect(figure("fanout", `${v}.outlets`)?.value).toBe(q.outlets);
      expect(figure("fanout", `${v}.workspaces`)?.value).toBe(q.workspaces);
      expect(figure("fanout", `${v}.reminders_enqueued`)?.value).toBe(q.outlets);
      expect(figure("fanout", `${v}.unsent_at_bound`)?.value).toBe(0);
      expect(figure("fanout", `${v}.lost`)?.value).toBe(0);
      expect(figure("fanout", `${v}.duplicates`)?.value).toBe(0);
      expect(figure("fanout", `${v}.dead`)?.value).toBe(0);
      expect(figure("fanout", `${v}.floor`)?.value).toBe(q.floor);
      expect(figure("fanout", `${v}.total`)?.value).toBeGreaterThan(0);
      // the shipped pacing is the workspace cap, per workspace
      expect(figure("fanout", `${v}.dispatcher_per_workspace_per_minute`)?.value).toBe(600);
      // every accepted call is one reminder; the rest were 429s
      const calls = figure("fanout", `${v}.post_message_calls`)?.value ?? 0;
      expect(calls - (figure("fanout", `${v}.responses_429`)?.value ?? 0)).toBe(q.outlets);
    }
    expect(figure("fanout", "single.ratio_to_floor")?.target).toEqual({ op: "<=", value: 1.1 });
  });
});
