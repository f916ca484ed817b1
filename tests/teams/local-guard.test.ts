// Local mode accepts only loopback peers, judged by the TCP address, never by headers.
import { describe, expect, it } from "vitest";
import { isLoopback, loopbackOnly } from "../../src/channels/teams/local-guard.js";
import { createLogger } from "../../src/log.js";

describe("loopback guard", () => {
  it("knows loopback addresses", () => {
    for (const a of ["127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1", "::FFFF:127.0.0.9"])
      expect(isLoopback(a), a).toBe(true);
    for (const a of [
      "10.0.0.5",
      "192.168.1.2",
      "::ffff:10.0.0.1",
      "fe80::1",
      "128.0.0.1",
      "127.0.0",
      "127.0.0.256",
      "",
      undefined,
    ])
      expect(isLoopback(a), String(a)).toBe(false);
  });

  function run(remoteAddress: string, headers: Record<string, string> = {}) {
    let status = 0;
    let nextCalled = false;
    const req = { socket: { remoteAddress }, headers, ip: headers["x-forwarded-for"] } as never;
    const res = {
      status: (s: number) => {
        status = s;
        return { json: () => undefined };
      },
    } as never;
    loopbackOnly(createLogger("silent"))(req, res, () => {
      nextCalled = true;
    });
    return { status, nextCalled };
  }

  it("refuses a remote peer with 403 even when X-Forwarded-For claims loopback", () => {
    expect(run("10.0.0.5", { "x-forwarded-for": "127.0.0.1" })).toEqual({ status: 403, nextCalled: false });
    expect(run("::ffff:127.0.0.1")).toEqual({ status: 0, nextCalled: true });
  });
});
