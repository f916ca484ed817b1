// /branch <text>: ack at once (Slack shows nothing), then let the core read the same grammar as
// a DM. A form opens as a modal straight away, because the trigger_id lives only 3 s.
import type { App } from "@slack/bolt";
import type { InboundConversation } from "../../../bot/contract.js";
import { SlashCommandBody } from "../payloads.js";
import { deliverReplies, openModal, type ReplyTarget } from "../replies.js";
import { safeRespond } from "../response-url.js";
import { type EdgeEnv, guarded, isDirectChannel, replyEnv } from "./env.js";

export const BRANCH_COMMAND = "/branch";

/**
 * Slack only sends this app the commands its manifest declares, so every command that arrives
 * is ours: one renamed in a copy of the manifest (say /网点) works the same instead of timing out.
 */
const ANY_COMMAND = /^\/\S+$/;

export function registerCommands(app: App, env: EdgeEnv): void {
  app.command(ANY_COMMAND, async ({ ack, body, client, respond }) => {
    await ack();
    const cmd = SlashCommandBody.parse(body);
    const conv: InboundConversation = {
      platform: "slack",
      channelId: cmd.channel_id,
      isDirect: isDirectChannel(cmd.channel_id, cmd.channel_name),
      // a slash command has no message; its trigger id is unique per invocation, which makes
      // "/branch remind …" idempotent if the same request is processed twice
      messageId: cmd.trigger_id,
    };
    const viaUrl = safeRespond(env.log, env.responseUrlHosts, cmd.response_url, respond);
    const target: ReplyTarget = { userId: cmd.user_id, conv, ...(viaUrl ? { respond: viaUrl } : {}) };
    await guarded(env, client, target, cmd.team_id, async ({ user }) => {
      const result = await env.core.onCommand(user, conv, cmd.text.trim());
      if (result.openForm) await openModal(replyEnv(env, client), target, cmd.trigger_id, result.openForm);
      await deliverReplies(replyEnv(env, client), target, result.replies);
    });
  });
}
