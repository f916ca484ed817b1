// Bolt and the Web API client log through this adapter into the service's pino logger, so
// their output is structured JSON like everything else (and redacted the same way).
import type { Logger as SlackLogger } from "@slack/bolt";
import { LogLevel } from "@slack/bolt";
import type { Logger } from "../../log.js";

export function slackLogger(log: Logger): SlackLogger {
  const child = log.child({ component: "slack-sdk" });
  let level: LogLevel = LogLevel.INFO;
  return {
    debug: (...msg: unknown[]) => child.debug(msg.map(String).join(" ")),
    info: (...msg: unknown[]) => child.info(msg.map(String).join(" ")),
    warn: (...msg: unknown[]) => child.warn(msg.map(String).join(" ")),
    error: (...msg: unknown[]) => child.error(msg.map(String).join(" ")),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
