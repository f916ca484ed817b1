// Incidents: report, acknowledge, add notes, resolve, close, and the acknowledgement ladder.
// Every change is one transaction: the incident row (guarded by its version), a timeline
// event, the audit event and the outbox rows commit together or not at all.
import { INCIDENT_FIELD_VALUES, type Role, SEVERITIES, type Severity } from "../../config/playbook-schema.js";
import { retrying, withTx } from "../../db/tx.js";
import { addDuration } from "../../domain/calendar.js";
import {
  type IncidentAction,
  type IncidentStatus,
  incidentCurrency,
  incidentTransition,
  incidentType,
  isSeverity,
  missingFields,
  nextLadderRole,
  severityForAmount,
} from "../../domain/incident-rules.js";
import { maskIdentifiers } from "../../domain/masking.js";
import { parseAmount } from "../../domain/money.js";
import type { Incident } from "../../generated/prisma/client.js";
import { canHandleIncident } from "../../permissions/index.js";
import { incidentById } from "../../queries/index.js";
import type { IncidentView } from "../../views/cases.js";
import type { FieldErrors } from "../../views/common.js";
import { appendAudit, SYSTEM_ACTOR } from "../audit-log.js";
import { announceEscalation, announceEvent, announceReported, incidentCard } from "./incident-notify.js";
import { nextCaseRef, withRefRetry } from "./refs.js";
import {
  auditActorOf,
  type CaseActor,
  type CaseResult,
  type CasesDeps,
  type ReportIncidentInput,
  refuse,
} from "./types.js";

/** The more severe of two grades (SEVERITIES run most severe first). */
const moreSevere = (a: Severity, b: Severity): Severity => (SEVERITIES.indexOf(a) <= SEVERITIES.indexOf(b) ? a : b);

const EVENT_OF: Record<IncidentAction, "acknowledged" | "updated" | "resolved" | "closed"> = {
  acknowledge: "acknowledged",
  update: "updated",
  resolve: "resolved",
  close: "closed",
};

/** Why an action is not allowed from a status, as a message key. */
function invalidStateKey(status: IncidentStatus, action: IncidentAction): string {
  if (status === "closed") return "incidents:refusal.closed";
  if (action === "close") return "incidents:refusal.not_resolved";
  if (action === "acknowledge") return "incidents:refusal.already_acknowledged";
  return "incidents:refusal.already_resolved";
}

const clean = (s: string | undefined) => {
  const t = s?.trim();
  return t ? t : null;
};

/** Another writer changed the incident between our read and our write: read again. */
class StaleIncidentError extends Error {}

export class IncidentService {
  constructor(private readonly deps: CasesDeps) {}

  async report(actor: CaseActor, input: ReportIncidentInput): Promise<CaseResult<{ incidentId: string; ref: string }>> {
    const { db, playbook, directory, clock } = this.deps;
    const outlet = await db.outlet.findUnique({ where: { id: input.outletId } });
    if (!outlet?.active) return refuse("not_found", "incidents:refusal.outlet_not_found");
    if ((await directory.rolesAt(actor.staffId, outlet.id)).length === 0) {
      return refuse("not_authorised", "incidents:refusal.not_at_outlet");
    }
    const errors: FieldErrors = {};
    const type = incidentType(playbook, input.type);
    if (!type) errors.type = { key: "incidents:errors.type_unknown" };
    const chosen = clean(input.severity);
    if (chosen && !isSeverity(chosen)) errors.severity = { key: "incidents:errors.severity_unknown" };
    const description = maskIdentifiers(input.description.trim());
    if (!description) errors.description = { key: "incidents:errors.required" };
    for (const f of type ? missingFields(type, input) : []) errors[f] = { key: "incidents:errors.required" };
    for (const f of ["overShort", "policeCalled"] as const) {
      const v = clean(input[f]);
      if (v && !INCIDENT_FIELD_VALUES[f]?.includes(v)) errors[f] = { key: "incidents:errors.choice_unknown" };
    }
    const currency = incidentCurrency(playbook, outlet.code);
    let amountMinor: bigint | null = null;
    if (clean(input.amount)) {
      const parsed = parseAmount(input.amount as string, currency);
      if (parsed.ok && parsed.minor >= 0n) amountMinor = parsed.minor;
      else errors.amount = { key: "incidents:errors.amount_invalid" };
    }
    // the playbook's amount thresholds replace the type's fixed grade; a reporter may only raise it
    const byAmount = type && amountMinor !== null ? severityForAmount(type, amountMinor, currency) : null;
    const ruled = byAmount ?? type?.severity;
    const severity = chosen && isSeverity(chosen) && ruled ? moreSevere(chosen, ruled) : ruled;
    if (input.sourceResultId) {
      const source = await db.checklistItemResult.findUnique({
        where: { id: input.sourceResultId },
        select: { occurrence: { select: { outletId: true } } },
      });
      if (source?.occurrence.outletId !== outlet.id) errors.sourceResultId = { key: "incidents:errors.source_unknown" };
    }
    if (Object.keys(errors).length > 0 || !type || !isSeverity(severity)) {
      return refuse("invalid_input", "incidents:refusal.invalid_input", { errors });
    }
    const sev: Severity = severity;
    const now = clock.now();
    const cal = await directory.calendar(outlet.id);
    const incident = await withRefRetry(() =>
      withTx(db, async (tx) => {
        const created = await tx.incident.create({
          data: {
            ref: await nextCaseRef(tx, "INC", outlet, now),
            outletId: outlet.id,
            type: type.key,
            severity: sev,
            description,
            amountMinor,
            currency: amountMinor !== null ? currency : null,
            overShort: clean(input.overShort),
            policeCalled: clean(input.policeCalled) ? input.policeCalled?.trim() === "yes" : null,
            denomination: clean(input.denomination),
            serialNumber: clean(input.serialNumber),
            location: clean(input.location) && maskIdentifiers(input.location?.trim() ?? ""),
            reportedById: actor.staffId,
            reportedAt: now,
            ackDueAt: addDuration(cal, now, playbook.incidents.ackWithin[sev]),
            sourceResultId: input.sourceResultId ?? null,
          },
        });
        await tx.incidentEvent.create({
          data: { incidentId: created.id, kind: "reported", actorId: actor.staffId, at: now },
        });
        await appendAudit(tx, {
          actor: await auditActorOf(tx, actor),
          action: "incident.reported",
          entityType: "incident",
          entityId: created.id,
          after: { ...created, amountMinor: created.amountMinor?.toString() ?? null },
          at: now,
        });
        await announceReported(this.deps, tx, created);
        return created;
      }),
    );
    return { ok: true, incidentId: incident.id, ref: incident.ref };
  }

  /** The card as it stands now (for a bot reply or a refresh). */
  async view(incidentId: string): Promise<IncidentView | null> {
    const i = await incidentById(this.deps.db, incidentId);
    return i ? incidentCard(this.deps, this.deps.db, i) : null;
  }

  acknowledge(actor: CaseActor, incidentId: string, note?: string) {
    return this.transition(actor, incidentId, "acknowledge", note);
  }

  update(actor: CaseActor, incidentId: string, note: string) {
    return this.transition(actor, incidentId, "update", note);
  }

  resolve(actor: CaseActor, incidentId: string, note?: string) {
    return this.transition(actor, incidentId, "resolve", note);
  }

  close(actor: CaseActor, incidentId: string, note?: string) {
    return this.transition(actor, incidentId, "close", note);
  }

  private async transition(
    actor: CaseActor,
    incidentId: string,
    action: IncidentAction,
    rawNote?: string,
  ): Promise<CaseResult<{ status: IncidentStatus }>> {
    const note = rawNote?.trim() ? maskIdentifiers(rawNote.trim()) : null;
    if (action === "update" && !note) {
      return refuse("invalid_input", "incidents:refusal.invalid_input", {
        errors: { note: { key: "incidents:errors.required" } },
      });
    }
    return retrying(() => this.transitionOnce(actor, incidentId, action, note), {
      attempts: 5,
      retryable: (err) => err instanceof StaleIncidentError,
    });
  }

  private transitionOnce(
    actor: CaseActor,
    incidentId: string,
    action: IncidentAction,
    note: string | null,
  ): Promise<CaseResult<{ status: IncidentStatus }>> {
    const { db, directory, clock } = this.deps;
    return withTx(db, async (tx): Promise<CaseResult<{ status: IncidentStatus }>> => {
      const i = await incidentById(tx, incidentId);
      if (!i) return refuse("not_found", "incidents:refusal.not_found");
      const roles = await directory.rolesAt(actor.staffId, i.outletId, tx);
      const isReporter = i.reportedById === actor.staffId;
      if (!canHandleIncident(this.deps.playbook, action, roles, { isReporter }))
        return refuse("not_authorised", "incidents:refusal.not_authorised", { vars: { ref: i.ref } });
      const status = i.status as IncidentStatus;
      const next = incidentTransition(status, action);
      if (!next) return refuse("invalid_state", invalidStateKey(status, action), { vars: { ref: i.ref } });
      const now = clock.now();
      const data: Partial<Incident> = { status: next };
      if (action === "acknowledge" || (action === "resolve" && !i.acknowledgedAt)) {
        data.acknowledgedAt = now;
        data.acknowledgedById = actor.staffId;
      }
      if (action === "resolve") data.resolvedAt = now;
      if (action === "close") data.closedAt = now;
      // the version guard: a concurrent change makes this match nothing, and we start over
      const done = await tx.incident.updateMany({
        where: { id: i.id, version: i.version },
        data: { ...data, version: { increment: 1 } },
      });
      if (done.count !== 1) throw new StaleIncidentError();
      const after = await tx.incident.findUniqueOrThrow({ where: { id: i.id } });
      const kind = EVENT_OF[action];
      const event = await tx.incidentEvent.create({
        data: { incidentId: i.id, kind, actorId: actor.staffId, note, at: now },
      });
      const auditActor = await auditActorOf(tx, actor);
      await appendAudit(tx, {
        actor: auditActor,
        action: `incident.${kind}`,
        entityType: "incident",
        entityId: i.id,
        before: { status, version: i.version },
        after: { status: next, version: after.version, note },
        at: now,
      });
      await announceEvent(this.deps, tx, after, { id: event.id, kind, by: auditActor.label, note });
      return { ok: true, status: next };
    });
  }

  /**
   * Climbs the ladder for every incident still unacknowledged past its clock: one role beyond
   * those already told, a fresh clock, a DM to that role. The conditional update on
   * escalationLevel makes each step happen once, however many replicas sweep at once.
   */
  async sweepAckDeadlines(now: Date = this.deps.clock.now()): Promise<{ escalated: number }> {
    const { db, playbook, directory } = this.deps;
    const ladder = playbook.incidents.ladder;
    const typeKeys = playbook.incidents.types.map((t) => t.key);
    // only incidents that still have a role above them: the top of the ladder is not re-read
    const climbable = playbook.incidents.types.map((t) => ({
      type: t.key,
      escalationLevel: { lt: ladder.length - 1 - Math.max(-1, ...t.reportTo.map((r) => ladder.indexOf(r))) },
    }));
    const due = await db.incident.findMany({
      where: {
        status: "open",
        ackDueAt: { lte: now },
        OR: [...climbable, { type: { notIn: typeKeys }, escalationLevel: { lt: ladder.length } }],
      },
      select: { id: true },
      orderBy: { ackDueAt: "asc" },
      take: 500,
    });
    let escalated = 0;
    for (const { id } of due) {
      const done = await withTx(db, async (tx) => {
        const i = await tx.incident.findUnique({ where: { id } });
        if (i?.status !== "open" || i.ackDueAt > now) return false;
        const reportTo: Role[] = incidentType(playbook, i.type)?.reportTo ?? [];
        const role = nextLadderRole(ladder, reportTo, i.escalationLevel);
        if (!role) return false;
        const cal = await directory.calendar(i.outletId, tx);
        const ackDueAt = addDuration(cal, now, playbook.incidents.ackWithin[i.severity as Severity]);
        const claimed = await tx.incident.updateMany({
          where: { id, status: "open", escalationLevel: i.escalationLevel },
          data: { escalationLevel: i.escalationLevel + 1, ackDueAt, version: { increment: 1 } },
        });
        if (claimed.count !== 1) return false;
        const after = await tx.incident.findUniqueOrThrow({ where: { id } });
        const event = await tx.incidentEvent.create({
          data: {
            incidentId: id,
            kind: "escalated",
            data: JSON.stringify({ role, level: after.escalationLevel }),
            at: now,
          },
        });
        await appendAudit(tx, {
          actor: SYSTEM_ACTOR,
          action: "incident.escalated",
          entityType: "incident",
          entityId: id,
          before: { escalationLevel: i.escalationLevel, ackDueAt: i.ackDueAt },
          after: { escalationLevel: after.escalationLevel, ackDueAt, role },
          at: now,
        });
        await announceEscalation(this.deps, tx, after, role, event.id);
        return true;
      });
      if (done) escalated++;
    }
    return { escalated };
  }
}
