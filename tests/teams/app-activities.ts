// Real Teams activity shapes (as the Bot Connector and the Agents Playground deliver them) for
// the demo people linked on Teams in examples/org.demo.yaml.
import { randomUUID } from "node:crypto";

export interface TeamsUser {
  id: string;
  name: string;
  aadObjectId: string;
}

export const CHEN: TeamsUser = {
  id: "user-id-0",
  name: "Alex Wilber",
  aadObjectId: "00000000-0000-0000-0000-0000000000020",
};
export const DAVID: TeamsUser = {
  id: "29:demo-david-sun",
  name: "David Sun",
  aadObjectId: "11111111-2222-3333-4444-555555555507",
};
/** A Teams user in no org file. */
export const STRANGER: TeamsUser = {
  id: "29:stranger",
  name: "Pat Stranger",
  aadObjectId: "99999999-0000-0000-0000-000000000099",
};
export const BOT = { id: "28:branchbot-local", name: "Branchbot" };
export const TENANT = "00000000-0000-0000-0000-0000000000001";
export const LJZ_CHANNEL = "19:demo-sh-ljz@thread.tacv2";
export const XJH_CHANNEL = "19:demo-sh-xjh@thread.tacv2";
const TEAM = "19:branchbot-team@thread.tacv2";

export const personalChatOf = (u: TeamsUser) => `a:personal-${u.id.replace(/[^a-z0-9-]/gi, "")}`;

export type Where = { kind: "personal" } | { kind: "channel"; channelId: string; rootId?: string };
export const PERSONAL: Where = { kind: "personal" };
export const inChannel = (channelId: string, rootId?: string): Where => ({
  kind: "channel",
  channelId,
  ...(rootId ? { rootId } : {}),
});

function base(serviceUrl: string, from: TeamsUser, where: Where) {
  const conversation =
    where.kind === "personal"
      ? { id: personalChatOf(from), conversationType: "personal", tenantId: TENANT }
      : {
          id: where.rootId ? `${where.channelId};messageid=${where.rootId}` : where.channelId,
          conversationType: "channel",
          isGroup: true,
          tenantId: TENANT,
        };
  const channelData =
    where.kind === "personal"
      ? { tenant: { id: TENANT } }
      : {
          tenant: { id: TENANT },
          teamsChannelId: where.channelId,
          teamsTeamId: TEAM,
          channel: { id: where.channelId },
          team: { id: TEAM },
        };
  return {
    id: `1${Date.now()}${Math.floor(Math.random() * 1000)}`,
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    channelId: "msteams",
    serviceUrl,
    from,
    recipient: BOT,
    conversation,
    channelData,
    locale: "en-US",
  };
}

/** A typed message; in a channel the bot is @mentioned, as Teams requires to deliver it. */
export function message(serviceUrl: string, from: TeamsUser, where: Where, text: string) {
  if (where.kind === "personal")
    return { ...base(serviceUrl, from, where), type: "message", text, textFormat: "plain" };
  const tag = `<at>${BOT.name}</at>`;
  return {
    ...base(serviceUrl, from, where),
    type: "message",
    text: `${tag} ${text}`,
    textFormat: "plain",
    entities: [{ type: "mention", text: tag, mentioned: BOT }],
  };
}

/** An Action.Execute click (adaptiveCard/action invoke) on the card message `replyToId`. */
export function execute(
  serviceUrl: string,
  from: TeamsUser,
  where: Where,
  data: Record<string, unknown>,
  replyToId: string,
  trigger: "manual" | "automatic" = "manual",
) {
  return {
    ...base(serviceUrl, from, where),
    type: "invoke",
    name: "adaptiveCard/action",
    replyToId,
    value: { action: { type: "Action.Execute", id: randomUUID(), verb: data.action, data }, trigger },
  };
}

/** A form card submitted with Action.Execute: Teams merges the inputs into the button's data. */
export function submitForm(
  serviceUrl: string,
  from: TeamsUser,
  where: Where,
  submitData: Record<string, unknown>,
  inputs: Record<string, string | number>,
  replyToId: string,
) {
  return execute(serviceUrl, from, where, { ...submitData, ...inputs }, replyToId);
}

/** The bot added to a channel or personal chat (Teams sends both of these on install). */
export function conversationUpdate(serviceUrl: string, from: TeamsUser, where: Where) {
  return { ...base(serviceUrl, from, where), type: "conversationUpdate", membersAdded: [BOT] };
}

export function installationUpdate(serviceUrl: string, from: TeamsUser, where: Where) {
  return { ...base(serviceUrl, from, where), type: "installationUpdate", action: "add" };
}
