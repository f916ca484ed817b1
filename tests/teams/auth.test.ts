// The real app with Microsoft credentials configured (not local mode): every POST
// /api/messages must carry a Bot Framework JWT that verifies against the OpenID metadata.
// A fake OpenID endpoint on loopback publishes one RSA key, so tokens can be signed right,
// wrong, expired or for another bot. Refusals are 401 with a fixed body, an unreachable or
// failing metadata service 503, each with one log line naming neither the token nor
// botbuilder's message; a good token passes (the loopback rule is for local mode only).
import { generateKeyPairSync, type KeyObject, sign } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type RunningApp, startApp } from "../../src/app.js";
import { loadConfig } from "../../src/config/env.js";
import { createLogger } from "../../src/log.js";
import { ROOT } from "../helpers/db.js";
import { type FakeConnector, startFakeConnector } from "../helpers/fake-connector.js";
import { CHEN, conversationUpdate, inChannel, LJZ_CHANNEL, message, PERSONAL } from "./app-activities.js";

const APP_ID = "11111111-2222-3333-4444-555555555555";
const ISSUER = "https://api.botframework.com";
const KID = "test-key-1";

const b64url = (b: Buffer | string) => Buffer.from(b).toString("base64url");

function jwt(key: KeyObject, claims: Record<string, unknown>, kid = KID): string {
  const header = b64url(JSON.stringify({ alg: "RS256", typ: "JWT", kid }));
  const payload = b64url(JSON.stringify(claims));
  const signature = sign("RSA-SHA256", Buffer.from(`${header}.${payload}`), key);
  return `${header}.${payload}.${b64url(signature)}`;
}

/** An OpenID metadata document and its JWKS on loopback, publishing one key; or failing. */
async function fakeOpenId(publicJwk: Record<string, unknown>, status = 200): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    if (status !== 200) {
      res.writeHead(status).end("metadata service broken");
      return;
    }
    res.setHeader("content-type", "application/json");
    if (req.url === "/.well-known/openidconfiguration")
      res.end(JSON.stringify({ issuer: ISSUER, jwks_uri: `${base}/keys` }));
    else res.end(JSON.stringify({ keys: [{ ...publicJwk, kid: KID, use: "sig" }] }));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/openidconfiguration`, server };
}

/** A port nobody listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", () => r()));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

interface AuthApp {
  app: RunningApp;
  logs: Array<Record<string, unknown>>;
  raw: string[];
  post(activity: unknown, authorization?: string): Promise<{ status: number; text: string }>;
  stop(): Promise<void>;
}

async function startCredentialedApp(metadataUrl: string): Promise<AuthApp> {
  const dir = mkdtempSync(path.join(tmpdir(), "branchbot-teams-auth-"));
  const raw: string[] = [];
  const logs: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      for (const line of chunk.toString().split("\n").filter(Boolean)) {
        raw.push(line);
        logs.push(JSON.parse(line));
      }
      cb();
    },
  });
  const config = loadConfig(
    {
      DATABASE_URL: `file:${path.join(dir, "app.db")}`,
      PLAYGROUND: "off",
      SCHEDULER_ENABLED: "false",
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: "not-a-real-secret",
      MicrosoftAppType: "MultiTenant",
      ToBotFromChannelOpenIdMetadataUrl: metadataUrl,
      ToBotFromEmulatorOpenIdMetadataUrl: metadataUrl,
    },
    ROOT,
  );
  const app = await startApp({ ...config, port: 0, host: "127.0.0.1" }, { logger: createLogger("info", sink) });
  await app.runtime.dispatcher.stop();
  return {
    app,
    logs,
    raw,
    async post(activity, authorization) {
      const res = await fetch(`${app.url}/api/messages`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
        body: JSON.stringify(activity),
      });
      return { status: res.status, text: await res.text() };
    },
    async stop() {
      await app.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// installed before any app starts, so the edge's filter wraps it: botbuilder's own console
// output while verifying a token must not get through
const consoleError = vi.spyOn(console, "error");

const refusals = (a: AuthApp) => a.logs.filter((l) => String(l.msg).startsWith("Teams request refused"));

describe("Teams with credentials: Bot Framework JWT", () => {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const other = generateKeyPairSync("rsa", { modulusLength: 2048 });
  let openId: { url: string; server: Server };
  let connector: FakeConnector;
  let a: AuthApp;
  const now = () => Math.floor(Date.now() / 1000);
  const claims = (extra: Record<string, unknown> = {}) => ({
    iss: ISSUER,
    aud: APP_ID,
    serviceurl: connector.url,
    nbf: now() - 60,
    exp: now() + 3600,
    ...extra,
  });

  beforeAll(async () => {
    openId = await fakeOpenId(publicKey.export({ format: "jwk" }) as Record<string, unknown>);
    connector = await startFakeConnector();
    a = await startCredentialedApp(openId.url);
  });
  afterAll(async () => {
    await a.stop();
    await connector.close();
    await new Promise<void>((r) => openId.server.close(() => r()));
  });

  it("is not in local mode", () => {
    expect(a.logs.some((l) => String(l.msg).includes("local mode"))).toBe(false);
  });

  it.each([
    ["no Authorization header", undefined],
    ["a garbage bearer", "Bearer garbage"],
    ["another scheme", `Basic ${Buffer.from("a:b").toString("base64")}`],
    ["a token signed by a key the metadata does not publish", "other-kid"],
    ["a token with the published kid but another key's signature", "bad-signature"],
    ["an expired token", "expired"],
    ["a token for another bot", "wrong-audience"],
    ["a token for another serviceUrl", "wrong-service-url"],
    ["an unsigned token (alg none)", "alg-none"],
  ])("refuses %s with 401 and a fixed body, one log line without the token", async (_label, kind) => {
    const token = ((): string | undefined => {
      switch (kind) {
        case "other-kid":
          return jwt(other.privateKey, claims(), "unknown-kid");
        case "bad-signature":
          return jwt(other.privateKey, claims());
        case "expired":
          return jwt(privateKey, claims({ exp: now() - 3600, nbf: now() - 7200 }));
        case "wrong-audience":
          return jwt(privateKey, claims({ aud: "99999999-0000-0000-0000-000000000000" }));
        case "wrong-service-url":
          return jwt(privateKey, claims({ serviceurl: "https://evil.example/" }));
        case "alg-none":
          return `${b64url(JSON.stringify({ alg: "none", kid: KID }))}.${b64url(JSON.stringify(claims()))}.`;
        default:
          return undefined;
      }
    })();
    const header = token ? `Bearer ${token}` : kind;
    const before = refusals(a).length;
    const refsBefore = await a.app.db.directConversation.count();
    const res = await a.post(message(connector.url, CHEN, PERSONAL, "today"), header);
    expect(res.status).toBe(401);
    expect(JSON.parse(res.text)).toEqual({ error: "unauthorized" });
    const lines = refusals(a).slice(before);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ status: 401, level: 40 });
    const lastLine = a.raw.findLast((l) => l.includes("Teams request refused")) ?? "";
    if (token) expect(lastLine).not.toContain(token.slice(0, 20));
    expect(lastLine).not.toMatch(/Unauthorized\.|invalid signature|jwt expired|Invalid AppId/);
    expect(consoleError).not.toHaveBeenCalled();
    // nothing was stored and nothing was sent
    expect(await a.app.db.directConversation.count()).toBe(refsBefore);
    expect(connector.calls).toHaveLength(0);
  });

  it("accepts a correctly signed token (200): the reference is stored", async () => {
    const act = conversationUpdate(connector.url, CHEN, inChannel(LJZ_CHANNEL));
    const res = await a.post(act, `Bearer ${jwt(privateKey, claims())}`);
    expect(res.status).toBe(200);
    const bound = await a.app.db.channelBinding.findFirst({ where: { platform: "teams", channelId: LJZ_CHANNEL } });
    expect(JSON.parse(bound?.reference ?? "{}")).toMatchObject({ serviceUrl: connector.url });
  });

  it("still answers 400 to a malformed activity before looking at the token", async () => {
    const res = await a.post({ type: "message" }, "Bearer garbage");
    expect(res.status).toBe(400);
  });
});

describe("Teams with credentials: OpenID metadata unreachable", () => {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const token = () =>
    jwt(privateKey, {
      iss: ISSUER,
      aud: APP_ID,
      serviceurl: "http://127.0.0.1:9/",
      exp: Math.floor(Date.now() / 1000) + 3600,
    });

  it("answers 503 with a fixed body when the metadata endpoint is a closed loopback port", async () => {
    const port = await closedPort();
    const a = await startCredentialedApp(`http://127.0.0.1:${port}/.well-known/openidconfiguration`);
    try {
      const res = await a.post(message("http://127.0.0.1:9/", CHEN, PERSONAL, "today"), `Bearer ${token()}`);
      expect(res.status).toBe(503);
      expect(JSON.parse(res.text)).toEqual({ error: "auth_unavailable" });
      const lines = refusals(a);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ status: 503, reason: "metadata_unreachable" });
      expect(a.raw.find((l) => l.includes("Teams request refused"))).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
      // a garbage token needs no metadata: still 401
      expect((await a.post(message("http://127.0.0.1:9/", CHEN, PERSONAL, "x"), "Bearer garbage")).status).toBe(401);
    } finally {
      await a.stop();
    }
  });

  it("answers 503 after 5 s when the metadata endpoint accepts but never answers", async () => {
    const hanging = createServer(() => undefined);
    await new Promise<void>((r) => hanging.listen(0, "127.0.0.1", () => r()));
    const port = (hanging.address() as AddressInfo).port;
    const a = await startCredentialedApp(`http://127.0.0.1:${port}/.well-known/openidconfiguration`);
    try {
      const started = Date.now();
      const res = await a.post(message("http://127.0.0.1:9/", CHEN, PERSONAL, "today"), `Bearer ${token()}`);
      expect(res.status).toBe(503);
      expect(JSON.parse(res.text)).toEqual({ error: "auth_unavailable" });
      expect(Date.now() - started).toBeLessThan(9000);
    } finally {
      await a.stop();
      hanging.closeAllConnections();
      await new Promise<void>((r) => hanging.close(() => r()));
    }
  });

  it("answers 503 when the metadata service answers 500", async () => {
    const broken = await fakeOpenId({}, 500);
    const a = await startCredentialedApp(broken.url);
    try {
      const res = await a.post(message("http://127.0.0.1:9/", CHEN, PERSONAL, "today"), `Bearer ${token()}`);
      expect(res.status).toBe(503);
      expect(JSON.parse(res.text)).toEqual({ error: "auth_unavailable" });
    } finally {
      await a.stop();
      await new Promise<void>((r) => broken.server.close(() => r()));
    }
  });
});
