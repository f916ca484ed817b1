// exportAudit: CSV with RFC 4180 quoting and a header, or JSON Lines; days filtered in a
// time zone; streamed in batches; exported rows still re-verify against their hashes.
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditHash } from "../../src/domain/audit-hash.js";
import { csvField, EXPORT_COLUMNS, type ExportOptions, exportAudit } from "../../src/services/audit/export.js";
import { createTestDb, type TestDb } from "../helpers/db.js";
import { buildChain } from "./chain.js";

/** A strict RFC 4180 reader, so the test checks the quoting rather than trusting it. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += c;
  }
  if (field !== "" || row.length > 0) throw new Error("unterminated last line");
  return rows;
}

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  // 60 events, hourly from 2026-11-01 00:00Z to 2026-11-03 11:00Z
  await buildChain(t.db, 60);
});
afterAll(() => t.cleanup());

async function run(opts: ExportOptions): Promise<{ text: string; count: number }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  const { count } = await exportAudit(t.db, out, opts);
  out.end();
  return { text: Buffer.concat(chunks).toString("utf8"), count };
}

describe("csvField", () => {
  it("quotes only when needed and doubles quotes", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField('a "b", c')).toBe('"a ""b"", c"');
    expect(csvField("line\nbreak")).toBe('"line\nbreak"');
    expect(csvField(null)).toBe("");
    expect(csvField(42)).toBe("42");
  });
});

describe("exportAudit", () => {
  it("writes CSV with a header and every event of the days, in seq order", async () => {
    const { text, count } = await run({ from: "2026-11-02", to: "2026-11-02", format: "csv", batchSize: 7 });
    const rows = parseCsv(text);
    expect(rows[0]).toEqual([...EXPORT_COLUMNS]);
    expect(count).toBe(24);
    expect(rows.slice(1).map((r) => Number(r[0]))).toEqual(Array.from({ length: 24 }, (_, i) => 25 + i));
    expect(rows.every((r) => r.length === EXPORT_COLUMNS.length)).toBe(true);
    const tricky = rows.find((r) => r[0] === "28") as string[];
    expect(tricky[3]).toBe("Emily, Zhou");
    expect(JSON.parse(tricky[10] as string)).toEqual({ n: 28, note: 'said "ok",\nthen left' });
  });

  it("reads the days in the given time zone", async () => {
    // 2026-11-02 in Shanghai = 11-01 16:00Z … 11-02 16:00Z = seq 17 … 40
    const { text } = await run({ from: "2026-11-02", to: "2026-11-02", format: "jsonl", timeZone: "Asia/Shanghai" });
    const seqs = text
      .trimEnd()
      .split("\n")
      .map((l) => (JSON.parse(l) as { seq: number }).seq);
    expect(seqs[0]).toBe(17);
    expect(seqs.at(-1)).toBe(40);
  });

  it("writes JSON Lines whose rows re-verify against their hashes", async () => {
    const { text, count } = await run({ from: "2026-11-01", to: "2026-11-30", format: "jsonl", batchSize: 9 });
    const lines = text
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(count).toBe(60);
    expect(lines).toHaveLength(60);
    expect(Object.keys(lines[0])).toEqual([...EXPORT_COLUMNS]);
    let prev = lines[0].prevHash;
    for (const l of lines) {
      expect(l.prevHash).toBe(prev);
      expect(auditHash(l.prevHash, { ...l, at: new Date(l.at) })).toBe(l.hash);
      prev = l.hash;
    }
  });

  it("an empty range writes only the CSV header", async () => {
    const { text, count } = await run({ from: "2027-01-01", to: "2027-01-31", format: "csv" });
    expect(count).toBe(0);
    expect(parseCsv(text)).toEqual([[...EXPORT_COLUMNS]]);
  });
});
