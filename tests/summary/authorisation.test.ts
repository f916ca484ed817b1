// Who may see what: supervisors and managers their own outlets, regional staff their region,
// everyone else refused; a request outside one's scope is refused, never narrowed. Every
// request, granted or refused, is recorded in the audit trail.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/domain/clock.js";
import type { PeriodInput } from "../../src/domain/summary.js";
import type { SummaryScope } from "../../src/services/summary/scope.js";
import { type SummaryResult, SummaryService } from "../../src/services/summary/service.js";
import { createDemoDb, demoIds, i18n, playbook, type TestDb } from "../helpers/db.js";

const LJZ = "陆家嘴支行营业部 (Lujiazui Sub-branch)";
const XJH = "徐家汇支行营业部 (Xujiahui Sub-branch)";

let t: TestDb;
let service: SummaryService;
let staff: Record<string, string>;
const clock = new ManualClock("2026-11-25T06:00:00Z");

beforeAll(async () => {
  t = await createDemoDb(clock);
  staff = (await demoIds(t.db)).staff as Record<string, string>;
  service = new SummaryService(t.db, clock, { playbook });
});
afterAll(() => t.cleanup());

const ask = (who: string, scope: SummaryScope, period: PeriodInput = "today") =>
  service.summarise(staff[who] ?? who, scope, period, { platform: "slack", source: `msg-${who}` });

const names = (r: SummaryResult) => (r.ok ? r.view.scope.names : r.code);

describe("summary authorisation by role", () => {
  it.each([
    ["chen.min", { kind: "outlet" } as SummaryScope, [LJZ]], // supervisor, own outlet by default
    ["chen.min", { kind: "outlet", outletCode: "SH-LJZ" } as SummaryScope, [LJZ]],
    ["emily.zhou", { kind: "outlet", outletCode: "SH-LJZ" } as SummaryScope, [LJZ]], // manager
    ["huang.li", { kind: "outlet" } as SummaryScope, [XJH]],
    ["david.sun", { kind: "outlets", outletCodes: ["SH-XJH"] } as SummaryScope, [XJH]],
    ["grace.lin", { kind: "outlet", outletCode: "SH-XJH" } as SummaryScope, [XJH]], // regional: any outlet in region
    ["grace.lin", { kind: "outlets", outletCodes: ["SH-XJH", "SH-LJZ"] } as SummaryScope, [LJZ, XJH]],
    [
      "grace.lin",
      { kind: "region", regionCode: "SH" } as SummaryScope,
      ["上海分行运营管理部 (Shanghai Branch Operations)"],
    ],
  ])("%s may see %j", async (who, scope, expected) => {
    const r = await ask(who, scope);
    expect(r.ok).toBe(true);
    expect(names(r)).toEqual(expected);
  });

  it.each([
    ["wang.fang", { kind: "outlet" } as SummaryScope], // teller
    ["li.jun", { kind: "outlet", outletCode: "SH-LJZ" } as SummaryScope], // lobby
    ["zhao.qiang", { kind: "outlet", outletCode: "SH-XJH" } as SummaryScope], // security
    ["liu.yang", { kind: "region" } as SummaryScope], // teller + lobby
    ["chen.min", { kind: "outlet", outletCode: "SH-XJH" } as SummaryScope], // a teller there, not supervisor
    ["david.sun", { kind: "outlet", outletCode: "SH-LJZ" } as SummaryScope], // supervisor elsewhere
    ["huang.li", { kind: "outlets", outletCodes: ["SH-XJH", "SH-LJZ"] } as SummaryScope], // not narrowed to XJH
    ["emily.zhou", { kind: "region" } as SummaryScope], // managers do not see the region
    ["grace.lin", { kind: "region", regionCode: "BJ" } as SummaryScope], // not her region
    ["grace.lin", { kind: "outlet", outletCode: "NOPE" } as SummaryScope], // unknown outlet
    ["no-such-staff-id", { kind: "outlet" } as SummaryScope],
  ])("%s is refused %j", async (who, scope) => {
    const r = await ask(who, scope);
    expect(r).toEqual({ ok: false, code: "not_authorised", message: { key: "summary:refusal.not_authorised" } });
  });

  it("refuses a deactivated supervisor", async () => {
    await t.db.staff.update({ where: { id: staff["david.sun"] }, data: { active: false } });
    const r = await ask("david.sun", { kind: "outlet" });
    await t.db.staff.update({ where: { id: staff["david.sun"] }, data: { active: true } });
    expect(r.ok).toBe(false);
  });

  it("the refusal message exists in both languages", () => {
    expect(i18n.exists("summary:refusal.not_authorised")).toBe(true);
    expect(i18n.t("zh-CN", "summary:refusal.not_authorised")).toMatch(/无权/);
  });

  it("rejects an invalid custom period with its own reason", async () => {
    const r = await ask("chen.min", { kind: "outlet" }, { from: "2026-11-30", to: "2026-11-01" });
    expect(r).toMatchObject({ ok: false, code: "invalid_period" });
    const bad = await ask("chen.min", { kind: "outlet" }, { from: "2026-02-30", to: "2026-03-01" });
    expect(bad).toMatchObject({ ok: false, code: "invalid_period" });
  });

  it("records granted and refused requests in the audit trail", async () => {
    await ask("emily.zhou", { kind: "outlet", outletCode: "SH-LJZ" }, "month");
    await ask("wang.fang", { kind: "outlet", outletCode: "SH-LJZ" }, "week");
    const events = await t.db.auditEvent.findMany({
      // seq orders events within one audit chain only; both requests are about SH-LJZ, so one chain
      where: { action: "summary.requested", entityId: "outlet:SH-LJZ" },
      orderBy: { seq: "desc" },
      take: 2,
    });
    const [refused, granted] = events;
    expect(refused?.actorId).toBe(staff["wang.fang"]);
    expect(refused?.entityId).toBe("outlet:SH-LJZ");
    expect(refused?.platform).toBe("slack");
    expect(refused?.source).toBe("msg-wang.fang");
    expect(JSON.parse(refused?.after ?? "{}")).toMatchObject({ outcome: "refused", period: "week" });
    expect(granted?.actorId).toBe(staff["emily.zhou"]);
    expect(granted?.actorLabel).toBe("Emily Zhou");
    expect(JSON.parse(granted?.after ?? "{}")).toMatchObject({
      outcome: "granted",
      outlets: ["SH-LJZ"],
      from: "2026-11-01",
      to: "2026-11-30",
    });
  });
});
