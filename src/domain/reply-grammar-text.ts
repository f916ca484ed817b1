// Text clean-up and segmenting for the reply grammar. People type on phones, in Chinese IMEs
// and in English: full-width digits and punctuation, 、 as a list separator, 12,345.60 with
// thousands separators. This folds all of that into one shape before parsing.

/** NFKC (full-width → ASCII), Chinese punctuation → ASCII, thousands separators removed. */
export function normalise(text: string): string {
  let s = text
    .normalize("NFKC")
    .replace(/[、]/g, ",")
    .replace(/[。]/g, ";")
    .replace(/[–—－]/g, "-")
    .replace(/[ \t\u3000]+/g, " ")
    .trim();
  // item numbers never have three digits, so "12,345" can only be a thousands separator
  for (let prev = ""; prev !== s; ) {
    prev = s;
    s = s.replace(/(\d),(\d{3})(?!\d)/, "$1$2");
  }
  return s;
}

export interface Segment {
  /** Item numbers the segment names, in order ("1-3,5" → 1,2,3,5); empty when none. */
  numbers: number[];
  /** Set when the list was malformed, e.g. a reversed range "6-1". */
  badRange?: string;
  /** What follows the numbers: a verdict, a value, a note. */
  rest: string;
}

const NUM = String.raw`(?:第\s*)?(\d+)\s*(?:项|号)?`;
const LIST = new RegExp(String.raw`^${NUM}((?:\s*(?:-|~|至|到|,)\s*(?:第\s*)?\d+\s*(?:项|号)?)*)`);
const SEP_PART = /(-|~|至|到|,)\s*(?:第\s*)?(\d+)/g;
// a new segment starts after , ; or a newline that is followed by an item number
const BOUNDARY = /\s*(?:[;\n]|,(?=\s*(?:第\s*)?\d))\s*/;

function parseList(first: string, tail: string): { numbers: number[]; badRange?: string } {
  const numbers = [Number(first)];
  for (const m of tail.matchAll(SEP_PART)) {
    const n = Number(m[2]);
    const prev = numbers[numbers.length - 1] as number;
    if (m[1] === ",") numbers.push(n);
    else if (n < prev) return { numbers, badRange: `${prev}-${n}` };
    else for (let i = prev + 1; i <= n; i++) numbers.push(i);
  }
  return { numbers };
}

/** Splits a normalised reply into segments of "numbers + rest". */
export function segments(text: string): Segment[] {
  const out: Segment[] = [];
  let s = text.trim();
  while (s.length > 0) {
    const list = LIST.exec(s);
    let numbers: number[] = [];
    let badRange: string | undefined;
    if (list) {
      // "3 12345.60" must not read as item 3 and item 12345: a list ends at whitespace + digit
      ({ numbers, badRange } = parseList(list[1] as string, list[2] ?? ""));
      s = s.slice(list[0].length);
      if (/^\.\d/.test(s)) {
        // "12345.60" without an item number: the "list" was really a value
        s = `${list[0]}${s}`;
        numbers = [];
      }
    }
    const cut = BOUNDARY.exec(s);
    const restEnd = cut ? cut.index : s.length;
    out.push({
      numbers,
      badRange,
      rest: s
        .slice(0, restEnd)
        .replace(/^[:\s]+/, "")
        .trim(),
    });
    s = cut ? s.slice(cut.index + cut[0].length) : "";
  }
  return out;
}
