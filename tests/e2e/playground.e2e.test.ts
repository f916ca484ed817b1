// The Agents Playground, for real, in headless Chromium: the Teams edge (local mode) with the
// recording core, the playground started the way `npm start` starts it (stub browser opener),
// and a person typing into its compose box. Phase 1: the recording BotCore answers; the real
// core replaces it once the services land.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningPlayground, startPlayground } from "../../src/channels/teams/playground.js";
import { createLogger } from "../../src/log.js";
import { type Harness, startHarness } from "../teams/harness.js";

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

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

let h: Harness;
let pg: RunningPlayground;
let browser: BrowserContext;
let page: Page;
let profile: string;

beforeAll(async () => {
  h = await startHarness();
  pg = await startPlayground({
    port: Number(new URL(h.url).port),
    log: createLogger("silent"),
    playgroundPort: await freePort(),
    channels: [{ id: "19:demo-sh-ljz@thread.tacv2", name: "SH-LJZ" }],
  });
  profile = mkdtempSync(path.join(tmpdir(), "branchbot-chromium-"));
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_ARGS,
  });
  page = await browser.newPage();
  await page.goto(pg.url);
  await page.getByRole("textbox").first().waitFor({ timeout: 30_000 });
});

afterAll(async () => {
  await browser?.close();
  await pg?.stop();
  await h?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

async function say(text: string) {
  const box = page.getByRole("textbox").first();
  await box.click();
  await page.keyboard.type(text);
  await page.keyboard.press("Enter");
}

const callsOf = (method: string) => h.core.calls.filter((c) => c.method === method);

describe("Agents Playground end to end", () => {
  it("installs into the personal chat as the demo user and stores the reference", async () => {
    await expect.poll(() => callsOf("home").length, { timeout: 20_000 }).toBeGreaterThan(0);
    expect(callsOf("home")[0]!.user.externalIds).toEqual(["user-id-0", "00000000-0000-0000-0000-0000000000020"]);
    const dc = await h.t.db.directConversation.findFirst({ where: { platform: "teams" } });
    expect(dc?.channelId).toBe("a:branchbot-playground-personal-chat");
  });

  it('"today" shows my day as a card', async () => {
    const before = await page.getByText("My day").count();
    await say("today");
    await expect.poll(() => callsOf("onText").map((c) => c.arg), { timeout: 20_000 }).toContain("today");
    await expect.poll(() => page.getByText("My day").count(), { timeout: 20_000 }).toBeGreaterThan(before);
  });

  it("fills a checklist card and submits it", async () => {
    await say("checklist");
    const card = page.locator(".ac-adaptiveCard").filter({ hasText: "Cash boxes taken" }).last();
    await card.waitFor({ timeout: 20_000 });
    await card.getByRole("textbox", { name: /Cash boxes/ }).fill("12345.60");
    await card.locator("label", { hasText: /^Yes$/ }).first().click();
    await card.getByRole("combobox", { name: /Self-service/ }).click();
    await page.getByRole("option", { name: "No" }).click();
    await card.getByRole("button", { name: "Yes" }).click();
    await expect.poll(() => callsOf("onSubmit").length, { timeout: 20_000 }).toBe(1);
    expect(callsOf("onSubmit")[0]!.arg).toMatchObject({
      formKey: "checklist",
      contextId: "sess-1",
      values: { cashbox_amount: "12345.60", premises_opened: "yes", choice: "fault" },
    });
  });

  it("approves a complaint and the card refreshes", async () => {
    await say("complaint");
    const card = page.locator(".ac-adaptiveCard").filter({ hasText: "Customer asks for" }).last();
    await card.waitFor({ timeout: 20_000 });
    await card.getByRole("button", { name: "Yes" }).click();
    await expect
      .poll(() => callsOf("onAction").map((c) => (c.arg as { action: string }).action), { timeout: 20_000 })
      .toContain("complaint.approve");
    await expect.poll(() => page.getByText(/approved by 陈敏/).count(), { timeout: 20_000 }).toBeGreaterThan(0);
    // the clicked card itself was replaced by the decided one (no buttons, status resolved)
    await expect
      .poll(() => page.getByText("operations supervisor · resolved").count(), { timeout: 20_000 })
      .toBeGreaterThan(0);
  });
});
