// A scripted platform for dispatcher tests: fails at random (seeded) with 429s carrying a
// Retry-After and with 5xx-style errors, and records every send it accepted with the fake
// clock's time, so tests can check pacing, threading and updates.
import type { Clock } from "../../src/domain/clock.js";
import {
  type OutboxSender,
  type Pacing,
  type Platform,
  RateLimitedError,
  type SendRequest,
  type SendResult,
} from "../../src/services/outbox/contract.js";

export interface Accepted {
  n: number;
  at: number;
  request: SendRequest;
  platformMessageId: string;
}

/** Deterministic pseudo-random numbers in [0, 1). */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export class FakeSender implements OutboxSender {
  readonly accepted: Accepted[] = [];
  readonly rateLimited: number[] = [];
  readonly failed: number[] = [];
  private seq = 0;

  constructor(
    private readonly clock: Clock,
    readonly pacing: Pacing,
    private readonly behaviour: {
      p429: number;
      p5xx: number;
      random: () => number;
      fail?: (n: number) => Error | null;
    },
    readonly platform: Platform = "slack",
  ) {}

  async send(request: SendRequest): Promise<SendResult> {
    const n = Number((request.view as { message?: { vars?: { n?: number } } }).message?.vars?.n ?? -1);
    const scripted = this.behaviour.fail?.(n);
    if (scripted) throw scripted;
    const r = this.behaviour.random();
    if (r < this.behaviour.p429) {
      this.rateLimited.push(n);
      throw new RateLimitedError(500 + Math.floor(this.behaviour.random() * 2500));
    }
    if (r < this.behaviour.p429 + this.behaviour.p5xx) {
      this.failed.push(n);
      throw new Error("503 Service Unavailable");
    }
    const platformMessageId = `m-${++this.seq}`;
    this.accepted.push({ n, at: this.clock.now().getTime(), request, platformMessageId });
    return { platformMessageId };
  }
}
