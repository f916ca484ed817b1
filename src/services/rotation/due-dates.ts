// 轮岗/强制休假: rotation and mandatory-leave due dates come from the org file (rotationDue,
// mandatoryLeaveDue per person). Each is reminded once to the outlet's managers (the playbook's
// permissions.rotation.remindTo) when it is `rotation.remindDaysBefore` days away or less, at
// or after the start of a working day in the outlet's zone — or at once, marked overdue, when
// the file brings a date already past. The claim on remindedAt is conditional, so replicas
// running the same tick send it once; a moved date is a new row and is reminded afresh.
import type { Playbook } from "../../config/playbook-schema.js";
import type { Db } from "../../db/client.js";
import { type Tx, withTx } from "../../db/tx.js";
import { addDays, isWorkingDay, localDate, localTime } from "../../domain/calendar.js";
import type { Clock } from "../../domain/clock.js";
import { rotationReminderRoles } from "../../permissions/index.js";
import { dueDatesAtOutlet, unremindedDueDates } from "../../queries/index.js";
import type { TextView } from "../../views/common.js";
import { appendAudit } from "../audit-log.js";
import type { Directory } from "../directory.js";
import { sendToStaff } from "../notify.js";
import { SCHEDULER_ACTOR } from "../tasks/occurrences.js";

export type DueKind = "rotation" | "mandatory_leave";

export interface DueDateLine {
  id: string;
  staffName: string;
  kind: DueKind;
  dueOn: string;
  /** Days from the outlet's today to the due date; negative when past. */
  daysLeft: number;
}

export interface RotationDeps {
  db: Db;
  clock: Clock;
  playbook: Playbook;
  directory: Directory;
}

/** Whole days from one calendar date to another. */
export function daysFrom(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export const kindKey = (kind: string) => `rotation:kind.${kind === "rotation" ? "rotation" : "mandatory_leave"}`;

/** The reminder a manager reads: whose date, which kind, and how far away. */
export function reminderView(line: DueDateLine, outletName: string): TextView {
  const vars = { name: line.staffName, kind: kindKey(line.kind), due: line.dueOn, outlet: outletName };
  return line.daysLeft < 0
    ? { type: "text", message: { key: "rotation:reminder.overdue", vars: { ...vars, days: -line.daysLeft } } }
    : { type: "text", message: { key: "rotation:reminder.due", vars: { ...vars, days: line.daysLeft } } };
}

/** Rolls a reminder's claim back when no one holding a remindTo role is on duty to receive it. */
class NobodyToTell extends Error {}

export class RotationService {
  constructor(private readonly deps: RotationDeps) {}

  /** The due dates of an outlet's staff, soonest first, counted in the outlet's calendar. */
  async list(outletId: string): Promise<DueDateLine[]> {
    const { db, clock, directory } = this.deps;
    const today = localDate(clock.now(), (await directory.calendar(outletId)).timeZone);
    const rows = await dueDatesAtOutlet(db, outletId);
    return rows.map((r) => ({
      id: r.id,
      staffName: r.staff.name,
      kind: r.kind as DueKind,
      dueOn: r.dueOn,
      daysLeft: daysFrom(today, r.dueOn),
    }));
  }

  /** The scheduler's pass: reminds each due date that has come into its window. Returns how many. */
  async remindDue(now: Date): Promise<number> {
    const { db, playbook } = this.deps;
    const window = playbook.rotation.remindDaysBefore;
    // UTC+14 is the furthest ahead any zone is: a day past UTC's date covers every outlet's today
    const candidates = await unremindedDueDates(db, addDays(now.toISOString().slice(0, 10), window + 1));
    let reminded = 0;
    for (const c of candidates) {
      const outletIds = [...new Set(c.staff.roles.map((r) => r.outletId))];
      const at = await this.firstOutletInWindow(outletIds, c.dueOn, now, window);
      if (!at) continue;
      const line: DueDateLine = {
        id: c.id,
        staffName: c.staff.name,
        kind: c.kind as DueKind,
        dueOn: c.dueOn,
        daysLeft: daysFrom(at.today, c.dueOn),
      };
      try {
        if (await withTx(db, (tx) => this.remindOnce(tx, line, c.staff.id, outletIds, now))) reminded++;
      } catch (err) {
        if (!(err instanceof NobodyToTell)) throw err;
      }
    }
    return reminded;
  }

  /** An outlet of the person where today is a working day, the day has started, and the date is near. */
  private async firstOutletInWindow(outletIds: string[], dueOn: string, now: Date, window: number) {
    for (const outletId of outletIds) {
      const cal = await this.deps.directory.calendar(outletId);
      const today = localDate(now, cal.timeZone);
      if (daysFrom(today, dueOn) > window) continue;
      if (!isWorkingDay(cal, today) || localTime(now, cal.timeZone) < cal.workStart) continue;
      return { outletId, today };
    }
    return null;
  }

  private async remindOnce(tx: Tx, line: DueDateLine, staffId: string, outletIds: string[], now: Date) {
    const claimed = await tx.staffDueDate.updateMany({
      where: { id: line.id, remindedAt: null },
      data: { remindedAt: now },
    });
    if (claimed.count === 0) return false; // another replica (or an earlier tick) sent it
    const roles = rotationReminderRoles(this.deps.playbook);
    const told = new Set<string>();
    for (const outletId of outletIds) {
      const outlet = await tx.outlet.findUniqueOrThrow({ where: { id: outletId }, select: { name: true } });
      const view = reminderView(line, outlet.name);
      for (const s of await this.deps.directory.staffWithRoles(outletId, roles, tx)) {
        if (told.has(s.id)) continue; // a manager of two of the person's outlets hears it once
        told.add(s.id);
        await sendToStaff(tx, { staffId: s.id, keyBase: `rotation:${line.id}:${s.id}`, view });
      }
    }
    // nobody on duty to tell (the manager on leave, no cover): undo the claim, try again next tick
    if (told.size === 0) throw new NobodyToTell();
    await appendAudit(tx, {
      actor: SCHEDULER_ACTOR,
      action: "rotation.reminded",
      entityType: "staff_due_date",
      entityId: line.id,
      after: { staffId, kind: line.kind, dueOn: line.dueOn, daysLeft: line.daysLeft, recipients: [...told] },
      at: now,
    });
    return true;
  }
}
