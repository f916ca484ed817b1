// The whole newcomer experience, for real: the app exactly as `npm start` composes it (Teams
// local mode, the Agents Playground it starts, the pinned playground conversations, the outbox
// dispatcher running) and a person in headless Chromium using the playground as chen.min.
// One checklist filled on its card, an incident form cancelled, a plain-text reply echoed and
// confirmed in place, a summary, and one complaint approved from the card in the outlet's
// channel. Business time is Monday 08:50 in Shanghai, running on from there. Each card people
// look at is saved as a screenshot (E2E_SCREENSHOTS, default test-results/e2e/).
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type BrowserContext, chromium, type Locator, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startApp } from "../../src/app.js";
import { loadConfig } from "../../src/config/env.js";
import type { Clock } from "../../src/domain/clock.js";
import { createLogger } from "../../src/log.js";
import { i18n, ROOT } from "../helpers/db.js";

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const MONDAY_0850 = Date.parse("2026-11-23T00:50:00Z");
const zh = (key: string, vars?: Record<string, unknown>) => i18n.t("zh-CN", key, vars);

/** Monday 08:50 in Shanghai when the test starts, then running with real time (the dispatcher paces in it). */
const started = Date.now();
const clock: Clock = { now: () => new Date(MONDAY_0850 + (Date.now() - started)) };

const SHOTS = process.env.E2E_SCREENSHOTS ?? path.join(ROOT, "test-results/e2e");

let dir: string;
let app: RunningApp;
let browser: BrowserContext;
let page: Page;
const logLines: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "branchbot-e2e-"));
  const config = loadConfig(
    { DATABASE_URL: `file:${path.join(dir, "app.db")}`, SCHEDULER_ENABLED: "false", LOG_LEVEL: "info" },
    ROOT,
  );
  expect(config.playground).toBe(true); // no Slack, no Teams credentials: the embedded default
  const logger = createLogger("info", { write: (line: string) => void logLines.push(line) });
  app = await startApp({ ...config, port: 0, host: "127.0.0.1" }, { clock, logger });
  await app.services.occurrences.ensureOccurrences(clock.now());
  const playgroundUrl = logLines
    .map((l) => JSON.parse(l) as { url?: string; component?: string })
    .find((l) => l.component === "agents-playground" && l.url)?.url;
  if (!playgroundUrl) throw new Error(`the Agents Playground did not start:\n${logLines.join("")}`);

  browser = await chromium.launchPersistentContext(path.join(dir, "chromium-profile"), {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 1000 },
  });
  page = await browser.newPage();
  await page.goto(playgroundUrl);
  await page.getByRole("textbox").first().waitFor({ timeout: 30_000 });
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== "fail" || !page) return;
  const shots = mkdtempSync(path.join(tmpdir(), "branchbot-e2e-failure-"));
  const file = path.join(shots, `${ctx.task.name.replace(/\W+/g, "-")}.png`);
  await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
  const cards = await page
    .locator(".ac-adaptiveCard")
    .allInnerTexts()
    .catch(() => []);
  console.error(`e2e failure screenshot: ${file}\ncards on the page:\n${cards.slice(-4).join("\n---\n")}`);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function say(text: string) {
  // the compose box is a Lexical editor (a contenteditable textbox), the last one on the page
  const box = page.locator('[data-lexical-editor="true"]').last();
  await box.click();
  await page.keyboard.type(text);
  await page.keyboard.press("Enter");
}

/** The last Adaptive Card on the page that shows `text`. */
const cardWith = (text: string | RegExp): Locator => page.locator(".ac-adaptiveCard").filter({ hasText: text }).last();

/** The text a person sees on the card (Playwright's innerText: rendered, not DOM textContent). */
// biome-ignore lint/performance/useDomNodeTextContent: a Playwright locator, not a DOM node
const seen = (card: Locator) => card.innerText();

/** Saves what a person sees of this card, for the docs and for review. */
async function shoot(card: Locator, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  // a tall viewport while shooting, so a long card (the summary) is captured whole
  const before = page.viewportSize();
  await page.setViewportSize({ width: 1400, height: 3000 });
  await card.scrollIntoViewIfNeeded();
  await card.screenshot({ path: path.join(SHOTS, `${name}.png`) });
  if (before) await page.setViewportSize(before);
}

/** Opens a conversation in the playground's sidebar (the personal chat or a channel). */
async function open(conversation: string) {
  await page.getByText(conversation, { exact: true }).first().click();
}

describe("a newcomer in the Agents Playground, as chen.min", () => {
  it("is welcomed in the personal chat, which the bot can reach proactively from the start", async () => {
    await expect
      .poll(() => page.getByText(zh("cards:home.title", { name: "陈敏" })).count(), { timeout: 20_000 })
      .toBeGreaterThan(0);
    const dc = await app.db.directConversation.findFirstOrThrow({
      where: { platform: "teams", staff: { code: "chen.min" } },
    });
    expect(dc.channelId).toBe("a:branchbot-playground-personal-chat");
    expect(JSON.parse(dc.reference ?? "{}").serviceUrl).toMatch(/^http:\/\/localhost:\d+\/_connector$/);
  });

  it("fills the morning meeting checklist on its card and sees it recorded", async () => {
    await say("checklist morning_meeting");
    const form = cardWith(zh("forms:checklist.submit"));
    await form.waitFor({ timeout: 20_000 });
    await form
      .getByRole("radio", { name: zh("cards:form.yes") })
      .first()
      .check();
    await form
      .getByRole("textbox", { name: new RegExp(zh("playbook:tasks.morning_meeting.items.topic")) })
      .fill("反洗钱新规学习");
    await form.getByRole("spinbutton").first().fill("12");
    await form.getByRole("button", { name: zh("forms:checklist.submit") }).click();

    // the form becomes the checklist's progress, and the result is said in the chat
    const progress = zh("cards:reminder.done_of", { done: 3, total: 4 });
    await expect.poll(() => page.getByText(progress).count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const occ = await app.db.taskOccurrence.findFirstOrThrow({
      where: { template: { key: "morning_meeting" }, outlet: { code: "SH-LJZ" } },
      include: { results: { orderBy: { itemKey: "asc" } } },
    });
    expect(occ.results.map((r) => [r.itemKey, r.status, r.valueText, r.platform])).toEqual([
      ["attendees", "ok", "12", "teams"],
      ["held", "ok", null, "teams"],
      ["topic", "ok", "反洗钱新规学习", "teams"],
    ]);
  });

  it("opens the incident form, sees when each type-specific field is needed, and cancels it", async () => {
    await say("incident SH-LJZ");
    const form = cardWith(zh("forms:incident.title"));
    await form.waitFor({ timeout: 20_000 });
    // a field needed only for some types is optional on the card and says when it is needed
    const text = await seen(form);
    expect(text).toContain(zh("forms:incident.location"));
    expect(text).toMatch(new RegExp(`${zh("forms:incident.type")}为.+时必填`));
    await shoot(form, "incident-form");
    await form.getByRole("button", { name: zh("cards:form.cancel") }).click();
    await expect.poll(() => page.getByText(zh("bot:form.cancelled")).count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await app.db.incident.count()).toBe(0);
  });

  it("replies in plain text, sees the echo, and Confirm settles it in place", async () => {
    await say("checklist lobby_ready");
    await cardWith(zh("forms:checklist.submit")).waitFor({ timeout: 20_000 });
    await say("1-3 ok, 4 部分故障");
    const title = zh("checklist:echo.title", { task: "playbook:tasks.lobby_ready.title" });
    const echo = cardWith(title);
    await echo.waitFor({ timeout: 20_000 });
    // the choice reads as its label, never as its key
    expect(await seen(echo)).toContain(zh("playbook:options.some_down"));
    expect(await seen(echo)).not.toContain("some_down");
    await shoot(echo, "echo");
    await echo.getByRole("button", { name: zh("checklist:echo.confirm") }).click();
    // the same card now says it is recorded, and has no buttons left
    const settled = cardWith(title).filter({ hasText: zh("cards:echo.recorded") });
    await settled.waitFor({ timeout: 20_000 });
    expect(await settled.getByRole("button", { name: zh("checklist:echo.confirm") }).count()).toBe(0);
    await shoot(settled, "echo-recorded");
    const occ = await app.db.taskOccurrence.findFirstOrThrow({
      where: { template: { key: "lobby_ready" }, outlet: { code: "SH-LJZ" } },
      include: { results: { orderBy: { itemKey: "asc" } } },
    });
    expect(occ.results.map((r) => [r.itemKey, r.status, r.valueText])).toEqual([
      ["floor_clean", "ok", null],
      ["self_service", "failed", "some_down"],
      ["signage_shown", "ok", null],
      ["suggestion_box", "ok", null],
    ]);
  });

  it("asks for this week's summary and reads it as charts with titles and values", async () => {
    await say("status week");
    const summary = cardWith(zh("cards:summary.on_time"));
    await summary.waitFor({ timeout: 20_000 });
    const text = await seen(summary);
    expect(text).toContain(zh("cards:summary.chart.incidents"));
    expect(text).toContain(zh("cards:summary.chart.complaints_by_stage"));
    await shoot(summary, "summary");
  });

  it("approves a complaint from its card in the outlet's channel, and the card shows the decision", async () => {
    const wang = await app.db.staff.findUniqueOrThrow({ where: { code: "wang.fang" } });
    const outlet = await app.db.outlet.findUniqueOrThrow({ where: { code: "SH-LJZ" } });
    const logged = await app.services.complaints.log(
      { staffId: wang.id, platform: "slack" },
      {
        outletId: outlet.id,
        category: "waiting_time",
        intakeChannel: "counter",
        customerRef: "13812345678",
        description: "客户排队等候超过一小时",
        desiredOutcome: "希望支行改进叫号管理",
      },
    );
    if (!logged.ok) throw new Error("the complaint was not logged");

    // the outbox dispatcher posts its card in the outlet's channel (the playground's General),
    // mentioning chen (the step's supervisor); it does not reach him a second time by DM
    await open("General");
    const card = cardWith(logged.ref);
    await card.waitFor({ timeout: 30_000 });
    await shoot(card, "complaint");
    await card.getByRole("button", { name: zh("complaints:actions.approve") }).click();
    // for chen alone, the card turns into the decision form, then back into the decided card
    const form = cardWith(zh("forms:decision.submit"));
    await form.waitFor({ timeout: 20_000 });
    await form.getByRole("button", { name: zh("forms:decision.submit") }).click();
    const resolved = zh("labels:complaint_status.resolved");
    await expect
      .poll(
        () => page.locator(".ac-adaptiveCard").filter({ hasText: logged.ref }).filter({ hasText: resolved }).count(),
        { timeout: 20_000 },
      )
      .toBeGreaterThan(0);

    // …and tells chen alone, in his personal chat
    await open("Personal Chat");
    await expect
      .poll(() => page.getByText(zh("bot:complaint.approved", { ref: logged.ref })).count())
      .toBeGreaterThan(0);
    const decision = await app.db.complaintDecision.findFirstOrThrow({ where: { complaintId: logged.complaintId } });
    const chen = await app.db.staff.findUniqueOrThrow({ where: { code: "chen.min" } });
    expect(decision).toMatchObject({ decision: "approve", platform: "teams", decidedById: chen.id });
    expect((await app.db.complaint.findUniqueOrThrow({ where: { id: logged.complaintId } })).status).toBe("resolved");
  });
});
