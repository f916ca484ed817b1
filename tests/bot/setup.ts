// A demo database driven through the real BotCore: platform users and conversations as the
// edges build them, the clock under the test's control, and helpers to read replies.

import type { ActionResult, BotReply, InboundConversation, InboundUser } from "../../src/bot/contract.js";
import { createCore } from "../../src/bot/index.js";
import { ManualClock } from "../../src/domain/clock.js";
import type { Locale } from "../../src/i18n/index.js";
import type { Logger } from "../../src/log.js";
import type { FormView, Localised, TextView } from "../../src/views/common.js";
import type { View } from "../../src/views/types.js";
import { createDemoDb, demoIds, i18n, playbook } from "../helpers/db.js";

/** Demo staff → Slack user ids (examples/org.demo.yaml). */
export const SLACK = {
  wang: "U0DEMO0001",
  li: "U0DEMO0002",
  zhao: "U0DEMO0003",
  chen: "U0DEMO0004",
  emily: "U0DEMO0005",
  liu: "U0DEMO0006",
  david: "U0DEMO0007",
  huang: "U0DEMO0008",
  grace: "U0DEMO0009",
} as const;

export const LJZ_CHANNEL = "C0DEMOLJZ";

// Monday 2026-11-23, 08:05 in Shanghai: the opening checklist is due and open
export const MONDAY_0805 = "2026-11-23T00:05:00Z";

export async function botWorld(start: string = MONDAY_0805, opts: { log?: Logger } = {}) {
  const clock = new ManualClock(start);
  const t = await createDemoDb(clock);
  const ids = await demoIds(t.db);
  const { core, services } = createCore({
    db: t.db,
    clock,
    i18n,
    playbook,
    defaultLocale: "zh-CN",
    databaseProvider: "sqlite",
    ...(opts.log ? { log: opts.log } : {}),
  });
  const slackUser = (who: keyof typeof SLACK): InboundUser => ({ platform: "slack", externalIds: [SLACK[who]] });
  const dm = (who: keyof typeof SLACK): InboundConversation => ({
    platform: "slack",
    channelId: `D${SLACK[who].slice(1)}`,
    isDirect: true,
  });
  const channel = (extra: Partial<InboundConversation> = {}): InboundConversation => ({
    platform: "slack",
    channelId: LJZ_CHANNEL,
    isDirect: false,
    ...extra,
  });
  /** Today's occurrences created and reminded, as the scheduler would. */
  const schedule = async () => {
    await services.occurrences.ensureOccurrences();
    await services.reminders.tick();
  };
  const occurrence = async (taskKey: string, outletCode = "SH-LJZ") =>
    t.db.taskOccurrence.findFirstOrThrow({
      where: { outletId: ids.outlets[outletCode], template: { key: taskKey } },
      orderBy: { dueAt: "desc" },
    });
  /** The Slack message id the dispatcher would have stored for a root post. */
  const posted = async (keyBase: string, ts: string, channelId = LJZ_CHANNEL) => {
    await t.db.outboxMessage.update({
      where: { idempotencyKey: `${keyBase}:slack:${channelId}` },
      data: { platformMessageId: ts, status: "sent" },
    });
  };
  return { ...t, clock, ids, core, services, slackUser, dm, channel, schedule, occurrence, posted };
}

export type BotWorld = Awaited<ReturnType<typeof botWorld>>;

export const tr = (locale: Locale, l: Localised) => i18n.t(locale, l.key, l.vars);

/** A text reply as the person would read it: the message and its lines. */
export function read(reply: BotReply | undefined): string {
  if (!reply) throw new Error("no reply");
  const v = reply.view as TextView;
  if (v.type !== "text") throw new Error(`expected a text view, got ${reply.view.type}`);
  return [tr(reply.locale, v.message), ...(v.lines ?? []).map((l) => tr(reply.locale, l))].join("\n");
}

export function only<T extends View["type"]>(replies: BotReply[], type: T): Extract<View, { type: T }> {
  const found = replies.filter((r) => r.view.type === type);
  if (found.length !== 1)
    throw new Error(`expected one ${type} reply, got ${replies.map((r) => r.view.type).join(",")}`);
  return found[0]?.view as Extract<View, { type: T }>;
}

export function formOf(result: ActionResult): FormView {
  const view = result.openForm?.view;
  if (view?.type !== "form")
    throw new Error(`expected a form, got ${JSON.stringify(result.replies.map((r) => r.view))}`);
  return view;
}
