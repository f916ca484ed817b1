// What every listener needs, and the one place where a failure after the ack turns into a
// polite message to the user (never a stack trace) plus an error in the log.
import type { webApi } from "@slack/bolt";
import type { BotCore } from "../../../bot/contract.js";
import type { Db } from "../../../db/client.js";
import type { I18n, Locale } from "../../../i18n/index.js";
import type { Logger } from "../../../log.js";
import { type ResolvedUser, resolveUser } from "../identity.js";
import { type ReplyEnv, type ReplyTarget, tellUser } from "../replies.js";

export interface EdgeEnv {
  core: BotCore;
  db: Db;
  log: Logger;
  i18n: I18n;
  defaultLocale: Locale;
  /** How long a modal submission may take before the ack goes out with "still working". */
  submitBudgetMs: number;
  /** Hosts a payload's response_url may point at (see response-url.ts). */
  responseUrlHosts: readonly string[];
}

export function replyEnv(env: EdgeEnv, client: webApi.WebClient): ReplyEnv {
  return { client, i18n: env.i18n, log: env.log };
}

/**
 * Resolves the user, runs the work, and if anything throws, logs it and tells the user in their
 * language that it did not work. Runs after the ack, so Slack has already had its answer.
 */
export async function guarded(
  env: EdgeEnv,
  client: webApi.WebClient,
  target: ReplyTarget,
  teamId: string | undefined,
  work: (who: ResolvedUser) => Promise<void>,
): Promise<void> {
  let locale: Locale = env.defaultLocale;
  try {
    const who = await resolveUser(env, client, target.userId, teamId);
    locale = who.locale;
    await work(who);
  } catch (err) {
    env.log.error({ err, user: target.userId, channel: target.conv.channelId }, "Slack interaction failed");
    try {
      await tellUser(replyEnv(env, client), target, locale, "slack:errors.generic");
    } catch (tellErr) {
      env.log.error({ err: tellErr }, "could not tell the user about the failure");
    }
  }
}

/** Slack's DM channel ids start with D; channel_name "directmessage" says the same for commands. */
export function isDirectChannel(channelId: string | undefined, channelName?: string): boolean {
  return channelName === "directmessage" || (channelId ?? "").startsWith("D");
}
