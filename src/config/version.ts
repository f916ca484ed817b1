// The running version, from package.json (not from npm's environment, which is absent
// when the service is started without npm).
import { readFileSync } from "node:fs";
import path from "node:path";

export const VERSION: string = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, "../../package.json"), "utf8"),
).version;
