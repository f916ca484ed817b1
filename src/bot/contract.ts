// The platform-neutral interaction contract. An edge verifies and acks a request, parses it
// with zod, turns it into one of these calls, and renders the returned views. The core
// (src/bot/) resolves the user, checks roles and calls the services. Nothing here knows
// Slack or Teams.
import type { Locale } from "../i18n/index.js";
import type { FieldErrors } from "../views/common.js";
import type { HomeView } from "../views/home.js";
import type { View } from "../views/types.js";

export type Platform = "slack" | "teams";

export interface InboundUser {
  platform: Platform;
  /** Every id the platform gave for the user (Slack user id; Teams 29: id and AAD object id). */
  externalIds: string[];
  /** Slack team id / Teams tenant id, when known. */
  workspace?: string;
  displayName?: string;
  /** The platform's locale for the user (Slack users.info, Teams activity.locale), if any. */
  platformLocale?: string;
}

export interface InboundConversation {
  platform: Platform;
  /** Slack channel id / Teams conversation id (without ;messageid=). */
  channelId: string;
  /** The thread the message or click is in: Slack thread_ts / Teams reply-chain root id. */
  threadId?: string;
  /** The message itself: Slack ts / Teams activity id (a clicked button's message). */
  messageId?: string;
  isDirect: boolean;
  /**
   * The bot was addressed directly (Slack app_mention, a Teams channel @mention). Top-level
   * channel messages are only answered when addressed, so the bot never talks over people.
   */
  addressed?: boolean;
}

/**
 * Where a reply goes relative to the inbound message. "replace" edits the message the clicked
 * button sits on (Slack: the action's response_url with replace_original / chat.update; Teams:
 * the Universal Action's refreshed card), so a confirmation does not post a second message.
 */
export type Visibility = "thread" | "channel" | "ephemeral" | "direct" | "replace";

export interface BotReply {
  view: View;
  visibility: Visibility;
  locale: Locale;
}

export interface FormSubmission {
  formKey: string;
  contextId: string;
  /** Raw values from the modal/card: strings, or string arrays for multi-selects. */
  values: Record<string, string | string[] | undefined>;
}

export type SubmitResult = { ok: true; replies: BotReply[] } | { ok: false; errors: FieldErrors; locale: Locale };

/** What an action asks the edge to do: reply with views, or open a form (modal / card). */
export interface ActionResult {
  replies: BotReply[];
  openForm?: { view: View; locale: Locale };
}

export interface BotCore {
  /** A message: a command ("today", "status week"), a thread reply, or a DM form answer. */
  onText(user: InboundUser, conv: InboundConversation, text: string): Promise<BotReply[]>;
  /** A slash command (Slack /branch) — same grammar as onText, always addressed to the bot. */
  onCommand(user: InboundUser, conv: InboundConversation, text: string): Promise<ActionResult>;
  /** A button or card action, e.g. { action: "checklist.all_ok", value: occurrenceId }. */
  onAction(
    user: InboundUser,
    conv: InboundConversation,
    action: { action: string; value: string },
  ): Promise<ActionResult>;
  /** A modal / card form submission. Answered only after the change is committed. */
  onSubmit(user: InboundUser, conv: InboundConversation, form: FormSubmission): Promise<SubmitResult>;
  /** Slack App Home / Teams "my day". */
  home(user: InboundUser): Promise<{ view: HomeView; locale: Locale } | null>;
  /** The locale to use for a user (staff record, else platform, else default). */
  localeFor(user: InboundUser): Promise<Locale>;
}
