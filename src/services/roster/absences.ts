// 排班/请假/代岗: the duty roster of an outlet's day, and absences recorded in chat. A supervisor
// (permissions.roster.manage) records anyone's absence at their outlet, with an optional cover;
// a supervisor on leave (permissions.roster.delegate) hands their own roles to a cover for a date
// range — the same record, kind "delegation". While an absence lasts, reminders, nudges and
// ladders skip the person and reach the cover, who acts in their roles there (src/queries/roster.ts).
// Recorded in one transaction with its audit event and the notices to the cover and the absent
// person; a retried chat request (same platform message) records once.
import type { Playbook } from "../../config/playbook-schema.js";
import type { Db } from "../../db/client.js";
import { isUniqueViolation, type Tx, withTx } from "../../db/tx.js";
import { isoWeekday, localDate } from "../../domain/calendar.js";
import type { Clock } from "../../domain/clock.js";
import { maskIdentifiers } from "../../domain/masking.js";
import { canDelegate, canManageRoster } from "../../permissions/index.js";
import { absenceById, rolesAt, rosterAt } from "../../queries/index.js";
import type { TextView } from "../../views/common.js";
import { appendAudit } from "../audit-log.js";
import { auditActorOf, type CaseActor, type CaseResult, refuse } from "../cases/types.js";
import type { Directory } from "../directory.js";
import { sendToStaff } from "../notify.js";

/** Longest absence recorded in one go: a year. */
const MAX_DAYS = 366;

export interface RosterDeps {
  db: Db;
  clock: Clock;
  playbook: Playbook;
  directory: Directory;
}

export type AbsenceKind = "absence" | "delegation";

export interface AbsenceInput {
  outletId: string;
  staffId: string;
  from: string;
  to: string;
  coverId?: string;
  reason?: string;
  kind: AbsenceKind;
}

export interface RosterEntry {
  staffId: string;
  name: string;
  roles: string[];
  /** on: on duty; regular_off: one of their offDays; absent: inside an absence */
  state: "on" | "regular_off" | "absent";
  absence?: { id: string; to: string; reason: string; cover?: string; kind: AbsenceKind };
  /** The people this person covers today. */
  covering: string[];
}

const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;

export class RosterService {
  constructor(private readonly deps: RosterDeps) {}

  /** The outlet's local today. */
  async today(outletId: string): Promise<string> {
    return localDate(this.deps.clock.now(), (await this.deps.directory.calendar(outletId)).timeZone);
  }

  /** Who is on duty at the outlet on `date`, who is off (and why), who covers whom; by name. */
  async day(outletId: string, date: string): Promise<RosterEntry[]> {
    const { roles, absences } = await rosterAt(this.deps.db, outletId, date);
    const weekday = String(isoWeekday(date));
    const people = new Map<string, RosterEntry>();
    for (const r of roles) {
      const e = people.get(r.staffId) ?? {
        staffId: r.staffId,
        name: r.staff.name,
        roles: [],
        state: r.staff.offDays.split(",").includes(weekday) ? "regular_off" : "on",
        covering: [],
      };
      e.roles.push(r.role);
      people.set(r.staffId, e);
    }
    for (const a of absences) {
      const e = people.get(a.staffId);
      if (!e) continue; // off at another outlet of theirs only
      e.state = "absent";
      e.absence = {
        id: a.id,
        to: a.toDate,
        reason: a.reason,
        kind: a.kind as AbsenceKind,
        ...(a.cover ? { cover: a.cover.name } : {}),
      };
      if (a.coverId) people.get(a.coverId)?.covering.push(e.name);
    }
    return [...people.values()].sort((a, b) => a.name.localeCompare(b.name, "zh-CN"));
  }

  async record(
    actor: CaseActor,
    input: AbsenceInput,
    requestKey?: string,
  ): Promise<CaseResult<{ id: string; duplicate: boolean }>> {
    const { db, playbook } = this.deps;
    const key = requestKey ? `${actor.platform}:${requestKey}` : null;
    if (key) {
      const done = await db.staffAbsence.findUnique({ where: { requestKey: key } });
      if (done) return { ok: true, id: done.id, duplicate: true };
    }
    const held = await this.deps.directory.rolesAt(actor.staffId, input.outletId);
    const delegation = input.kind === "delegation";
    if (delegation ? !canDelegate(playbook, held) : !canManageRoster(playbook, held))
      return refuse("not_authorised", delegation ? "roster:refusal.not_delegate" : "roster:refusal.not_manager");
    if (delegation && input.staffId !== actor.staffId) return refuse("not_authorised", "roster:refusal.not_delegate");
    const invalid = await this.invalid(input);
    if (invalid) return invalid;
    try {
      const id = await withTx(db, (tx) => this.create(tx, actor, input, key));
      return { ok: true, id, duplicate: false };
    } catch (err) {
      // the same request, retried while the first was committing
      if (key && isUniqueViolation(err)) {
        const done = await db.staffAbsence.findUnique({ where: { requestKey: key } });
        if (done) return { ok: true, id: done.id, duplicate: true };
      }
      throw err;
    }
  }

  private async invalid(input: AbsenceInput) {
    const { db } = this.deps;
    const today = await this.today(input.outletId);
    for (const d of [input.from, input.to])
      if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) return refuse("invalid_input", "roster:errors.date", { vars: { text: d } });
    if (input.to < input.from) return refuse("invalid_input", "roster:errors.range");
    if (input.to < today) return refuse("invalid_input", "roster:errors.past", { vars: { today } });
    if (days(input.from, input.to) > MAX_DAYS) return refuse("invalid_input", "roster:errors.too_long");
    if ((await rolesAt(db, input.staffId, input.outletId)).length === 0)
      return refuse("invalid_input", "roster:errors.not_at_outlet");
    if (input.coverId) {
      if (input.coverId === input.staffId) return refuse("invalid_input", "roster:errors.self_cover");
      const cover = await db.staff.findUnique({ where: { id: input.coverId }, select: { active: true } });
      if (!cover?.active || (await rolesAt(db, input.coverId, input.outletId)).length === 0)
        return refuse("invalid_input", "roster:errors.cover_not_at_outlet");
    }
    const overlap = await db.staffAbsence.findFirst({
      where: {
        staffId: input.staffId,
        cancelledAt: null,
        fromDate: { lte: input.to },
        toDate: { gte: input.from },
        OR: [{ outletId: input.outletId }, { outletId: null }],
      },
    });
    if (overlap)
      return refuse("invalid_input", "roster:errors.overlap", { vars: { from: overlap.fromDate, to: overlap.toDate } });
    return null;
  }

  private async create(tx: Tx, actor: CaseActor, input: AbsenceInput, requestKey: string | null) {
    const now = this.deps.clock.now();
    const row = await tx.staffAbsence.create({
      data: {
        staffId: input.staffId,
        outletId: input.outletId,
        fromDate: input.from,
        toDate: input.to,
        coverId: input.coverId ?? null,
        reason: maskIdentifiers((input.reason ?? "").trim()).slice(0, 200),
        kind: input.kind,
        source: "chat",
        requestKey,
        createdById: actor.staffId,
      },
    });
    await appendAudit(tx, {
      actor: await auditActorOf(tx, actor),
      action: input.kind === "delegation" ? "roster.delegated" : "roster.absence_recorded",
      entityType: "staff_absence",
      entityId: row.id,
      after: row,
      at: now,
    });
    await this.tell(tx, row.id, input.kind === "delegation" ? "delegated" : "recorded", actor.staffId);
    return row.id;
  }

  /** Cancels an absence from today on: a manager of the outlet, or the person who delegated. */
  async cancel(actor: CaseActor, absenceId: string): Promise<CaseResult<{ name: string }>> {
    const { db, playbook } = this.deps;
    const a = await absenceById(db, absenceId);
    if (!a) return refuse("not_found", "roster:refusal.not_found");
    // the org file owns what it planned: change the file, or the next import would restore it
    if (a.source === "import" || !a.outletId) return refuse("invalid_state", "roster:refusal.from_file");
    if (a.cancelledAt)
      return refuse("invalid_state", "roster:refusal.already_cancelled", { vars: { name: a.staff.name } });
    const held = await this.deps.directory.rolesAt(actor.staffId, a.outletId);
    const own = a.kind === "delegation" && a.staffId === actor.staffId;
    if (!own && !canManageRoster(playbook, held)) return refuse("not_authorised", "roster:refusal.not_manager");
    await withTx(db, async (tx) => {
      const now = this.deps.clock.now();
      const done = await tx.staffAbsence.updateMany({
        where: { id: a.id, cancelledAt: null },
        data: { cancelledAt: now },
      });
      if (done.count === 0) return; // a second press
      await appendAudit(tx, {
        actor: await auditActorOf(tx, actor),
        action: "roster.absence_cancelled",
        entityType: "staff_absence",
        entityId: a.id,
        before: { cancelledAt: null },
        after: { cancelledAt: now },
        at: now,
      });
      await this.tell(tx, a.id, "cancelled", actor.staffId);
    });
    return { ok: true, name: a.staff.name };
  }

  /** Tells the cover, and the absent person when someone else recorded it, privately. */
  private async tell(tx: Tx, absenceId: string, event: "recorded" | "delegated" | "cancelled", by: string) {
    const a = await tx.staffAbsence.findUniqueOrThrow({
      where: { id: absenceId },
      include: { staff: true, cover: true, outlet: true },
    });
    const vars = {
      name: a.staff.name,
      cover: a.cover?.name ?? "",
      outlet: a.outlet?.name ?? "",
      from: a.fromDate,
      to: a.toDate,
    };
    const notice = (key: string): TextView => ({ type: "text", message: { key, vars } });
    if (a.coverId)
      await sendToStaff(tx, {
        staffId: a.coverId,
        keyBase: `absence:${a.id}:${event}:cover`,
        view: notice(`roster:notice.cover_${event}`),
      });
    if (a.staffId !== by)
      await sendToStaff(tx, {
        staffId: a.staffId,
        keyBase: `absence:${a.id}:${event}:absent`,
        view: notice(a.coverId ? `roster:notice.absent_${event}_cover` : `roster:notice.absent_${event}`),
      });
  }
}
