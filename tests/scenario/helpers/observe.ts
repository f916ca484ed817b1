// Reads what the day left behind in a form the expectations can state literally: outbox keys
// with ids replaced by "<outlet>/<task>" and staff codes, one line per message a destination
// received, occurrence and checklist-result tables, audit counts.
import type { Db } from "../../../src/db/client.js";
import type { Received } from "./recording-sender.js";

export interface Names {
  /** occurrence id → "<outlet>/<task>" */
  occurrences: Map<string, string>;
  /** staff id → code */
  staff: Map<string, string>;
  /** outlet id → code (digest keys name the outlet) */
  outlets: Map<string, string>;
}

export async function namesOf(db: Db): Promise<Names> {
  const occ = await db.taskOccurrence.findMany({ include: { outlet: true, template: true } });
  const staff = await db.staff.findMany();
  const outlets = await db.outlet.findMany();
  return {
    occurrences: new Map(occ.map((o) => [o.id, `${o.outlet.code}/${o.template.key}`])),
    staff: new Map(staff.map((s) => [s.id, s.code])),
    outlets: new Map(outlets.map((o) => [o.id, o.code])),
  };
}

/** Replaces every occurrence id and staff id in a key by its readable name. */
export function normaliseKey(key: string, names: Names): string {
  return key
    .split(":")
    .map((part) => names.occurrences.get(part) ?? names.staff.get(part) ?? names.outlets.get(part) ?? part)
    .join(":");
}

/** Local HH:MM in Shanghai. */
export const hhmm = (d: Date) =>
  d.toLocaleTimeString("en-GB", { timeZone: "Asia/Shanghai", hour: "2-digit", minute: "2-digit" });

export const hhmmss = (d: Date | null) =>
  d ? d.toLocaleTimeString("en-GB", { timeZone: "Asia/Shanghai", hour12: false }) : null;

interface AnyView {
  type: string;
  taskKey?: string;
  title?: { key: string };
  outletName?: string;
  state?: string;
  done?: number;
  total?: number;
  waitingOn?: Array<{ name: string }>;
  to?: Array<{ name: string }>;
  /** a summary view's */
  digest?: string;
  scope?: { names: string[] };
}

const taskOf = (v: AnyView) => v.taskKey ?? v.title?.key.split(".")[1] ?? "?";
const outletOf = (v: AnyView) => (v.outletName?.includes("Lujiazui") ? "SH-LJZ" : "SH-XJH");
const names = (m: Array<{ name: string }> | undefined) => (m ?? []).map((x) => x.name).join(",");

/**
 * One line per message in a channel: "08:00 reminder:opening reminded 0/8" (a post),
 * "08:15 ↳ nudge:opening 陈敏,赵强" (a thread reply: who it waits on), "08:15 ✎ opening
 * nudged 5/8" (the reminder edited in place: state and progress).
 */
export function channelLine(r: Received): string {
  const v = r.request.view as AnyView;
  const at = hhmm(r.at);
  if (r.request.kind === "update") return `${at} ✎ ${taskOf(v)} ${v.state} ${v.done}/${v.total}`;
  if (v.type === "reminder") return `${at} reminder:${taskOf(v)} ${v.state} ${v.done}/${v.total}`;
  const thread = r.request.threadId ? "↳ " : "";
  if (v.type === "nudge") return `${at} ${thread}nudge:${taskOf(v)} ${names(v.waitingOn)}`;
  if (v.type === "task_escalation") return `${at} ${thread}task_escalation:${taskOf(v)} to ${names(v.to)}`;
  return `${at} ${thread}${v.type}:${taskOf(v)}`;
}

/** One line per direct message: "12:30 task_escalation:midday_check@SH-LJZ en", "18:00 digest:daily@SH-LJZ en". */
export function dmLine(r: Received): string {
  const v = r.request.view as AnyView;
  if (v.type === "summary") {
    const at = v.scope?.names.join() ?? "";
    return `${hhmm(r.at)} digest:${v.digest}@${at.includes("Lujiazui") ? "SH-LJZ" : "SH-XJH"} ${r.request.locale}`;
  }
  return `${hhmm(r.at)} ${v.type}:${taskOf(v)}@${outletOf(v)} ${r.request.locale}`;
}

/** Audit events not among `before` (ids taken earlier), counted by action. */
export async function auditCounts(db: Db, before: ReadonlySet<string>): Promise<Record<string, number>> {
  const rows = await db.auditEvent.groupBy({ by: ["action"], where: { id: { notIn: [...before] } }, _count: true });
  return Object.fromEntries(
    rows.map((r) => [r.action, r._count]).sort(([a], [b]) => String(a).localeCompare(String(b))),
  );
}

/**
 * "SH-LJZ/opening cashbox_amount ok 250000.00 minor=25000000 wang.fang+chen.min slack", sorted.
 * Notes are compared lower-cased: the form path lower-cases them today (a reported bug), and
 * the scenario should neither bless that nor fail on it.
 */
export async function resultLines(db: Db, n: Names): Promise<string[]> {
  const rows = await db.checklistItemResult.findMany();
  return rows
    .map((r) => {
      const who = [r.confirmedById, r.secondConfirmedById].filter((x): x is string => x !== null);
      const value = [
        r.valueText,
        r.amountMinor === null ? null : `minor=${r.amountMinor}`,
        r.note && `note=${r.note.toLowerCase()}`,
      ]
        .filter(Boolean)
        .join(" ");
      const by = who.map((id) => n.staff.get(id)).join("+");
      return `${n.occurrences.get(r.occurrenceId)} ${r.itemKey} ${r.status}${value ? ` ${value}` : ""} ${by} ${r.platform}`;
    })
    .sort();
}
