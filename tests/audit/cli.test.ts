// The audit CLIs as real child processes against a temp database: exit codes, reports and
// the files they write.
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, ROOT, type TestDb } from "../helpers/db.js";
import { buildChain } from "./chain.js";

const exec = promisify(execFile);

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  await buildChain(t.db, 30); // hourly from 2026-11-01 00:00Z
});
afterAll(() => t.cleanup());

async function cli(script: string, args: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await exec(process.execPath, ["--import", "tsx", path.join("src/cli", script), ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: t.url, LOG_LEVEL: "silent" },
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

describe("npm run audit:export", () => {
  it("writes JSONL to --out and reports the count", async () => {
    const out = path.join(t.dir, "nov.jsonl");
    const r = await cli("audit-export.ts", [
      "--from",
      "2026-11-01",
      "--to",
      "2026-11-01",
      "--format",
      "jsonl",
      "--out",
      out,
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Exported 24 audit events/);
    const lines = readFileSync(out, "utf8").trimEnd().split("\n");
    expect(lines).toHaveLength(24);
    expect(JSON.parse(lines[0] as string)).toMatchObject({ seq: 1, action: "task.confirmed" });
  });

  it("writes CSV (the default) to stdout when no --out is given", async () => {
    const r = await cli("audit-export.ts", ["--from", "2026-11-02", "--to", "2026-11-30"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\r\n").filter(Boolean);
    expect(lines[0]).toBe(
      "seq,at,actorId,actorLabel,platform,source,action,entityType,entityId,before,after,prevHash,hash,chain",
    );
    expect(lines[1]?.startsWith("25,2026-11-02T00:00:00.000Z,")).toBe(true);
  });

  it.each([
    [[], /--from and --to are required/],
    [["--from", "2026-11-01"], /--from and --to are required/],
    [["--from", "2026-11-31", "--to", "2026-12-01"], /--from must be a date/],
    [["--from", "2026-11-02", "--to", "2026-11-01"], /must not be after/],
    [["--from", "2026-11-01", "--to", "2026-11-02", "--format", "xml"], /--format must be csv or jsonl/],
    [["--from", "2026-11-01", "--to", "2026-11-02", "--tz", "Mars/Olympus"], /--tz must be an IANA time zone/],
    [["--from", "2026-11-01", "--to", "2026-11-02", "--bogus"], /Unknown option/],
  ])("argument error %j exits 2 with usage", async (args, message) => {
    const out = path.join(t.dir, "never.csv");
    const r = await cli("audit-export.ts", [...args, "--out", out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/usage: npm run audit:export/);
    expect(existsSync(out)).toBe(false);
  });
});

describe("npm run audit:verify", () => {
  it("exits 0 on an intact chain and prints the last hash", async () => {
    const last = await t.db.auditEvent.findFirstOrThrow({ where: { seq: 30 } });
    const r = await cli("audit-verify.ts");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Audit chain OK: 30 events in 1 chain verified/);
    expect(r.stdout).toContain(last.hash);
  });

  it("exits 1 and names the first broken seq after tampering", async () => {
    await t.db.$executeRaw`UPDATE "AuditEvent" SET "after" = ${'{"n":0}'} WHERE "seq" = ${17}`;
    const r = await cli("audit-verify.ts");
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/BROKEN at seq 17 .*hash_mismatch/);
    expect(r.stdout).toMatch(/16 events before it verified intact/);
  });
});
