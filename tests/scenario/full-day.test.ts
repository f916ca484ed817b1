// A full working day of the default playbook at both demo outlets on a fake clock, on the
// production wiring (createCore, createRuntime): the runtime's scheduler jobs create, remind,
// nudge, escalate and miss; people answer through the real checklist services (forms, "all ok",
// plain-text replies with an echo, dual control); the runtime's outbox dispatcher delivers
// through the real Slack and Teams senders to the loopback fakes, tapped where they return. Everything that left the
// system is asserted exactly, then the same ticks are replayed to show nothing happens twice.
//
// Day: Tuesday 25 August 2026 (Asia/Shanghai, no holiday, a working day at both outlets), so
// the seven daily tasks (AML screening included) run alongside the weekly study session (Tuesdays)
// and the monthly self-inspection and safety check (the 25th): 10 tasks × 2 outlets = 20 occurrences.
// The scheduler ticks from 07:00 to 20:00 at every playbook instant and the minute before it,
// at every action's minute and every half hour (dayTicks); each tick drains the outbox.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyChain } from "../../src/services/audit/verify.js";
import { DAY_SCRIPT } from "./helpers/day-script.js";
import { createDayWorld, DAY, type DayWorld, dayTicks, everyMinute, local } from "./helpers/day-world.js";
import {
  AUDIT_COUNTS,
  DM_DESTINATIONS,
  expectedOutboxKeys,
  OCCURRENCES,
  OUTBOX_COUNTS,
  OUTLETS,
} from "./helpers/expected-day.js";
import { CHANNEL_TIMELINES, DM_TIMELINES, RESULTS } from "./helpers/expected-messages.js";
import {
  auditCounts,
  channelLine,
  dmLine,
  hhmm,
  hhmmss,
  type Names,
  namesOf,
  normaliseKey,
  resultLines,
} from "./helpers/observe.js";

const TICKS = dayTicks(
  OCCURRENCES.flatMap((o) => o.times),
  DAY_SCRIPT,
);

let w: DayWorld;
let names: Names;
let auditBefore: Set<string>;

beforeAll(async () => {
  w = await createDayWorld();
  auditBefore = new Set((await w.db.auditEvent.findMany({ select: { id: true } })).map((r) => r.id));
  await w.runDay(TICKS, DAY_SCRIPT);
  names = await namesOf(w.db);
}, 120_000);

afterAll(async () => w?.cleanup());

describe(`a full day at SH-LJZ and SH-XJH (${DAY})`, () => {
  it("ran every tick and every action without a failing job", () => {
    expect(w.failures).toEqual([]);
  });

  it("every tick ran the whole job list of the runtime createRuntime built, in its order", () => {
    const production = w.runtime.scheduler.jobNames();
    expect(production.length).toBeGreaterThan(0);
    expect(w.tickJobs.length).toBe(TICKS.length);
    for (const jobs of w.tickJobs) expect(jobs).toEqual(production);
  });

  it("created exactly the day's 20 occurrences, each ending in its expected state at the expected times", async () => {
    const rows = await w.db.taskOccurrence.findMany({ include: { outlet: true, template: true } });
    const actual = rows
      .map((o) => ({
        occ: `${o.outlet.code}/${o.template.key}`,
        dueDate: o.dueDate,
        times: [o.dueAt, o.nudgeAt, o.escalateAt, o.windowEndsAt].map(hhmm),
        state: o.state,
        version: o.version,
        reminded: hhmm(o.remindedAt as Date),
        nudged: o.nudgedAt && hhmm(o.nudgedAt),
        escalated: o.escalatedAt && hhmm(o.escalatedAt),
        missed: o.missedAt && hhmm(o.missedAt),
        completed: hhmmss(o.completedAt),
      }))
      .sort((a, b) => a.occ.localeCompare(b.occ));
    const expected = OCCURRENCES.map((s) => ({
      occ: `${s.outlet}/${s.task}`,
      dueDate: DAY,
      times: s.times,
      state: s.final,
      version: s.version,
      reminded: s.times[0],
      nudged: s.nudged ?? null,
      escalated: s.escalated ?? null,
      missed: s.missed ?? null,
      completed: s.completed ?? null,
    })).sort((a, b) => a.occ.localeCompare(b.occ));
    expect(actual).toEqual(expected);
    // stamps are exact instants: the scheduler acted on the tick of the playbook minute
    for (const o of rows) expect(o.remindedAt?.getTime()).toBe(o.dueAt.getTime());
  });

  it("enqueued exactly the expected outbox rows, and delivered every one of them", async () => {
    const rows = await w.db.outboxMessage.findMany();
    const keys = rows.map((r) => normaliseKey(r.idempotencyKey, names)).sort();
    expect(keys).toEqual(expectedOutboxKeys());
    const count = (re: RegExp) => keys.filter((k) => re.test(k)).length;
    expect({
      reminderPosts: count(/^reminder:[^:]+:(slack|teams):.+(?<!:update:\w+)$/),
      reminderUpdates: count(/^reminder:.*:update:\w+$/),
      nudgeThreadReplies: count(/^nudge:[^:]+:(slack|teams):/),
      nudgeDms: count(/^nudge:[^:]+:dm:/),
      escalationThreadNotes: count(/^task-escalation:/),
      escalationDms: count(/^task-escalation-dm:/),
      missedDms: count(/^task-missed-dm:/),
      digestDms: count(/^digest:daily:/),
      total: keys.length,
    }).toEqual(OUTBOX_COUNTS);
    // nothing superseded, dead or left behind: every row reached its platform once
    expect(rows.map((r) => `${r.status}/${r.lastError ?? ""}`).filter((s) => s !== "sent/")).toEqual([]);
    expect(w.slack.received.length + w.teams.received.length).toBe(OUTBOX_COUNTS.total);
  });

  it("posted to each outlet's Slack and Teams channels from the org file, in order", () => {
    // the outlet channels, and the DMs of zhao.qiang, chen.min, liu.yang and david.sun; never the
    // supervisors' channel C0DEMOLJZSUP (reminders go to the outlet channel)
    expect(w.slack.destinations()).toEqual([
      "C0DEMOLJZ",
      "C0DEMOXJH",
      "U0DEMO0003",
      "U0DEMO0004",
      "U0DEMO0005",
      "U0DEMO0006",
      "U0DEMO0007",
      "U0DEMO0008",
    ]);
    for (const [code, outlet] of Object.entries(OUTLETS)) {
      const timeline = CHANNEL_TIMELINES[code as keyof typeof OUTLETS];
      expect(w.slack.to(outlet.slack).map(channelLine), `Slack ${code}`).toEqual(timeline);
      expect(w.teams.to(outlet.teams).map(channelLine), `Teams ${code}`).toEqual(timeline);
      for (const r of [...w.slack.to(outlet.slack), ...w.teams.to(outlet.teams)])
        expect(r.request.locale).toBe("zh-CN");
    }
    expect(w.teams.destinations()).toEqual(
      [OUTLETS["SH-LJZ"].teams, OUTLETS["SH-XJH"].teams, DM_DESTINATIONS["david.sun"]?.teams].sort(),
    );
  });

  it("threads nudges and escalation notes under the reminder and edits the reminder in place", () => {
    for (const sender of [w.slack, w.teams]) {
      const rootOf = new Map<string, string>(); // occurrence id → platform message id of its reminder
      for (const r of sender.received) {
        const v = r.request.view as { type: string; occurrenceId: string };
        if (r.request.kind === "post" && v.type === "reminder") {
          expect(rootOf.has(`${r.request.destination}|${v.occurrenceId}`)).toBe(false);
          rootOf.set(`${r.request.destination}|${v.occurrenceId}`, r.platformMessageId);
          continue;
        }
        const root = rootOf.get(`${r.request.destination}|${v.occurrenceId}`);
        if (r.request.kind === "update") expect(r.request.messageId).toBe(root);
        else if (root) expect(r.request.threadId, `${v.type} in a channel`).toBe(root);
        else expect(r.request.threadId, `${v.type} DM`).toBeUndefined();
      }
      expect(rootOf.size).toBe(20);
    }
  });

  it("sent direct messages only to those who had not answered and to the outlet's supervisor", () => {
    const dms: Record<string, string[]> = {};
    for (const [code, d] of Object.entries(DM_DESTINATIONS)) {
      const slack = w.slack.to(d.slack).map(dmLine).sort();
      if (slack.length > 0) dms[`slack:${code}`] = slack;
      if (d.teams) dms[`teams:${code}`] = w.teams.to(d.teams).map(dmLine).sort();
    }
    expect(dms).toEqual(DM_TIMELINES);
  });

  it("stored the checklist answers with their values and both confirmers", async () => {
    expect(await resultLines(w.db, names)).toEqual(RESULTS);
  });

  it("audited every change once, and the audit chain verifies", async () => {
    expect(await auditCounts(w.db, auditBefore)).toEqual(AUDIT_COUNTS);
    const total = await w.db.auditEvent.count();
    expect(await verifyChain(w.db)).toMatchObject({ ok: true, count: total });
    // the nudge at SH-LJZ safety_check found everyone had answered: a step, but no recipients
    const safety = await w.occ("SH-LJZ", "safety_check");
    const nudge = await w.db.auditEvent.findFirstOrThrow({ where: { entityId: safety, action: "task.nudged" } });
    expect(JSON.parse(nudge.after as string)).toMatchObject({ state: "nudged", recipients: [] });
    const created = await w.db.auditEvent.findMany({ where: { action: "task.occurrence.created" } });
    expect(new Set(created.map((e) => hhmm(e.at)))).toEqual(new Set(["07:00"]));
  });

  it("a replay of the same ticks creates nothing new, and late answers are refused", async () => {
    const snapshot = async () => ({
      outbox: (await w.db.outboxMessage.findMany({ orderBy: { idempotencyKey: "asc" } })).map(
        (r) => `${r.idempotencyKey}|${r.status}|${r.platformMessageId}`,
      ),
      occurrences: (await w.db.taskOccurrence.findMany({ orderBy: { id: "asc" } })).map(
        (o) => `${o.id}|${o.state}|${o.version}`,
      ),
      results: await resultLines(w.db, names),
      audit: await w.db.auditEvent.count(),
      sent: w.slack.received.length + w.teams.received.length,
    });
    const before = await snapshot();
    await w.runDay(TICKS);
    expect(w.failures).toEqual([]);
    expect(await snapshot()).toEqual(before);

    // people acting again on closed checklists change nothing either
    w.clock.set(local("17:50"));
    const chen = await w.staff("chen.min");
    const again = await w.checklist.confirmAllOk(chen, await w.occ("SH-LJZ", "opening"), { platform: "slack" });
    expect(again).toMatchObject({ ok: false, message: { key: "checklist:refusal.closed" } });
    const david = await w.staff("david.sun");
    const late = await w.checklist.confirmAllOk(david, await w.occ("SH-XJH", "midday_check"), { platform: "teams" });
    expect(late).toMatchObject({ ok: false, message: { key: "checklist:refusal.missed" } });
    const liJun = await w.staff("li.jun");
    const echo = await w.replies.handleReply(liJun, await w.occ("SH-LJZ", "lobby_ready"), "确认", {
      platform: "slack",
    });
    expect(echo).toMatchObject({ type: "text", message: { key: "checklist:refusal.closed" } });
    expect(await snapshot()).toEqual(before);
  }, 60_000);
});

describe("the demo org before the Teams app is installed anywhere (no conversation references)", () => {
  let u: DayWorld;
  afterAll(async () => u?.cleanup());

  it("Slack is unaffected; Teams posts are retried with backoff, then marked dead with the reason, never dropped silently", async () => {
    u = await createDayWorld({ teamsInstalled: false });
    await u.runDay(everyMinute("07:59", "08:16"));
    const n = await namesOf(u.db);
    expect(u.failures).toEqual([]);
    expect(u.slack.to("C0DEMOLJZ").map(channelLine)).toEqual([
      "08:00 reminder:opening reminded 0/8",
      "08:15 ↳ nudge:opening 陈敏,王芳,赵强",
      "08:15 ✎ opening nudged 0/8",
    ]);
    expect(u.teams.received).toEqual([]);
    const teamsRows = await u.db.outboxMessage.findMany({ where: { platform: "teams" } });
    const seen = teamsRows
      .map((r) => `${normaliseKey(r.idempotencyKey, n)} ${r.status} ${r.attempts} ${r.lastError?.slice(0, 30)}`)
      .sort();
    // the reminder: 8 attempts 1.5 s … 96 s apart (08:00–08:04), then dead; its edits can never
    // be applied; the 08:15 nudges are still retrying (posted at top level once they get through)
    expect(seen.map((l) => l.replace(/(pending) \d+/, "$1 n"))).toEqual([
      "nudge:SH-LJZ/opening:teams:19:demo-sh-ljz@thread.tacv2 pending n no Teams conversation referenc",
      "nudge:SH-XJH/opening:dm:david.sun:teams:a:demo-david-sun-personal pending n no Teams conversation referenc",
      "nudge:SH-XJH/opening:teams:19:demo-sh-xjh@thread.tacv2 pending n no Teams conversation referenc",
      "reminder:SH-LJZ/opening:teams:19:demo-sh-ljz@thread.tacv2 dead 8 no Teams conversation referenc",
      "reminder:SH-LJZ/opening:teams:19:demo-sh-ljz@thread.tacv2:update:nudged dead 0 the message to update was neve",
      "reminder:SH-XJH/opening:teams:19:demo-sh-xjh@thread.tacv2 dead 8 no Teams conversation referenc",
      "reminder:SH-XJH/opening:teams:19:demo-sh-xjh@thread.tacv2:update:nudged dead 0 the message to update was neve",
    ]);
  });
});
