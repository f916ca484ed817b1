// The on-time rate printed next to an overdue task. A task that is overdue now (open, past its
// nudge time, window still open) counts against the rate while it stays open; before, it was
// left out of the denominator and a summary could read "按时率 100%" / "100% on time" right above
// "overdue now". Read back from what Slack and Teams actually show, in both languages.
// Now: Wednesday 2026-11-25 14:00 in Shanghai (06:00Z).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderMessages } from "../../src/channels/slack/render/index.js";
import { renderCard } from "../../src/channels/teams/cards/render.js";
import { ManualClock } from "../../src/domain/clock.js";
import { LOCALES, type Locale } from "../../src/i18n/index.js";
import { SummaryService } from "../../src/services/summary/service.js";
import type { SummaryView } from "../../src/views/summary.js";
import { createDemoDb, demoIds, i18n, playbook, type TestDb } from "../helpers/db.js";
import { visibleText as slackText } from "../slack/visible-text.js";
import { visibleText as teamsText } from "../teams/visible-text.js";
import { addOccurrence } from "./fixtures.js";

let t: TestDb;
let outlet: SummaryView;
let region: SummaryView;
const clock = new ManualClock("2026-11-25T06:00:00Z");

beforeAll(async () => {
  t = await createDemoDb(clock);
  const { staff, outlets } = await demoIds(t.db);
  const LJZ = outlets["SH-LJZ"] as string;
  // 08:00 local, done at 09:00 within its window: on time
  await addOccurrence(t.db, {
    outletId: LJZ,
    task: "opening",
    dueAt: "2026-11-25T00:00:00Z",
    state: "confirmed",
    completedAfter: 60,
  });
  // 13:00 local, nudged at 13:30, window open until 15:00: overdue now, not done
  await addOccurrence(t.db, { outletId: LJZ, task: "closing", dueAt: "2026-11-25T05:00:00Z", state: "nudged" });
  const service = new SummaryService(t.db, clock, { playbook });
  const o = await service.summarise(staff["chen.min"] as string, { kind: "outlet" }, "today");
  const r = await service.summarise(staff["grace.lin"] as string, { kind: "region" }, "today");
  if (!o.ok || !r.ok) throw new Error("summary refused");
  outlet = o.view;
  region = r.view;
});

afterAll(() => t?.cleanup());

const platforms = (locale: Locale, view: SummaryView) => ({
  slack: renderMessages(i18n, locale, view).flatMap((m) => slackText(m.blocks)),
  teams: teamsText(renderCard({ t: i18n.fixed(locale), locale }, view)),
});

/** The percentage printed after the on-time label (Slack: "label: 50%", Teams: label, then value). */
function rateAfter(lines: string[], label: string): number {
  const m = new RegExp(`${label}[:：]\\s*([\\d.]+)%`).exec(lines.join("\n"));
  if (!m) throw new Error(`no "${label}" rate in:\n${lines.join("\n")}`);
  return Number(m[1]);
}

describe.each(LOCALES)("a summary with a task overdue now (%s)", (locale) => {
  const t_ = (key: string, vars?: Record<string, unknown>) => i18n.fixed(locale)(key, vars);

  it("shows an on-time rate below 100% next to the overdue task, on Slack and on Teams", () => {
    for (const [platform, lines] of Object.entries(platforms(locale, outlet))) {
      const text = lines.join("\n");
      expect(text, platform).toContain(t_("cards:summary.overdue", { count: 1 }));
      expect(text, platform).toContain(t_("playbook:tasks.closing.title"));
      const rate = rateAfter(lines, t_("cards:summary.on_time"));
      expect(rate, platform).toBeLessThan(100);
      expect(rate, platform).toBe(50); // 1 on time of 2: the overdue one counts against
    }
  });

  it("ranks the outlet behind with the same rate, not 100%", () => {
    const row = t_("cards:summary.behind_row", {
      outlet: "陆家嘴支行营业部 (Lujiazui Sub-branch)",
      pct: "50%",
      overdue: 1,
      count: 0,
    });
    for (const [platform, lines] of Object.entries(platforms(locale, region))) {
      expect(lines.join("\n"), platform).toContain(row);
    }
  });
});
