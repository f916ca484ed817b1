// The botbuilder CloudAdapter, configured from the MicrosoftApp* settings. With credentials,
// ConfigurationBotFrameworkAuthentication verifies every inbound JWT and signs outbound calls.
// Without them botbuilder disables authentication (it treats an empty app id as "local"), and
// the edge puts the loopback guard in front (local-guard.ts).
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from "botbuilder";
import type { Config } from "../../config/env.js";
import type { Logger } from "../../log.js";

export interface TeamsAdapter {
  adapter: CloudAdapter;
  /** The bot's Microsoft app id ("" in local mode). */
  appId: string;
  local: boolean;
}

export function createTeamsAdapter(teams: Config["teams"], log: Logger): TeamsAdapter {
  const options = teams
    ? {
        MicrosoftAppId: teams.appId,
        MicrosoftAppPassword: teams.appPassword,
        MicrosoftAppTenantId: teams.tenantId,
        MicrosoftAppType: teams.appType,
      }
    : {};
  const auth = new ConfigurationBotFrameworkAuthentication(options);
  const adapter = new CloudAdapter(auth);
  // A failure inside a turn must not become a 500 that Teams retries: log it; the turn
  // handler has already told the user where it could.
  adapter.onTurnError = async (_ctx, err) => {
    log.error({ err: err instanceof Error ? err.message : String(err) }, "Teams turn failed");
  };
  return { adapter, appId: teams?.appId ?? "", local: !teams };
}
