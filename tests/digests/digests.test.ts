// Digests through the real edges: at 18:00 on a working day each outlet's supervisors and manager
// get the day's summary in their DM, in their own language, once; on Friday at 17:30 regional
// operations get the week's, with every outlet ranked. The scheduler's real tick, the outbox and
// the platform senders; the words asserted are what people read.
import { afterEach, describe, expect, it } from "vitest";
import { orgFile } from "../permissions/world.js";
import { type SlackApp, startSlackApp } from "../slack/app-harness.js";
import { blockText, dmOf, USERS } from "../slack/app-payloads.js";
import { CHEN, message, PERSONAL, personalChatOf, type TeamsUser } from "../teams/app-activities.js";
import { cardOf, cardText, startTeamsApp, type TeamsApp } from "../teams/app-harness.js";

const LJZ = "陆家嘴支行营业部 (Lujiazui Sub-branch)";
const XJH = "徐家汇支行营业部 (Xujiahui Sub-branch)";
const REGION = "上海分行运营管理部 (Shanghai Branch Operations)";

describe("the end-of-day digest on Slack", () => {
  let s: SlackApp;
  afterEach(async () => {
    await s.stop();
  });

  const digestsTo = (user: string) =>
    s.slack
      .callsTo("chat.postMessage")
      .filter((c) => (c.body as { channel: string }).channel === dmOf(user))
      .map((c) => blockText((c.body as { blocks: unknown[] }).blocks))
      .filter((t) => /digest|汇总/.test(t));

  it("goes at 18:00 to each outlet's supervisor and manager, in their language, once", async () => {
    s = await startSlackApp();
    s.clock.set("2026-11-23T09:59:00Z"); // 17:59 Monday in Shanghai: not yet
    await s.app.runtime.scheduler.runOnce(s.clock.now());
    expect(await s.app.db.digestRun.count()).toBe(0);

    s.clock.set("2026-11-23T10:00:00Z");
    await s.app.runtime.scheduler.runOnce(s.clock.now());
    await s.app.runtime.scheduler.runOnce(s.clock.now()); // a second replica's tick
    await s.drain();
    const chen = digestsTo(USERS.chen);
    expect(chen).toHaveLength(1);
    expect(chen[0]).toContain(`日终汇总 · ${LJZ}`);
    expect(chen[0]).toContain("延迟率");
    expect(chen[0]).toContain("漏办率");
    const emily = digestsTo(USERS.emily);
    expect(emily).toHaveLength(1);
    expect(emily[0]).toContain(`End-of-day digest · ${LJZ}`);
    expect(emily[0]).toContain("Late rate");
    // SH-XJH's supervisor gets his own outlet's, not SH-LJZ's
    expect(digestsTo(USERS.david)).toEqual([expect.stringContaining(`End-of-day digest · ${XJH}`)]);
    // tellers and lobby staff are not in digests.daily.to
    expect(digestsTo(USERS.wang)).toEqual([]);
    const runs = await s.app.db.digestRun.findMany({ orderBy: { scope: "asc" } });
    expect(runs.map((r) => [r.kind, r.period])).toEqual([
      ["daily", "2026-11-23"],
      ["daily", "2026-11-23"],
    ]);

    s.clock.set("2026-11-23T12:00:00Z"); // later the same evening: nothing again
    await s.app.runtime.scheduler.runOnce(s.clock.now());
    await s.drain();
    expect(digestsTo(USERS.chen)).toHaveLength(1);
    const audit = await s.app.db.auditEvent.count({ where: { action: "digest.daily_sent" } });
    expect(audit).toBe(2);
  });
});

describe("the end-of-day digest on a day the outlets are closed", () => {
  let s: SlackApp;
  afterEach(async () => {
    await s.stop();
  });

  it("sends nothing, and records the day so later ticks pass it by", async () => {
    s = await startSlackApp("2026-11-22T10:00:00Z"); // Sunday 18:00: neither demo outlet works Sundays
    await s.app.runtime.scheduler.runOnce(s.clock.now());
    s.clock.advance(60_000);
    await s.app.runtime.scheduler.runOnce(s.clock.now());
    await s.drain();
    const runs = await s.app.db.digestRun.findMany();
    expect(runs.map((r) => [r.kind, r.period, r.recipients])).toEqual([
      ["daily", "2026-11-22", 0],
      ["daily", "2026-11-22", 0],
    ]);
    const dms = s.slack.callsTo("chat.postMessage").filter((c) => /digest|汇总/.test(JSON.stringify(c.body)));
    expect(dms).toEqual([]);
    expect(await s.app.db.auditEvent.count({ where: { action: "digest.daily_sent" } })).toBe(0);
  });
});

describe("digests on Teams", () => {
  let h: TeamsApp;
  afterEach(async () => {
    await h.stop();
  });

  const GRACE: TeamsUser = {
    id: "29:test-grace-lin",
    name: "Grace Lin",
    aadObjectId: "44444444-0000-0000-0000-000000000009",
  };
  const withGrace = () =>
    orgFile((org) => {
      const grace = org.staff.find((x: { code: string }) => x.code === "grace.lin");
      grace.teams = { userId: GRACE.id, aadObjectId: GRACE.aadObjectId };
    });
  const shownIn = (u: TeamsUser) =>
    h.connector.calls
      .filter((c) => c.conversationId === personalChatOf(u) && c.method === "POST")
      .map((c) => (c.body.attachments ? cardText(cardOf(c.body)) : String(c.body.text ?? "")))
      .filter((t) => /digest|汇总/.test(t));

  it("the end-of-day digest reaches the supervisor's personal chat in Chinese", async () => {
    h = await startTeamsApp({ start: "2026-11-23T10:00:00Z", orgFile: withGrace() }); // Monday 18:00
    await h.post(message(h.connector.url, CHEN, PERSONAL, "help"));
    h.connector.reset();
    await h.app.runtime.scheduler.runOnce(h.clock.now());
    await h.drain();
    const chen = shownIn(CHEN);
    expect(chen).toHaveLength(1);
    expect(chen[0]).toContain(`日终汇总 · ${LJZ}`);
    expect(chen[0]).toContain("延迟率");
    expect(chen[0]).toContain("漏办率");
    // a weekday, not Friday: no weekly digest for regional operations
    expect(shownIn(GRACE)).toEqual([]);
  });

  it("goes on Friday at 17:30 to regional operations, with every outlet ranked", async () => {
    h = await startTeamsApp({ start: "2026-11-27T09:30:00Z", orgFile: withGrace() }); // Friday 17:30
    for (const who of [GRACE, CHEN]) await h.post(message(h.connector.url, who, PERSONAL, "help"));
    h.connector.reset();
    await h.app.runtime.scheduler.runOnce(h.clock.now());
    await h.drain();
    const grace = shownIn(GRACE);
    expect(grace).toHaveLength(1);
    expect(grace[0]).toContain(`Weekly digest · ${REGION}`);
    expect(grace[0]).toContain("Outlets ranked (2)");
    expect(grace[0]).toMatch(/1\. .*(Lujiazui|Xujiahui)/);
    expect(grace[0]).toContain(LJZ);
    expect(grace[0]).toContain(XJH);
    // the supervisor is not a weekly reader, and the daily digest is not due before 18:00
    expect(shownIn(CHEN)).toEqual([]);
    const [run] = await h.app.db.digestRun.findMany();
    expect(run).toMatchObject({ kind: "weekly", period: "2026-11-23", recipients: 1 });
  });
});
