// The platform-neutral BotCore the Slack and Teams edges call. Each entry point resolves the
// person (an unlinked user is told so and nothing else happens) and hands over to the
// handler for that kind of request; the handlers call the services.

import type { Locale } from "../i18n/index.js";
import type { HomeView } from "../views/home.js";
import { runAction } from "./action-handlers.js";
import { runCommand } from "./command-handlers.js";
import { parseCommand } from "./commands.js";
import type {
  ActionResult,
  BotCore,
  BotReply,
  FormSubmission,
  InboundConversation,
  InboundUser,
  SubmitResult,
} from "./contract.js";
import { formMode } from "./form-runner.js";
import { submitForm } from "./form-submit.js";
import { homeView } from "./home.js";
import { answer, tell } from "./replies.js";
import { resolveRequest } from "./request.js";
import type { CoreServices } from "./services.js";
import { routeText } from "./text-router.js";
import { threadTarget } from "./thread-routing.js";

export class Core implements BotCore {
  constructor(private readonly s: CoreServices) {}

  async onText(user: InboundUser, conv: InboundConversation, text: string): Promise<BotReply[]> {
    const r = await resolveRequest(this.s, user, conv);
    if (r.ok) return routeText(this.s, r.req, text);
    // an unlinked person is told only when they were talking to the bot
    const toBot =
      conv.isDirect || conv.addressed || (await threadTarget(this.s.db, conv.platform, conv.channelId, conv.threadId));
    return toBot ? [r.reply] : [];
  }

  async onCommand(user: InboundUser, conv: InboundConversation, text: string): Promise<ActionResult> {
    const r = await resolveRequest(this.s, user, conv);
    if (!r.ok) return answer(r.reply);
    const cmd = parseCommand(text);
    if (!cmd) return answer(tell(r.req, { key: "bot:errors.unknown_command", vars: { text } }));
    return runCommand(this.s, r.req, cmd, formMode(r.req, "command"));
  }

  async onAction(
    user: InboundUser,
    conv: InboundConversation,
    action: { action: string; value: string },
  ): Promise<ActionResult> {
    const r = await resolveRequest(this.s, user, conv);
    if (!r.ok) return answer(r.reply);
    return runAction(this.s, r.req, action.action, action.value);
  }

  async onSubmit(user: InboundUser, conv: InboundConversation, form: FormSubmission): Promise<SubmitResult> {
    const r = await resolveRequest(this.s, user, conv);
    if (!r.ok) return { ok: true, replies: [r.reply] };
    return submitForm(this.s, r.req, form);
  }

  async home(user: InboundUser): Promise<{ view: HomeView; locale: Locale } | null> {
    const staff = await this.s.identity.staffOf(user);
    if (!staff) return null;
    return { view: await homeView(this.s, staff), locale: await this.s.identity.localeFor(user, staff) };
  }

  localeFor(user: InboundUser): Promise<Locale> {
    return this.s.identity.localeFor(user);
  }
}
