// Number ranges of numbered blank vouchers (现金支票 00012001-00012050): inclusive integer
// ranges, kept sorted and merged. Voucher numbers keep the digits they were typed with (leading
// zeros), so a range carries its width and is shown padded back to it.

export interface NumberRange {
  from: number;
  to: number;
}

/** The most digits a voucher number may have (safely inside a JS number). */
const MAX_DIGITS = 15;
/** Separators between the two ends of a range as typed: 12001-12050, 12001~12050, 12001至12050. */
const RANGE = /^(\d+)\s*(?:-|~|～|—|–|至|到)\s*(\d+)$/;

export interface ParsedRange extends NumberRange {
  width: number;
}

/** "00012001-00012050" or one number "00012001"; null when not a range of voucher numbers. */
export function parseRange(word: string): ParsedRange | null {
  const w = word.trim();
  const m = RANGE.exec(w) ?? (/^\d+$/.test(w) ? [w, w, w] : null);
  if (!m) return null;
  const [a, b] = [m[1] as string, m[2] as string];
  if (a.length > MAX_DIGITS || b.length > MAX_DIGITS) return null;
  const from = Number(a);
  const to = Number(b);
  if (to < from) return null;
  return { from, to, width: Math.max(a.length, b.length) };
}

export const rangeSize = (r: NumberRange) => r.to - r.from + 1;
export const totalSize = (rs: readonly NumberRange[]) => rs.reduce((n, r) => n + rangeSize(r), 0);

/** Sorted, with touching or overlapping ranges merged. */
export function normalise(rs: readonly NumberRange[]): NumberRange[] {
  const sorted = [...rs].sort((a, b) => a.from - b.from);
  const out: NumberRange[] = [];
  for (const r of sorted) {
    const last = out.at(-1);
    if (last && r.from <= last.to + 1) last.to = Math.max(last.to, r.to);
    else out.push({ ...r });
  }
  return out;
}

export function overlaps(rs: readonly NumberRange[], r: NumberRange): boolean {
  return rs.some((x) => x.from <= r.to && r.from <= x.to);
}

export function contains(rs: readonly NumberRange[], r: NumberRange): boolean {
  return rs.some((x) => x.from <= r.from && r.to <= x.to);
}

export function add(rs: readonly NumberRange[], r: NumberRange): NumberRange[] {
  return normalise([...rs, r]);
}

/** `rs` without `r`; `r` must lie inside one of them (check with contains first). */
export function remove(rs: readonly NumberRange[], r: NumberRange): NumberRange[] {
  const out: NumberRange[] = [];
  for (const x of rs) {
    if (x.to < r.from || r.to < x.from) {
      out.push({ ...x });
      continue;
    }
    if (x.from < r.from) out.push({ from: x.from, to: r.from - 1 });
    if (r.to < x.to) out.push({ from: r.to + 1, to: x.to });
  }
  return out;
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** "00012001-00012050", or "00012001" for one number. */
export function formatRange(r: NumberRange, width: number): string {
  return r.from === r.to ? pad(r.from, width) : `${pad(r.from, width)}-${pad(r.to, width)}`;
}
