// End-to-end tests: the real Agents Playground driven in headless Chromium. Slow and needs
// /usr/bin/chromium, so they run only with `npm run test:e2e`, never in `npm test`.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/e2e/**/*.e2e.test.ts"],
    pool: "forks",
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
