// The outbox sender against the fake Web API: one attempt per message, Slack's answers mapped
// to what the outbox needs (message ts, RateLimitedError with Retry-After, PermanentSendError).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SlackSender } from "../../src/channels/slack/sender.js";
import { createLogger } from "../../src/log.js";
import { PermanentSendError, RateLimitedError, type SendRequest } from "../../src/services/outbox/contract.js";
import { i18n } from "../helpers/db.js";
import { FakeSlack } from "../helpers/fake-slack.js";
import { visibleText } from "./visible-text.js";

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
    expect(sender.pacing).toEqual({ perDestinationIntervalMs: 1000, perWorkspacePerMinute: 600 });
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

  it("posts a reply too long for one message as several, in order, and keeps the first ts", async () => {
    // the message, 40 long lines (one rich_text block each; the short "…and 20 more" shares the
    // last one) and 226 buttons (actions blocks of 25): 1 + 40 + 10 = 51 blocks, one over 50
    const line = (i: number) => `${i}: ${"长".repeat(1990)}`;
    const buttons = Array.from({ length: 226 }, (_, i) => ({
      action: "incident.from_checklist",
      label: { key: "labels:unknown", vars: { value: `上报 ${i + 1}` } },
      value: `r${i}`,
    }));
    const res = await sender.send(
      req({
        view: {
          type: "text",
          message: { key: "checklist:result.recorded", vars: { count: 60 } },
          lines: Array.from({ length: 60 }, (_, i) => ({ key: "labels:unknown", vars: { value: line(i + 1) } })),
          actions: buttons,
        },
      }),
    );
    const posts = slack.callsTo("chat.postMessage");
    expect(posts.map((p) => (p.body.blocks as unknown[]).length)).toEqual([50, 1]);
    expect(posts.every((p) => p.body.channel === "C0DEMOLJZ")).toBe(true);
    // the later part says it continues; the first carries the reply's own text
    expect(posts[0]?.body.text).toBe(i18n.t("zh-CN", "checklist:result.recorded", { count: 60 }));
    expect(String(posts[1]?.body.text)).toContain(i18n.t("zh-CN", "slack:common.continued", { part: 2 }));
    // read one after the other, the parts show everything, in order
    const text = posts.flatMap((p) => visibleText(p.body.blocks));
    expect(text).toEqual([
      i18n.t("zh-CN", "checklist:result.recorded", { count: 60 }),
      ...Array.from({ length: 40 }, (_, i) => line(i + 1)),
      i18n.t("zh-CN", "cards:common.and_more", { count: 20 }),
      ...buttons.map((_, i) => `上报 ${i + 1}`),
    ]);
    // a fresh fake numbers its first message 1700000001.000100
    expect(res.platformMessageId).toBe("1700000001.000100");
    expect(posts[0]?.response?.ts).toBe("1700000001.000100");
  });

  it("a summary of 70 outlets fits one message: the longest list shows ten and counts the rest", async () => {
    const behind = Array.from({ length: 70 }, (_, i) => ({
      outletName: `网点${i}`,
      onTimePct: i,
      overdue: 1,
      openIncidents: 0,
    }));
    await sender.send(
      req({
        view: {
          type: "summary",
          scope: { kind: "region", names: ["上海"] },
          period: { kind: "week", from: "2026-11-16", to: "2026-11-22", timeZone: "Asia/Shanghai" },
          completion: { onTimePct: 52, confirmed: 10, withExceptions: 1, missed: 2, open: 3, total: 16 },
          trend: { onTimePctPrev: 48, deltaPct: 4 },
          overdue: [],
          exceptions: 1,
          incidents: { openBySeverity: [], oldestOpenHours: null, medianAckMinutes: null, medianResolveMinutes: null },
          complaints: { byStage: [], byCategory: [], lateSteps: 0, followUpsDue: 0 },
          behind,
        },
      }),
    );
    const posts = slack.callsTo("chat.postMessage");
    expect(posts).toHaveLength(1);
    const text = visibleText(posts[0]?.body.blocks);
    const row = (i: number) =>
      `• ${i18n.t("zh-CN", "cards:summary.behind_row", { outlet: `网点${i}`, pct: `${i}%`, overdue: 1, count: 0 })}`;
    const heading = text.indexOf(i18n.t("zh-CN", "cards:summary.behind"));
    expect(heading).toBeGreaterThan(0);
    expect(text.slice(heading + 1, heading + 12)).toEqual([
      ...Array.from({ length: 10 }, (_, i) => row(i)),
      i18n.t("zh-CN", "cards:common.and_more", { count: 60 }),
    ]);
  });
});
