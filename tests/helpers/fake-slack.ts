// A fake Slack Web API on 127.0.0.1: real response shapes for the methods the bot calls, every
// call recorded with its decoded body, and failures on demand (429 + Retry-After, or an error
// code). Also accepts response_url posts under /response/<id>.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { parse as parseQuery } from "node:querystring";

export interface FakeCall {
  method: string;
  body: Record<string, unknown>;
  token?: string;
  /** What the fake answered (HTTP status and JSON), e.g. the ts of a posted message. */
  status?: number;
  response?: Record<string, unknown>;
}

export interface Failure {
  /** HTTP status; 429 sends Retry-After with `retryAfter` seconds. */
  status?: number;
  retryAfter?: number;
  /** A Slack error code returned as {ok:false,error} with HTTP 200. */
  error?: string;
  times?: number;
}

export const FAKE_TEAM = "T0DEMO";
export const FAKE_BOT_USER = "U0BOTUSER";
export const FAKE_BOT_ID = "B0BOT";

function decodeValue(v: unknown): unknown {
  if (typeof v !== "string") return v;
  if (/^[[{]/.test(v)) {
    try {
      return JSON.parse(v);
    } catch {
      return v;
    }
  }
  return v;
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks).toString("utf8");
  if (!raw) return {};
  if ((req.headers["content-type"] ?? "").includes("application/json")) return JSON.parse(raw);
  return Object.fromEntries(Object.entries(parseQuery(raw)).map(([k, v]) => [k, decodeValue(v)]));
}

export class FakeSlack {
  readonly calls: FakeCall[] = [];
  readonly responses: Array<{ id: string; body: Record<string, unknown> }> = [];
  /** users.info locale per user id; unknown users answer "en-US". */
  readonly locales = new Map<string, string>();
  private readonly failures = new Map<string, Failure>();
  private server?: Server;
  private tsCounter = 1_700_000_000;
  private viewCounter = 0;
  baseUrl = "";

  /** SLACK_API_URL for the bot: the Web API root, ending in /api/. */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  responseUrl(id: string): string {
    return `${this.baseUrl}/response/${id}`;
  }

  fail(method: string, failure: Failure) {
    this.failures.set(method, { times: 1, ...failure });
  }

  callsTo(method: string): FakeCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  async start(): Promise<this> {
    this.server = createServer(async (req, res) => {
      const url = new URL(req.url ?? "/", "http://x");
      const body = await readBody(req);
      let call: FakeCall | undefined;
      const send = (status: number, json: Record<string, unknown>, headers: Record<string, string> = {}) => {
        if (call) {
          call.status = status;
          call.response = json;
        }
        res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
        res.end(JSON.stringify(json));
      };
      if (url.pathname.startsWith("/response/")) {
        this.responses.push({ id: url.pathname.slice("/response/".length), body });
        send(200, { ok: true });
        return;
      }
      const method = url.pathname.replace(/^\/api\//, "");
      const auth = req.headers.authorization;
      call = { method, body, ...(auth ? { token: auth.replace(/^Bearer /, "") } : {}) };
      this.calls.push(call);
      const failure = this.failures.get(method);
      if (failure && (failure.times ?? 1) > 0) {
        failure.times = (failure.times ?? 1) - 1;
        if (failure.status === 429) {
          send(429, { ok: false, error: "ratelimited" }, { "retry-after": String(failure.retryAfter ?? 1) });
        } else if (failure.status) {
          send(failure.status, { ok: false, error: "internal_error" });
        } else {
          send(200, { ok: false, error: failure.error ?? "internal_error" });
        }
        return;
      }
      send(200, this.answer(method, body));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
    this.server?.closeAllConnections();
  }

  private nextTs(): string {
    this.tsCounter += 1;
    return `${this.tsCounter}.000100`;
  }

  private answer(method: string, body: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case "auth.test":
        return {
          ok: true,
          url: "https://demo.slack.com/",
          team: "Demo Bank",
          user: "branchbot",
          team_id: FAKE_TEAM,
          user_id: FAKE_BOT_USER,
          bot_id: FAKE_BOT_ID,
          is_enterprise_install: false,
        };
      case "chat.postMessage": {
        const ts = this.nextTs();
        return {
          ok: true,
          channel: body.channel,
          ts,
          message: { type: "message", user: FAKE_BOT_USER, bot_id: FAKE_BOT_ID, text: body.text, ts },
        };
      }
      case "chat.update":
        return { ok: true, channel: body.channel, ts: body.ts, text: body.text };
      case "chat.postEphemeral":
        return { ok: true, message_ts: this.nextTs() };
      case "views.open":
      case "views.update":
      case "views.publish": {
        const view = (body.view ?? {}) as Record<string, unknown>;
        this.viewCounter += 1;
        return {
          ok: true,
          view: {
            ...view,
            id: body.view_id ?? `V0FAKE${this.viewCounter}`,
            team_id: FAKE_TEAM,
            hash: `h${this.viewCounter}`,
          },
        };
      }
      case "users.info": {
        const id = String(body.user);
        return {
          ok: true,
          user: {
            id,
            team_id: FAKE_TEAM,
            name: id.toLowerCase(),
            real_name: `User ${id}`,
            tz: "Asia/Shanghai",
            is_bot: false,
            ...(body.include_locale ? { locale: this.locales.get(id) ?? "en-US" } : {}),
          },
        };
      }
      case "conversations.open":
        return { ok: true, channel: { id: `D${String(body.users).replace(/^[UW]/, "")}` } };
      default:
        return { ok: false, error: "unknown_method" };
    }
  }
}
