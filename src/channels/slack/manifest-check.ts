// Checks a Slack app manifest against the limits in shared/platform-facts.md and against what
// this edge serves: every request URL ends in /slack/events, the slash command is the one the
// code handles, and every shortcut callback id has a listener. Returns readable problems.

import { BRANCH_COMMAND } from "./listeners/commands.js";
import { SHORTCUT_ACTIONS } from "./listeners/interactions.js";
import { SLACK_EVENTS_PATH } from "./receiver.js";

/** Events the edge has listeners for (message.* all arrive as `message`). */
export const HANDLED_BOT_EVENTS = [
  "app_home_opened",
  "app_mention",
  "message.channels",
  "message.groups",
  "message.im",
];

/** Scopes the edge's own calls need (chat.*, views.*, users.info, conversations.open, history events). */
export const REQUIRED_BOT_SCOPES = [
  "app_mentions:read",
  "channels:history",
  "chat:write",
  "commands",
  // photo fields render as file_input in modals (render/modal.ts); reading the uploaded file
  // (files.info, url_private) needs files:read
  "files:read",
  "groups:history",
  "im:history",
  "im:write",
  "users:read",
];

interface Manifest {
  display_information?: { name?: string; description?: string; long_description?: string };
  features?: {
    slash_commands?: Array<{ command?: string; url?: string; description?: string; usage_hint?: string }>;
    shortcuts?: Array<{ name?: string; type?: string; callback_id?: string; description?: string }>;
    app_home?: { home_tab_enabled?: boolean; messages_tab_enabled?: boolean };
    bot_user?: { display_name?: string };
  };
  oauth_config?: { scopes?: { bot?: string[] } };
  settings?: {
    event_subscriptions?: { request_url?: string; bot_events?: string[] };
    interactivity?: { is_enabled?: boolean; request_url?: string };
    socket_mode_enabled?: boolean;
  };
}

function lengthIn(problems: string[], where: string, s: string | undefined, min: number, max: number) {
  const n = s ? [...s].length : 0;
  if (n < min || n > max) problems.push(`${where}: ${n} characters, must be ${min}–${max}`);
}

function pathIs(problems: string[], where: string, url: string | undefined) {
  try {
    if (new URL(url ?? "").pathname !== SLACK_EVENTS_PATH) problems.push(`${where}: path must be ${SLACK_EVENTS_PATH}`);
  } catch {
    problems.push(`${where}: not a URL`);
  }
}

export function checkManifest(m: Manifest): string[] {
  const p: string[] = [];
  const d = m.display_information ?? {};
  lengthIn(p, "display_information.name", d.name, 1, 35);
  lengthIn(p, "display_information.description", d.description, 0, 140);
  lengthIn(p, "display_information.long_description", d.long_description, 175, 4000);

  const commands = m.features?.slash_commands ?? [];
  commands.forEach((c, i) => {
    lengthIn(p, `slash_commands[${i}].command`, c.command, 2, 32);
    if (!c.command?.startsWith("/")) p.push(`slash_commands[${i}].command must start with /`);
    pathIs(p, `slash_commands[${i}].url`, c.url);
  });
  if (!commands.some((c) => c.command === BRANCH_COMMAND)) p.push(`slash command ${BRANCH_COMMAND} is missing`);
  for (const c of commands) if (c.command !== BRANCH_COMMAND) p.push(`slash command ${c.command} has no handler`);

  const shortcuts = m.features?.shortcuts ?? [];
  if (shortcuts.length > 10) p.push(`shortcuts: ${shortcuts.length} > 10`);
  const handled = Object.keys(SHORTCUT_ACTIONS);
  shortcuts.forEach((s, i) => {
    lengthIn(p, `shortcuts[${i}].name`, s.name, 1, 24);
    if (s.type !== "global" && s.type !== "message") p.push(`shortcuts[${i}].type must be global or message`);
    if (!handled.includes(s.callback_id ?? "")) p.push(`shortcuts[${i}].callback_id ${s.callback_id} has no handler`);
  });
  for (const id of handled) if (!shortcuts.some((s) => s.callback_id === id)) p.push(`shortcut ${id} is missing`);

  if (!m.features?.app_home?.home_tab_enabled) p.push("app_home.home_tab_enabled must be true");
  if (!m.features?.app_home?.messages_tab_enabled) p.push("app_home.messages_tab_enabled must be true");
  if (!m.features?.bot_user) p.push("features.bot_user is missing");

  const scopes = m.oauth_config?.scopes?.bot ?? [];
  for (const s of REQUIRED_BOT_SCOPES) if (!scopes.includes(s)) p.push(`bot scope ${s} is missing`);

  const ev = m.settings?.event_subscriptions;
  pathIs(p, "event_subscriptions.request_url", ev?.request_url);
  for (const e of HANDLED_BOT_EVENTS) if (!ev?.bot_events?.includes(e)) p.push(`bot event ${e} is missing`);
  if (!m.settings?.interactivity?.is_enabled) p.push("interactivity.is_enabled must be true");
  pathIs(p, "interactivity.request_url", m.settings?.interactivity?.request_url);
  if (m.settings?.socket_mode_enabled !== false) p.push("socket_mode_enabled must be false (HTTP is the default)");
  return p;
}
