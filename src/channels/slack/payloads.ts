// The shapes of every request Slack sends to /slack/events, checked with zod at the edge
// before anything touches the database or the core. Objects are loose (Slack adds fields
// freely); only what the edge reads is required.
import { z } from "zod";

const id = z.string().min(1).max(255);
const userRef = z.looseObject({ id, team_id: z.string().optional() });
const teamRef = z.looseObject({ id }).nullable().optional();

export const SlashCommandBody = z.looseObject({
  command: z.string().regex(/^\/\S{1,31}$/),
  text: z.string().default(""),
  user_id: id,
  team_id: id,
  channel_id: id,
  channel_name: z.string().optional(),
  trigger_id: id,
  response_url: z.url(),
});
export type SlashCommandBody = z.infer<typeof SlashCommandBody>;

const BlockAction = z.looseObject({
  action_id: id,
  block_id: z.string().optional(),
  type: z.string(),
  value: z.string().optional(),
  selected_option: z.looseObject({ value: z.string() }).nullable().optional(),
});

export const BlockActionsBody = z.looseObject({
  type: z.literal("block_actions"),
  user: userRef,
  team: teamRef,
  trigger_id: id,
  actions: z.array(BlockAction).min(1),
  channel: z.looseObject({ id, name: z.string().optional() }).optional(),
  message: z.looseObject({ ts: z.string(), thread_ts: z.string().optional() }).optional(),
  container: z
    .looseObject({
      type: z.string(),
      channel_id: z.string().optional(),
      message_ts: z.string().optional(),
      thread_ts: z.string().optional(),
    })
    .optional(),
  view: z.looseObject({ id: z.string(), type: z.string() }).optional(),
  response_url: z.url().optional(),
});
export type BlockActionsBody = z.infer<typeof BlockActionsBody>;

const StateAction = z.looseObject({
  type: z.string(),
  value: z.string().nullable().optional(),
  selected_option: z.looseObject({ value: z.string() }).nullable().optional(),
  selected_options: z.array(z.looseObject({ value: z.string() })).optional(),
  selected_date: z.string().nullable().optional(),
  files: z.array(z.looseObject({ id: z.string() })).optional(),
});
export type StateAction = z.infer<typeof StateAction>;

export const ViewSubmissionBody = z.looseObject({
  type: z.literal("view_submission"),
  user: userRef,
  team: teamRef,
  view: z.looseObject({
    id,
    callback_id: z.string().max(255),
    private_metadata: z.string().max(3000).default(""),
    state: z.looseObject({ values: z.record(z.string(), z.record(z.string(), StateAction)) }),
    blocks: z.array(z.looseObject({ type: z.string(), block_id: z.string().optional() })).default([]),
    title: z.looseObject({ text: z.string() }).optional(),
  }),
});
export type ViewSubmissionBody = z.infer<typeof ViewSubmissionBody>;

export const ViewClosedBody = z.looseObject({ type: z.literal("view_closed"), user: userRef });

export const GlobalShortcutBody = z.looseObject({
  type: z.literal("shortcut"),
  callback_id: id,
  trigger_id: id,
  user: userRef,
  team: teamRef,
});
export type GlobalShortcutBody = z.infer<typeof GlobalShortcutBody>;

export const MessageShortcutBody = z.looseObject({
  type: z.literal("message_action"),
  callback_id: id,
  trigger_id: id,
  user: userRef,
  team: teamRef,
  channel: z.looseObject({ id }),
  message: z.looseObject({ ts: z.string(), text: z.string().default(""), thread_ts: z.string().optional() }),
  response_url: z.url().optional(),
});
export type MessageShortcutBody = z.infer<typeof MessageShortcutBody>;

export const EventCallbackBody = z.looseObject({
  type: z.literal("event_callback"),
  team_id: id,
  event_id: id,
  event: z.looseObject({ type: z.string().min(1) }),
});

export const MessageEvent = z.looseObject({
  type: z.literal("message"),
  channel: id,
  user: z.string().optional(),
  text: z.string().default(""),
  ts: z.string(),
  thread_ts: z.string().optional(),
  channel_type: z.string().optional(),
  subtype: z.string().optional(),
  bot_id: z.string().optional(),
});
export type MessageEvent = z.infer<typeof MessageEvent>;

export const AppMentionEvent = z.looseObject({
  type: z.literal("app_mention"),
  channel: id,
  user: id,
  text: z.string().default(""),
  ts: z.string(),
  thread_ts: z.string().optional(),
});

export const AppHomeOpenedEvent = z.looseObject({
  type: z.literal("app_home_opened"),
  user: id,
  tab: z.string().optional(),
});

/** Inner events the edge handles must have the shape it reads; other event types pass as they are. */
const INNER_EVENT_SCHEMAS: Record<string, z.ZodType> = {
  message: MessageEvent,
  app_mention: AppMentionEvent,
  app_home_opened: AppHomeOpenedEvent,
};

const CheckedEventCallback = EventCallbackBody.superRefine((body, ctx) => {
  const schema = INNER_EVENT_SCHEMAS[body.event.type];
  const inner = schema?.safeParse(body.event);
  if (inner && !inner.success) ctx.addIssue({ code: "custom", path: ["event"], message: inner.error.message });
});

/** Slack's notice that the app exceeded the Events API quota: no event inside, just acknowledged. */
export const AppRateLimitedBody = z.looseObject({ type: z.literal("app_rate_limited"), team_id: z.string() });

/** Everything the edge accepts. Anything else is a malformed request (HTTP 400). */
export const InboundBody = z.union([
  CheckedEventCallback,
  BlockActionsBody,
  ViewSubmissionBody,
  ViewClosedBody,
  GlobalShortcutBody,
  MessageShortcutBody,
  SlashCommandBody,
]);

export function isAcceptedBody(body: unknown): boolean {
  return InboundBody.safeParse(body).success;
}
