// Block Kit types, taken from @slack/types through Bolt's re-export so the edge depends on one
// Slack package only.
import type { types } from "@slack/bolt";

export type Block = types.KnownBlock;
export type ModalView = types.ModalView;
export type HomeTabView = types.HomeView;
export type Button = types.Button;
export type InputBlock = types.InputBlock;
export type PlainText = types.PlainTextElement;
export type Mrkdwn = types.MrkdwnElement;
export type PlainTextOption = types.PlainTextOption;

/** One chat message: the blocks plus the plain-text fallback used for notifications and screen readers. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}
