// The replica and fault-tolerance suites start real service processes and a PostgreSQL server,
// so they run only with `npm run test:replicas` / `npm run test:fault`, one file at a time
// (2 cores), never in `npm test` (their files end in .spec.ts, which vitest.config.ts ignores).
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/replicas/**/*.spec.ts", "tests/fault/**/*.spec.ts"],
    pool: "forks",
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 240_000,
    reporters: ["verbose"],
  },
});
