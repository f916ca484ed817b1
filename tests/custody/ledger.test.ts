// 印章/重要空白凭证 custody below the chat: number ranges, issue/return/void balances, overlaps
// refused, a count that matches vs one that opens exactly one incident, and a retried request
// recording once. Real SQLite, the demo org and the default playbook.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/domain/clock.js";
import { IncidentService } from "../../src/services/cases/incidents.js";
import { CustodyService } from "../../src/services/custody/ledger.js";
import { add, formatRange, parseRange, remove } from "../../src/services/custody/ranges.js";
import { Directory } from "../../src/services/directory.js";
import { createDemoDb, demoIds, i18n, playbook, type TestDb } from "../helpers/db.js";

const range = (w: string) => {
  const r = parseRange(w);
  if (!r) throw new Error(`not a range: ${w}`);
  return r;
};

describe("number ranges", () => {
  it("reads ranges with their digits, merges and splits them", () => {
    expect(parseRange("00012001-00012050")).toEqual({ from: 12001, to: 12050, width: 8 });
    expect(parseRange("00012001")).toEqual({ from: 12001, to: 12001, width: 8 });
    expect(parseRange("12001至12010")).toEqual({ from: 12001, to: 12010, width: 5 });
    for (const w of ["12050-12001", "abc", "12-", ""]) expect(parseRange(w)).toBeNull();
    const merged = add([{ from: 1, to: 10 }], { from: 11, to: 20 });
    expect(merged).toEqual([{ from: 1, to: 20 }]);
    expect(remove(merged, { from: 5, to: 5 })).toEqual([
      { from: 1, to: 4 },
      { from: 6, to: 20 },
    ]);
    expect(formatRange({ from: 12001, to: 12050 }, 8)).toBe("00012001-00012050");
  });
});

describe("the custody ledger", () => {
  let t: TestDb;
  let custody: CustodyService;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  let ljz: string;
  const actor = (code: string, source?: string) => ({
    staffId: ids.staff[code] as string,
    platform: "slack" as const,
    ...(source ? { source } : {}),
  });

  beforeEach(async () => {
    const clock = new ManualClock("2026-11-23T01:00:00Z");
    t = await createDemoDb(clock);
    ids = await demoIds(t.db);
    ljz = ids.outlets["SH-LJZ"] as string;
    const deps = { db: t.db, clock, playbook, directory: new Directory(t.db, clock) };
    custody = new CustodyService({ ...deps, incidents: new IncidentService(deps) });
  });
  afterEach(async () => {
    await t.cleanup();
  });

  const balance = async (key: string) => (await custody.balances(ljz)).find((b) => b.item.key === key);
  const move = (code: string, input: Omit<Parameters<CustodyService["move"]>[1], "outletId">, source?: string) =>
    custody.move(actor(code, source), { outletId: ljz, ...input }, source);

  it("receives, issues, returns and voids numbered cheques by range, and the balances follow", async () => {
    const chen = "chen.min";
    expect((await move(chen, { itemKey: "cash_cheque", kind: "receive", range: range("00012001-00012050") })).ok).toBe(
      true,
    );
    const issued = await move(chen, {
      itemKey: "cash_cheque",
      kind: "issue",
      staffId: ids.staff["wang.fang"],
      range: range("00012001-00012010"),
    });
    expect(issued).toMatchObject({ ok: true, quantity: 10, range: "00012001-00012010" });
    // the teller voids one of hers
    expect(
      await move("wang.fang", { itemKey: "cash_cheque", kind: "void", range: range("00012005"), note: "填写错误" }),
    ).toMatchObject({ ok: true, quantity: 1, holderId: ids.staff["wang.fang"] });
    const returned = await move(chen, {
      itemKey: "cash_cheque",
      kind: "return",
      staffId: ids.staff["wang.fang"],
      range: range("00012006-00012010"),
    });
    expect(returned.ok).toBe(true);
    const b = await balance("cash_cheque");
    expect(b).toMatchObject({ total: 49, voided: 1 });
    expect(b?.holdings).toEqual([
      { staffId: null, quantity: 45, ranges: ["00012006-00012050"] },
      { staffId: ids.staff["wang.fang"], quantity: 4, ranges: ["00012001-00012004"] },
    ]);
    // the audit event of each movement, in the ledger's order
    const moves = await t.db.custodyMovement.findMany({ orderBy: { seq: "asc" } });
    const audit = await t.db.auditEvent.findMany({ where: { entityType: "custody_movement" } });
    expect(moves.map((m) => audit.find((a) => a.entityId === m.id)?.action)).toEqual([
      "custody.received",
      "custody.issued",
      "custody.voided",
      "custody.returned",
    ]);
  });

  it("refuses overlapping receipts, numbers the giver does not hold, and a teller issuing", async () => {
    const chen = "chen.min";
    await move(chen, { itemKey: "cash_cheque", kind: "receive", range: range("00012001-00012050") });
    expect(
      await move(chen, { itemKey: "cash_cheque", kind: "receive", range: range("00012040-00012060") }),
    ).toMatchObject({ ok: false, message: { key: "custody:errors.overlap", vars: { range: "00012040-00012060" } } });
    const wang = ids.staff["wang.fang"] as string;
    expect(
      await move(chen, { itemKey: "cash_cheque", kind: "issue", staffId: wang, range: range("00012045-00012055") }),
    ).toMatchObject({ ok: false, message: { key: "custody:errors.not_in_vault" } });
    expect(
      await move(chen, { itemKey: "cash_cheque", kind: "return", staffId: wang, range: range("00012001") }),
    ).toMatchObject({ ok: false, message: { key: "custody:errors.not_held", vars: { name: "王芳" } } });
    expect(
      await move("wang.fang", { itemKey: "cash_cheque", kind: "issue", staffId: wang, range: range("00012001") }),
    ).toMatchObject({ ok: false, code: "not_authorised" });
    // a voided number cannot come back in, nor be voided twice
    await move(chen, { itemKey: "cash_cheque", kind: "void", range: range("00012050") });
    expect(await move(chen, { itemKey: "cash_cheque", kind: "void", range: range("00012050") })).toMatchObject({
      ok: false,
      message: { key: "custody:errors.not_held_anyone" },
    });
    expect(await move(chen, { itemKey: "cash_cheque", kind: "receive", range: range("00012050") })).toMatchObject({
      ok: false,
      message: { key: "custody:errors.overlap" },
    });
    // seals move by quantity
    expect(await move(chen, { itemKey: "business_seal", kind: "issue", staffId: wang })).toMatchObject({
      ok: false,
      message: { key: "custody:errors.not_in_vault_quantity", vars: { have: 0, quantity: 1 } },
    });
    expect(await move(chen, { itemKey: "business_seal", kind: "receive", range: range("1") })).toMatchObject({
      ok: false,
      message: { key: "custody:errors.not_numbered" },
    });
    expect(await t.db.custodyMovement.count()).toBe(2);
  });

  it("a matching count is recorded; a mismatch opens one incident with both numbers; a retry records once", async () => {
    const chen = "chen.min";
    await move(chen, { itemKey: "business_seal", kind: "receive", quantity: 2 });
    const ok = await custody.check(actor(chen), { outletId: ljz, itemKey: "business_seal", kind: "count", counted: 2 });
    expect(ok).toMatchObject({ ok: true, match: true, expected: 2, counted: 2, incidentRef: "" });
    expect(await t.db.incident.count()).toBe(0);

    const t_en = i18n.fixed("en");
    const spot = () =>
      custody.check(
        actor("emily.zhou", "m-1"),
        { outletId: ljz, itemKey: "business_seal", kind: "spot_check", counted: 1, note: "一枚未见" },
        "m-1",
        t_en,
      );
    const first = await spot();
    expect(first).toMatchObject({ ok: true, match: false, expected: 2, counted: 1, duplicate: false });
    const again = await spot();
    expect(again).toMatchObject({ ok: true, duplicate: true, match: false });
    const incidents = await t.db.incident.findMany();
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ type: "custody_mismatch", severity: "major" });
    expect(incidents[0]?.description).toBe(
      "Vault spot check of business seal: the ledger says 2, 1 counted. Note: 一枚未见",
    );
    if (!first.ok || !again.ok) throw new Error("recorded");
    expect(again.incidentRef).toBe(first.incidentRef);
    expect(await t.db.custodyMovement.count({ where: { kind: "spot_check" } })).toBe(1);
    // a teller may not count
    expect(
      await custody.check(actor("wang.fang"), { outletId: ljz, itemKey: "business_seal", kind: "count", counted: 2 }),
    ).toMatchObject({ ok: false, message: { key: "custody:refusal.not_counter" } });
  });

  it("regional operations spot-check an outlet of their region; the note is masked", async () => {
    await move("chen.min", { itemKey: "business_seal", kind: "receive" });
    const r = await custody.check(actor("grace.lin"), {
      outletId: ljz,
      itemKey: "business_seal",
      kind: "spot_check",
      counted: 0,
      note: "客户王先生 13812345678 借用",
    });
    expect(r).toMatchObject({ ok: true, match: false, expected: 1, counted: 0 });
    const row = await t.db.custodyMovement.findFirstOrThrow({ where: { kind: "spot_check" } });
    expect(row.note).not.toContain("13812345678");
    const incident = await t.db.incident.findFirstOrThrow();
    expect(incident.reportedById).toBe(ids.staff["grace.lin"]);
    expect(incident.description).not.toContain("13812345678");
    expect(row.incidentId).toBe(incident.id);
  });

  it("two keepers issuing the same numbers at once: exactly one is recorded", async () => {
    await move("chen.min", { itemKey: "deposit_certificate", kind: "receive", range: range("0001-0010") });
    const to = (code: string) => ({
      itemKey: "deposit_certificate",
      kind: "issue" as const,
      staffId: ids.staff[code],
      range: range("0001-0010"),
    });
    const results = await Promise.all([move("chen.min", to("wang.fang")), move("chen.min", to("li.jun"))]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toMatchObject([{ message: { key: "custody:errors.not_in_vault" } }]);
    expect(await t.db.custodyMovement.count({ where: { kind: "issue" } })).toBe(1);
  });

  it("a retried issue records once", async () => {
    const chen = "chen.min";
    await move(chen, { itemKey: "transfer_seal", kind: "receive" });
    const wang = ids.staff["wang.fang"] as string;
    const a = await move(chen, { itemKey: "transfer_seal", kind: "issue", staffId: wang }, "m-9");
    const b = await move(chen, { itemKey: "transfer_seal", kind: "issue", staffId: wang }, "m-9");
    expect(a).toMatchObject({ ok: true, duplicate: false });
    expect(b).toMatchObject({ ok: true, duplicate: true });
    expect(await t.db.custodyMovement.count({ where: { kind: "issue" } })).toBe(1);
    // the holder voids their own unnumbered item without naming themselves; a second one they do not have
    expect(await move("wang.fang", { itemKey: "transfer_seal", kind: "void" })).toMatchObject({
      ok: true,
      holderId: wang,
    });
    expect(await move("wang.fang", { itemKey: "transfer_seal", kind: "void" })).toMatchObject({
      ok: false,
      message: { key: "custody:errors.not_held_quantity", vars: { name: "王芳", have: 0, quantity: 1 } },
    });
    expect(await balance("transfer_seal")).toMatchObject({ total: 0, voided: 1 });
  });
});
