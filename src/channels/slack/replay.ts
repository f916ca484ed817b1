// Slack signs "v0:<timestamp>:<raw body>" and the edge refuses timestamps more than five
// minutes off, so inside that window a captured request could be sent again as it is. Events
// carry an event_id (dedupe.ts); interactive payloads and slash commands do not, so their key
// is derived from what the signature covers: the same timestamp and the same bytes are the
// same request. The claim is the same unique ProcessedEvent row, so it holds across replicas.
import { createHash } from "node:crypto";
import type { Db } from "../../db/client.js";
import { claimSlackEvent } from "./dedupe.js";

/** Slack's replay window: requests whose timestamp is further off than this are refused. */
export const REPLAY_WINDOW_SECONDS = 5 * 60;

/** Whether X-Slack-Request-Timestamp is a number within the window, in the past or the future. */
export function timestampWithinWindow(header: string | string[] | undefined, nowMs: number): boolean {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value || !/^\d{1,12}$/.test(value)) return false;
  return Math.abs(Math.floor(nowMs / 1000) - Number(value)) <= REPLAY_WINDOW_SECONDS;
}

/** The ProcessedEvent key of one signed request: "payload:" + sha256 of timestamp and body. */
export function payloadKey(timestamp: string, rawBody: Buffer | string): string {
  return `payload:${createHash("sha256").update(`${timestamp}:`).update(rawBody).digest("hex")}`;
}

/** True when this delivery claimed the request; false when the same bytes were already taken. */
export function claimSlackPayload(db: Db, timestamp: string, rawBody: Buffer | string): Promise<boolean> {
  return claimSlackEvent(db, payloadKey(timestamp, rawBody));
}
