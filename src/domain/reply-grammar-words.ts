// The words people type in replies, in English and Chinese. Matching is done on text that
// normalise() has already folded (NFKC, lower case), so full-width letters match too.

/** Whole-reply commands. */
export const ALL_OK = [
  "all ok",
  "all okay",
  "all good",
  "all done",
  "all yes",
  "ok",
  "okay",
  "全部完成",
  "全部正常",
  "全部ok",
  "都正常",
  "全部确认",
  "全部好",
  "全好",
];
export const CONFIRM = ["confirm", "confirmed", "yes confirm", "确认", "确定", "确认无误", "对", "提交"];
export const CANCEL = ["cancel", "abort", "stop", "取消", "算了", "撤销"];
export const EDIT = ["edit", "change", "fix", "修改", "更正", "改"];
export const SKIP = ["skip", "none", "-", "跳过", "无", "略"];

/** An item is fine. */
export const OK_WORDS = [
  "ok",
  "okay",
  "yes",
  "y",
  "done",
  "good",
  "fine",
  "checked",
  "✓",
  "✔",
  "√",
  "是",
  "正常",
  "完成",
  "已完成",
  "好",
  "好的",
  "有",
  "对",
  "通过",
  "没问题",
  "已确认",
  "确认",
];
/** An item failed; anything after the word is the note. */
export const FAIL_WORDS = [
  "fail",
  "failed",
  "failure",
  "not ok",
  "no",
  "n",
  "x",
  "✗",
  "✘",
  "×",
  "不正常",
  "异常",
  "否",
  "失败",
  "未完成",
  "没有",
  "故障",
  "不通过",
  "有问题",
];

const longestFirst = (words: string[]) => [...words].sort((a, b) => b.length - a.length);

export const OK_SORTED = longestFirst(OK_WORDS);
export const FAIL_SORTED = longestFirst(FAIL_WORDS);

const isAsciiWord = (w: string) => /^[a-z ]+$/.test(w);

/**
 * If text starts with one of the words (case-insensitive), returns the rest of the original
 * text (trimmed, leading punctuation dropped). Latin words must end at a word boundary ("no"
 * does not match "note"); Chinese words need no space ("异常ATM卡钞").
 */
export function startsWithWord(text: string, words: readonly string[]): { word: string; rest: string } | null {
  const lower = text.toLowerCase();
  for (const w of words) {
    if (!lower.startsWith(w)) continue;
    const after = text.slice(w.length);
    if (isAsciiWord(w) && /^[a-z0-9]/i.test(after)) continue;
    return { word: w, rest: after.replace(/^[\s:,.;\-—]+/, "").trim() };
  }
  return null;
}

export const isOneOf = (text: string, words: readonly string[]) => words.includes(text.trim().toLowerCase());

const VERDICTS = [...OK_WORDS.map((w) => ({ w, ok: true })), ...FAIL_WORDS.map((w) => ({ w, ok: false }))].sort(
  (a, b) => b.w.length - a.w.length,
);

/** The longest ok/fail word the text starts with ("有问题" is a failure, not "有" + note). */
export function verdictOf(text: string): { verdict: "ok" | "fail"; rest: string } | null {
  for (const v of VERDICTS) {
    const hit = startsWithWord(text, [v.w]);
    if (hit) return { verdict: v.ok ? "ok" : "fail", rest: hit.rest };
  }
  return null;
}
