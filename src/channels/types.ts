// What the composition root needs from a platform edge. Each edge (Slack, Teams) mounts its
// routes on the shared HTTP server and starts/stops its own background work.
import type { Express } from "express";
import type { OutboxSender } from "../services/outbox/contract.js";

export interface ChannelEdge {
  readonly platform: "slack" | "teams";
  /** A plain-words description for the start-up log, e.g. "Slack (HTTP mode)". */
  readonly description: string;
  mount(app: Express): void;
  /** Delivers this platform's outbox rows. */
  readonly sender?: OutboxSender;
  start(): Promise<void>;
  stop(): Promise<void>;
}
