// Back-office error notices (事后监督差错整改) on real SQLite: raising (who may, masking, the
// reference, the card to the outlet's supervisors), the rectification reply, acceptance and
// return with a fresh deadline, and the deadline sweep climbing backOffice.ladder once per
// step however often it runs, then flagging once at the top.
import { afterEach, describe, expect, it } from "vitest";
import { ErrorNoticeService } from "../../src/services/backoffice/error-notices.js";
import { SummaryService } from "../../src/services/summary/service.js";
import { cardStrings } from "../../src/views/card.js";
import { presentView } from "../../src/views/present/index.js";
import { auditActions, type CaseWorld, caseWorld, outboxUnder, raceInProcesses } from "../cases/setup.js";
import { i18n, playbook } from "../helpers/db.js";

let w: CaseWorld;
let notices: ErrorNoticeService;
afterEach(async () => {
  await w?.t.cleanup();
});

async function world(start = "2026-11-23T01:00:00Z") {
  w = await caseWorld(start);
  notices = new ErrorNoticeService(w.deps);
}

const raiseInput = (w: CaseWorld) => ({
  outletId: w.outlets["SH-LJZ"] as string,
  category: "missing_seal",
  description: "凭证缺少经办柜员签章，客户手机 13812345678",
  voucherRef: "卡号 6222021234567890123",
  responsibleStaffId: w.staff["wang.fang"] as string,
});

async function raised() {
  const r = await notices.raise(w.as("grace.lin"), raiseInput(w));
  if (!r.ok) throw new Error(`${r.code} ${JSON.stringify(r)}`);
  return r;
}

const row = (id: string) => w.db.errorNotice.findUniqueOrThrow({ where: { id } });

describe("raising an error notice", () => {
  it("is for the back office only, masks every text and posts the card to the supervisors' channel", async () => {
    await world();
    const refused = await notices.raise(w.as("chen.min"), raiseInput(w));
    expect(refused).toMatchObject({
      ok: false,
      code: "not_authorised",
      message: { key: "backoffice:refusal.not_authorised_issue" },
    });
    const bad = await notices.raise(w.as("grace.lin"), { ...raiseInput(w), category: "weather", description: " " });
    expect(bad).toMatchObject({
      ok: false,
      code: "invalid_input",
      errors: {
        category: { key: "backoffice:errors.category_unknown" },
        description: { key: "backoffice:errors.required" },
      },
    });
    const outsider = await notices.raise(w.as("grace.lin"), {
      ...raiseInput(w),
      responsibleStaffId: w.staff["liu.yang"] as string, // works at SH-XJH only
    });
    expect(outsider).toMatchObject({
      ok: false,
      errors: { responsibleStaffId: { key: "backoffice:errors.responsible_unknown" } },
    });
    expect(await w.db.errorNotice.count()).toBe(0);

    const r = await raised();
    expect(r.ref).toBe("EN-SH-LJZ-20261123-001");
    const n = await row(r.noticeId);
    expect(n.description).not.toContain("13812345678");
    expect(n.description).toContain("凭证缺少经办柜员签章");
    expect(n.voucherRef).not.toContain("6222021234567890123");
    expect(n).toMatchObject({ status: "open", step: 0, issuedById: w.staff["grace.lin"], late: false });
    // replyWithin 3 business days from Monday 09:00 in Shanghai: Thursday 09:00
    expect(n.dueAt.toISOString()).toBe("2026-11-26T01:00:00.000Z");
    expect(await auditActions(w.db, n.id)).toEqual(["error_notice.issued"]);
    const audit = await w.db.auditEvent.findFirstOrThrow({ where: { entityId: n.id } });
    expect(audit.after).not.toContain("13812345678");
    const keys = (await outboxUnder(w.db, `errornotice:${n.id}`)).map((o) => o.idempotencyKey);
    expect(keys).toContain(`errornotice:${n.id}:slack:C0DEMOLJZSUP`);
    // the responsible teller hears directly
    expect(keys.some((k) => k.startsWith(`errornotice:${n.id}:responsible:slack:`))).toBe(true);
    const second = await raised();
    expect(second.ref).toBe("EN-SH-LJZ-20261123-002");
  });

  it("takes the notice's own number of business days", async () => {
    await world();
    const r = await notices.raise(w.as("grace.lin"), { ...raiseInput(w), replyDays: 1 });
    if (!r.ok) throw new Error("not raised");
    expect((await row(r.noticeId)).dueAt.toISOString()).toBe("2026-11-24T01:00:00.000Z");
    const tooLong = await notices.raise(w.as("grace.lin"), { ...raiseInput(w), replyDays: 31 });
    expect(tooLong).toMatchObject({ ok: false, errors: { replyDays: { key: "backoffice:errors.reply_days" } } });
  });
});

describe("reply, accept and return", () => {
  it("the outlet replies (masked), the back office returns it with a new deadline, then accepts", async () => {
    await world();
    const { noticeId, ref } = await raised();
    expect(await notices.reply(w.as("li.jun"), noticeId, "已补盖")).toMatchObject({
      ok: false,
      code: "not_authorised",
      message: { key: "backoffice:refusal.not_authorised_reply", vars: { ref } },
    });
    expect(await notices.accept(w.as("grace.lin"), noticeId)).toMatchObject({
      ok: false,
      message: { key: "backoffice:refusal.not_replied" },
    });
    w.clock.advance(60 * 60_000);
    const replied = await notices.reply(w.as("chen.min"), noticeId, "已补盖签章，联系客户 13812345678 确认");
    expect(replied).toEqual({ ok: true, ref, late: false });
    let n = await row(noticeId);
    expect(n).toMatchObject({ status: "replied", repliedById: w.staff["chen.min"] });
    expect(n.reply).not.toContain("13812345678");
    expect(await notices.reply(w.as("wang.fang"), noticeId, "再次回复")).toMatchObject({
      ok: false,
      message: { key: "backoffice:refusal.already_replied" },
    });
    // only the accept roles decide
    expect(await notices.accept(w.as("emily.zhou"), noticeId)).toMatchObject({ ok: false, code: "not_authorised" });
    expect(await notices.returnReply(w.as("grace.lin"), noticeId, "  ")).toMatchObject({
      ok: false,
      errors: { comment: { key: "backoffice:errors.required" } },
    });
    // Tuesday 09:00 local: returned, a fresh 3 business days
    w.clock.set(new Date("2026-11-24T01:00:00Z"));
    expect(
      await notices.returnReply(w.as("grace.lin"), noticeId, "未附补盖后的凭证影像，卡号 6222021234567890123"),
    ).toEqual({
      ok: true,
      ref,
    });
    n = await row(noticeId);
    expect(n).toMatchObject({ status: "returned", step: 0, returnCount: 1 });
    expect(n.decisionComment).toContain("未附补盖后的凭证影像");
    expect(n.decisionComment).not.toContain("6222021234567890123");
    expect(n.dueAt.toISOString()).toBe("2026-11-27T01:00:00.000Z");
    // the responsible teller may reply too
    expect(await notices.reply(w.as("wang.fang"), noticeId, "已补充影像")).toMatchObject({ ok: true });
    expect(await notices.accept(w.as("grace.lin"), noticeId)).toEqual({ ok: true, ref });
    expect(await notices.accept(w.as("grace.lin"), noticeId)).toMatchObject({
      ok: false,
      message: { key: "backoffice:refusal.accepted" },
    });
    expect((await row(noticeId)).status).toBe("accepted");
    expect(await notices.listOpen(w.outlets["SH-LJZ"] as string)).toEqual([]);
    expect(await auditActions(w.db, noticeId)).toEqual([
      "error_notice.issued",
      "error_notice.replied",
      "error_notice.returned",
      "error_notice.replied",
      "error_notice.accepted",
    ]);
    // every change is a reply in the card's thread and an edit of the card
    const rows = await outboxUnder(w.db, `errornotice:${noticeId}:slack:C0DEMOLJZSUP`);
    expect(rows.filter((o) => o.kind === "update")).toHaveLength(4);
    const threadReplies = (await outboxUnder(w.db, `errornotice:${noticeId}:v`)).filter((o) => o.platform === "slack");
    expect(threadReplies).toHaveLength(4);
  });
});

describe("the deadline sweep", () => {
  it("escalates a notice not replied in time up the ladder once per step, then flags it once", async () => {
    await world();
    const { noticeId } = await raised();
    expect(await notices.sweepDeadlines()).toEqual({ escalated: 0, flagged: 0 });
    // Thursday 09:00 local: the outlet's clock ran out → step 1 (manager), 1 business day
    w.clock.set(new Date("2026-11-26T01:00:00Z"));
    expect(await notices.sweepDeadlines()).toEqual({ escalated: 1, flagged: 0 });
    expect(await notices.sweepDeadlines()).toEqual({ escalated: 0, flagged: 0 });
    let n = await row(noticeId);
    expect(n).toMatchObject({ status: "escalated", step: 1, late: true });
    expect(n.dueAt.toISOString()).toBe("2026-11-27T01:00:00.000Z");
    // the manager (emily.zhou) is told directly
    const toManager = await outboxUnder(w.db, `errornotice:${noticeId}:step:1:`);
    expect(toManager.map((o) => o.idempotencyKey)).toEqual([
      expect.stringContaining(`:${w.staff["emily.zhou"]}:slack:`),
    ]);
    // step 1 late → step 2 (regional), 2 business days: Fri → Mon (SH-LJZ works Saturdays)
    w.clock.set(new Date("2026-11-27T01:00:00Z"));
    expect(await notices.sweepDeadlines()).toEqual({ escalated: 1, flagged: 0 });
    n = await row(noticeId);
    expect(n.step).toBe(2);
    // the top step flags once, and the notice is no longer swept
    w.clock.set(new Date(n.dueAt.getTime() + 60_000));
    expect(await notices.sweepDeadlines()).toEqual({ escalated: 0, flagged: 1 });
    expect(await notices.sweepDeadlines()).toEqual({ escalated: 0, flagged: 0 });
    expect(await row(noticeId)).toMatchObject({ flagged: true, step: 2, status: "escalated" });
    expect(await auditActions(w.db, noticeId)).toEqual([
      "error_notice.issued",
      "error_notice.escalated",
      "error_notice.escalated",
      "error_notice.flagged_late",
    ]);
    // a late reply is still taken, and says so
    expect(await notices.reply(w.as("emily.zhou"), noticeId, "已整改")).toMatchObject({ ok: true, late: true });
  });

  it("never escalates a replied notice, and a claim on a changed row does nothing", async () => {
    await world();
    const { noticeId } = await raised();
    await notices.reply(w.as("chen.min"), noticeId, "已整改");
    w.clock.set(new Date("2026-11-30T01:00:00Z"));
    expect(await notices.sweepDeadlines()).toEqual({ escalated: 0, flagged: 0 });
    // a second replica racing the first: the version claim lets one of two sweeps through
    const other = await raised();
    w.clock.set(new Date("2026-12-03T01:00:00Z"));
    const [a, b] = await Promise.all([notices.sweepDeadlines(), new ErrorNoticeService(w.deps).sweepDeadlines()]);
    expect(a.escalated + b.escalated).toBe(1);
    expect(await auditActions(w.db, other.noticeId)).toEqual(["error_notice.issued", "error_notice.escalated"]);
  });
});

describe("two replicas sweeping at once", () => {
  it("separate processes with their own clients escalate a late notice exactly once", async () => {
    await world();
    const { noticeId } = await raised();
    const results = (await raceInProcesses(w.t.url, "2026-11-26T01:00:00Z", [
      { op: "sweepNotices" },
      { op: "sweepNotices" },
    ])) as Array<{ escalated: number; flagged: number }>;
    expect(results.reduce((n, r) => n + r.escalated, 0)).toBe(1);
    expect(await auditActions(w.db, noticeId)).toEqual(["error_notice.issued", "error_notice.escalated"]);
    expect(await outboxUnder(w.db, `errornotice:${noticeId}:step:1:`)).toHaveLength(1);
  });
});

describe("the outlet summary", () => {
  it("counts the notices not yet accepted and those whose reply is overdue, in both languages", async () => {
    await world();
    const late = await raised();
    await raised();
    const replied = await raised();
    await notices.reply(w.as("chen.min"), replied.noticeId, "已整改");
    w.clock.set(new Date("2026-11-26T02:00:00Z"));
    await notices.sweepDeadlines();
    expect((await row(late.noticeId)).status).toBe("escalated");
    const summary = new SummaryService(w.db, w.clock, { provider: "sqlite", playbook });
    const r = await summary.summarise(w.staff["emily.zhou"] as string, { kind: "outlet" }, "today", w.as("emily.zhou"));
    if (!r.ok) throw new Error("no summary");
    expect(r.view.errorNotices).toEqual({ open: 3, overdue: 2 });
    const read = (locale: "en" | "zh-CN") => cardStrings(presentView({ t: i18n.fixed(locale), locale }, r.view));
    expect(read("en")).toEqual(
      expect.arrayContaining(["Error notices not yet accepted", "3", "Error notice replies overdue", "2"]),
    );
    expect(read("zh-CN")).toEqual(expect.arrayContaining(["未认可的差错单", "逾期未回复的差错单"]));
  });
});
