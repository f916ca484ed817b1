// A tap at the platform boundary: the production Slack and Teams senders do the sending (over
// real HTTP to the loopback fakes), and the tap records each request they accepted with the fake
// clock's time and the platform message id they got back, so the scenario can check what reached
// each destination, in which order, and that thread replies and in-place updates point at the
// right original message. A send that throws is not recorded: it never reached the platform.
import type { Clock } from "../../../src/domain/clock.js";
import type { OutboxSender, SendRequest, SendResult } from "../../../src/services/outbox/contract.js";

export interface Received {
  at: Date;
  request: SendRequest;
  platformMessageId: string;
}

export class RecordingSender implements OutboxSender {
  readonly received: Received[] = [];
  readonly platform: OutboxSender["platform"];
  readonly pacing: OutboxSender["pacing"];

  constructor(
    private readonly real: OutboxSender,
    private readonly clock: Clock,
  ) {
    // the production pacing, so the timeline is the one production would produce
    this.platform = real.platform;
    this.pacing = real.pacing;
  }

  async send(request: SendRequest): Promise<SendResult> {
    const at = this.clock.now();
    const result = await this.real.send(request);
    // an empty id (never expected here) fails the scenario's threading checks rather than the send
    this.received.push({ at, request, platformMessageId: result.platformMessageId ?? "" });
    return result;
  }

  /** Everything one destination received, in order. */
  to(destination: string): Received[] {
    return this.received.filter((r) => r.request.destination === destination);
  }

  destinations(): string[] {
    return [...new Set(this.received.map((r) => r.request.destination))].sort();
  }
}
