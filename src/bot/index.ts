// The bot core's entry point for the composition root: createCore builds every service once
// and the BotCore over them. src/app.ts hands `core` to the edges and registers the
// scheduler sweeps on `services` (incidents.sweepAckDeadlines, complaints.sweepDeadlines,
// occurrences.ensureOccurrences and reminders.tick).
import type { BotCore } from "./contract.js";
import { Core } from "./core.js";
import { buildServices, type CoreDeps, type CoreServices } from "./services.js";

export type { CoreDeps, CoreServices } from "./services.js";

export function createCore(deps: CoreDeps): { core: BotCore; services: CoreServices } {
  const services = buildServices(deps);
  return { core: new Core(services), services };
}
