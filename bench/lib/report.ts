// Judging figures against their targets, the printed table, and the JSON result file.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { MachineInfo } from "./machine.js";
import { type BenchResult, type Figure, meets } from "./types.js";

export interface JudgedFigure extends Figure {
  /** "PASS (62% of target)", "MISS by 45 ms (+15%)", or "" when there is no target. */
  verdict: string;
}

export interface BenchReport {
  name: string;
  description: string;
  startedAt: string;
  durationS: number;
  command: string;
  machine: MachineInfo;
  figures: JudgedFigure[];
  notes: string[];
  error?: string;
}

export function judge(f: Figure): JudgedFigure {
  if (!f.target) return { ...f, verdict: "" };
  const pass = f.pass ?? meets(f.value, f.target);
  const t = f.target.value;
  const gap = Math.abs(f.value - t);
  const unit = f.unit === "ratio" || f.unit === "count" ? "" : ` ${f.unit}`;
  const pct = t !== 0 ? ` (${f.value >= t ? "+" : "-"}${Math.round((gap / Math.abs(t)) * 100)}%)` : "";
  const verdict = pass
    ? `PASS${t !== 0 ? ` (${Math.round((f.value / t) * 100)}% of target)` : ""}`
    : `MISS by ${fmt(gap)}${unit}${pct}`;
  return { ...f, pass, verdict };
}

export function toReport(meta: Omit<BenchReport, "figures" | "notes">, result: BenchResult | null): BenchReport {
  return { ...meta, figures: (result?.figures ?? []).map(judge), notes: result?.notes ?? [] };
}

function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x)) return String(x);
  return Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(Math.abs(x) >= 10 ? 1 : 2);
}

function targetText(f: Figure): string {
  return f.target ? `${f.target.op} ${fmt(f.target.value)}` : "";
}

/** A fixed-width table, one row per figure. */
export function formatTable(report: BenchReport): string {
  const head = ["metric", "value", "unit", "target", "result"];
  const rows = report.figures.map((f) => [f.metric, fmt(f.value), f.unit, targetText(f), f.verdict]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 1 ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number))).join("  ");
  const out = [
    `== ${report.name}: ${report.description} (${report.durationS} s)`,
    line(head),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map(line),
  ];
  if (report.error) out.push(`ERROR: ${report.error}`);
  for (const n of report.notes) out.push(`  · ${n}`);
  return out.join("\n");
}

export function writeReport(dir: string, report: BenchReport): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${report.name}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
