// npm run audit:export -- --from 2026-11-01 --to 2026-11-30 [--format csv|jsonl] [--out file] [--tz Zone]
// Writes the audit events of those days (inclusive, read in --tz, default UTC) to a file or
// to stdout. Exit codes: 0 written, 1 failed, 2 bad arguments.
import { createWriteStream } from "node:fs";
import { finished } from "node:stream/promises";
import { parseArgs } from "node:util";
import { loadProcessConfig } from "../config/env.js";
import { createDb } from "../db/client.js";
import { isLocalDate } from "../domain/summary.js";
import { type ExportFormat, exportAudit } from "../services/audit/export.js";

const USAGE = `usage: npm run audit:export -- --from YYYY-MM-DD --to YYYY-MM-DD [--format csv|jsonl] [--out FILE] [--tz ZONE]
  --from, --to   first and last day to export (inclusive)
  --format       csv (default) or jsonl
  --out          file to write (default: standard output)
  --tz           IANA time zone the days are read in (default: UTC)`;

interface Args {
  from: string;
  to: string;
  format: ExportFormat;
  out?: string;
  tz: string;
}

function parse(argv: string[]): Args | string {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        from: { type: "string" },
        to: { type: "string" },
        format: { type: "string" },
        out: { type: "string" },
        tz: { type: "string" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
  const { from, to, out } = values;
  const format = values.format ?? "csv";
  const tz = values.tz ?? "UTC";
  if (!from || !to) return "--from and --to are required";
  if (!isLocalDate(from)) return `--from must be a date YYYY-MM-DD, got "${from}"`;
  if (!isLocalDate(to)) return `--to must be a date YYYY-MM-DD, got "${to}"`;
  if (from > to) return "--from must not be after --to";
  if (format !== "csv" && format !== "jsonl") return `--format must be csv or jsonl, got "${format}"`;
  if (!validZone(tz)) return `--tz must be an IANA time zone, got "${tz}"`;
  if (out === "") return "--out needs a file name";
  return { from, to, format, out, tz };
}

function validZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

async function main(): Promise<number> {
  const args = parse(process.argv.slice(2));
  if (typeof args === "string") {
    console.error(`audit:export: ${args}\n${USAGE}`);
    return 2;
  }
  const config = loadProcessConfig();
  const db = createDb(config.databaseUrl);
  try {
    const out = args.out ? createWriteStream(args.out) : process.stdout;
    const { count } = await exportAudit(db, out, {
      from: args.from,
      to: args.to,
      format: args.format,
      timeZone: args.tz,
    });
    if (args.out) {
      out.end();
      await finished(out);
    }
    // the report goes to stderr so that stdout carries only the data
    console.error(
      `Exported ${count} audit events (${args.from} to ${args.to}, ${args.tz}) as ${args.format}${args.out ? ` to ${args.out}` : ""}.`,
    );
    return 0;
  } finally {
    await db.$disconnect();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`audit:export failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  },
);
