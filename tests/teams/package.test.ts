// The Teams app package: exactly manifest.json + the two icons at the zip root, a manifest
// with the fields Teams requires, the bot in all three scopes with the commands the chat
// understands, and icons of the required sizes.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { inflateSync } from "node:zlib";
import JSZip from "jszip";
import { afterAll, describe, expect, it } from "vitest";
import { buildTeamsPackage, PLACEHOLDER_BOT_ID } from "../../scripts/teams-package.js";
import { ROOT } from "../helpers/db.js";

const dir = mkdtempSync(path.join(tmpdir(), "teams-pkg-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const pngSize = (buf: Buffer) => ({ w: buf.readUInt32BE(16), h: buf.readUInt32BE(20), colourType: buf[25] });

describe("Teams app package", () => {
  it("zips exactly the manifest and both icons, with the app id substituted", async () => {
    const botId = "11111111-2222-3333-4444-555555555555";
    const out = await buildTeamsPackage({ dir: path.join(ROOT, "appPackage"), botId, out: path.join(dir, "a.zip") });
    const zip = await JSZip.loadAsync(readFileSync(out));
    expect(Object.keys(zip.files).sort()).toEqual(["color.png", "manifest.json", "outline.png"]);
    const m = JSON.parse(await zip.file("manifest.json")!.async("string"));
    for (const f of [
      "$schema",
      "manifestVersion",
      "version",
      "id",
      "developer",
      "name",
      "description",
      "icons",
      "accentColor",
    ])
      expect(m[f], f).toBeTruthy();
    expect(Number(m.manifestVersion)).toBeGreaterThanOrEqual(1.17);
    expect(m.$schema).toContain(`v${m.manifestVersion}/`);
    expect(m.name.short.length).toBeLessThanOrEqual(30);
    expect(m.description.short.length).toBeLessThanOrEqual(80);
    const bot = m.bots[0];
    expect(bot.botId).toBe(botId);
    expect(bot.scopes.sort()).toEqual(["groupChat", "personal", "team"]);
    for (const list of bot.commandLists) {
      expect(list.commands.map((c: { title: string }) => c.title)).toEqual([
        "help",
        "today",
        "status",
        "incident",
        "complaint",
        "remind",
        "checklist",
      ]);
      for (const c of list.commands) expect(c.description.length).toBeLessThanOrEqual(128);
    }
    expect(bot.commandLists.flatMap((l: { scopes: string[] }) => l.scopes).sort()).toEqual([
      "groupChat",
      "personal",
      "team",
    ]);
    expect(pngSize(Buffer.from(await zip.file("color.png")!.async("uint8array")))).toEqual({
      w: 192,
      h: 192,
      colourType: 6,
    });
    expect(pngSize(Buffer.from(await zip.file("outline.png")!.async("uint8array")))).toEqual({
      w: 32,
      h: 32,
      colourType: 6,
    });
  });

  it("uses the placeholder without an app id and refuses a malformed one", async () => {
    const out = await buildTeamsPackage({ dir: path.join(ROOT, "appPackage"), out: path.join(dir, "b.zip") });
    const m = JSON.parse(await (await JSZip.loadAsync(readFileSync(out))).file("manifest.json")!.async("string"));
    expect(m.bots[0].botId).toBe(PLACEHOLDER_BOT_ID);
    await expect(
      buildTeamsPackage({ dir: path.join(ROOT, "appPackage"), botId: "not-a-guid", out: path.join(dir, "c.zip") }),
    ).rejects.toThrow("GUID");
  });

  it("the outline icon is white on transparent", () => {
    const png = readFileSync(path.join(ROOT, "appPackage/outline.png"));
    expect(pngSize(png)).toEqual({ w: 32, h: 32, colourType: 6 });
    const idat = png.indexOf("IDAT");
    const raw = inflateSync(png.subarray(idat + 4, idat + 4 + png.readUInt32BE(idat - 4)));
    let white = 0;
    for (let y = 0; y < 32; y++)
      for (let x = 0; x < 32; x++) {
        const [r, g, b, a] = raw.subarray(y * 129 + 1 + x * 4, y * 129 + 5 + x * 4);
        if (a === 0) continue;
        expect([r, g, b, a]).toEqual([255, 255, 255, 255]);
        white++;
      }
    expect(white).toBeGreaterThan(50);
  });
});
