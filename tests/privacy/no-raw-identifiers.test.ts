// Every identifier form planted in every free-text field, through the real bot core and
// services on a real SQLite file; then the raw database FILE bytes, the debug-level logs, the
// outbox payloads and the audit export are searched: no raw value may appear anywhere.
// A second part runs the real Slack app (Bolt in HTTP mode, the Web API client) with a debug
// logger, so the SDKs' own debug output (incoming bodies, request bodies) is searched too.

import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { chineseIdChecksumValid, luhnValid } from "../../src/domain/masking.js";
import { createLogger } from "../../src/log.js";
import { exportAudit } from "../../src/services/audit/export.js";
import { type BotWorld, botWorld, formOf, only } from "../bot/setup.js";
import { onPostgres } from "../helpers/db.js";
import { eventually, type SlackApp, startSlackApp } from "../slack/app-harness.js";
import { command, envelope, modalOf, submission, USERS, userMessage } from "../slack/app-payloads.js";

// Valid values: checksum-valid IDs (ASCII and full-width, ending in X), Luhn-valid cards.
const ID_ASCII = "11010519491231002X";
const ID_WIDE = "３１０１０４１９８８０６１０１０８Ｘ"; // 31010419880610108X
const CARD_SPACED = "6222 0212 3456 7894";
const CARD_DASHED = "4111-1111-1111-1111";
const MOBILES = ["139 1234 5678", "139-1234-5678", "139.1234.5678", "+86 138 1234 5678", "１３７１２３４５６７８"];
const EMAIL = "zhang.san@example.com";
const NAME = "张三丰";

/** Every form in one text (fits the 200-character fields). */
const PII = `客户${NAME}，身份证${ID_ASCII}，证件${ID_WIDE}，手机${MOBILES.join("、")}，卡号${CARD_SPACED}、${CARD_DASHED}，邮箱${EMAIL}`;
/** In a checklist reply "，" and "、" separate answers, so the note there uses spaces. */
const PII_REPLY = PII.replaceAll(/[，、]/g, " ");
/** For the 100-character customer reference. */
const PII_SHORT = `客户${NAME} ${MOBILES[0]} ${ID_WIDE} ${EMAIL}`;

const compact = (s: string) => s.normalize("NFKC").replace(/[\s.+-]/g, "");
/** What must never appear: each value as typed, and its digits run together. */
const NEEDLES = [
  NAME,
  ID_ASCII,
  ID_WIDE,
  compact(ID_WIDE),
  CARD_SPACED,
  compact(CARD_SPACED),
  CARD_DASHED,
  compact(CARD_DASHED),
  ...MOBILES,
  ...MOBILES.map((m) => compact(m).replace(/^86/, "")),
  EMAIL,
  "zhang.san",
];

function leaks(haystack: string): string[] {
  return NEEDLES.filter((n) => haystack.includes(n));
}

/** Every file of the SQLite database (main file, WAL, journal), as raw bytes read as UTF-8. */
function databaseBytes(dir: string): string {
  return readdirSync(dir)
    .filter((f) => f.includes(".db"))
    .map((f) => readFileSync(path.join(dir, f)).toString("utf8"))
    .join("\n");
}

function captured() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, log: createLogger("debug", stream) };
}

async function exported(w: BotWorld, format: "csv" | "jsonl"): Promise<string> {
  let out = "";
  const sink = new Writable({
    write(chunk, _enc, done) {
      out += String(chunk);
      done();
    },
  });
  const { count } = await exportAudit(w.db, sink, { from: "2026-11-01", to: "2026-11-30", format });
  expect(count).toBeGreaterThan(20);
  return out;
}

describe("the planted values are real identifiers", () => {
  it("IDs pass the GB 11643 check, cards pass Luhn", () => {
    expect(chineseIdChecksumValid(ID_ASCII)).toBe(true);
    expect(chineseIdChecksumValid(compact(ID_WIDE))).toBe(true);
    expect(luhnValid(compact(CARD_SPACED))).toBe(true);
    expect(luhnValid(compact(CARD_DASHED))).toBe(true);
    expect(PII.length).toBeLessThanOrEqual(200);
    expect(PII_SHORT.length).toBeLessThanOrEqual(100);
  });
});

describe("no raw identifier is stored, posted, logged or exported (bot core + services)", () => {
  let w: BotWorld;
  afterEach(async () => w.cleanup());

  it("checklists, echo sessions, incidents, complaints, text-mode forms", async () => {
    const { lines, log } = captured();
    w = await botWorld("2026-11-23T00:50:00Z", { log }); // 08:50: lobby and morning meeting out
    await w.schedule();
    const actor = (who: string) => ({ staffId: w.ids.staff[who] as string, platform: "slack" as const });
    const chen = { id: w.ids.staff["chen.min"] as string, name: "陈敏" };

    // 1. a failed item's note in a thread reply: echo session, confirm, result row
    const lobby = await w.occurrence("lobby_ready");
    await w.posted(`reminder:${lobby.id}`, "1700000000.000100");
    const thread = w.channel({ threadId: "1700000000.000100", messageId: "1700000000.000200" });
    const echo = only(await w.core.onText(w.slackUser("li"), thread, `1 异常 ${PII_REPLY}`), "confirmation_echo");
    expect(echo.lines[0]?.note).toContain("客户张**");
    expect(leaks(JSON.stringify(await w.db.formSession.findMany()))).toEqual([]);
    await w.core.onAction(w.slackUser("li"), thread, { action: "checklist.echo_confirm", value: echo.sessionId });
    const failed = await w.db.checklistItemResult.findFirstOrThrow({ where: { itemKey: "floor_clean" } });
    expect(failed.status).toBe("failed");
    expect(failed.note).toContain("身份证1101**********002X");
    // an echo that is cancelled keeps nothing raw either
    only(await w.core.onText(w.slackUser("li"), thread, `2 异常 ${PII_REPLY}`), "confirmation_echo");
    await w.core.onText(w.slackUser("li"), thread, "取消");

    // 2. a free-text item (the morning meeting's topic) by reply and through the modal values
    const meeting = await w.occurrence("morning_meeting");
    await w.posted(`reminder:${meeting.id}`, "1700000000.000300");
    const meetingThread = w.channel({ threadId: "1700000000.000300" });
    const topicEcho = only(
      await w.core.onText(w.slackUser("chen"), meetingThread, `2 ${PII_REPLY}`),
      "confirmation_echo",
    );
    await w.core.onAction(w.slackUser("chen"), meetingThread, {
      action: "checklist.echo_confirm",
      value: topicEcho.sessionId,
    });
    const topic = await w.db.checklistItemResult.findFirstOrThrow({ where: { itemKey: "topic" } });
    expect(topic.valueText).toContain("邮箱z***@example.com");
    const corrected = await w.services.checklist.confirmValues(
      chen,
      meeting.id,
      { topic: `${PII} 更正` },
      { platform: "slack" },
    );
    expect(corrected.ok).toBe(true);

    // 3. an incident through the form, a thread note, the note form, resolve and close notes
    const form = formOf(await w.core.onCommand(w.slackUser("wang"), w.channel(), "incident"));
    const reported = await w.core.onSubmit(w.slackUser("wang"), w.channel(), {
      formKey: "incident",
      contextId: form.contextId,
      values: { type: "equipment", description: PII, location: PII },
    });
    if (!reported.ok) throw new Error(JSON.stringify(reported.errors));
    const incident = await w.db.incident.findFirstOrThrow();
    await w.core.onAction(w.slackUser("chen"), w.channel(), { action: "incident.acknowledge", value: incident.id });
    await w.posted(`incident:${incident.id}`, "1700000001.000100", "C0DEMOLJZSUP");
    const incThread = {
      platform: "slack" as const,
      channelId: "C0DEMOLJZSUP",
      isDirect: false,
      threadId: "1700000001.000100",
    };
    await w.core.onText(w.slackUser("chen"), incThread, PII);
    const noteForm = formOf(
      await w.core.onAction(w.slackUser("chen"), w.channel(), { action: "incident.update", value: incident.id }),
    );
    await w.core.onSubmit(w.slackUser("chen"), w.channel(), {
      formKey: "incident_note",
      contextId: noteForm.contextId,
      values: { note: PII },
    });
    expect((await w.services.incidents.resolve(actor("chen.min"), incident.id, PII)).ok).toBe(true);
    expect((await w.services.incidents.close(actor("chen.min"), incident.id, PII)).ok).toBe(true);
    expect(await w.db.incidentEvent.count({ where: { incidentId: incident.id, note: { not: null } } })).toBe(4);

    // 4. a complaint through the form, a proposal, decisions with comments, the follow-up
    const cForm = formOf(await w.core.onCommand(w.slackUser("wang"), w.channel(), "投诉"));
    const logged = await w.core.onSubmit(w.slackUser("wang"), w.channel(), {
      formKey: "complaint",
      contextId: cForm.contextId,
      values: {
        category: "waiting_time",
        intakeChannel: "counter",
        customerRef: PII_SHORT,
        description: PII,
        desiredOutcome: PII,
      },
    });
    if (!logged.ok) throw new Error(JSON.stringify(logged.errors));
    const complaint = await w.db.complaint.findFirstOrThrow();
    expect(complaint.customerRef).toContain("客户张**");
    expect(
      (await w.services.complaints.propose(actor("chen.min"), { complaintId: complaint.id, proposal: PII })).ok,
    ).toBe(true);
    const change = formOf(
      await w.core.onAction(w.slackUser("chen"), w.channel(), {
        action: "complaint.request_changes",
        value: complaint.id,
      }),
    );
    await w.core.onSubmit(w.slackUser("chen"), w.channel(), {
      formKey: "decision_comment",
      contextId: change.contextId,
      values: { comment: PII },
    });
    const approve = formOf(
      await w.core.onAction(w.slackUser("chen"), w.channel(), { action: "complaint.approve", value: complaint.id }),
    );
    const approved = await w.core.onSubmit(w.slackUser("chen"), w.channel(), {
      formKey: "decision_comment",
      contextId: approve.contextId,
      values: { comment: PII },
    });
    expect(approved.ok).toBe(true);
    expect(
      (
        await w.services.complaints.logFollowUp(actor("wang.fang"), {
          complaintId: complaint.id,
          outcome: "satisfied",
          note: PII,
          causeAnalysis: PII,
          preventiveMeasures: PII,
        })
      ).ok,
    ).toBe(true);
    expect(await w.db.complaintDecision.count({ where: { complaintId: complaint.id } })).toBe(2);

    // 5. "Raise as complaint" on a message, and the complaint form in text mode in a DM
    formOf(await w.core.onAction(w.slackUser("wang"), w.channel(), { action: "complaint.from_message", value: PII }));
    const dm = w.dm("wang");
    for (const answer of ["complaint", "2", "柜面", PII_SHORT, PII, PII])
      await w.core.onText(w.slackUser("wang"), dm, answer);
    expect(await w.db.complaint.count()).toBe(2);
    // a text-mode form cancelled halfway keeps only masked answers
    for (const answer of ["incident", "1", PII]) await w.core.onText(w.slackUser("wang"), dm, answer);
    await w.core.onText(w.slackUser("wang"), dm, "取消");

    // 6. circulars (通知学习确认): through the form, and as a text command in a DM
    const circ = formOf(await w.core.onCommand(w.slackUser("chen"), w.channel(), "circular"));
    const circulated = await w.core.onSubmit(w.slackUser("chen"), w.channel(), {
      formKey: "circular",
      contextId: circ.contextId,
      values: { title: PII_SHORT, body: PII },
    });
    if (!circulated.ok) throw new Error(JSON.stringify(circulated.errors));
    await w.core.onText(w.slackUser("chen"), w.dm("chen"), `通知 ${PII_SHORT}｜${PII}`);
    expect(await w.db.circular.count()).toBe(2);

    // the outbox has the cards, thread replies and DMs built from all of that
    // SQLite: flush the WAL so the database file itself holds every row before it is grepped
    if (!onPostgres) await w.db.$executeRawUnsafe("PRAGMA wal_checkpoint(FULL)");
    const outbox = await w.db.outboxMessage.findMany();
    expect(outbox.length).toBeGreaterThan(10);
    const sessions = await w.db.formSession.findMany();
    expect(sessions.some((s) => s.status === "cancelled")).toBe(true);
    expect(sessions.some((s) => s.status === "done")).toBe(true);

    const jsonl = await exported(w, "jsonl");
    const csv = await exported(w, "csv");
    expect(jsonl).toContain("客户张**");

    expect(leaks(databaseBytes(w.dir))).toEqual([]);
    expect(leaks(JSON.stringify(outbox))).toEqual([]);
    expect(leaks(JSON.stringify(sessions))).toEqual([]);
    expect(leaks(jsonl)).toEqual([]);
    expect(leaks(csv)).toEqual([]);
    expect(leaks(lines.join(""))).toEqual([]);
  });
});

describe("the Slack SDKs' debug logs carry no raw identifiers (real app, Bolt + Web API client)", () => {
  let s: SlackApp;
  afterEach(async () => s.stop());

  it("incoming bodies, modal submissions and outgoing requests are scrubbed", async () => {
    const { lines, log } = captured();
    s = await startSlackApp(undefined, { logger: log });
    // a DM with every form: Bolt logs the whole incoming body at debug
    await s.event(envelope(userMessage(USERS.wang, "D0DEMO0001", PII)));
    await s.waitFor("chat.postMessage");
    // a complaint through the modal: the view_submission body, then the card posted
    await s.command(command(s.slack, USERS.wang, "complaint"));
    const modal = modalOf(await s.waitFor("views.open"));
    await s.interact(
      submission(USERS.wang, modal, {
        category: "waiting_time",
        intakeChannel: "counter",
        customerRef: PII_SHORT,
        description: PII,
        desiredOutcome: PII,
      }),
    );
    await eventually(() => s.app.db.complaint.findFirstOrThrow());
    // a circular typed into the slash command itself: the command body Bolt logs, the DMs posted
    await s.command(command(s.slack, USERS.chen, `通知 ${PII_SHORT}｜${PII}`));
    await eventually(() => s.app.db.circular.findFirstOrThrow());
    await s.drain();
    const all = lines.join("");
    // the SDKs did log at debug (so the check below is about real output)
    expect(all).toContain('"component":"slack-sdk"');
    expect(all).toMatch(/http request body/);
    expect(all).toContain("[redacted text]");
    expect(leaks(all)).toEqual([]);
  });
});
