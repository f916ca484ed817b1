// Who clicked or wrote, and in which language to answer. The staff record decides the locale
// (through core.localeFor); only for people not linked to a staff record does the edge ask
// Slack (users.info, Tier 4) for the locale set in their Slack preferences.
import type { webApi } from "@slack/bolt";
import type { BotCore, InboundUser } from "../../bot/contract.js";
import type { Db } from "../../db/client.js";
import type { Locale } from "../../i18n/index.js";
import type { Logger } from "../../log.js";
import { Directory } from "../../services/directory.js";

export interface ResolvedUser {
  user: InboundUser;
  locale: Locale;
}

export interface IdentityDeps {
  db: Db;
  core: BotCore;
  log: Logger;
}

async function slackLocale(client: webApi.WebClient, userId: string, log: Logger): Promise<string | undefined> {
  try {
    const res = await client.users.info({ user: userId, include_locale: true });
    return res.user?.locale ?? undefined;
  } catch (err) {
    // A missing locale is not worth failing the interaction for: the core falls back to the default.
    log.warn({ err: String(err), user: userId }, "users.info failed; answering in the default locale");
    return undefined;
  }
}

export async function resolveUser(
  deps: IdentityDeps,
  client: webApi.WebClient,
  userId: string,
  teamId: string | undefined,
): Promise<ResolvedUser> {
  const user: InboundUser = { platform: "slack", externalIds: [userId], ...(teamId ? { workspace: teamId } : {}) };
  const linked = await new Directory(deps.db).staffByPlatform("slack", [userId], teamId ?? "");
  if (!linked) {
    const platformLocale = await slackLocale(client, userId, deps.log);
    if (platformLocale) user.platformLocale = platformLocale;
  }
  return { user, locale: await deps.core.localeFor(user) };
}
