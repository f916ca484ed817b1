// The Teams outbox sender against the fake connector: proactive posts through the stored
// reference (in a reply chain: <channel>;messageid=<root>), in-place updates, and the mapping
// of connector failures onto the outbox contract.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cardProblems } from "../../src/channels/teams/cards/limits.js";
import { storeChannelReference } from "../../src/channels/teams/references.js";
import { NoConversationReferenceError, retryAfterMs } from "../../src/channels/teams/send-errors.js";
import { TEAMS_PACING } from "../../src/channels/teams/sender.js";
import {
  type OutboxSender,
  PermanentSendError,
  RateLimitedError,
  type SendRequest,
} from "../../src/services/outbox/contract.js";
import { reminderView } from "./fixtures.js";
import { BOT, type Harness, LJZ_CHANNEL, startHarness, TENANT } from "./harness.js";

let h: Harness;
let sender: OutboxSender;
beforeAll(async () => {
  h = await startHarness();
  sender = h.edge.createSender();
  await storeChannelReference(h.t.db, [LJZ_CHANNEL], {
    serviceUrl: h.connector.url,
    channelId: "msteams",
    bot: BOT,
    conversation: { id: LJZ_CHANNEL, conversationType: "channel", isGroup: true, tenantId: TENANT, name: "" },
  });
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => h.connector.reset());

const post = (extra: Partial<SendRequest> = {}): SendRequest => ({
  destination: LJZ_CHANNEL,
  kind: "post",
  locale: "zh-CN",
  view: reminderView(),
  ...extra,
});

describe("Teams outbox sender", () => {
  it("paces within the Teams limits", () => {
    expect(sender.platform).toBe("teams");
    expect(sender.pacing).toEqual(TEAMS_PACING);
    expect(1000 / TEAMS_PACING.perDestinationIntervalMs).toBeLessThanOrEqual(7);
    expect(TEAMS_PACING.perWorkspacePerMinute / 60).toBeLessThanOrEqual(50);
  });

  it("posts a card through the stored reference and returns the activity id", async () => {
    const res = await sender.send(post());
    const [call] = h.connector.calls;
    expect(call).toMatchObject({ method: "POST", conversationId: LJZ_CHANNEL });
    expect(call!.activityId).toBeUndefined();
    expect(res.platformMessageId).toBe(call!.returnedId);
    const att = (call!.body.attachments as Array<{ content: unknown }>)[0]!;
    expect(cardProblems(att.content)).toEqual([]);
  });

  it("posts into a reply chain with <channel>;messageid=<root>", async () => {
    await sender.send(post({ threadId: "1700000000123" }));
    expect(h.connector.calls[0]!.conversationId).toBe(`${LJZ_CHANNEL};messageid=1700000000123`);
  });

  it("updates a message in place", async () => {
    const res = await sender.send(post({ kind: "update", messageId: "1:abc" }));
    expect(h.connector.calls[0]).toMatchObject({ method: "PUT", activityId: "1:abc", conversationId: LJZ_CHANNEL });
    expect(h.connector.calls[0]!.body).toMatchObject({ id: "1:abc", type: "message" });
    expect(res.platformMessageId).toBe("1:abc");
  });

  it("turns 429 + Retry-After into RateLimitedError", async () => {
    h.connector.failNext(429, 1, 7);
    const err = await sender.send(post()).catch((e) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).retryAfterMs).toBe(7000);
  });

  it("treats 413, 403 and 404 as permanent and 503/412 as transient", async () => {
    for (const status of [413, 403, 404]) {
      h.connector.failNext(status, 1, undefined, {
        error: { code: status === 413 ? "MessageSizeTooBig" : "ConversationNotFound", message: "x" },
      });
      expect(await sender.send(post()).catch((e) => e), String(status)).toBeInstanceOf(PermanentSendError);
    }
    for (const status of [503, 412]) {
      h.connector.failNext(status, 3);
      const err = await sender.send(post()).catch((e) => e);
      expect(err, String(status)).toBeInstanceOf(Error);
      expect(err).not.toBeInstanceOf(PermanentSendError);
      expect(err).not.toBeInstanceOf(RateLimitedError);
    }
  });

  it("without a stored reference fails transiently and names the fix", async () => {
    const err = await sender.send(post({ destination: "19:not-installed@thread.tacv2" })).catch((e) => e);
    expect(err).toBeInstanceOf(NoConversationReferenceError);
    expect(String(err.message)).toContain("install the Branchbot app");
    expect(h.connector.calls).toEqual([]);
  });

  it("parses Retry-After as seconds or a date", () => {
    expect(retryAfterMs("2")).toBe(2000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(retryAfterMs("soon")).toBeNull();
  });
});
