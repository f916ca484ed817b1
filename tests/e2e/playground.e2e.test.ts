// The whole newcomer experience, for real: the app exactly as `npm start` composes it (Teams
// local mode, the Agents Playground it starts, the pinned playground conversations, the outbox
// dispatcher running) and a person in headless Chromium using the playground as chen.min.
// One checklist filled on its card, and one complaint approved from the card that reached
// chen's personal chat. Business time is Monday 08:50 in Shanghai, running on from there.
import { mkdtempSync, rmSync } from "node:fs";
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

  it("approves a complaint that reached the personal chat, and the card shows the decision", async () => {
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

    // the outbox dispatcher delivers its card to chen (the step's supervisor) in the playground
    const card = cardWith(logged.ref);
    await card.waitFor({ timeout: 30_000 });
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

    // …and says so in the chat
    await expect
      .poll(() => page.getByText(zh("bot:complaint.approved", { ref: logged.ref })).count())
      .toBeGreaterThan(0);
    const decision = await app.db.complaintDecision.findFirstOrThrow({ where: { complaintId: logged.complaintId } });
    const chen = await app.db.staff.findUniqueOrThrow({ where: { code: "chen.min" } });
    expect(decision).toMatchObject({ decision: "approve", platform: "teams", decidedById: chen.id });
    expect((await app.db.complaint.findUniqueOrThrow({ where: { id: logged.complaintId } })).status).toBe("resolved");
  });
});
