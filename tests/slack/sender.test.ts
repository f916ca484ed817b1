// The outbox sender against the fake Web API: one attempt per message, Slack's answers mapped
// to what the outbox needs (message ts, RateLimitedError with Retry-After, PermanentSendError).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SlackSender } from "../../src/channels/slack/sender.js";
import { createLogger } from "../../src/log.js";
import { PermanentSendError, RateLimitedError, type SendRequest } from "../../src/services/outbox/contract.js";
import { i18n } from "../helpers/db.js";
import { FakeSlack } from "../helpers/fake-slack.js";

let slack: FakeSlack;
let sender: SlackSender;
beforeEach(async () => {
  slack = await new FakeSlack().start();
  sender = new SlackSender({ botToken: "xoxb-outbox", apiUrl: slack.apiUrl, i18n, log: createLogger("silent") });
});
afterEach(async () => {
  await slack.stop();
});

const req = (over: Partial<SendRequest> = {}): SendRequest => ({
  destination: "C0DEMOLJZ",
  kind: "post",
  locale: "zh-CN",
  view: { type: "text", message: { key: "slack:form.saved" } },
  ...over,
});

describe("SlackSender", () => {
  it("declares Slack's pacing", () => {
    expect(sender.platform).toBe("slack");
    expect(sender.pacing).toEqual({ perDestinationIntervalMs: 1000, globalPerMinute: 300 });
  });

  it("posts with chat.postMessage (in a thread when asked) and returns the ts", async () => {
    const res = await sender.send(req({ threadId: "1700000000.000100" }));
    const call = slack.callsTo("chat.postMessage")[0];
    expect(res.platformMessageId).toMatch(/^\d+\.\d+$/);
    expect(call?.body).toMatchObject({ channel: "C0DEMOLJZ", thread_ts: "1700000000.000100" });
    expect(call?.body.text).toBe(i18n.t("zh-CN", "slack:form.saved"));
    expect(Array.isArray(call?.body.blocks)).toBe(true);
    expect(call?.token).toBe("xoxb-outbox");
  });

  it("opens the DM when the destination is a user id", async () => {
    await sender.send(req({ destination: "U0DEMO0005", locale: "en" }));
    expect(slack.callsTo("conversations.open")[0]?.body.users).toBe("U0DEMO0005");
    expect(slack.callsTo("chat.postMessage")[0]?.body.channel).toBe("D0DEMO0005");
  });

  it("updates in place with chat.update", async () => {
    const res = await sender.send(req({ kind: "update", messageId: "1700000000.000100" }));
    expect(res.platformMessageId).toBe("1700000000.000100");
    expect(slack.callsTo("chat.update")[0]?.body).toMatchObject({ channel: "C0DEMOLJZ", ts: "1700000000.000100" });
    await expect(sender.send(req({ kind: "update" }))).rejects.toBeInstanceOf(PermanentSendError);
  });

  it("sends ephemeral messages to one user", async () => {
    await sender.send(req({ kind: "ephemeral", userId: "U0DEMO0001" }));
    expect(slack.callsTo("chat.postEphemeral")[0]?.body).toMatchObject({ channel: "C0DEMOLJZ", user: "U0DEMO0001" });
  });

  it("turns 429 + Retry-After into RateLimitedError without retrying itself", async () => {
    slack.fail("chat.postMessage", { status: 429, retryAfter: 7 });
    const err = await sender.send(req()).catch((e) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).retryAfterMs).toBe(7000);
    expect(slack.callsTo("chat.postMessage")).toHaveLength(1);
  });

  it("marks channel_not_found and friends permanent, other errors transient", async () => {
    slack.fail("chat.postMessage", { error: "channel_not_found" });
    await expect(sender.send(req())).rejects.toBeInstanceOf(PermanentSendError);
    slack.fail("chat.postMessage", { error: "is_archived" });
    await expect(sender.send(req())).rejects.toBeInstanceOf(PermanentSendError);
    slack.fail("chat.postMessage", { error: "internal_error" });
    const err = await sender.send(req()).catch((e) => e);
    expect(err).not.toBeInstanceOf(PermanentSendError);
    expect(err).not.toBeInstanceOf(RateLimitedError);
    slack.fail("chat.postMessage", { status: 500 });
    const http = await sender.send(req()).catch((e) => e);
    expect(http).not.toBeInstanceOf(PermanentSendError);
    expect(slack.callsTo("chat.postMessage")).toHaveLength(4);
  });

  it("posts a long summary as several messages and keeps the first ts", async () => {
    const behind = Array.from({ length: 70 }, (_, i) => ({
      outletName: `网点${i}`,
      onTimePct: i,
      overdue: 1,
      openIncidents: 0,
    }));
    const res = await sender.send(
      req({
        view: {
          type: "summary",
          scope: { kind: "region", names: ["上海"] },
          period: { kind: "week", from: "2026-11-16", to: "2026-11-22", timeZone: "Asia/Shanghai" },
          completion: { onTimePct: 52, confirmed: 10, withExceptions: 1, missed: 2, open: 3, total: 16 },
          trend: { onTimePctPrev: 48, deltaPct: 4 },
          overdue: [],
          exceptions: 1,
          incidents: { openBySeverity: {}, oldestOpenHours: null, medianAckMinutes: null, medianResolveMinutes: null },
          complaints: { byStage: {}, byCategory: [], lateSteps: 0, followUpsDue: 0 },
          behind,
        },
      }),
    );
    const posts = slack.callsTo("chat.postMessage");
    expect(posts.length).toBeGreaterThan(1);
    for (const p of posts) expect((p.body.blocks as unknown[]).length).toBeLessThanOrEqual(50);
    // a fresh fake numbers its first message 1700000001.000100
    expect(res.platformMessageId).toBe("1700000001.000100");
  });
});
