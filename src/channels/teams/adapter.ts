// The botbuilder CloudAdapter, configured from the MicrosoftApp* settings. With credentials,
// ConfigurationBotFrameworkAuthentication verifies every inbound JWT and signs outbound calls.
// Without them botbuilder disables authentication (it treats an empty app id as "local"), and
// the edge puts the loopback guard in front (local-guard.ts).
import {
  type Activity,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type InvokeResponse,
  type TurnContext,
} from "botbuilder";
import type { Config } from "../../config/env.js";
import type { Logger } from "../../log.js";

/**
 * botbuilder's public-cloud endpoints (botframework-connector AuthenticationConstants). When
 * one OpenID metadata URL is overridden, BotFrameworkAuthenticationFactory stops filling in
 * defaults, so every other value must be given too, else the issuer check fails for all.
 */
const PUBLIC_CLOUD = {
  ValidateAuthority: true,
  ToChannelFromBotLoginUrl: "https://login.microsoftonline.com/botframework.com",
  ToChannelFromBotOAuthScope: "https://api.botframework.com",
  ToBotFromChannelTokenIssuer: "https://api.botframework.com",
  OAuthUrl: "https://api.botframework.com",
  ToBotFromChannelOpenIdMetadataUrl: "https://login.botframework.com/v1/.well-known/openidconfiguration",
  ToBotFromEmulatorOpenIdMetadataUrl: "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration",
  CallerId: "urn:botframework:azure",
} as const;

type AuthResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication["authenticateRequest"]>>;

/** CloudAdapter that runs a turn for a request the edge has already authenticated. */
export class TeamsCloudAdapter extends CloudAdapter {
  runAuthenticated(
    auth: AuthResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic);
  }
}

export interface TeamsAdapter {
  adapter: TeamsCloudAdapter;
  /** Verifies an inbound request's JWT (the edge calls it itself, to control the answer). */
  auth: ConfigurationBotFrameworkAuthentication;
  /** The bot's Microsoft app id ("" in local mode). */
  appId: string;
  local: boolean;
}

export function createTeamsAdapter(teams: Config["teams"], log: Logger): TeamsAdapter {
  const options: Partial<ConfigurationBotFrameworkAuthenticationOptions> = teams
    ? {
        MicrosoftAppId: teams.appId,
        MicrosoftAppPassword: teams.appPassword,
        MicrosoftAppTenantId: teams.tenantId,
        MicrosoftAppType: teams.appType,
        ...(teams.channelOpenIdMetadataUrl || teams.emulatorOpenIdMetadataUrl
          ? {
              // botbuilder takes any one of these as "all given": the rest must be spelled out
              ...PUBLIC_CLOUD,
              ...(teams.channelOpenIdMetadataUrl
                ? { ToBotFromChannelOpenIdMetadataUrl: teams.channelOpenIdMetadataUrl }
                : {}),
              ...(teams.emulatorOpenIdMetadataUrl
                ? { ToBotFromEmulatorOpenIdMetadataUrl: teams.emulatorOpenIdMetadataUrl }
                : {}),
            }
          : {}),
      }
    : {};
  const auth = new ConfigurationBotFrameworkAuthentication(options);
  const adapter = new TeamsCloudAdapter(auth);
  // A failure inside a turn must not become a 500 that Teams retries: log it; the turn
  // handler has already told the user where it could.
  adapter.onTurnError = async (_ctx, err) => {
    log.error({ err: err instanceof Error ? err.message : String(err) }, "Teams turn failed");
  };
  return { adapter, auth, appId: teams?.appId ?? "", local: !teams };
}
