// Signs a request body exactly as Slack does (v0): HMAC-SHA256 over "v0:<timestamp>:<body>"
// with the signing secret, sent as X-Slack-Signature "v0=<hex>".
import { createHmac } from "node:crypto";

export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export function signedHeaders(
  secret: string,
  body: string,
  contentType: "application/json" | "application/x-www-form-urlencoded",
  timestamp = Math.floor(Date.now() / 1000),
): Record<string, string> {
  return {
    "content-type": contentType,
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": slackSignature(secret, timestamp, body),
  };
}

/** An interactive payload as Slack posts it: form-encoded with one `payload` field of JSON. */
export function interactiveBody(payload: unknown): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export function formBody(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}
