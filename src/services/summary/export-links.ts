// CSV export links (issue 15, item 6): "export" in chat answers with a link to
// /exports/<token>, valid for a quarter of an hour. The token carries who asked, the scope and
// the period, signed with HMAC-SHA256; opening it re-checks the person's permission and
// computes the figures then, so a link never outlives the person's access. No figures travel
// in the link, and nothing is stored.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Clock } from "../../domain/clock.js";
import type { PeriodInput } from "../../domain/summary.js";
import type { SummaryScope } from "./scope.js";

export const EXPORT_LINK_TTL_MS = 15 * 60_000;

export interface ExportRequest {
  staffId: string;
  scope: SummaryScope;
  period: PeriodInput;
}

export type ExportLinkCheck = { ok: true; request: ExportRequest } | { ok: false; reason: "invalid" | "expired" };

const b64 = (b: Buffer | string) => Buffer.from(b).toString("base64url");

export class ExportLinks {
  private readonly secret: Buffer;

  /** Without a secret (one replica, development) a random one: links die with the process. */
  constructor(
    private readonly baseUrl: string,
    private readonly clock: Clock,
    secret?: string,
  ) {
    this.secret = secret ? Buffer.from(secret) : randomBytes(32);
  }

  private mac(payload: string): Buffer {
    return createHmac("sha256", this.secret).update(payload).digest();
  }

  url(request: ExportRequest): string {
    const payload = b64(JSON.stringify({ ...request, exp: this.clock.now().getTime() + EXPORT_LINK_TTL_MS }));
    return `${this.baseUrl}/exports/${payload}.${b64(this.mac(payload))}.csv`;
  }

  check(token: string): ExportLinkCheck {
    const m = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)(?:\.csv)?$/.exec(token);
    if (!m) return { ok: false, reason: "invalid" };
    const [payload, sig] = [m[1] as string, Buffer.from(m[2] as string, "base64url")];
    const expected = this.mac(payload);
    if (sig.length !== expected.length || !timingSafeEqual(sig, expected)) return { ok: false, reason: "invalid" };
    const body = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as ExportRequest & { exp: number };
    if (body.exp <= this.clock.now().getTime()) return { ok: false, reason: "expired" };
    return { ok: true, request: { staffId: body.staffId, scope: body.scope, period: body.period } };
  }
}
