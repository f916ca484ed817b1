// Local mode: with no Microsoft credentials the endpoint cannot verify Bot Framework JWTs,
// so it only accepts activities from this machine (the Agents Playground, tests). The check
// uses the TCP peer address, never X-Forwarded-For: a proxy header is trivial to forge, and
// a deployment behind a proxy must configure credentials anyway.
import type { NextFunction, Request, Response } from "express";
import type { Logger } from "../../log.js";

/** 127.0.0.0/8, ::1 and IPv4-mapped loopback (::ffff:127.x.y.z). */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const a = address.trim().toLowerCase();
  if (a === "::1" || a === "0:0:0:0:0:0:0:1") return true;
  const v4 = a.startsWith("::ffff:") ? a.slice("::ffff:".length) : a;
  const parts = v4.split(".");
  if (parts.length !== 4 || parts[0] !== "127") return false;
  return parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

export const LOCAL_MODE_WARNING = "Teams local mode: accepting unauthenticated activities from loopback only";

/** Express middleware refusing every request whose peer is not loopback (403). */
export function loopbackOnly(log: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const peer = req.socket.remoteAddress;
    if (isLoopback(peer)) return next();
    log.warn({ peer }, "Teams local mode: refused an activity from a non-loopback address");
    res.status(403).json({ error: "forbidden", reason: "local_mode_loopback_only" });
  };
}
