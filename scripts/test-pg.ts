// npm run test:pg — the whole test suite again, every test on its own fresh PostgreSQL
// database, on a throwaway server that scripts/pg-server.sh starts (and installs on a clean
// Debian machine). Proves every feature works the same as on SQLite.
import { execFileSync, spawnSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const server = execFileSync(path.join(root, "scripts/pg-server.sh"), ["start"], { encoding: "utf8" }).trim();
console.log(`PostgreSQL test server: ${server}`);
const run = spawnSync("npx", ["vitest", "run", ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, BRANCHBOT_TEST_PG: server },
});
process.exit(run.status ?? 1);
