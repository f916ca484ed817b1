// npm start: bring src/generated and dist/ up to date when their sources changed (a few ms when
// they did not; see prepare.mjs), then run the compiled service in this same process — one
// node process, no second npm lifecycle script, so a restart is as fast as `node dist/main.js`.
import { prepare } from "./prepare.mjs";

try {
  prepare();
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}
await import("../dist/main.js");
