// The SQLite settings the app runs with, as docs/database.md states them: WAL (readers do not
// wait for a writer) and synchronous=FULL (a commit that was acknowledged survives a power cut).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../helpers/db.js";

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(() => t.cleanup());

const pragma = async (name: string) => {
  const rows = await t.db.$queryRawUnsafe<Array<Record<string, unknown>>>(`PRAGMA ${name}`);
  return Object.values(rows[0] ?? {})[0];
};

describe.skipIf(Boolean(process.env.BRANCHBOT_TEST_PG))("SQLite pragmas on the app's own connection", () => {
  it("journal_mode is WAL, persistent on the file after migration", async () => {
    expect(String(await pragma("journal_mode")).toLowerCase()).toBe("wal");
  });

  it("synchronous is FULL (2), not NORMAL: an acknowledged submission is on disk", async () => {
    expect(Number(await pragma("synchronous"))).toBe(2);
  });
});
