// Structured logs (pino). Redaction is a second line of defence: code never logs tokens,
// and these paths catch them if an object carrying one is logged by mistake.
import { type Logger, pino } from "pino";

export type { Logger };

export const REDACT_PATHS = [
  "token",
  "*.token",
  "botToken",
  "*.botToken",
  "appToken",
  "*.appToken",
  "signingSecret",
  "*.signingSecret",
  "appPassword",
  "*.appPassword",
  "password",
  "*.password",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "*.headers.authorization",
  'headers["x-slack-signature"]',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    { level, base: { service: "branchbot" }, redact: { paths: REDACT_PATHS, censor: "[redacted]" } },
    destination,
  );
}
