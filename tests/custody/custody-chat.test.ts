// 印章/重要空白凭证 through the real edges. On Slack the supervisor (陈敏, Chinese) receives a
// pad of cash cheques into the vault and issues ten to 王芳, 王芳 voids one of hers, the manager
// (Emily, English) lists the balances by holder and number range and records a stock count that
// is one short: an incident opens. On Teams 陈敏 receives the business seal, Emily's vault spot
// check matches, the same spot check retried with a wrong count opens one incident; David Sun
// (English) moves transfer cheques at 徐家汇 and lists them; a teller and a supervisor are refused
// what is not theirs.
import { afterEach, describe, expect, it } from "vitest";
import { EMILY, orgFile, WANG } from "../permissions/world.js";
import { type SlackApp, slashAnswer, startSlackApp } from "../slack/app-harness.js";
import { blockText, USERS } from "../slack/app-payloads.js";
import { CHEN, DAVID, message, PERSONAL, type TeamsUser } from "../teams/app-activities.js";
import { cardOf, cardText, startTeamsApp, type TeamsApp } from "../teams/app-harness.js";

const OUTLET = "陆家嘴支行营业部 (Lujiazui Sub-branch)";

describe("custody on Slack", () => {
  let s: SlackApp;
  afterEach(async () => {
    await s.stop();
  });

  const slash = (user: string, text: string) => slashAnswer(s, user, text);

  it("receives, issues and voids cheques by number, lists them by holder, and a short count opens an incident", async () => {
    s = await startSlackApp(undefined, { orgFile: orgFile() });
    const received = await slash(USERS.chen, "入库 现金支票 00012001-00012050");
    expect(received.text).toBe("已登记：现金支票00012001-00012050（50）入库。");
    expect(received.response_type ?? "ephemeral").toBe("ephemeral");
    expect((await slash(USERS.chen, "领用 现金支票 wang.fang 00012001-00012010")).text).toBe(
      "已登记：现金支票00012001-00012010（10）由王芳领用。",
    );
    expect((await slash(USERS.chen, "领用 现金支票 wang.fang 00012040-00012060")).text).toBe(
      "号段00012040-00012060不全在库房，未作登记。",
    );
    expect((await slash(USERS.wang, "作废 现金支票 00012005 填写错误")).text).toBe("已登记：现金支票00012005作废。");

    const list = blockText((await slash(USERS.emily, "custody")).blocks);
    expect(list).toContain(`Seals and blank vouchers at ${OUTLET}`);
    expect(list).toContain("cash cheques: 49 in all · 1 voided");
    expect(list).toContain("🔒 Vault: 40 · 00012011-00012050");
    expect(list).toContain("👤 王芳: 9 · 00012001-00012004 00012006-00012010");
    expect(list).toContain("business seal: 0 in all");

    const counted = await slash(USERS.emily, "stock count cash_cheque 48");
    expect(counted.text).toMatch(
      /^Stock count of cash cheques: 48 counted, the ledger says 49\. Recorded, and incident INC-\S+ is opened\.$/,
    );
    const incident = await s.app.db.incident.findFirstOrThrow();
    expect(incident).toMatchObject({ type: "custody_mismatch", severity: "major" });
    expect(incident.description).toBe("Stock count of cash cheques: the ledger says 49, 48 counted.");
    expect(counted.text).toContain(incident.ref);
    // the audit event of each movement, in the ledger's order
    const moves = await s.app.db.custodyMovement.findMany({ orderBy: { seq: "asc" } });
    const audit = await s.app.db.auditEvent.findMany({ where: { entityType: "custody_movement" } });
    expect(moves.map((m) => audit.find((a) => a.entityId === m.id)?.action)).toEqual([
      "custody.received",
      "custody.issued",
      "custody.voided",
      "custody.counted",
    ]);
  });

  it("refuses a teller moving vouchers, and explains an item it does not know", async () => {
    s = await startSlackApp(undefined, { orgFile: orgFile() });
    expect((await slash(USERS.wang, "入库 现金支票 00012001-00012050")).text).toBe(
      "只有本网点印章凭证保管人可以登记出入库；您只能作废本人持有的凭证。",
    );
    expect((await slash(USERS.emily, "stock count gold 1")).text).toBe(
      "“gold” is not a seal or voucher the playbook keeps; “custody” lists them.",
    );
    expect(await s.app.db.custodyMovement.count()).toBe(0);
  });
});

describe("custody on Teams", () => {
  let h: TeamsApp;
  afterEach(async () => {
    await h.stop();
  });

  async function post(activity: Record<string, unknown>) {
    h.connector.reset();
    expect((await h.post(activity)).status).toBe(200);
    const [call] = await h.connector.waitFor(1);
    const card = call?.body.attachments ? cardOf(call.body) : null;
    return card ? cardText(card) : String(call?.body.text ?? "");
  }
  const say = (from: TeamsUser, text: string) => post(message(h.connector.url, from, PERSONAL, text));

  it("a matching spot check is recorded; a retried short one opens one incident", async () => {
    h = await startTeamsApp({ orgFile: orgFile() });
    expect(await say(CHEN, "入库 业务公章 1")).toContain("已登记：业务公章1入库。");
    expect(await say(EMILY, "spot check business_seal 1")).toContain(
      "Vault spot check of business seal: 1 counted, as the ledger says. Recorded.",
    );
    const short = message(h.connector.url, EMILY, PERSONAL, "spot check business_seal 0 not in the safe");
    const first = await post(short);
    expect(first).toMatch(
      /Vault spot check of business seal: 0 counted, the ledger says 1\. Recorded, and incident INC-\S+ is opened\./,
    );
    await post(short); // the same activity delivered again
    expect(await h.app.db.incident.count()).toBe(1);
    expect(await h.app.db.custodyMovement.count({ where: { kind: "spot_check" } })).toBe(2);
    const zh = await say(CHEN, "盘点 业务公章 1");
    expect(zh).toContain("盘点业务公章：实点1，与账面相符，已记录。");
  });

  it("an English-speaking supervisor receives, issues, voids and takes back transfer cheques, and lists them", async () => {
    h = await startTeamsApp({ orgFile: orgFile() });
    expect(await say(DAVID, "voucher receive transfer_cheque 3300101-3300120")).toContain(
      "Recorded: transfer cheques 3300101-3300120 (20) into the vault.",
    );
    expect(await say(DAVID, "voucher issue transfer-cheque liu.yang 3300101-3300105")).toContain(
      "Recorded: transfer cheques 3300101-3300105 (5) issued to 刘洋.",
    );
    expect(await say(DAVID, "voucher void transfer_cheque 3300103 torn")).toContain(
      "Recorded: transfer cheques 3300103 voided.",
    );
    expect(await say(DAVID, "voucher return transfer_cheque liu.yang 3300103")).toContain(
      "刘洋 does not hold all of 3300103; nothing was recorded.",
    );
    expect(await say(DAVID, "voucher return 转账支票 liu.yang 3300104-3300105")).toContain(
      "Recorded: 刘洋 handed back transfer cheques 3300104-3300105 (2).",
    );
    const list = await say(DAVID, "custody");
    expect(list).toContain("Seals and blank vouchers at 徐家汇支行营业部 (Xujiahui Sub-branch)");
    expect(list).toContain("transfer cheques: 19 in all · 1 voided");
    expect(list).toContain("🔒 Vault: 17 · 3300104-3300120");
    expect(list).toContain("👤 刘洋: 2 · 3300101-3300102");
  });

  it("refuses a supervisor's spot check and a teller's issue, in Chinese", async () => {
    h = await startTeamsApp({ orgFile: orgFile() });
    expect(await say(CHEN, "查库 业务公章 1")).toContain("只有网点负责人和区域运营可以登记查库。");
    expect(await say(WANG, "领用 业务公章 wang.fang 1")).toContain(
      "只有本网点印章凭证保管人可以登记出入库；您只能作废本人持有的凭证。",
    );
    expect(await h.app.db.custodyMovement.count()).toBe(0);
  });
});
