// Dates typed in chat: 2026-11-25, 2026/11/25, 11-25, 11/25, 11月25日, today/今天, tomorrow/明天.
// A date without a year is the one nearest today (so in December, "1-5" is January next year,
// and in January "12-28" is last December). Pure: the caller passes the outlet's today; anything else is null, never a guess.
import { addDays } from "./calendar.js";

const pad = (n: number) => String(n).padStart(2, "0");

function valid(y: number, m: number, d: number): string | null {
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, "0")}-${pad(m)}-${pad(d)}`;
}

export function parseDateWord(word: string, today: string): string | null {
  const w = word.trim().toLowerCase();
  if (w === "today" || w === "今天" || w === "今日") return today;
  if (w === "tomorrow" || w === "明天" || w === "明日") return addDays(today, 1);
  const full = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(w) ?? /^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$/.exec(w);
  if (full) return valid(Number(full[1]), Number(full[2]), Number(full[3]));
  const short = /^(\d{1,2})[-/.](\d{1,2})$/.exec(w) ?? /^(\d{1,2})月(\d{1,2})[日号]?$/.exec(w);
  if (!short) return null;
  const year = Number(today.slice(0, 4));
  const [m, d] = [Number(short[1]), Number(short[2])];
  // the one of last, this and next year's dates nearest to today
  const candidates = [year - 1, year, year + 1].flatMap((y) => valid(y, m, d) ?? []);
  const dist = (date: string) => Math.abs(Date.parse(date) - Date.parse(today));
  return candidates.sort((a, b) => dist(a) - dist(b))[0] ?? null;
}
