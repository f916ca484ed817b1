// The edge's collaborator in phase 1: a BotCore test double that records every call and answers
// with real views (text replies, a real incident form, a home view). Locale resolution uses the
// real Directory over the test database, like the real core: staff record first, then the
// platform locale, then zh-CN.
import type {
  ActionResult,
  BotCore,
  BotReply,
  FormSubmission,
  InboundConversation,
  InboundUser,
  SubmitResult,
} from "../../src/bot/contract.js";
import type { Db } from "../../src/db/client.js";
import type { Locale } from "../../src/i18n/index.js";
import { Directory } from "../../src/services/directory.js";
import type { FormView } from "../../src/views/common.js";
import type { HomeView } from "../../src/views/home.js";

export interface CoreCall {
  fn: "onText" | "onCommand" | "onAction" | "onSubmit" | "home";
  user: InboundUser;
  conv?: InboundConversation;
  arg?: unknown;
}

export const incidentForm = (contextId: string): FormView => ({
  type: "form",
  formKey: "incident",
  contextId,
  title: { key: "playbook:tasks.opening.title" },
  submit: { key: "slack:form.yes" },
  fields: [
    {
      name: "amount",
      label: { key: "playbook:tasks.opening.items.cashbox_amount" },
      kind: "amount",
      required: true,
      currency: "CNY",
    },
    { name: "cctv", label: { key: "playbook:tasks.opening.items.cctv_ok" }, kind: "yesno", required: true },
  ],
});

export class RecordingCore implements BotCore {
  readonly calls: CoreCall[] = [];
  /** Makes onSubmit slower than the edge's budget, to test the "still working" path. */
  submitDelayMs = 0;

  constructor(private readonly db: Db) {}

  async localeFor(user: InboundUser): Promise<Locale> {
    const staff = await new Directory(this.db).staffByPlatform("slack", user.externalIds, user.workspace ?? "");
    if (staff) return staff.locale;
    if (user.platformLocale?.startsWith("zh")) return "zh-CN";
    if (user.platformLocale?.startsWith("en")) return "en";
    return "zh-CN";
  }

  private text(locale: Locale, key: string, visibility: BotReply["visibility"]): BotReply {
    return { view: { type: "text", message: { key } }, visibility, locale };
  }

  async onText(user: InboundUser, conv: InboundConversation, text: string): Promise<BotReply[]> {
    this.calls.push({ fn: "onText", user, conv, arg: text });
    return [this.text(await this.localeFor(user), "slack:echo.intro", "thread")];
  }

  async onCommand(user: InboundUser, conv: InboundConversation, text: string): Promise<ActionResult> {
    this.calls.push({ fn: "onCommand", user, conv, arg: text });
    const locale = await this.localeFor(user);
    if (text === "incident") return { replies: [], openForm: { view: incidentForm("ctx-incident-1"), locale } };
    return { replies: [this.text(locale, "slack:home.none", "ephemeral")] };
  }

  async onAction(
    user: InboundUser,
    conv: InboundConversation,
    action: { action: string; value: string },
  ): Promise<ActionResult> {
    this.calls.push({ fn: "onAction", user, conv, arg: action });
    const locale = await this.localeFor(user);
    if (action.action === "incident.report") {
      return { replies: [], openForm: { view: incidentForm("ctx-shortcut"), locale } };
    }
    return { replies: [this.text(locale, "slack:form.saved", "thread")] };
  }

  async onSubmit(user: InboundUser, conv: InboundConversation, form: FormSubmission): Promise<SubmitResult> {
    this.calls.push({ fn: "onSubmit", user, conv, arg: form });
    if (this.submitDelayMs > 0) await new Promise((r) => setTimeout(r, this.submitDelayMs));
    const locale = await this.localeFor(user);
    const amount = form.values.amount;
    if (typeof amount !== "string" || !/^\d+(\.\d{1,2})?$/.test(amount)) {
      return { ok: false, errors: { amount: { key: "slack:form.currency", vars: { currency: "CNY" } } }, locale };
    }
    return { ok: true, replies: [this.text(locale, "slack:form.saved", "thread")] };
  }

  async home(user: InboundUser): Promise<{ view: HomeView; locale: Locale } | null> {
    this.calls.push({ fn: "home", user });
    const staff = await new Directory(this.db).staffByPlatform("slack", user.externalIds, user.workspace ?? "");
    if (!staff) return null;
    return {
      locale: staff.locale,
      view: {
        type: "home",
        staffName: staff.name,
        tasksToday: [
          {
            occurrenceId: "occ-1",
            outletName: "陆家嘴支行营业部",
            title: { key: "playbook:tasks.opening.title" },
            dueAt: "2026-11-23T00:00:00Z",
            timeZone: "Asia/Shanghai",
            stateLabel: { key: "labels:task_state.reminded" },
            state: "reminded",
            done: 3,
            total: 8,
          },
        ],
        openIncidents: [],
        openComplaints: [],
        approvalsWaiting: [],
      },
    };
  }
}
