// manifest.json against Slack's manifest limits and against what the edge serves.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkManifest } from "../../src/channels/slack/manifest-check.js";
import { renderCtx, renderModal } from "../../src/channels/slack/render/index.js";
import { i18n, ROOT } from "../helpers/db.js";
import { allViews } from "./views-fixtures.js";

const manifest = JSON.parse(readFileSync(path.join(ROOT, "manifest.json"), "utf8"));

describe("manifest.json", () => {
  it("is within the limits and matches the command, shortcuts and URL the code handles", () => {
    expect(checkManifest(manifest)).toEqual([]);
  });

  it("points every request URL at /slack/events", () => {
    const urls = [
      ...manifest.features.slash_commands.map((c: { url: string }) => c.url),
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
    ];
    expect(urls.map((u: string) => new URL(u).pathname)).toEqual(["/slack/events", "/slack/events", "/slack/events"]);
  });

  it("requests files:read, because a modal can show a file input (photo fields)", () => {
    const fixture = allViews("realistic").find((v) => v.type === "form");
    if (fixture?.type !== "form") throw new Error("no form fixture");
    // a checklist with a photo item (playbook `kind: photo`)
    const form = { ...fixture, fields: fixture.fields.map((f, i) => (i === 0 ? { ...f, kind: "photo" as const } : f)) };
    const modal = renderModal(renderCtx(i18n, "en"), form, "{}");
    const inputs = modal.blocks.flatMap((b) => ("element" in b && b.element ? [b.element.type] : []));
    expect(inputs).toContain("file_input");
    expect(manifest.oauth_config.scopes.bot).toContain("files:read");
    const without = structuredClone(manifest);
    without.oauth_config.scopes.bot = without.oauth_config.scopes.bot.filter((s: string) => s !== "files:read");
    expect(checkManifest(without)).toContain("bot scope files:read is missing");
  });

  it("the check fails on a broken manifest", () => {
    const broken = structuredClone(manifest);
    broken.display_information.name = "x".repeat(36);
    broken.display_information.long_description = "too short";
    broken.features.shortcuts[0].callback_id = "unknown_thing";
    broken.features.slash_commands[0].url = "https://branchbot.example.com/slack/commands";
    broken.settings.socket_mode_enabled = true;
    const problems = checkManifest(broken);
    expect(problems).toEqual(
      expect.arrayContaining([
        "display_information.name: 36 characters, must be 1–35",
        "display_information.long_description: 9 characters, must be 175–4000",
        "shortcuts[0].callback_id unknown_thing has no handler",
        "shortcut report_incident is missing",
        "slash_commands[0].url: path must be /slack/events",
        "socket_mode_enabled must be false (HTTP is the default)",
      ]),
    );
  });
});
