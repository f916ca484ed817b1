// Edge discipline through the real app: retries handled once, bad signatures and malformed
// bodies refused with nothing recorded, the locale of people not in the org file, the outbox
// honouring a 429's Retry-After, and a form answered one question at a time in a DM.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { i18n } from "../helpers/db.js";
import { formBody, interactiveBody, signedHeaders } from "../helpers/slack-sign.js";
import { APP_SECRET, eventually, type SlackApp, settle, startSlackApp } from "./app-harness.js";
import { blockText, buttons, command, envelope, LJZ, responseId, USERS, userMessage } from "./app-payloads.js";

let s: SlackApp;
beforeEach(async () => {
  s = await startSlackApp();
});
afterEach(async () => {
  await s.stop();
});

const DM_WANG = "D0DEMO0001";

describe("retries", () => {
  it("the same event_id delivered twice at once and retried later is handled once", async () => {
    const env = envelope(userMessage(USERS.wang, DM_WANG, "help"), "Ev0RETRYAPP1");
    const [a, b] = await Promise.all([
      s.event(env),
      s.event(env, { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    await s.waitFor("chat.postMessage");
    const late = await s.event(env, { "x-slack-retry-num": "2", "x-slack-retry-reason": "http_timeout" });
    expect(late.status).toBe(200);
    await settle(400);
    const replies = s.slack.callsTo("chat.postMessage");
    expect(replies).toHaveLength(1);
    expect(replies[0]?.body).toMatchObject({ channel: DM_WANG, text: i18n.t("zh-CN", "bot:help.title") });
    expect(await s.app.db.processedEvent.findMany()).toEqual([
      expect.objectContaining({ platform: "slack", eventId: "Ev0RETRYAPP1" }),
    ]);
  });
});

describe("verification", () => {
  it("a bad signature gets 401 and nothing is recorded", async () => {
    const cmd = formBody(command(s.slack, USERS.emily, "status week"));
    const res = await s.raw(cmd, "application/x-www-form-urlencoded", {
      ...signedHeaders("wrong-secret", cmd, "application/x-www-form-urlencoded"),
    });
    expect(res.status).toBe(401);
    const ev = JSON.stringify(envelope(userMessage(USERS.wang, DM_WANG, "help"), "Ev0FORGED"));
    const res2 = await s.raw(ev, "application/json", {
      ...signedHeaders(APP_SECRET, `${ev} `, "application/json"),
    });
    expect(res2.status).toBe(401);
    await settle();
    expect(await s.app.db.processedEvent.count()).toBe(0);
    expect(await s.app.db.auditEvent.count({ where: { action: "summary.requested" } })).toBe(0);
    expect(s.slack.calls.filter((c) => c.method !== "auth.test")).toHaveLength(0);
    expect(s.slack.responses).toHaveLength(0);
  });

  it("malformed payloads get 400 and nothing is recorded", async () => {
    const audits = await s.app.db.auditEvent.count();
    const noEventId = { ...envelope(userMessage(USERS.wang, DM_WANG, "help")), event_id: undefined };
    expect((await s.event(noEventId)).status).toBe(400);
    const badInner = envelope({ type: "message", channel: DM_WANG, user: USERS.wang, text: ["x"], ts: "1.2" });
    expect((await s.event(badInner)).status).toBe(400);
    const noUser = { ...command(s.slack, USERS.emily, "status"), user_id: "" };
    expect((await s.command(noUser)).status).toBe(400);
    const body = interactiveBody({ type: "view_submission", user: { id: USERS.chen }, view: { id: "V1" } });
    const res = await s.raw(
      body,
      "application/x-www-form-urlencoded",
      signedHeaders(APP_SECRET, body, "application/x-www-form-urlencoded"),
    );
    expect(res.status).toBe(400);
    await settle();
    expect(await s.app.db.processedEvent.count()).toBe(0);
    expect(await s.app.db.auditEvent.count()).toBe(audits);
    expect(s.slack.calls.filter((c) => c.method !== "auth.test")).toHaveLength(0);
  });
});

describe("people not in the org file", () => {
  it.each([
    ["en-US", "en"],
    ["zh-CN", "zh-CN"],
  ] as const)("Slack locale %s → the not-linked explanation in %s", async (slackLocale, locale) => {
    const user = `U0NEW${locale.replace("-", "").toUpperCase()}`;
    s.slack.locales.set(user, slackLocale);
    const fields = command(s.slack, user, "today");
    await s.command(fields);
    const answer = await eventually(() => {
      const r = s.slack.responses.find((x) => x.id === responseId(fields));
      if (!r) throw new Error("no answer yet");
      return r.body;
    });
    expect(answer.text).toBe(i18n.t(locale, "bot:errors.not_linked", { platform: "bot:platform.slack", id: user }));
    expect(s.slack.callsTo("users.info")[0]?.body).toMatchObject({ user, include_locale: "true" });
  });
});

describe("App Home of someone not in the org file", () => {
  it("explains in their Slack language, with the user id an administrator needs", async () => {
    s.slack.locales.set("U0NOBODY", "zh-CN");
    await s.event(envelope({ type: "app_home_opened", user: "U0NOBODY", channel: "D0NOBODY", tab: "home" }));
    const publish = await s.waitFor("views.publish");
    expect(publish.body.user_id).toBe("U0NOBODY");
    const text = blockText((publish.body.view as { blocks: unknown }).blocks);
    expect(text).toBe(i18n.t("zh-CN", "slack:home.not_linked", { id: "U0NOBODY" }));
    expect(text).toContain("U0NOBODY");
  });
});

describe("the outbox to Slack", () => {
  it("a 429 with Retry-After makes the dispatcher wait and retry: one post, nothing lost", async () => {
    await s.app.runtime.scheduler.runOnce(s.clock.now());
    const queued = await s.app.db.outboxMessage.count({ where: { platform: "slack" } });
    expect(queued).toBeGreaterThan(0);
    s.slack.fail("chat.postMessage", { status: 429, retryAfter: 3 });

    const first = await s.app.runtime.dispatcher.drain(s.clock.now());
    expect(first.rateLimited).toBe(1);
    const limited = await s.app.db.outboxMessage.findFirstOrThrow({ where: { lastError: { contains: "rate" } } });
    expect(limited.status).toBe("pending");
    expect(limited.attempts).toBe(0);
    expect(limited.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(s.clock.now().getTime() + 3000);
    // before Retry-After has passed, nothing more goes to that channel
    s.clock.advance(2000);
    await s.app.runtime.dispatcher.drain(s.clock.now());
    expect((await s.app.db.outboxMessage.findUniqueOrThrow({ where: { id: limited.id } })).status).toBe("pending");

    s.clock.advance(1001);
    await s.drain();
    expect(await s.app.db.outboxMessage.count({ where: { platform: "slack", status: { not: "sent" } } })).toBe(0);
    const sent = await s.app.db.outboxMessage.findUniqueOrThrow({ where: { id: limited.id } });
    const toChannel = s.slack.callsTo("chat.postMessage").filter((c) => c.body.channel === limited.destination);
    // one refused (429) and exactly one accepted post for the limited row's channel and text
    const accepted = toChannel.filter((c) => c.status === 200 && c.response?.ts === sent.platformMessageId);
    expect(accepted).toHaveLength(1);
    const ok = s.slack.callsTo("chat.postMessage").filter((c) => c.status === 200);
    expect(ok).toHaveLength(queued);
  });
});

describe("a form in a DM, one question at a time", () => {
  it("incident → questions → an Incident row at the end", async () => {
    const say = async (text: string) => {
      const n = s.slack.callsTo("chat.postMessage").length;
      await s.event(envelope(userMessage(USERS.wang, DM_WANG, text)));
      return s.waitFor("chat.postMessage", n + 1);
    };
    const q1 = await say("事件");
    expect(q1.body.channel).toBe(DM_WANG);
    const asked: string[] = [blockText(q1.body.blocks)];
    const answers: Record<string, string> = {
      [i18n.t("zh-CN", "forms:incident.type")]: "system",
      [i18n.t("zh-CN", "forms:incident.severity")]: "跳过",
      [i18n.t("zh-CN", "forms:incident.description")]: "网银盾批量失效，客户无法办理转账",
    };
    let last = q1;
    for (let i = 0; i < 6 && (await s.app.db.incident.count()) === 0; i++) {
      const q = blockText(last.body.blocks);
      const label = Object.keys(answers).find((l) => q.includes(l));
      if (!label) break;
      last = await say(answers[label] as string);
      asked.push(blockText(last.body.blocks));
    }
    const incident = await eventually(() => s.app.db.incident.findFirstOrThrow(), 2000).catch(() => {
      throw new Error(`no incident; the bot said:\n${asked.join("\n---\n")}`);
    });
    expect(incident).toMatchObject({ type: "system", reportedById: s.ids.staff["wang.fang"] });
    expect(incident.description).toContain("网银盾批量失效");
    expect(blockText(last.body.blocks)).toContain(incident.ref);
    expect(buttons(q1.body.blocks)).toHaveLength(0);
    expect(s.slack.callsTo("views.open")).toHaveLength(0);
    expect(LJZ).toBe("C0DEMOLJZ");
  });
});
