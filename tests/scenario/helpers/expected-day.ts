// What the full day must produce, written out by hand from playbooks/default.yaml,
// examples/org.demo.yaml, docs/tasks.md and the script in full-day.test.ts. Occurrence ids and
// staff ids are replaced by "<outlet>/<task>" and staff codes so the expectations are literal.

export const OUTLETS = {
  "SH-LJZ": { slack: "C0DEMOLJZ", teams: "19:demo-sh-ljz@thread.tacv2", escalateTo: "chen.min" },
  "SH-XJH": { slack: "C0DEMOXJH", teams: "19:demo-sh-xjh@thread.tacv2", escalateTo: "david.sun" },
} as const;
export type OutletCode = keyof typeof OUTLETS;

/** Where a DM to a person lands: the Slack user id from the org file; Teams only where a chat exists. */
export const DM_DESTINATIONS: Record<string, { slack: string; teams?: string }> = {
  "wang.fang": { slack: "U0DEMO0001" },
  "li.jun": { slack: "U0DEMO0002" },
  "zhao.qiang": { slack: "U0DEMO0003" },
  "chen.min": { slack: "U0DEMO0004" },
  "emily.zhou": { slack: "U0DEMO0005" },
  "liu.yang": { slack: "U0DEMO0006" },
  "david.sun": { slack: "U0DEMO0007", teams: "a:demo-david-sun-personal" },
  "huang.li": { slack: "U0DEMO0008" },
};

export interface OccurrenceSpec {
  outlet: OutletCode;
  task: string;
  /** Outlet-local due, nudge, escalate and window-end times from the playbook. */
  times: [string, string, string, string];
  final: "confirmed" | "confirmed_with_exceptions" | "missed";
  version: number;
  /** When each scheduler step happened (local HH:MM), absent when it did not. */
  nudged?: string;
  escalated?: string;
  missed?: string;
  /** When the checklist closed (the action ran 30 s into the minute). */
  completed?: string;
  /** Who the nudge went to (staff codes); [] = the nudge step ran but everyone had answered. */
  nudgeTo?: string[];
  /** Update sequence of each in-place edit of the reminder, in order. */
  updates: string[];
}

// Tuesday 25 August 2026: the seven daily tasks (aml_screening included), plus study_session (weekly, Tuesdays) and
// self_inspection + safety_check (monthly, the 25th). Nothing else is due: the weekly report
// is on Fridays, the attendance report on the 1st, the quarterly review on 20 September and the
// quarterly drill on 15 August (a Saturday: SH-LJZ works it, SH-XJH moves it to Monday 17th).
export const OCCURRENCES: OccurrenceSpec[] = [
  // ------------------------------------------------------------ SH-LJZ: people answer
  {
    outlet: "SH-LJZ",
    task: "opening",
    times: ["08:00", "08:15", "08:30", "09:30"],
    final: "confirmed_with_exceptions",
    version: 5,
    nudged: "08:15",
    completed: "08:25:30",
    nudgeTo: ["chen.min", "zhao.qiang"],
    updates: ["v2", "nudged", "v4", "v5"],
  },
  {
    outlet: "SH-LJZ",
    task: "lobby_ready",
    times: ["08:30", "08:40", "08:50", "09:30"],
    final: "confirmed",
    version: 2,
    completed: "08:33:30",
    updates: ["v2"],
  },
  {
    outlet: "SH-LJZ",
    task: "morning_meeting",
    times: ["08:45", "09:00", "09:15", "10:00"],
    final: "confirmed",
    version: 3,
    nudged: "09:00",
    completed: "09:10:30",
    nudgeTo: ["chen.min"],
    updates: ["nudged", "v3"],
  },
  {
    outlet: "SH-LJZ",
    task: "midday_check",
    times: ["12:00", "12:15", "12:30", "13:30"],
    final: "missed",
    version: 4,
    nudged: "12:15",
    escalated: "12:30",
    missed: "13:30",
    nudgeTo: ["chen.min"],
    updates: ["nudged", "escalated", "missed"],
  },
  {
    outlet: "SH-LJZ",
    task: "self_inspection",
    times: ["14:00", "15:00", "16:00", "17:00"],
    final: "confirmed",
    version: 2,
    completed: "14:10:30",
    updates: ["v2"],
  },
  {
    outlet: "SH-LJZ",
    task: "safety_check",
    times: ["15:00", "16:00", "17:00", "17:00"],
    final: "confirmed",
    version: 5,
    nudged: "16:00",
    completed: "16:10:30",
    nudgeTo: [],
    updates: ["v2", "v3", "nudged", "v5"],
  },
  {
    outlet: "SH-LJZ",
    task: "study_session",
    times: ["16:00", "16:30", "17:00", "18:00"],
    final: "confirmed",
    version: 2,
    completed: "16:20:30",
    updates: ["v2"],
  },
  {
    // 反洗钱 screening: nobody answers it, so it climbs like the midday check
    outlet: "SH-LJZ",
    task: "aml_screening",
    times: ["16:00", "16:30", "17:00", "17:30"],
    final: "missed",
    version: 4,
    nudged: "16:30",
    escalated: "17:00",
    missed: "17:30",
    nudgeTo: ["chen.min"],
    updates: ["nudged", "escalated", "missed"],
  },
  {
    outlet: "SH-LJZ",
    task: "end_of_day",
    times: ["17:00", "17:15", "17:30", "19:00"],
    final: "confirmed_with_exceptions",
    version: 4,
    nudged: "17:15",
    completed: "17:20:30",
    nudgeTo: ["chen.min"],
    updates: ["v2", "nudged", "v4"],
  },
  {
    outlet: "SH-LJZ",
    task: "closing",
    times: ["17:30", "17:40", "17:50", "18:30"],
    final: "confirmed",
    version: 3,
    completed: "17:35:30",
    updates: ["v2", "v3"],
  },
  // ------------------------------------------------------------ SH-XJH: much is left undone
  {
    outlet: "SH-XJH",
    task: "opening",
    times: ["08:00", "08:15", "08:30", "09:30"],
    final: "missed",
    version: 4,
    nudged: "08:15",
    escalated: "08:30",
    missed: "09:30",
    nudgeTo: ["chen.min", "david.sun", "liu.yang", "zhao.qiang"],
    updates: ["nudged", "escalated", "missed"],
  },
  {
    outlet: "SH-XJH",
    task: "lobby_ready",
    times: ["08:30", "08:40", "08:50", "09:30"],
    final: "confirmed_with_exceptions",
    version: 2,
    completed: "08:32:30",
    updates: ["v2"],
  },
  {
    outlet: "SH-XJH",
    task: "morning_meeting",
    times: ["08:45", "09:00", "09:15", "10:00"],
    final: "confirmed",
    version: 2,
    completed: "08:50:30",
    updates: ["v2"],
  },
  {
    outlet: "SH-XJH",
    task: "midday_check",
    times: ["12:00", "12:15", "12:30", "13:30"],
    final: "missed",
    version: 4,
    nudged: "12:15",
    escalated: "12:30",
    missed: "13:30",
    nudgeTo: ["david.sun"],
    updates: ["nudged", "escalated", "missed"],
  },
  {
    outlet: "SH-XJH",
    task: "self_inspection",
    times: ["14:00", "15:00", "16:00", "17:00"],
    final: "missed",
    version: 4,
    nudged: "15:00",
    escalated: "16:00",
    missed: "17:00",
    nudgeTo: ["david.sun"],
    updates: ["nudged", "escalated", "missed"],
  },
  {
    // escalateAfter (2 h) equals the window (2 h): at 17:00 the window end wins, no escalation
    outlet: "SH-XJH",
    task: "safety_check",
    times: ["15:00", "16:00", "17:00", "17:00"],
    final: "missed",
    version: 3,
    nudged: "16:00",
    missed: "17:00",
    nudgeTo: ["david.sun", "zhao.qiang"],
    updates: ["nudged", "missed"],
  },
  {
    outlet: "SH-XJH",
    task: "study_session",
    times: ["16:00", "16:30", "17:00", "18:00"],
    final: "confirmed",
    version: 3,
    nudged: "16:30",
    completed: "16:45:30",
    nudgeTo: ["david.sun"],
    updates: ["nudged", "v3"],
  },
  {
    // 反洗钱 screening: nobody answers it, so it climbs like the midday check
    outlet: "SH-XJH",
    task: "aml_screening",
    times: ["16:00", "16:30", "17:00", "17:30"],
    final: "missed",
    version: 4,
    nudged: "16:30",
    escalated: "17:00",
    missed: "17:30",
    nudgeTo: ["david.sun"],
    updates: ["nudged", "escalated", "missed"],
  },
  {
    // chen.min (a teller here) counted; no supervisor ever seconded the dual-control items
    outlet: "SH-XJH",
    task: "end_of_day",
    times: ["17:00", "17:15", "17:30", "19:00"],
    final: "missed",
    version: 5,
    nudged: "17:15",
    escalated: "17:30",
    missed: "19:00",
    nudgeTo: ["david.sun", "liu.yang"],
    updates: ["v2", "nudged", "escalated", "missed"],
  },
  {
    outlet: "SH-XJH",
    task: "closing",
    times: ["17:30", "17:40", "17:50", "18:30"],
    final: "confirmed",
    version: 4,
    nudged: "17:40",
    completed: "17:45:30",
    nudgeTo: ["zhao.qiang"],
    updates: ["v2", "nudged", "v4"],
  },
];

const dms = (keyBase: string, code: string) => {
  const d = DM_DESTINATIONS[code];
  if (!d) throw new Error(`no DM destination for ${code}`);
  return [`${keyBase}:slack:${d.slack}`, ...(d.teams ? [`${keyBase}:teams:${d.teams}`] : [])];
};

/** Every outbox idempotency key the day must leave, in "<outlet>/<task>" + staff-code form. */
export function expectedOutboxKeys(): string[] {
  const keys: string[] = [];
  for (const s of OCCURRENCES) {
    const occ = `${s.outlet}/${s.task}`;
    const { slack, teams, escalateTo } = OUTLETS[s.outlet];
    const channels = (base: string) => [`${base}:slack:${slack}`, `${base}:teams:${teams}`];
    const reminders = channels(`reminder:${occ}`);
    keys.push(...reminders);
    for (const u of s.updates) keys.push(...reminders.map((r) => `${r}:update:${u}`));
    if (s.nudgeTo && s.nudgeTo.length > 0) {
      keys.push(...channels(`nudge:${occ}`));
      for (const code of s.nudgeTo) keys.push(...dms(`nudge:${occ}:dm:${code}`, code));
    }
    if (s.escalated) {
      keys.push(...channels(`task-escalation:${occ}`));
      keys.push(...dms(`task-escalation-dm:${occ}:${escalateTo}`, escalateTo));
    }
    if (s.missed) keys.push(...dms(`task-missed-dm:${occ}:${escalateTo}`, escalateTo));
  }
  for (const [outlet, readers] of Object.entries(DIGEST_READERS))
    for (const code of readers) keys.push(...dms(`digest:daily:${outlet}:2026-08-25:${code}`, code)); // the day (day-world.ts DAY)
  return keys.sort();
}

/** The end-of-day digest's readers (digests.daily.to: supervisor and manager) per outlet. */
export const DIGEST_READERS: Record<OutletCode, string[]> = {
  "SH-LJZ": ["chen.min", "emily.zhou"],
  "SH-XJH": ["david.sun", "huang.li"],
};

/** Outbox rows per kind, counted by hand (see the report in full-day.test.ts). */
export const OUTBOX_COUNTS = {
  reminderPosts: 40, // 20 occurrences × (Slack + Teams channel)
  reminderUpdates: 98, // 49 edits × 2 channels
  nudgeThreadReplies: 26, // 13 nudges with someone waiting × 2 channels
  nudgeDms: 26,
  escalationThreadNotes: 14, // 7 escalations × 2 channels
  escalationDms: 12, // chen.min 2, david.sun 5 × (Slack + Teams)
  missedDms: 14, // chen.min 2, david.sun 6 × (Slack + Teams)
  digestDms: 5, // chen.min, emily.zhou, huang.li on Slack; david.sun on Slack and Teams
  total: 235,
} as const;

/** Audit events written during the day, by action. */
export const AUDIT_COUNTS: Record<string, number> = {
  "task.occurrence.created": 20,
  "task.reminded": 20,
  "task.nudged": 14,
  "task.escalated": 7,
  "task.missed": 8,
  "task.confirmed": 9,
  "task.confirmed_with_exceptions": 3,
  "checklist.item.confirmed": 46,
  "checklist.item.failed": 3,
  "checklist.item.second_confirmed": 9,
  "digest.daily_sent": 2,
};
