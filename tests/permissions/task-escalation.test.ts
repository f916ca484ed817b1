// Who hears of an overdue task is permissions.tasks.escalateTo. By default SH-LJZ's opening
// checklist, unconfirmed 30 minutes after 08:00, goes to its supervisor (chen.min); with the
// tiers set to [[manager]] in the playbook file it goes to the manager (emily.zhou) instead.
// The scheduler's real tick escalates; the outbox delivers the DM through each platform.
import { afterEach, describe, expect, it } from "vitest";
import { type SlackApp, startSlackApp } from "../slack/app-harness.js";
import { CHEN, message, PERSONAL, personalChatOf } from "../teams/app-activities.js";
import { startTeamsApp, type TeamsApp } from "../teams/app-harness.js";
import { EMILY, orgFile, playbookFile } from "./world.js";

const managerFirst = () =>
  playbookFile((pb) => {
    pb.permissions.tasks.escalateTo = [["manager"]];
  });

type Started = Pick<SlackApp, "app" | "ids" | "clock">;

/** Ticks the scheduler a minute at a time until 08:31 Shanghai (opening escalates at 08:30). */
async function tickPastEscalation(a: Started) {
  const until = Date.parse("2026-11-23T00:31:00Z");
  await a.app.runtime.scheduler.runOnce(a.clock.now());
  while (a.clock.now().getTime() < until) {
    a.clock.advance(60_000);
    await a.app.runtime.scheduler.runOnce(a.clock.now());
  }
  for (let i = 0; i < 3; i++) {
    a.clock.advance(60_000);
    await a.app.runtime.scheduler.runOnce(a.clock.now());
  }
}

/** Who got the escalation DM of SH-LJZ's opening on `platform`, and whether it was delivered. */
async function escalatedTo(a: Started, platform: "slack" | "teams") {
  const occ = await a.app.db.taskOccurrence.findFirstOrThrow({
    where: { outletId: a.ids.outlets["SH-LJZ"], template: { key: "opening" } },
  });
  expect(occ.state).toBe("escalated");
  const rows = await a.app.db.outboxMessage.findMany({
    where: { idempotencyKey: { startsWith: `task-escalation-dm:${occ.id}:` }, platform },
  });
  const codeOf = new Map(Object.entries(a.ids.staff).map(([code, id]) => [id, code]));
  return rows.map((r) => ({ to: codeOf.get(r.idempotencyKey.split(":")[2] ?? ""), status: r.status })).sort();
}

describe("task escalation on Slack", () => {
  let s: SlackApp;
  afterEach(async () => {
    await s.stop();
  });

  it("default playbook: the supervisor gets the DM", async () => {
    s = await startSlackApp();
    await tickPastEscalation(s);
    await s.drain();
    expect(await escalatedTo(s, "slack")).toEqual([{ to: "chen.min", status: "sent" }]);
  });

  it("escalateTo = [[manager]]: the manager gets it, the supervisor does not", async () => {
    s = await startSlackApp(undefined, { playbookFile: managerFirst() });
    await tickPastEscalation(s);
    await s.drain();
    expect(await escalatedTo(s, "slack")).toEqual([{ to: "emily.zhou", status: "sent" }]);
    const emily = s.slack.callsTo("chat.postMessage").filter((c) => JSON.stringify(c.body).includes("U0DEMO0005"));
    expect(emily.length).toBeGreaterThan(0);
  });
});

describe("task escalation on Teams", () => {
  let h: TeamsApp;
  afterEach(async () => {
    await h.stop();
  });

  // 08:05, before the opening checklist is overdue
  const start = "2026-11-23T00:05:00Z";

  /** Teams can message a person only in a chat they opened with the bot: both say hello first. */
  async function bothSayHello() {
    for (const who of [CHEN, EMILY]) await h.post(message(h.connector.url, who, PERSONAL, "help"));
  }

  it("default playbook: the supervisor gets the DM", async () => {
    h = await startTeamsApp({ start, orgFile: orgFile() });
    await bothSayHello();
    await tickPastEscalation(h);
    await h.drain();
    expect(await escalatedTo(h, "teams")).toEqual([{ to: "chen.min", status: "sent" }]);
  });

  it("escalateTo = [[manager]]: the manager gets it, the supervisor does not", async () => {
    h = await startTeamsApp({ start, orgFile: orgFile(), playbookFile: managerFirst() });
    await bothSayHello();
    await tickPastEscalation(h);
    await h.drain();
    expect(await escalatedTo(h, "teams")).toEqual([{ to: "emily.zhou", status: "sent" }]);
    const toEmily = h.connector.calls.filter((c) => c.conversationId === personalChatOf(EMILY) && c.method === "POST");
    expect(toEmily.length).toBeGreaterThan(1); // the hello's answer, then the escalation
  });
});
