// The Node HTTP server under Express, with limits a public endpoint needs: a client that
// dribbles its headers or body is cut off (408), an idle keep-alive connection is closed, the
// number of open connections is capped, and errors from body parsing answer with a fixed JSON
// body (never Express's HTML page with a stack trace).
import { createServer, type Server } from "node:http";
import type { ErrorRequestHandler, Express } from "express";
import type { Config } from "../config/env.js";
import type { Logger } from "../log.js";

export type HttpLimits = Config["http"];

export function createHttpServer(app: Express, limits: HttpLimits): Server {
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      // how often Node checks the two timeouts above (default 30 s would make them coarse)
      connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs),
    },
    app,
  );
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  // beyond the cap Node closes new sockets at once; a load balancer takes the next replica
  server.maxConnections = limits.maxConnections;
  return server;
}

export function listen(server: Server, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve(server);
    });
  });
}

export function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}

const CLIENT_ERRORS: Record<number, string> = {
  400: "bad_request",
  408: "request_timeout",
  413: "payload_too_large",
  415: "unsupported_media_type",
};

/** The last Express middleware: a fixed body per status, one log line, no internal text. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const e = (err ?? {}) as { status?: unknown; statusCode?: unknown; type?: unknown };
    const status = Number(e.status ?? e.statusCode);
    const clientError = Number.isInteger(status) && status >= 400 && status < 500;
    if (clientError) {
      log.warn({ path: req.path, status, type: typeof e.type === "string" ? e.type : undefined }, "request refused");
    } else {
      log.error({ path: req.path, err: err instanceof Error ? err.message : String(err) }, "request failed");
    }
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (clientError) res.status(status).json({ error: CLIENT_ERRORS[status] ?? "bad_request" });
    else res.status(500).json({ error: "internal" });
  };
}
