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
  | { kind: "remind"; task?: string }
  | { kind: "followups"; outlet?: string }
  | { kind: "rotation"; outlet?: string }
  | { kind: "handover"; handover: "shift" | "temporary_absence"; outlet?: string }
  | { kind: "unknown"; word: string };

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
  remind: "remind",
  提醒: "remind",
  followups: "followups",
  "follow-ups": "followups",
  整改: "followups",
  整改跟踪: "followups",
  rotation: "rotation",
  leave: "rotation",
  轮岗: "rotation",
  强制休假: "rotation",
  handover: "handover",
  交接: "handover",
  交接班: "handover",
  away: "handover",
  break: "handover",
  离岗: "handover",
  临时离岗: "handover",
};

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
    default:
      return { kind: "unknown", word: first };
  }
}

function parseStatus(words: string[]): Command {
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
