// "export" through the real edges: the answer is a private link, opening it on the app's own
// HTTP server gives the figures as CSV in the reader's language (the outlets ranked, then the
// total); a tampered link is 404, an expired one 410, and each download is audited.
import { afterEach, describe, expect, it } from "vitest";
import { csvFileName, summaryCsv } from "../../src/services/summary/csv-export.js";
import type { SummaryView } from "../../src/views/summary.js";
import { i18n } from "../helpers/db.js";
import { orgFile } from "../permissions/world.js";
import { type SlackApp, slashAnswer, startSlackApp } from "../slack/app-harness.js";
import { USERS } from "../slack/app-payloads.js";
import { CHEN, message, PERSONAL } from "../teams/app-activities.js";
import { cardOf, cardText, startTeamsApp, type TeamsApp } from "../teams/app-harness.js";

/** The link in an answer, as a path on the running app (PUBLIC_URL is not the test's port). */
const linkPath = (text: string) => {
  const m = /http:\/\/localhost:\d+(\/exports\/[A-Za-z0-9_.-]+)/.exec(text);
  if (!m) throw new Error(`no export link in: ${text}`);
  return m[1] as string;
};

describe("export on Slack", () => {
  let s: SlackApp;
  afterEach(async () => {
    await s.stop();
  });

  const slash = (user: string, text: string) => slashAnswer(s, user, text);

  it("answers the manager with a link to her outlet's week as CSV, audited, expiring", async () => {
    s = await startSlackApp(undefined, { orgFile: orgFile() });
    const answer = await slash(USERS.emily, "export week");
    expect(answer.response_type ?? "ephemeral").toBe("ephemeral");
    expect(answer.text).toMatch(
      /^Your CSV export is ready: http:\/\/localhost:\d+\/exports\/\S+ \(the link works for 15 minutes and only for you\)\.$/,
    );
    const path = linkPath(answer.text);

    const res = await fetch(`${s.app.url}${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(
      'attachment; filename="branchbot-SH-LJZ-2026-11-23-2026-11-29.csv"',
    );
    const csv = await res.text();
    const lines = csv
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines[0]).toBe("Rank,Outlet code,Outlet,Tasks measured,On time (%),Late (%),Missed (%)");
    expect(lines[1]).toMatch(/^1,SH-LJZ,陆家嘴支行营业部 \(Lujiazui Sub-branch\),\d+,/);
    expect(lines.at(-1)).toMatch(/^,,Total,\d+,/);
    const audit = await s.app.db.auditEvent.findMany({ where: { action: "summary.exported" } });
    expect(audit.map((a) => [a.actorId, a.entityId])).toEqual([[s.ids.staff["emily.zhou"], "outlet:*"]]);

    // a changed character in the signature, and the same link after its quarter of an hour
    const tampered = path.replace(/\.([A-Za-z0-9_-])/, (_m, c: string) => `.${c === "A" ? "B" : "A"}`);
    expect((await fetch(`${s.app.url}${tampered}`)).status).toBe(404);
    s.clock.advance(15 * 60_000 + 1);
    const expired = await fetch(`${s.app.url}${path}`);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toBe(
      "该导出链接已过期，请重新发送「导出」获取。\nThis export link has expired. Ask for a new one with “export”.\n",
    );
  });

  it("refuses a teller before any link exists", async () => {
    s = await startSlackApp(undefined, { orgFile: orgFile() });
    const answer = await slash(USERS.wang, "导出 本周");
    expect(answer.text).toBe(i18n.t("zh-CN", "summary:refusal.not_authorised"));
    expect(answer.text).not.toContain("/exports/");
  });
});

describe("export on Teams", () => {
  let h: TeamsApp;
  afterEach(async () => {
    await h.stop();
  });

  it("gives the supervisor a Chinese CSV of his outlet", async () => {
    h = await startTeamsApp({ orgFile: orgFile() });
    h.connector.reset();
    await h.post(message(h.connector.url, CHEN, PERSONAL, "导出 今天"));
    const [call] = await h.connector.waitFor(1);
    const text = call?.body.attachments ? cardText(cardOf(call.body)) : String(call?.body.text ?? "");
    expect(text).toContain("CSV 导出已生成：");
    const res = await fetch(`${h.app.url}${linkPath(text)}`);
    expect(res.status).toBe(200);
    const lines = (await res.text())
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines[0]).toBe("排名,网点代码,网点,纳入统计任务数,按时完成率（%）,延迟率（%）,漏办率（%）");
    expect(lines[1]).toMatch(/^1,SH-LJZ,/);
    expect(lines.at(-1)).toMatch(/^,,合计,/);
  });
});

describe("the CSV itself", () => {
  it("quotes commas and quotes, and never lets a spreadsheet run a name as a formula", () => {
    const view = {
      scope: { kind: "region", names: ["R"] },
      period: { from: "2026-11-23", to: "2026-11-29" },
      rates: { measured: 3, onTimePct: 66.7, latePct: 33.3, missedPct: 0 },
      ranking: [
        {
          rank: 1,
          outletCode: "A",
          outletName: '=HYPERLINK("x")',
          measured: 1,
          onTimePct: 100,
          latePct: 0,
          missedPct: 0,
        },
        {
          rank: 2,
          outletCode: "B",
          outletName: "North, East",
          measured: 2,
          onTimePct: null,
          latePct: null,
          missedPct: null,
        },
      ],
    } as unknown as SummaryView;
    const lines = summaryCsv(i18n.fixed("en"), view).slice(1).trimEnd().split("\r\n");
    expect(lines[1]).toBe(`1,A,"'=HYPERLINK(""x"")",1,100,0,0`);
    expect(lines[2]).toBe('2,B,"North, East",2,,,');
    expect(lines[3]).toBe(",,Total,3,66.7,33.3,0");
    expect(csvFileName(view)).toBe("branchbot-region-2026-11-23-2026-11-29.csv");
  });
});
