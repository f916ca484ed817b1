// CircularService on a real SQLite file with the demo org and the default playbook: who a
// circular reaches, masking, acknowledging once, and nudges claimed once per recipient up to
// the playbook's maxNudges.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CircularService } from "../../src/services/circulars/circulars.js";
import { auditActions, type CaseWorld, caseWorld, outboxUnder } from "../cases/setup.js";
import { playbook } from "../helpers/db.js";

// Monday 2026-11-23, 09:00 in Shanghai
const START = "2026-11-23T01:00:00Z";
const HOUR = 60 * 60 * 1000;

let w: CaseWorld;
let svc: CircularService;
beforeEach(async () => {
  w = await caseWorld(START);
  svc = new CircularService(w.deps);
});
afterEach(async () => {
  await w.t.cleanup();
});

const codesOf = async (circularId: string) => {
  const rows = await w.db.circularRecipient.findMany({ where: { circularId } });
  const byId = Object.fromEntries(Object.entries(w.staff).map(([code, id]) => [id, code]));
  return rows.map((r) => byId[r.staffId]).sort();
};

async function sendAsChen(title = "假币防范", body = "百元券逐张验钞") {
  const r = await svc.send(w.as("chen.min"), { title, body });
  if (!r.ok) throw new Error(`not sent: ${r.message.key}`);
  return r;
}

describe("sending", () => {
  it("a supervisor's circular reaches everyone else at the outlet, once each, with one DM each", async () => {
    const r = await sendAsChen();
    expect(r.ref).toBe("CIR-20261123-1");
    expect(r.recipients).toBe(4);
    expect(await codesOf(r.id)).toEqual(["emily.zhou", "li.jun", "wang.fang", "zhao.qiang"]);
    const dms = await outboxUnder(w.db, `circular:${r.id}:`);
    expect(dms).toHaveLength(4);
    expect(new Set(dms.map((d) => d.idempotencyKey)).size).toBe(4);
    expect(JSON.parse(dms[0]?.payload ?? "{}").view).toMatchObject({ type: "circular", ref: r.ref });
    expect(await auditActions(w.db, r.id)).toEqual(["circular.sent"]);
    // the second of the day takes the next number
    expect((await sendAsChen("二号", "内容")).ref).toBe("CIR-20261123-2");
  });

  it("a regional officer's circular reaches every outlet of the region", async () => {
    const r = await svc.send(w.as("grace.lin"), { title: "Year-end", body: "Stock-take on Friday" });
    expect(r.ok && r.recipients).toBe(8);
    if (!r.ok) return;
    expect(await codesOf(r.id)).toEqual([
      "chen.min",
      "david.sun",
      "emily.zhou",
      "huang.li",
      "li.jun",
      "liu.yang",
      "wang.fang",
      "zhao.qiang",
    ]);
    const row = await w.db.circular.findUniqueOrThrow({ where: { id: r.id } });
    expect(row).toMatchObject({ scopeKind: "region", scope: "SH" });
  });

  it("masks customer identifiers in the title and body before storing them", async () => {
    const r = await sendAsChen("客户张三丰来电", "回拨 13912345678 核实");
    const row = await w.db.circular.findUniqueOrThrow({ where: { id: r.id } });
    expect(row.title).not.toContain("张三丰");
    expect(row.body).toContain("139****5678");
    expect(row.body).not.toContain("13912345678");
  });

  it("refuses a teller, and a scope the sender does not hold", async () => {
    const teller = await svc.send(w.as("wang.fang"), { title: "x", body: "y" });
    expect(teller).toMatchObject({ ok: false, code: "not_authorised" });
    const other = await svc.send(w.as("chen.min"), { title: "x", body: "y", scope: "SH-XJH" });
    expect(other).toMatchObject({ ok: false, message: { key: "circulars:refusal.not_your_scope" } });
    const empty = await svc.send(w.as("chen.min"), { title: " ", body: "y" });
    expect(empty).toMatchObject({
      ok: false,
      code: "invalid_input",
      errors: { title: { key: "forms:errors.required" } },
    });
    expect(await w.db.circular.count()).toBe(0);
  });
});

describe("acknowledging", () => {
  it("records the first press only; a second changes nothing and is not audited again", async () => {
    const r = await sendAsChen();
    w.clock.advance(10 * 60 * 1000);
    const first = await svc.acknowledge(w.as("wang.fang"), r.id);
    expect(first).toMatchObject({ ok: true, already: false });
    const at = (await w.db.circularRecipient.findFirstOrThrow({ where: { staffId: w.staff["wang.fang"] } }))
      .acknowledgedAt;
    expect(at?.toISOString()).toBe("2026-11-23T01:10:00.000Z");
    w.clock.advance(60 * 1000);
    const again = await svc.acknowledge(w.as("wang.fang"), r.id);
    expect(again).toMatchObject({ ok: true, already: true });
    if (again.ok) expect(again.view.acknowledgedAt).toBe("2026-11-23T01:10:00.000Z");
    expect(await auditActions(w.db, r.id)).toEqual(["circular.sent", "circular.acknowledged"]);
    // someone it was not sent to
    expect(await svc.acknowledge(w.as("david.sun"), r.id)).toMatchObject({ ok: false, code: "not_authorised" });
  });

  it("status lists those who have not acknowledged, for the sender and senders of that outlet only", async () => {
    const r = await sendAsChen();
    await svc.acknowledge(w.as("wang.fang"), r.id);
    const s = await svc.status(w.as("chen.min"), r.ref);
    expect(s.ok && s.view).toMatchObject({ acknowledged: 1, total: 4, pending: ["Emily Zhou", "李军", "赵强"] });
    expect((await svc.status(w.as("emily.zhou"), r.ref)).ok).toBe(true); // manager there
    expect((await svc.status(w.as("grace.lin"), r.ref)).ok).toBe(true); // regional over it
    expect(await svc.status(w.as("wang.fang"), r.ref)).toMatchObject({ ok: false, code: "not_authorised" });
    expect(await svc.status(w.as("david.sun"), r.ref)).toMatchObject({ ok: false, code: "not_authorised" });
    expect(await svc.status(w.as("chen.min"), "CIR-19990101-1")).toMatchObject({ ok: false, code: "not_found" });
  });
});

describe("nudging", () => {
  const { nudgeAfterHours, nudgeEveryHours, maxNudges } = playbook.circulars;

  it("uses the default playbook's settings", () => {
    expect(playbook.circulars).toEqual({ nudgeAfterHours: 4, nudgeEveryHours: 24, maxNudges: 3 });
  });

  it("nudges non-acknowledgers after nudgeAfterHours, then every nudgeEveryHours, at most maxNudges times", async () => {
    const r = await sendAsChen();
    await svc.acknowledge(w.as("wang.fang"), r.id);
    const at = (h: number) => new Date(new Date(START).getTime() + h * HOUR);
    expect(await svc.nudgeTick(at(nudgeAfterHours - 0.1))).toBe(0);
    expect(await svc.nudgeTick(at(nudgeAfterHours))).toBe(3);
    expect(await svc.nudgeTick(at(nudgeAfterHours + 1))).toBe(0);
    await svc.acknowledge(w.as("li.jun"), r.id);
    let t = nudgeAfterHours;
    for (let n = 2; n <= maxNudges; n++) {
      t += nudgeEveryHours;
      expect(await svc.nudgeTick(at(t))).toBe(2);
    }
    expect(await svc.nudgeTick(at(t + 10 * nudgeEveryHours))).toBe(0);
    const rows = await w.db.circularRecipient.findMany({ where: { circularId: r.id, acknowledgedAt: null } });
    expect(rows.map((x) => x.nudges)).toEqual([maxNudges, maxNudges]);
    const nudges = await outboxUnder(w.db, `circular-nudge:${r.id}:`);
    expect(nudges).toHaveLength(3 + 2 * (maxNudges - 1));
    const audited = (await auditActions(w.db, r.id)).filter((a) => a === "circular.nudged");
    expect(audited).toHaveLength(nudges.length);
  });

  it("claims each nudge once when two ticks run at the same instant", async () => {
    const r = await sendAsChen();
    const now = new Date(new Date(START).getTime() + nudgeAfterHours * HOUR);
    const [a, b] = await Promise.all([svc.nudgeTick(now), new CircularService(w.deps).nudgeTick(now)]);
    expect((a ?? 0) + (b ?? 0)).toBe(4);
    expect(await outboxUnder(w.db, `circular-nudge:${r.id}:`)).toHaveLength(4);
    const rows = await w.db.circularRecipient.findMany({ where: { circularId: r.id } });
    expect(rows.every((x) => x.nudges === 1)).toBe(true);
  });

  it("never nudges with maxNudges: 0", async () => {
    const quiet = new CircularService({
      ...w.deps,
      playbook: { ...playbook, circulars: { ...playbook.circulars, maxNudges: 0 } },
    });
    await sendAsChen();
    expect(await quiet.nudgeTick(new Date(new Date(START).getTime() + 100 * HOUR))).toBe(0);
  });
});
