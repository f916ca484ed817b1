// Golden tests of what people read: every view type rendered on Slack (Block Kit) and on Teams
// (Adaptive Card), in zh-CN and en, reduced to the visible words. The golden files under
// __golden__/ are those words, one per line, reviewed like code (`npx vitest -u` rewrites them
// after an intended change). The parity test fails when a label the neutral presenter chose
// is missing on either platform, so Slack and Teams cannot drift apart again.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderCtx, renderHome, renderMessages, renderModal } from "../../src/channels/slack/render/index.js";
import { renderCard } from "../../src/channels/teams/cards/render.js";
import { LOCALES, type Locale } from "../../src/i18n/index.js";
import { cardStrings } from "../../src/views/card.js";
import type { FormView } from "../../src/views/common.js";
import type { HomeView } from "../../src/views/home.js";
import { presentForm, presentView } from "../../src/views/present/index.js";
import type { View } from "../../src/views/types.js";
import { i18n } from "../helpers/db.js";
import { visibleText as slackText } from "../slack/visible-text.js";
import { visibleText as teamsText } from "../teams/visible-text.js";
import { GOLDEN, PEOPLE } from "./fixtures.js";

const GOLDEN_DIR = path.join(import.meta.dirname, "__golden__");

/** Slack shows a user mention as the person's name; the extractor gives "@<user id>". */
const asNames = (lines: string[]) =>
  lines.map((l) => Object.entries(PEOPLE).reduce((s, [id, name]) => s.replaceAll(`@${id}`, `@${name}`), l));

function onSlack(locale: Locale, view: View): string[] {
  const ctx = renderCtx(i18n, locale);
  if (view.type === "form") return slackText(renderModal(ctx, view as FormView, "meta"));
  if (view.type === "home") return slackText(renderHome(ctx, view as HomeView).blocks);
  return asNames(renderMessages(i18n, locale, view).flatMap((m) => slackText(m.blocks)));
}

function onTeams(locale: Locale, view: View): string[] {
  return teamsText(renderCard({ t: i18n.fixed(locale), locale }, view));
}

/** What the neutral presenter decided a person reads, before either platform laid it out. */
function neutral(locale: Locale, view: View): string[] {
  const p = { t: i18n.fixed(locale), locale };
  if (view.type !== "form") return cardStrings(presentView(p, view));
  const doc = presentForm(p, view as FormView);
  return [
    doc.title,
    doc.submit,
    ...doc.intro,
    ...doc.fields.flatMap((f) => [f.label, ...(f.hint ? [f.hint] : []), ...f.options.map((o) => o.label)]),
  ];
}

const RAW_KEY =
  /\b(cards|labels|playbook|tasks|incidents|complaints|forms|summary|bot|checklist|slack|teams|circulars|digests):[a-z_]+/;
const cases = Object.entries(GOLDEN).flatMap(([name, view]) => LOCALES.map((locale) => ({ name, view, locale })));

describe("what people read, on both platforms", () => {
  it.each(cases)("$name ($locale) matches its golden text", async ({ name, view, locale }) => {
    const slack = onSlack(locale, view);
    const teams = onTeams(locale, view);
    const text = ["# Slack", ...slack, "", "# Teams", ...teams, ""].join("\n");
    await expect(text).toMatchFileSnapshot(path.join(GOLDEN_DIR, `${name}.${locale}.txt`));
  });

  it.each(cases)("$name ($locale) shows every label on Slack and on Teams, and no raw key", ({ view, locale }) => {
    const slack = onSlack(locale, view).join("\n");
    const teams = onTeams(locale, view).join("\n");
    for (const s of neutral(locale, view)) {
      expect(slack, `Slack is missing "${s}"`).toContain(s);
      expect(teams, `Teams is missing "${s}"`).toContain(s);
    }
    expect(slack).not.toMatch(RAW_KEY);
    expect(teams).not.toMatch(RAW_KEY);
  });
});

describe("the defects people reported, read back from the rendered text", () => {
  const both = (locale: Locale, name: string) => [
    onSlack(locale, GOLDEN[name] as View).join("\n"),
    onTeams(locale, GOLDEN[name] as View).join("\n"),
  ];

  it("an escalation note names the step and role the complaint moved to", () => {
    for (const text of both("en", "complaint_escalated")) {
      expect(text).toContain(
        "陈敏 escalated complaint CMP-0003 from Step 1 · Operations supervisor to Step 2 · Branch manager.",
      );
    }
    for (const text of both("zh-CN", "complaint_escalated")) {
      expect(text).toContain("陈敏 已将投诉 CMP-0003 由第1级 · 运营主管上报至第2级 · 网点负责人。");
    }
    for (const text of both("zh-CN", "incident_escalated")) expect(text).toContain("已上报至网点负责人");
  });

  it("the echo reads choice labels and units in the reader's language", () => {
    for (const text of both("zh-CN", "echo")) {
      expect(text).toContain("12人");
      expect(text).toContain("部分故障");
      expect(text).not.toMatch(/some_down|people|short/);
    }
    for (const text of both("en", "echo")) expect(text).toContain("12 people");
  });

  it("a summary names complaint stages and incident grades, translated", () => {
    for (const text of both("zh-CN", "summary")) {
      for (const s of ["第1级 · 运营主管", "第2级 · 网点负责人", "待回访", "特别重大", "重大", "较大", "一般"])
        expect(text).toContain(s);
      expect(text).not.toMatch(/step_\d|awaiting_follow_up/);
    }
  });

  it("masked identifiers stay literal: no Markdown turns ** into bold", () => {
    const slackJson = JSON.stringify(renderMessages(i18n, "zh-CN", GOLDEN.complaint as View));
    // Slack: the text sits in a rich_text run exactly as stored (rich_text has no mrkdwn)
    expect(slackJson).toContain('"text":"张** 138****5678"');
    expect(slackJson).not.toMatch(/"type":"mrkdwn","text":"[^"]*138\*\*\*\*5678/);
    // Teams: a TextRun, which Adaptive Cards never parse as Markdown
    const card = JSON.stringify(renderCard({ t: i18n.fixed("zh-CN"), locale: "zh-CN" }, GOLDEN.complaint as View));
    expect(card).toMatch(/"type":"TextRun","text":"张\*\* 138\*\*\*\*5678"/);
    expect(card).not.toMatch(/"type":"TextBlock","text":"[^"]*138\*\*\*\*5678/);
  });

  it("a field needed only for some incident types is optional on both platforms and says when it applies", () => {
    const form = GOLDEN.incident_form as FormView;
    const location = form.fields.find((f) => f.name === "location");
    expect(location?.required).toBe(true); // the server insists, for the types that need it
    const card = renderCard({ t: i18n.fixed("en"), locale: "en" }, form);
    const input = JSON.stringify(card).match(/\{"type":"Input\.Text","id":"location"[^}]*\}/)?.[0] ?? "";
    expect(input).toContain('"isRequired":false');
    const modal = renderModal(renderCtx(i18n, "en"), form, "meta");
    const block = modal.blocks.find((b) => (b as { block_id?: string }).block_id === "location");
    expect(block).toMatchObject({ type: "input", optional: true });
    for (const text of [onSlack("en", form).join("\n"), onTeams("en", form).join("\n")]) {
      expect(text).toContain("required when Type is Equipment");
    }
  });

  it("buttons and form titles name the outlet and the item when several look alike", () => {
    for (const text of both("zh-CN", "home")) {
      expect(text).toContain("打开 早间开门 · 陆家嘴支行营业部");
      expect(text).toContain("打开 早间开门 · 徐家汇支行营业部");
    }
    for (const text of both("zh-CN", "checklist_form")) {
      expect(text).toContain("早间开门 · 陆家嘴支行营业部");
      expect(text).toContain("「ATM 及自助设备已开机并加钞」有什么问题？");
    }
  });

  it("the decision form names the complaint and can be cancelled", () => {
    const form = GOLDEN.decision_form as FormView;
    for (const text of [onSlack("en", form).join("\n"), onTeams("en", form).join("\n")]) {
      expect(text).toContain("Escalate complaint CMP-0003");
      expect(text).toContain("Cancel");
    }
    const card = renderCard({ t: i18n.fixed("en"), locale: "en" }, form);
    expect(JSON.stringify(card.actions)).toContain('"verb":"form.cancel"');
  });
});
