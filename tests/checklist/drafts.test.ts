// Incident drafts from failed items: the note as typed, and an amount only where the incident
// type needs one — including an amount typed later in the same submission.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CTX, checklistWorld } from "./setup.js";

type World = Awaited<ReturnType<typeof checklistWorld>>;
let w: World;
beforeEach(async () => {
  w = await checklistWorld();
});
afterEach(async () => w.cleanup());

describe("failed items draft incidents", () => {
  it("keeps the note's case and gives an equipment draft no amount, even with a cash count on the checklist", async () => {
    const occ = await w.occurrence("opening");
    const wang = await w.staff("wang.fang");
    const r = await w.service.confirmValues(
      wang,
      occ.id,
      { cashbox_amount: "250000.00", atm_ready: "否 ATM 2号机卡钞" },
      CTX,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const atm = (await w.results(occ.id)).find((x) => x.itemKey === "atm_ready");
    expect(atm?.note).toBe("ATM 2号机卡钞");
    expect(r.drafts).toHaveLength(1);
    expect(r.drafts[0]?.draft.type).toBe("equipment");
    expect(r.drafts[0]?.draft.amountMinor).toBeUndefined();
    expect(r.drafts[0]?.draft.description).toContain("ATM 2号机卡钞");
  });

  it("an over/short carries the amount entered after it in the same submission", async () => {
    const occ = await w.occurrence("end_of_day");
    const wang = await w.staff("wang.fang");
    const r = await w.service.confirmValues(wang, occ.id, { cash_balance: "长款", over_short_amount: "50.00" }, CTX);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.drafts).toHaveLength(1);
    expect(r.drafts[0]?.draft.type).toBe("cash_discrepancy");
    expect(r.drafts[0]?.draft.amountMinor).toBe(5000n);
  });
});
