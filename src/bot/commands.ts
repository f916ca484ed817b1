// The chat command grammar shared by Slack's /branch and Teams messages, in English and
// Chinese. Pure: text in, a typed command out. Task names resolve by key or by either
// locale's title, so "/branch checklist 日终" and "checklist end_of_day" both work.
export type PeriodWord = "today" | "week" | "month";
export type ScopeWord = "outlet" | "region";

export type Command =
  | { kind: "help" }
  | { kind: "today" }
  | { kind: "checklist"; task?: string }
  | { kind: "incident"; outlet?: string }
  | { kind: "complaint"; outlet?: string }
  | { kind: "status"; scope?: ScopeWord; target?: string; period: PeriodWord }
  /** The status figures as a CSV file: the same words as "status". */
  | { kind: "export"; scope?: ScopeWord; target?: string; period: PeriodWord }
  | { kind: "remind"; task?: string }
  | { kind: "followups"; outlet?: string }
  | { kind: "rotation"; outlet?: string }
  /** head: the title (maybe after a scope code); body: after the "|"; neither: open the form. */
  | { kind: "circular"; head?: string; body?: string }
  | { kind: "circular_status"; ref?: string }
  | { kind: "roster" | "off" | "delegate"; args: string[] }
  /** 印章/重要空白凭证: items, people, numbers and counts are read by src/bot/custody.ts. */
  | { kind: "custody"; verb: CustodyVerb; args: string[] }
  | { kind: "errornotice"; outlet?: string }
  | { kind: "errornotices"; outlet?: string }
  | { kind: "handover"; handover: "shift" | "temporary_absence"; outlet?: string }
  | { kind: "unknown"; word: string };

export type CustodyVerb = "list" | "receive" | "issue" | "return" | "void" | "count" | "spot_check";

/** One-word custody commands: "custody", "凭证", "领用 …", "盘点 …". */
const CUSTODY_WORDS: Record<string, CustodyVerb> = {
  custody: "list",
  vouchers: "list",
  seals: "list",
  凭证: "list",
  印章: "list",
  重要空白凭证: "list",
  入库: "receive",
  领用: "issue",
  交回: "return",
  上交: "return",
  作废: "void",
  盘点: "count",
  stocktake: "count",
  查库: "spot_check",
  spotcheck: "spot_check",
  "spot-check": "spot_check",
};
/** "voucher issue …", "seal return …". */
const CUSTODY_SUBVERBS: Record<string, CustodyVerb> = {
  list: "list",
  receive: "receive",
  in: "receive",
  issue: "issue",
  return: "return",
  void: "void",
};
/** Two-word custody commands: "stock count …", "spot check …". */
const CUSTODY_PAIRS: Record<string, CustodyVerb> = { "stock count": "count", "spot check": "spot_check" };

function parseCustody(words: string[]): Command | null {
  const [a = "", b = ""] = words.map((w) => w.toLowerCase());
  const one = CUSTODY_WORDS[a];
  if (one) return { kind: "custody", verb: one, args: words.slice(1) };
  const pair = CUSTODY_PAIRS[`${a} ${b}`];
  if (pair) return { kind: "custody", verb: pair, args: words.slice(2) };
  if (a === "voucher" || a === "seal") {
    const sub = CUSTODY_SUBVERBS[b];
    return sub
      ? { kind: "custody", verb: sub, args: words.slice(2) }
      : { kind: "custody", verb: "list", args: words.slice(1) };
  }
  return null;
}

const VERBS: Record<string, Command["kind"]> = {
  help: "help",
  "?": "help",
  帮助: "help",
  today: "today",
  今日: "today",
  今天: "today",
  checklist: "checklist",
  check: "checklist",
  清单: "checklist",
  检查: "checklist",
  incident: "incident",
  report: "incident",
  事件: "incident",
  报告事件: "incident",
  突发事件: "incident",
  complaint: "complaint",
  投诉: "complaint",
  status: "status",
  summary: "status",
  状态: "status",
  汇总: "status",
  export: "export",
  csv: "export",
  导出: "export",
  remind: "remind",
  提醒: "remind",
  followups: "followups",
  "follow-ups": "followups",
  整改: "followups",
  整改跟踪: "followups",
  rotation: "rotation",
  轮岗: "rotation",
  强制休假: "rotation",
  circular: "circular",
  notice: "circular",
  通知: "circular",
  学习通知: "circular",
  roster: "roster",
  duty: "roster",
  排班: "roster",
  值班: "roster",
  off: "off",
  absent: "off",
  请假: "off",
  delegate: "delegate",
  授权: "delegate",
  委托: "delegate",
  errornotice: "errornotice",
  "error-notice": "errornotice",
  差错: "errornotice",
  差错通知: "errornotice",
  errornotices: "errornotices",
  "error-notices": "errornotices",
  差错单: "errornotices",
  handover: "handover",
  交接: "handover",
  交接班: "handover",
  away: "handover",
  break: "handover",
  离岗: "handover",
  临时离岗: "handover",
};

/** "circular status CIR-…" / "通知 状态 CIR-…". */
const CIRCULAR_STATUS = new Set(["status", "状态", "进度"]);

/** The verbs of a temporary absence (临时离岗); every other handover verb is a shift handover. */
const ABSENCE_VERBS = new Set(["away", "break", "离岗", "临时离岗"]);

const PERIODS: Record<string, PeriodWord> = {
  today: "today",
  今天: "today",
  今日: "today",
  week: "week",
  "this-week": "week",
  本周: "week",
  month: "month",
  "this-month": "month",
  本月: "month",
};

const SCOPES: Record<string, ScopeWord> = {
  outlet: "outlet",
  网点: "outlet",
  region: "region",
  区域: "region",
  片区: "region",
};

/** Full-width forms to ASCII, collapse spaces, trim. */
export function normaliseText(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

export function parseCommand(text: string): Command | null {
  const words = normaliseText(text).split(" ").filter(Boolean);
  const first = words[0]?.toLowerCase();
  if (!first) return { kind: "help" };
  const custody = parseCustody(words);
  if (custody) return custody;
  const verb = VERBS[first];
  if (!verb) return null;
  const rest = words.slice(1);
  switch (verb) {
    case "help":
    case "today":
      return { kind: verb };
    case "incident":
    case "complaint":
    case "followups":
    case "rotation":
    case "errornotice":
    case "errornotices":
      // an optional outlet code, for people who work at several outlets
      return rest.length > 0 ? { kind: verb, outlet: rest.join(" ") } : { kind: verb };
    case "handover": {
      const handover = ABSENCE_VERBS.has(first) ? "temporary_absence" : "shift";
      return rest.length > 0 ? { kind: verb, handover, outlet: rest.join(" ") } : { kind: verb, handover };
    }
    case "checklist":
    case "remind":
      return { kind: verb, task: rest.join(" ") || undefined };
    case "status":
      return parseStatus(rest);
    case "export":
      return { ...parseStatus(rest), kind: "export" };
    case "circular":
      // the notice keeps the characters it was typed with (full-width punctuation, line breaks)
      return parseCircular(rest, text.trim().replace(/^\S+\s*/u, ""));
    case "roster":
    case "off":
    case "delegate":
      // people, dates, a cover and a reason: src/bot/roster.ts reads them against the outlet
      return { kind: verb, args: rest };
    default:
      return { kind: "unknown", word: first };
  }
}

function parseCircular(words: string[], raw: string): Command {
  if (words[0] && CIRCULAR_STATUS.has(words[0].toLowerCase()))
    return words[1] ? { kind: "circular_status", ref: words[1] } : { kind: "circular_status" };
  if (!raw) return { kind: "circular" };
  const bar = raw.search(/[|｜]/u);
  const head = (bar < 0 ? raw : raw.slice(0, bar)).replace(/\s+/gu, " ").trim();
  if (bar < 0) return { kind: "circular", head };
  return { kind: "circular", head, body: raw.slice(bar + 1).trim() };
}

function parseStatus(words: string[]): Extract<Command, { kind: "status" }> {
  let period: PeriodWord = "today";
  let scope: ScopeWord | undefined;
  const other: string[] = [];
  for (const w of words) {
    const lw = w.toLowerCase();
    if (PERIODS[lw]) period = PERIODS[lw];
    else if (SCOPES[lw]) scope = SCOPES[lw];
    else other.push(w);
  }
  return { kind: "status", scope, target: other.join(" ") || undefined, period };
}

/**
 * Finds the task a person named: exact key, or a title (in any locale) that contains the
 * text, or text that contains the title. Returns null when nothing or several match, so the
 * caller asks rather than guesses.
 */
export function matchTask(
  query: string,
  tasks: Array<{ key: string; titles: string[] }>,
): { key: string } | { ambiguous: string[] } | null {
  const q = normaliseText(query).toLowerCase();
  if (!q) return null;
  const exact = tasks.find((t) => t.key === q || t.titles.some((title) => title.toLowerCase() === q));
  if (exact) return { key: exact.key };
  const hits = tasks.filter(
    (t) =>
      t.key.includes(q.replace(/ /g, "_")) ||
      t.titles.some((title) => title.toLowerCase().includes(q) || q.includes(title.toLowerCase())),
  );
  if (hits.length === 1 && hits[0]) return { key: hits[0].key };
  if (hits.length > 1) return { ambiguous: hits.map((h) => h.key) };
  return null;
}
