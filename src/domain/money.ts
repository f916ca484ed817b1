// Money as exact integers. Amounts arrive as text ("12,345.60", "¥12345.6", "12345.60元")
// and are parsed digit by digit into BigInt minor units (fen for CNY). No float ever touches
// a value: 0.1 + 0.2 style errors would make a balanced till look short.

/** Minor-unit digits per ISO currency; anything not listed uses 2. */
const MINOR_DIGITS: Record<string, number> = { CNY: 2, USD: 2, EUR: 2, HKD: 2, GBP: 2, JPY: 0, KRW: 0 };

const SYMBOLS: Record<string, string> = { CNY: "¥", JPY: "¥", USD: "$", EUR: "€", GBP: "£", HKD: "HK$" };

// Currency markers people type around a number: symbols, codes and the Chinese 元/人民币.
const MARKERS = /^(?:¥|￥|\$|€|£|hk\$|cny|rmb|usd|eur|gbp|hkd|jpy|人民币)|(?:元|块|圆|cny|rmb|yuan)$/i;

export function minorDigits(currency: string): number {
  return MINOR_DIGITS[currency] ?? 2;
}

export type AmountParse =
  | { ok: true; minor: bigint }
  | { ok: false; reason: "invalid" | "too_many_decimals"; digits: number };

/**
 * Parses decimal text into minor units. Accepts a leading sign, a currency marker before or
 * after, thousands separators (only in groups of three) and at most `minorDigits` decimals.
 */
export function parseAmount(text: string, currency: string): AmountParse {
  const digits = minorDigits(currency);
  let s = text.normalize("NFKC").trim().replace(/\s+/g, "");
  for (let i = 0; i < 2; i++) s = s.replace(MARKERS, "");
  let sign = 1n;
  if (s.startsWith("-") || s.startsWith("+")) {
    if (s.startsWith("-")) sign = -1n;
    s = s.slice(1);
    s = s.replace(MARKERS, "");
  }
  const m = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d*))?$/.exec(s);
  if (!m || (m[2] === "" && !m[1])) return { ok: false, reason: "invalid", digits };
  const whole = (m[1] ?? "").replaceAll(",", "");
  const frac = m[2] ?? "";
  if (frac.length > digits) return { ok: false, reason: "too_many_decimals", digits };
  const minor = BigInt(whole) * 10n ** BigInt(digits) + BigInt(frac.padEnd(digits, "0") || "0");
  return { ok: true, minor: sign * minor };
}

/** Whole units (a playbook range bound, always an integer or simple decimal) in minor units. */
export function unitsToMinor(units: number, currency: string): bigint {
  // range bounds come from YAML numbers; go through their decimal text, never multiply floats
  const parsed = parseAmount(String(units), currency);
  if (parsed.ok) return parsed.minor;
  throw new RangeError(`range bound ${units} has more decimals than ${currency} allows`);
}

/** Canonical decimal text: "12345.60" (no separators, fixed decimals). */
export function formatMinor(minor: bigint, currency: string): string {
  const digits = minorDigits(currency);
  const neg = minor < 0n;
  const abs = neg ? -minor : minor;
  const base = 10n ** BigInt(digits);
  const whole = (abs / base).toString();
  const frac = digits > 0 ? `.${(abs % base).toString().padStart(digits, "0")}` : "";
  return `${neg ? "-" : ""}${whole}${frac}`;
}

/** Display form with symbol and thousands separators: "¥12,345.60". Same in every locale. */
export function displayMinor(minor: bigint, currency: string): string {
  const canonical = formatMinor(minor, currency);
  const neg = canonical.startsWith("-");
  const [whole = "0", frac] = (neg ? canonical.slice(1) : canonical).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const symbol = SYMBOLS[currency] ?? `${currency} `;
  return `${neg ? "-" : ""}${symbol}${grouped}${frac !== undefined ? `.${frac}` : ""}`;
}
