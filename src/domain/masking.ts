// Masks customer identifiers in free text before it is stored or shown. Only the masked form
// is ever kept, so this runs on every complaint and incident text at intake.
//
// How it works: the text is cut into "digit chains" (digits in groups joined by one space or
// one hyphen, an optional leading "+", an optional trailing X for ID numbers). A group that
// touches a decimal point, a thousands comma, a colon or a slash next to another digit is part
// of an amount, a time or a date and is never masked. Inside a chain, the longest run of
// groups that forms an identifier wins, tried in this order:
//   1. 18-character national ID with a valid checksum (GB 11643)   3101**********123X
//   2. mobile number 1[3-9]xxxxxxxxx, optionally +86 / 86 / 0086    +86 138****5678
//   3. bank card, 13–19 digits, Luhn-valid                          6222 **** **** 1234
//   4. national ID shape (18 with a bad checksum, or legacy 15) with a real birth date
//   5. account number: any other run of 10 or more digits           ************5678
// Group lengths must look like how people write that identifier (cards in fours, mobiles
// 3-4-4, IDs 6-8-4), so two short numbers that happen to sit side by side are not joined.
// Our own case references (INC-…, CMP-…) are left alone.
//
// Before any of that the text is normalised with NFKC, so full-width digits, X, "＠", "－" and
// the ideographic space read as their ASCII forms (１３９１２３４５６７８ is a mobile). Only the
// identifier itself is replaced (by its masked, normalised form); the rest of the text keeps
// the characters it was typed with. Also found:
//   - mobiles written with dots, 139.1234.5678 (3-4-4 only: an amount has one dot)
//   - e-mail addresses                                                z***@example.com
//   - a customer's name after 客户 / 姓名, or before 先生 / 女士 (on by default; see
//     setMaskingDefaults): 客户张三 → 客户张*, 张小明女士 → 张**女士; 王先生 is a surname only
//     and stays.

export type IdentifierKind = "national_id" | "mobile" | "card" | "account" | "email" | "name";

export interface MaskOptions {
  /** Mask a customer's given name after 客户/姓名 and before 先生/女士. Default on. */
  names?: boolean;
}

let defaults: Required<MaskOptions> = { names: true };

/** Process-wide defaults (from config at start-up: MASK_CUSTOMER_NAMES). */
export function setMaskingDefaults(o: MaskOptions): void {
  defaults = { ...defaults, ...o };
}

export function maskingDefaults(): Required<MaskOptions> {
  return { ...defaults };
}

export interface FoundIdentifier {
  kind: IdentifierKind;
  start: number; // index into the original text
  end: number; // exclusive
  masked: string;
}

const MASK = "*";
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = "10X98765432";
const ACCOUNT_MIN_DIGITS = 10;
const CASE_REF = /\b(?:INC|CMP)-[A-Z0-9]+(?:-[A-Z0-9]+)*-\d{8}-\d{3,}\b/g;
const CHAIN = /\+?\d+(?:[ -]\d+)*(?:[Xx](?![A-Za-z]))?/g;

interface Group {
  digits: string; // digits only (and a trailing X on the last group)
  start: number;
  end: number;
  tainted: boolean; // part of an amount, time or date
}

/** The Luhn check used by every card scheme. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** True when an 18-character ID has a valid GB 11643 check character. */
export function chineseIdChecksumValid(id: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * (ID_WEIGHTS[i] as number);
  return ID_CHECK[sum % 11] === id[17]?.toUpperCase();
}

/** Looks like a national ID: region digit 1–8 and a real birth date (18 or legacy 15). */
function idShape(id: string): boolean {
  if (/^[1-8]\d{16}[\dXx]$/.test(id)) {
    const y = Number(id.slice(6, 10));
    return y >= 1900 && y <= 2099 && validDate(y, Number(id.slice(10, 12)), Number(id.slice(12, 14)));
  }
  if (/^[1-8]\d{14}$/.test(id)) {
    return validDate(1900 + Number(id.slice(6, 8)), Number(id.slice(8, 10)), Number(id.slice(10, 12)));
  }
  return false;
}

const MOBILE = /^(0086|86)?1[3-9]\d{9}$/;

function sameShape(lengths: number[], ...shapes: number[][]): boolean {
  return shapes.some((s) => s.length === lengths.length && s.every((n, i) => n === lengths[i]));
}

/** Cards are written as one run, in fours (the last group shorter), or 4-6-5 / 4-6-4. */
function cardGrouping(lengths: number[]): boolean {
  if (lengths.length === 1) return true;
  if (sameShape(lengths, [4, 6, 5], [4, 6, 4], [6, 13])) return true;
  const last = lengths[lengths.length - 1] as number;
  return lengths.slice(0, -1).every((n) => n === 4) && last >= 1 && last <= 4;
}

/** Mobiles: one run, or 3-4-4 / 3-8, after an optional separate country-code group. */
function mobileGrouping(lengths: number[], digits: string): boolean {
  let rest = lengths;
  if (lengths.length > 1 && /^(0086|86)/.test(digits) && (lengths[0] === 2 || lengths[0] === 4))
    rest = lengths.slice(1);
  return rest.length === 1 || sameShape(rest, [3, 4, 4], [3, 8]);
}

function idGrouping(lengths: number[]): boolean {
  return lengths.length === 1 || sameShape(lengths, [6, 8, 4], [6, 4, 4, 4], [6, 6, 3]);
}

interface Classified {
  kind: IdentifierKind;
  /** Which digit positions (in the run's digit string) stay visible. */
  keep: (i: number, n: number) => boolean;
}

const keepEnds = (head: number, tail: number) => (i: number, n: number) => i < head || i >= n - tail;

/** Classifies a run of groups; null when it is not an identifier. */
function classify(groups: Group[]): Classified | null {
  const digits = groups.map((g) => g.digits).join("");
  const lengths = groups.map((g) => g.digits.length);
  const hasX = /[Xx]$/.test(digits);
  if (digits.length === 18 && chineseIdChecksumValid(digits) && idGrouping(lengths)) {
    return { kind: "national_id", keep: keepEnds(4, 4) };
  }
  if (hasX) {
    // an X only ever ends an ID number; a mistyped one (wrong length) is still a customer's
    // number, so a long enough run is masked as an account number rather than left visible
    if (idShape(digits) && idGrouping(lengths)) return { kind: "national_id", keep: keepEnds(4, 4) };
    return digits.length - 1 >= ACCOUNT_MIN_DIGITS ? { kind: "account", keep: keepEnds(0, 4) } : null;
  }
  const mobile = MOBILE.exec(digits);
  if (mobile && mobileGrouping(lengths, digits)) {
    const prefix = mobile[1]?.length ?? 0;
    return { kind: "mobile", keep: keepEnds(prefix + 3, 4) };
  }
  if (digits.length >= 13 && digits.length <= 19 && luhnValid(digits) && cardGrouping(lengths)) {
    return { kind: "card", keep: keepEnds(4, 4) };
  }
  if (idShape(digits) && idGrouping(lengths)) return { kind: "national_id", keep: keepEnds(4, 4) };
  if (digits.length >= ACCOUNT_MIN_DIGITS && cardGrouping(lengths)) return { kind: "account", keep: keepEnds(0, 4) };
  return null;
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= "0" && c <= "9";
}

/** Splits a chain into groups and marks those glued to amounts, times and dates. */
function groupsOf(text: string, start: number, chain: string): Group[] {
  const groups: Group[] = [];
  const re = /\d+(?:[Xx]$)?/g;
  for (const m of chain.matchAll(re)) {
    const s = start + (m.index ?? 0);
    groups.push({ digits: m[0], start: s, end: s + m[0].length, tainted: false });
  }
  const first = groups[0];
  const last = groups[groups.length - 1];
  if (!first || !last) return groups;
  // "12345.60", "1,234", "14:30", "2026/11/23": the neighbouring digit makes it a number
  const before = text[start - 1];
  if (before !== undefined && ".,:/".includes(before) && isDigit(text[start - 2])) first.tainted = true;
  const after = text[last.end];
  if (after !== undefined && ".,:/".includes(after) && isDigit(text[last.end + 1])) last.tainted = true;
  return groups;
}

function maskRun(text: string, groups: Group[], c: Classified): string {
  const start = (groups[0] as Group).start;
  const end = (groups[groups.length - 1] as Group).end;
  const n = groups.reduce((s, g) => s + g.digits.length, 0);
  let i = 0;
  let out = "";
  for (const ch of text.slice(start, end)) {
    if (isDigit(ch) || ch === "X" || ch === "x") {
      out += c.keep(i, n) ? ch : MASK;
      i++;
    } else out += ch;
  }
  return out;
}

function protectedRanges(text: string): Array<[number, number]> {
  return [...text.matchAll(CASE_REF)].map((m) => [m.index ?? 0, (m.index ?? 0) + m[0].length]);
}

/** The digit chains of already-normalised text (indexes into that text). */
function findChains(text: string, keepOut: Array<[number, number]>): FoundIdentifier[] {
  const found: FoundIdentifier[] = [];
  for (const m of text.matchAll(CHAIN)) {
    const start = m.index ?? 0;
    if (keepOut.some(([a, b]) => start >= a && start < b)) continue;
    const groups = groupsOf(text, start, m[0]);
    for (let i = 0; i < groups.length; ) {
      let matched = 0;
      for (let j = groups.length; j > i; j--) {
        const run = groups.slice(i, j);
        if (run.some((g) => g.tainted)) continue;
        const c = classify(run);
        if (!c) continue;
        found.push({
          kind: c.kind,
          start: (run[0] as Group).start,
          end: (run[run.length - 1] as Group).end,
          masked: maskRun(text, run, c),
        });
        matched = j - i;
        break;
      }
      i += matched || 1;
    }
  }
  return found;
}

// --- mobiles with dots, e-mails, names ---------------------------------------------------

const DOTTED_MOBILE = /(?<![\d.])((?:\+?86|0086)[ .-]?)?1[3-9]\d\.\d{4}\.\d{4}(?!\d|\.\d)/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

function maskDigits(s: string, keep: (i: number, n: number) => boolean): string {
  const n = s.replace(/\D/g, "").length;
  let i = 0;
  let out = "";
  for (const ch of s) {
    if (isDigit(ch)) {
      out += keep(i, n) ? ch : MASK;
      i++;
    } else out += ch;
  }
  return out;
}

function findDottedMobiles(text: string): FoundIdentifier[] {
  return [...text.matchAll(DOTTED_MOBILE)].map((m) => {
    const start = m.index ?? 0;
    const prefix = (m[1] ?? "").replace(/\D/g, "").length;
    return { kind: "mobile", start, end: start + m[0].length, masked: maskDigits(m[0], keepEnds(prefix + 3, 4)) };
  });
}

function findEmails(text: string): FoundIdentifier[] {
  return [...text.matchAll(EMAIL)].map((m) => {
    const start = m.index ?? 0;
    const at = m[0].indexOf("@");
    return { kind: "email", start, end: start + m[0].length, masked: `${m[0][0]}***${m[0].slice(at)}` };
  });
}

// Common single-character surnames. Characters that are mostly function words (和, 时, 于, 向,
// 应, 全, 成, 关, 连 …) are left out, so "客户和柜员" is not read as a name.
const SURNAMES = new Set(
  "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵钱严覃武戴莫孔汤施牛樊葛邢齐乔伍庞颜倪庄聂鲁岳翟殷詹欧耿焦俞柳祝宁舒阮柯纪梅童凌毕季裴霍涂苗谷盛曲翁冉骆蓝辛靳管柴蒙鲍喻祁蒲滕屈饶牟穆卓缪褚娄窦戚岑卜晏柏瞿佟臧闵苟邬卞姬仇栾隋刁寇甄虞敖巩佘邝".split(
    "",
  ),
);
// A name ends where one of these begins: verbs and words that usually follow a name.
const NAME_STOP = new Set(
  "投诉反映表示要求称说来在的于致电办理对因和与是了等已未不也都就还又到去及先女手身卡账问想希认被把给今昨上下前后经理柜员".split(
    "",
  ),
);
const HAN = /[\u4e00-\u9fff]/;
const NAME_AFTER = /(?:客户|姓名)[:：\s]?/g;
const NAME_BEFORE = /(?:先生|女士)/g;

const isNameChar = (c: string | undefined) => c !== undefined && HAN.test(c) && !NAME_STOP.has(c);

const COMPOUND_SURNAMES = new Set([
  "欧阳",
  "司马",
  "上官",
  "诸葛",
  "东方",
  "皇甫",
  "尉迟",
  "公孙",
  "慕容",
  "令狐",
  "长孙",
  "宇文",
  "司徒",
  "夏侯",
]);

/** The given name of the name at [start, start+length): the surname (one or two characters) stays. */
function nameFound(text: string, start: number, length: number): FoundIdentifier | null {
  const kept = COMPOUND_SURNAMES.has(text.slice(start, start + 2)) ? 2 : 1;
  if (length <= kept) return null;
  return { kind: "name", start: start + kept, end: start + length, masked: MASK.repeat(length - kept) };
}

function findNames(text: string): FoundIdentifier[] {
  const found: FoundIdentifier[] = [];
  for (const m of text.matchAll(NAME_AFTER)) {
    const at = (m.index ?? 0) + m[0].length;
    const compound = COMPOUND_SURNAMES.has(text.slice(at, at + 2));
    if (!compound && !SURNAMES.has(text[at] ?? "")) continue;
    let length = compound ? 2 : 1;
    while (length < (compound ? 4 : 3) && isNameChar(text[at + length])) length++;
    const f = nameFound(text, at, length);
    if (f) found.push(f);
  }
  for (const m of text.matchAll(NAME_BEFORE)) {
    const end = m.index ?? 0;
    // prefer a two-character name (李明先生), then three (张小明先生); a lone surname stays
    for (const length of [2, 3, 4]) {
      const start = end - length;
      const compound = COMPOUND_SURNAMES.has(text.slice(start, start + 2));
      if (start < 0 || (!compound && !SURNAMES.has(text[start] ?? ""))) continue;
      if (length === 4 && !compound) continue;
      if (![...text.slice(start + 1, end)].every((c) => HAN.test(c))) continue;
      const f = nameFound(text, start, length);
      if (f) found.push(f);
      break;
    }
  }
  return found;
}

// --- NFKC with a map back to the original text --------------------------------------------

interface Normalised {
  text: string;
  /** For each normalised UTF-16 unit: where its source character starts and ends. */
  from: number[];
  to: number[];
}

function normalise(text: string): Normalised | null {
  const norm = text.normalize("NFKC");
  if (norm === text) return null;
  const from: number[] = [];
  const to: number[] = [];
  let out = "";
  for (let i = 0; i < text.length; ) {
    const ch = String.fromCodePoint(text.codePointAt(i) as number);
    const n = ch.normalize("NFKC");
    for (let k = 0; k < n.length; k++) {
      from.push(i);
      to.push(i + ch.length);
    }
    out += n;
    i += ch.length;
  }
  return { text: out, from, to };
}

/** Every identifier in the text, left to right, with its masked form. */
export function findIdentifiers(text: string, options: MaskOptions = {}): FoundIdentifier[] {
  const names = options.names ?? defaults.names;
  const n = normalise(text);
  const t = n ? n.text : text;
  const emails = findEmails(t);
  const keepOut: Array<[number, number]> = [
    ...protectedRanges(t),
    ...emails.map((e): [number, number] => [e.start, e.end]),
  ];
  const all = [...emails, ...findChains(t, keepOut), ...findDottedMobiles(t), ...(names ? findNames(t) : [])].sort(
    (a, b) => a.start - b.start || b.end - a.end,
  );
  const found: FoundIdentifier[] = [];
  let reached = 0;
  for (const f of all) {
    if (f.start < reached) continue; // overlaps one already taken
    reached = f.end;
    found.push(n ? { ...f, start: n.from[f.start] as number, end: n.to[f.end - 1] as number } : f);
  }
  return found;
}

/** The text with every customer identifier masked. Idempotent: masking twice changes nothing. */
export function maskIdentifiers(text: string, options: MaskOptions = {}): string {
  let out = "";
  let at = 0;
  for (const f of findIdentifiers(text, options)) {
    out += text.slice(at, f.start) + f.masked;
    at = f.end;
  }
  return out + text.slice(at);
}

/** maskIdentifiers for an optional value: null/undefined pass through. */
export function maskOptional<T extends string | null | undefined>(text: T, options: MaskOptions = {}): T {
  return (typeof text === "string" ? maskIdentifiers(text, options) : text) as T;
}

/**
 * A complaint's customer reference: identifiers masked, and (with name masking on) a name at
 * its start too, as if it followed 客户 ("张三 139…" → "张* 139…"; "王先生" stays).
 */
export function maskCustomerRef(ref: string, options: MaskOptions = {}): string {
  const names = options.names ?? defaults.names;
  if (!names) return maskIdentifiers(ref, options);
  const CUE = "客户";
  const masked = maskIdentifiers(CUE + ref, options);
  return masked.startsWith(CUE) ? masked.slice(CUE.length) : maskIdentifiers(ref, options);
}
