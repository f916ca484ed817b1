// Every view type rendered in both languages, on realistic and on oversized data (long Chinese
// texts, hundreds of rows), checked against Slack's Block Kit limits.
import { describe, expect, it } from "vitest";
import type { Block } from "../../src/channels/slack/render/block-types.js";
import {
  chunkMessage,
  renderCtx,
  renderHome,
  renderMessages,
  renderModal,
} from "../../src/channels/slack/render/index.js";
import { decodeActionId } from "../../src/channels/slack/render/kit.js";
import { checkHome, checkMessage, checkModal, truncate } from "../../src/channels/slack/render/limits.js";
import { LOCALES } from "../../src/i18n/index.js";
import type { View } from "../../src/views/types.js";
import { i18n } from "../helpers/db.js";
import { allViews, long } from "./views-fixtures.js";

const ALL_TYPES = [
  "text",
  "form",
  "reminder",
  "nudge",
  "task_escalation",
  "task_missed",
  "confirmation_echo",
  "incident",
  "incident_event",
  "complaint",
  "complaint_event",
  "summary",
  "home",
];

describe("Block Kit renderers", () => {
  it("the fixtures cover every view type", () => {
    expect(
      allViews("realistic")
        .map((v) => v.type)
        .sort(),
    ).toEqual([...ALL_TYPES].sort());
  });

  for (const size of ["realistic", "oversized"] as const) {
    for (const locale of LOCALES) {
      it(`every ${size} view renders within the limits (${locale})`, () => {
        for (const view of allViews(size)) {
          const messages = renderMessages(i18n, locale, view);
          expect(messages.length, view.type).toBeGreaterThan(0);
          for (const m of messages) expect(checkMessage(m), `${view.type} message`).toEqual([]);
          if (view.type === "form") {
            expect(
              checkModal(renderModal(renderCtx(i18n, locale), view, JSON.stringify({ c: "ctx1" }))),
              "modal",
            ).toEqual([]);
          }
          if (view.type === "home") expect(checkHome(renderHome(renderCtx(i18n, locale), view)), "home").toEqual([]);
        }
      });
    }
  }

  it("the checker catches what it is for", () => {
    expect(checkMessage({ text: "", blocks: [] })).toContain("text: empty fallback");
    const tooMany = Array.from({ length: 51 }, () => ({ type: "divider" as const }));
    expect(checkMessage({ text: "x", blocks: tooMany })).toContain("blocks: 51 > 50");
    const header = { type: "header" as const, text: { type: "plain_text" as const, text: "x".repeat(151) } };
    expect(checkMessage({ text: "x", blocks: [header] })).toEqual(["blocks[0].text: 151 > 150"]);
  });

  it("splits blocks into messages of at most 50 blocks and two native charts, later parts marked", () => {
    const ctx = { locale: "zh-CN" as const, t: i18n.fixed("zh-CN") };
    const divider = { type: "divider" } as unknown as Block;
    const chart = { type: "data_visualization" } as unknown as Block;
    const messages = chunkMessage("总结", [...Array(120).fill(divider), chart, chart, chart], ctx);
    expect(messages.map((m) => m.blocks.length)).toEqual([50, 50, 22, 1]);
    expect(messages[1]?.text).toContain(i18n.t("zh-CN", "slack:common.continued", { part: 2 }));
    expect(messages[0]?.text).toBe("总结");
  });

  it("draws the summary's first two charts natively, with titles and the value in every legend", () => {
    const summary = allViews("realistic").find((v) => v.type === "summary") as View;
    const [m] = renderMessages(i18n, "en", summary);
    const charts = (m?.blocks ?? []).filter(
      (b) => (b as { type: string }).type === "data_visualization",
    ) as unknown as Array<{
      title: string;
      chart: { type: string; segments?: Array<{ label: string; value: number }> };
    }>;
    expect(charts).toHaveLength(2);
    expect(charts[0]?.title).toBe("Checklists (50)");
    expect(charts[0]?.chart.segments).toEqual([
      { label: "Confirmed: 40", value: 40 },
      { label: "With exceptions: 3", value: 3 },
      { label: "Missed: 5", value: 5 },
      { label: "In progress: 2", value: 2 },
    ]);
    expect(charts[1]?.title).toBe("Open incidents by grade");
    // the third and fourth charts are text bars, values written out
    const json = JSON.stringify(m);
    expect(json).toContain("Complaints by stage");
  });

  it("renders the reminder with mentions, local times, progress and the three buttons", () => {
    const reminder = allViews("realistic").find((v) => v.type === "reminder") as View;
    const [m] = renderMessages(i18n, "zh-CN", reminder);
    const json = JSON.stringify(m);
    expect(m?.text).toContain("<@U0PEOPLE0>");
    expect(json).toContain("11月23日 08:00"); // 00:00Z in Asia/Shanghai
    expect(json).toContain("已完成 3/8 项");
    const actions = m?.blocks.find((b) => b.type === "actions") as {
      elements: Array<{ action_id: string; value: string }>;
    };
    expect(actions.elements.map((e) => e.action_id)).toEqual(["checklist.open", "checklist.all_ok", "incident.report"]);
  });

  it("shows the complaint's current step and clock, and Approve / Request changes / Escalate", () => {
    const complaint = allViews("realistic").find((v) => v.type === "complaint") as View;
    const json = JSON.stringify(renderMessages(i18n, "en", complaint));
    expect(json).toContain("Step 2 · Branch manager");
    expect(json).toContain("Step due by 24 Nov 17:00");
    expect(json).toContain("complaint.approve");
    expect(json).toContain("complaint.request_changes");
    expect(json).toContain("complaint.escalate");
  });

  it("keeps repeated action_ids unique within a block and decodes them back", () => {
    const text = allViews("oversized").find((v) => v.type === "text") as View;
    const [m] = renderMessages(i18n, "en", text);
    const ids = m?.blocks
      .filter((b) => b.type === "actions")
      .flatMap((b) => (b as { elements: Array<{ action_id: string }> }).elements.map((e) => e.action_id));
    expect(ids).toContain("checklist.open~2");
    expect(new Set(ids?.map(decodeActionId))).toEqual(new Set(["checklist.open"]));
  });

  it("truncates on code points with an ellipsis", () => {
    const s = truncate(long(200), 150);
    expect(s.length).toBe(150);
    expect(s.endsWith("…")).toBe(true);
    expect(truncate("😀😀😀", 4)).toBe("😀…");
    expect(truncate("短", 5)).toBe("短");
  });

  it("escapes user text so it cannot mention or link", () => {
    const view: View = {
      type: "incident_event",
      incidentId: "i",
      ref: "INC-1",
      event: "updated",
      by: "x",
      note: "<!channel> & <http://evil>",
      notify: [],
    };
    // rich_text shows text literally: no mrkdwn, no mention, no link is parsed out of it
    const [m] = renderMessages(i18n, "en", view);
    const quote = JSON.stringify(m?.blocks.find((b) => b.type === "rich_text"));
    expect(quote).toContain('"text":"<!channel> & <http://evil>"');
    // the notification text is mrkdwn, so there it is escaped
    expect(m?.text).not.toContain("<!channel>");
  });
});
