// A fake Slack Web API that rate-limits like the real one, for the fan-out benchmark (issue 7 b).
// chat.postMessage is held to 1 message/s per channel and to a cap per workspace (a token bucket
// refilled at cap/60 per second, holding one second's worth, so a client cannot bank a whole
// minute and burst it); a call over either limit gets HTTP 429 with Retry-After. On top of
// that, a share of the calls that would have been accepted (5% by default) get a 429 at random,
// as Slack does now and then. Every accepted message is recorded by channel with a hash of its
// content, so duplicates (the same reminder posted twice) are visible. One bot token may serve
// several workspaces (an org-wide install): as Slack does, the fake knows each channel's
// workspace (team id) from its channel list (setChannelTeams) and keeps one bucket per team;
// unknown channels belong to the token's own team. Loopback only.
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { parse as parseQuery } from "node:querystring";

export interface Limits {
  /** Workspace cap for chat.postMessage, messages per minute. */
  workspacePerMinute: number;
  /** Minimum spacing of accepted messages in one channel, ms (Slack: about 1 per second). */
  perChannelIntervalMs: number;
  /** Share of otherwise acceptable calls answered 429 anyway, 0..1. */
  random429: number;
  /** Retry-After of a random 429, seconds. */
  randomRetryAfterS: number;
  seed: number;
}

export const DEFAULT_LIMITS: Limits = {
  workspacePerMinute: 600,
  perChannelIntervalMs: 1000,
  random429: 0.05,
  randomRetryAfterS: 1,
  seed: 7,
};

export interface LimitedSlackStats {
  calls: number;
  accepted: number;
  /** 429s by cause. */
  limited: { channel: number; workspace: number; random: number };
  /** Accepted messages per channel. */
  perChannel: Record<string, number>;
  /** Accepted messages per workspace (team id). */
  perTeam: Record<string, number>;
  /** Accepted messages whose channel + content had been accepted before. */
  duplicateContent: number;
  firstAcceptedAt: number | null;
  lastAcceptedAt: number | null;
}

/** A small deterministic PRNG (mulberry32) so runs are repeatable. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks).toString("utf8");
  if (!raw) return {};
  if ((req.headers["content-type"] ?? "").includes("application/json")) return JSON.parse(raw);
  return parseQuery(raw) as Record<string, unknown>;
}

/** The team of the bot token, and of every channel not in the channel list. */
export const TOKEN_TEAM = "T0BENCH";

export class LimitedSlack {
  private server?: Server;
  private readonly random: () => number;
  /** Per workspace, its token bucket: tokens available and when they were last topped up. */
  private readonly buckets = new Map<string, { tokens: number; refilledAt: number }>();
  private channelTeams = new Map<string, string>();
  private readonly lastInChannel = new Map<string, number>();
  private readonly seen = new Set<string>();
  private ts = 1_700_000_000;
  readonly stats: LimitedSlackStats = {
    calls: 0,
    accepted: 0,
    limited: { channel: 0, workspace: 0, random: 0 },
    perChannel: {},
    perTeam: {},
    duplicateContent: 0,
    firstAcceptedAt: null,
    lastAcceptedAt: null,
  };
  baseUrl = "";

  constructor(private readonly limits: Limits = DEFAULT_LIMITS) {
    this.random = prng(limits.seed);
  }

  /** Which workspace each channel belongs to (Slack knows; the fake is told). */
  setChannelTeams(map: Record<string, string>): void {
    this.channelTeams = new Map(Object.entries(map));
  }

  private get perSecond(): number {
    return this.limits.workspacePerMinute / 60;
  }

  /** One second's worth of messages: Slack tolerates short bursts, not a banked minute. */
  private get capacity(): number {
    return Math.max(1, this.perSecond);
  }

  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  async start(port = 0): Promise<this> {
    this.server = createServer(async (req, res) => {
      const body = await readBody(req);
      const method = new URL(req.url ?? "/", "http://x").pathname.replace(/^\/api\//, "");
      const { status, json, retryAfter } = this.answer(method, body, Date.now());
      res.writeHead(status, {
        "content-type": "application/json; charset=utf-8",
        ...(retryAfter !== undefined ? { "retry-after": String(retryAfter) } : {}),
      });
      res.end(JSON.stringify(json));
    });
    await new Promise<void>((resolve) => this.server?.listen(port, "127.0.0.1", resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
    this.server?.closeAllConnections();
  }

  private bucket(team: string, now: number) {
    let b = this.buckets.get(team);
    if (!b) {
      b = { tokens: this.capacity, refilledAt: now };
      this.buckets.set(team, b);
    }
    b.tokens = Math.min(this.capacity, b.tokens + ((now - b.refilledAt) / 1000) * this.perSecond);
    b.refilledAt = now;
    return b;
  }

  private answer(
    method: string,
    body: Record<string, unknown>,
    now: number,
  ): { status: number; json: Record<string, unknown>; retryAfter?: number } {
    if (method === "auth.test") {
      return { status: 200, json: { ok: true, team_id: TOKEN_TEAM, user_id: "U0BOT", bot_id: "B0BOT" } };
    }
    if (method !== "chat.postMessage") return { status: 200, json: { ok: false, error: "unknown_method" } };
    this.stats.calls++;
    const channel = String(body.channel);
    const limited = (cause: keyof LimitedSlackStats["limited"], retryAfterS: number) => {
      this.stats.limited[cause]++;
      return { status: 429, json: { ok: false, error: "ratelimited" }, retryAfter: Math.max(1, retryAfterS) };
    };
    const last = this.lastInChannel.get(channel);
    if (last !== undefined && now - last < this.limits.perChannelIntervalMs) {
      return limited("channel", Math.ceil((last + this.limits.perChannelIntervalMs - now) / 1000));
    }
    const team = this.channelTeams.get(channel) ?? TOKEN_TEAM;
    const bucket = this.bucket(team, now);
    if (bucket.tokens < 1) return limited("workspace", Math.ceil((1 - bucket.tokens) / this.perSecond));
    if (this.random() < this.limits.random429) return limited("random", this.limits.randomRetryAfterS);

    bucket.tokens -= 1;
    this.stats.perTeam[team] = (this.stats.perTeam[team] ?? 0) + 1;
    this.lastInChannel.set(channel, now);
    this.stats.accepted++;
    this.stats.perChannel[channel] = (this.stats.perChannel[channel] ?? 0) + 1;
    const content = createHash("sha256")
      .update(`${channel}\n${String(body.text)}\n${String(body.blocks)}`)
      .digest("hex");
    if (this.seen.has(content)) this.stats.duplicateContent++;
    this.seen.add(content);
    this.stats.firstAcceptedAt ??= now;
    this.stats.lastAcceptedAt = now;
    this.ts += 1;
    return { status: 200, json: { ok: true, channel, ts: `${this.ts}.000100` } };
  }
}

/** Messages that reached a channel more than once. */
export function duplicates(stats: LimitedSlackStats): number {
  return Object.values(stats.perChannel).reduce((sum, n) => sum + Math.max(0, n - 1), 0);
}
