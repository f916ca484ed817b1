// A platform that accepts whatever it can deliver: it records every request with the fake clock's time and
// hands back a predictable message id ("slack-1", "teams-7"), so the scenario can check what
// reached each destination, in which order, and that thread replies and in-place updates
// point at the right original message. Synchronous apart from the promise it returns.
import type { Clock } from "../../../src/domain/clock.js";
import type { OutboxSender, Pacing, Platform, SendRequest, SendResult } from "../../../src/services/outbox/contract.js";

export interface Received {
  at: Date;
  request: SendRequest;
  platformMessageId: string;
}

/** Slack's documented pace (1 message per second per channel); Teams' per-thread pace. */
export const SLACK_PACING: Pacing = { perDestinationIntervalMs: 1_000, globalPerMinute: 600 };
export const TEAMS_PACING: Pacing = { perDestinationIntervalMs: 150, globalPerMinute: 2_400 };

export class RecordingSender implements OutboxSender {
  readonly received: Received[] = [];
  private seq = 0;

  constructor(
    readonly platform: Platform,
    readonly pacing: Pacing,
    private readonly clock: Clock,
    /** Like the real Teams sender: refuse a destination the app was never reached in. */
    private readonly reachable: (destination: string) => Promise<boolean> = async () => true,
  ) {}

  async send(request: SendRequest): Promise<SendResult> {
    // the real sender throws NoConversationReferenceError: neither a 429 nor permanent, so retried
    if (!(await this.reachable(request.destination)))
      throw new Error(`no Teams conversation reference for ${request.destination}`);
    // an update edits a message in place: the platform keeps the original id
    const platformMessageId =
      request.kind === "update" ? (request.messageId as string) : `${this.platform}-${++this.seq}`;
    this.received.push({ at: this.clock.now(), request, platformMessageId });
    return { platformMessageId };
  }

  /** Everything one destination received, in order. */
  to(destination: string): Received[] {
    return this.received.filter((r) => r.request.destination === destination);
  }

  destinations(): string[] {
    return [...new Set(this.received.map((r) => r.request.destination))].sort();
  }
}
