// A fake Bot Connector service on 127.0.0.1: the serviceUrl of test activities points here, so
// everything the bot sends (turn replies, proactive posts, updates) is recorded with its real
// shape and answered with real-looking ids. It can be told to answer 429 with Retry-After, or
// any other status, to drive the sender's error handling.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

export interface RecordedCall {
  method: "POST" | "PUT";
  conversationId: string;
  /** The activity id in the path: replyToId for POST …/activities/{id}, the edited id for PUT. */
  activityId?: string;
  body: Record<string, unknown>;
  /** The id this fake gave the new message (POST). */
  returnedId?: string;
  authorization?: string;
}

export interface FakeConnector {
  url: string;
  calls: RecordedCall[];
  /** Bodies of POST /v3/conversations (the bot opening a personal chat with someone). */
  created: Array<Record<string, unknown>>;
  /** Answer the next n calls with this status (and Retry-After seconds when given). */
  failNext(status: number, n?: number, retryAfterSeconds?: number, body?: unknown): void;
  /** Waits until at least n calls were recorded. */
  waitFor(n: number, timeoutMs?: number): Promise<RecordedCall[]>;
  reset(): void;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = "";
    req.setEncoding("utf8");
    req.on("data", (c) => {
      data += c;
    });
    req.on("end", () => resolve(data));
    req.on("error", reject);
  });
}

export async function startFakeConnector(): Promise<FakeConnector> {
  const calls: RecordedCall[] = [];
  const created: Array<Record<string, unknown>> = [];
  const failures: Array<{ status: number; retryAfter?: number; body?: unknown }> = [];
  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const raw = await readBody(req);
    const path = decodeURIComponent((req.url ?? "").split("?")[0] ?? "");
    const m = /^\/v3\/conversations\/(.+?)\/activities(?:\/([^/]+))?$/.exec(path);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(body));
    };
    if (path === "/v3/conversations" && req.method === "POST") {
      // createConversation: a 1:1 chat with the one member, id derived from it (stable, like Teams)
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      created.push(body);
      const member = (body.members as Array<{ id?: string }> | undefined)?.[0]?.id ?? "unknown";
      return send(201, { id: `a:personal-${member}`, activityId: "", serviceUrl: "" });
    }
    if (!m || (req.method !== "POST" && req.method !== "PUT")) return send(404, { error: { code: "NotFound" } });
    const failure = failures.shift();
    if (failure) {
      const headers: Record<string, string> =
        failure.retryAfter !== undefined ? { "retry-after": String(failure.retryAfter) } : {};
      return send(
        failure.status,
        failure.body ?? { error: { code: `Status${failure.status}`, message: "fake failure" } },
        headers,
      );
    }
    const call: RecordedCall = {
      method: req.method as "POST" | "PUT",
      conversationId: m[1] as string,
      ...(m[2] ? { activityId: m[2] } : {}),
      body: raw ? JSON.parse(raw) : {},
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
    };
    if (call.method === "POST") call.returnedId = `1:${randomUUID()}`;
    calls.push(call);
    send(200, { id: call.returnedId ?? call.activityId });
  };
  const server: Server = createServer((req, res) => {
    handler(req, res).catch(() => {
      res.statusCode = 500;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    calls,
    created,
    failNext(status, n = 1, retryAfterSeconds, body) {
      for (let i = 0; i < n; i++) failures.push({ status, retryAfter: retryAfterSeconds, body });
    },
    async waitFor(n, timeoutMs = 5000) {
      const start = Date.now();
      while (calls.length < n) {
        if (Date.now() - start > timeoutMs) throw new Error(`expected ${n} connector calls, got ${calls.length}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return calls;
    },
    reset() {
      calls.length = 0;
      created.length = 0;
      failures.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
