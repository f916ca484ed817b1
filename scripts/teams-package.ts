// Builds the Teams app package: appPackage/build/branchbot-teams.zip with manifest.json,
// color.png and outline.png at the zip root. The bot id comes from MicrosoftAppId (or BOT_ID)
// in the environment; without one a placeholder GUID is used and a warning printed, since a
// package for real Teams needs the Azure Bot's app id. Run: npm run teams:package
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import JSZip from "jszip";

/** The Teams Toolkit style placeholder in appPackage/manifest.json. */
export const BOT_ID_PLACEHOLDER = ["$", "{{BOT_ID}}"].join("");
export const PLACEHOLDER_BOT_ID = "00000000-0000-0000-0000-000000000000";
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function buildTeamsPackage(opts: { dir: string; botId?: string; out?: string }): Promise<string> {
  const botId = opts.botId?.trim() || PLACEHOLDER_BOT_ID;
  if (!GUID.test(botId)) throw new Error(`MicrosoftAppId must be a GUID (got "${botId}")`);
  const manifest = readFileSync(path.join(opts.dir, "manifest.json"), "utf8").replaceAll(BOT_ID_PLACEHOLDER, botId);
  JSON.parse(manifest); // refuse to zip a broken manifest
  const zip = new JSZip();
  zip.file("manifest.json", manifest);
  for (const icon of ["color.png", "outline.png"]) zip.file(icon, readFileSync(path.join(opts.dir, icon)));
  const out = opts.out ?? path.join(opts.dir, "build", "branchbot-teams.zip");
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
  return out;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename);
if (isMain) {
  const botId = process.env.MicrosoftAppId ?? process.env.BOT_ID;
  if (!botId) console.warn(`No MicrosoftAppId set: the package uses the placeholder bot id ${PLACEHOLDER_BOT_ID}.`);
  buildTeamsPackage({ dir: path.resolve(import.meta.dirname, "../appPackage"), botId })
    .then((out) => console.log(`Teams app package written to ${out}`))
    .catch((err) => {
      console.error(String(err instanceof Error ? err.message : err));
      process.exit(1);
    });
}
