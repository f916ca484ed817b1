// Circulars (通知学习确认): a supervisor or regional officer sends a notice to everyone at their
// outlet or in their region; each recipient gets it in their DM (through the outbox) with an
// Acknowledge button; pressing it records the acknowledgement once; the scheduler nudges those
// who have not acknowledged (playbook `circulars:`), claimed per recipient so replicas never
// nudge twice; the sender and those who may send there see who is still outstanding.
// Title and body are masked before they are stored. Every change is audited.
//
// Outbox keys (idempotent: a retried transaction or a second replica enqueues nothing new):
//   circular:<circular>:<staff>:<platform>:<chat>           the notice in each recipient's DM
//   circular-nudge:<circular>:<staff>:<n>:<platform>:<chat>  the nth nudge

import type { Tx } from "../../db/tx.js";
import { withTx } from "../../db/tx.js";
import { localDate, zonedTime } from "../../domain/calendar.js";
import { maskIdentifiers } from "../../domain/masking.js";
import type { Circular } from "../../generated/prisma/client.js";
import { canSeeCircularStatus, canSendCircular } from "../../permissions/index.js";
import {
  circularById,
  circularByRef,
  circularRecipient,
  circularRecipients,
  circularScope,
  dueCircularNudges,
  lastCircularNumber,
  openCircularsSentBy,
  rolesOverScope,
  staffAtOutlets,
  staffName,
  staffReach,
} from "../../queries/index.js";
import type { CircularStatusView, CircularView } from "../../views/circulars.js";
import type { FieldErrors } from "../../views/common.js";
import { type Actor, appendAudit } from "../audit-log.js";
import { withRefRetry } from "../cases/refs.js";
import { auditActorOf, type CaseActor, type CaseResult, type CasesDeps, refuse } from "../cases/types.js";
import { sendToStaff, updatePosted } from "../notify.js";
import { SCHEDULER_ACTOR } from "../tasks/occurrences.js";

export const TITLE_MAX = 100;
export const BODY_MAX = 2000;
const HOUR_MS = 60 * 60 * 1000;

export interface SendCircularInput {
  title: string;
  body: string;
  /** The outlet or region code; may be left out when the sender can send to one scope only. */
  scope?: string;
  /** A local date "YYYY-MM-DD": acknowledge by the end of that working day. */
  dueDate?: string;
}

/** An outlet or region a person may send circulars to. */
export interface CircularScopeChoice {
  kind: "outlet" | "region";
  code: string;
  name: string;
}

export const circularKeyBase = (circularId: string, staffId: string) => `circular:${circularId}:${staffId}`;

export class CircularService {
  constructor(private readonly deps: CasesDeps) {}

  /** Where the person may send circulars: outlets where they hold a sending role, regions where they hold one. */
  async scopesOf(staffId: string, r: Tx | CasesDeps["db"] = this.deps.db): Promise<CircularScopeChoice[]> {
    const reach = await staffReach(r, staffId);
    if (!reach?.active) return [];
    const out = new Map<string, CircularScopeChoice>();
    for (const x of reach.regionRoles)
      if (canSendCircular(this.deps.playbook, x.role))
        out.set(`region:${x.region.code}`, { kind: "region", code: x.region.code, name: x.region.name });
    for (const x of reach.outletRoles)
      if (canSendCircular(this.deps.playbook, x.role))
        out.set(`outlet:${x.outlet.code}`, { kind: "outlet", code: x.outlet.code, name: x.outlet.name });
    return [...out.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.code.localeCompare(b.code));
  }

  async send(
    actor: CaseActor,
    input: SendCircularInput,
  ): Promise<CaseResult<{ id: string; ref: string; recipients: number; scopeName: string }>> {
    const title = maskIdentifiers(input.title.trim());
    const body = maskIdentifiers(input.body.trim());
    const errors: FieldErrors = {};
    if (!title) errors.title = { key: "forms:errors.required" };
    else if (title.length > TITLE_MAX) errors.title = { key: "forms:errors.too_long", vars: { max: TITLE_MAX } };
    if (!body) errors.body = { key: "forms:errors.required" };
    else if (body.length > BODY_MAX) errors.body = { key: "forms:errors.too_long", vars: { max: BODY_MAX } };
    if (Object.keys(errors).length > 0) return refuse("invalid_input", "circulars:refusal.invalid_input", { errors });

    const scopes = await this.scopesOf(actor.staffId);
    if (scopes.length === 0) return refuse("not_authorised", "circulars:refusal.not_authorised");
    const wanted = input.scope?.trim().toUpperCase();
    const choice = wanted
      ? scopes.find((s) => s.code.toUpperCase() === wanted)
      : scopes.length === 1
        ? scopes[0]
        : null;
    if (wanted && !choice)
      return refuse("not_authorised", "circulars:refusal.not_your_scope", {
        vars: { code: wanted, codes: scopes.map((s) => s.code).join(", ") },
      });
    if (!choice)
      return refuse("invalid_input", "circulars:refusal.choose_scope", {
        vars: { codes: scopes.map((s) => s.code).join(", ") },
      });

    const { db, clock } = this.deps;
    return withRefRetry(() =>
      withTx(db, async (tx) => {
        const scope = await circularScope(tx, choice.kind, choice.code);
        if (!scope) return refuse("not_found", "circulars:refusal.not_authorised");
        const recipients = (await staffAtOutlets(tx, scope.outlets)).filter((x) => x.staffId !== actor.staffId);
        if (recipients.length === 0)
          return refuse("invalid_state", "circulars:refusal.nobody", { vars: { scope: scope.name } });
        const now = clock.now();
        const prefix = `CIR-${localDate(now, scope.timeZone).replaceAll("-", "")}-`;
        const ref = `${prefix}${(await lastCircularNumber(tx, prefix)) + 1}`;
        const dueAt = input.dueDate ? zonedTime(input.dueDate, scope.workEnd, scope.timeZone) : null;
        const circular = await tx.circular.create({
          data: {
            ref,
            senderId: actor.staffId,
            title,
            body,
            scopeKind: scope.kind,
            scope: scope.code,
            dueAt,
            createdAt: now,
          },
        });
        await tx.circularRecipient.createMany({
          data: recipients.map((x) => ({ circularId: circular.id, staffId: x.staffId, outletId: x.outletId })),
        });
        const sender = (await staffName(tx, actor.staffId)) ?? "";
        const view = noticeView(circular, { sender, scopeName: scope.name, timeZone: scope.timeZone });
        for (const x of recipients)
          await sendToStaff(tx, { staffId: x.staffId, keyBase: circularKeyBase(circular.id, x.staffId), view });
        await appendAudit(tx, {
          actor: await auditActorOf(tx, actor),
          action: "circular.sent",
          entityType: "circular",
          entityId: circular.id,
          after: { ...circular, recipients: recipients.map((x) => x.staffId) },
          at: now,
        });
        return { ok: true as const, id: circular.id, ref, recipients: recipients.length, scopeName: scope.name };
      }),
    );
  }

  /**
   * The recipient acknowledges: recorded once (a second press changes nothing and is not
   * audited again). Returns the notice as it now reads for them, to replace the one clicked.
   */
  async acknowledge(
    actor: CaseActor,
    circularId: string,
    opts: { editNotice?: boolean } = {},
  ): Promise<CaseResult<{ ref: string; already: boolean; view: CircularView }>> {
    const { db, clock } = this.deps;
    return withTx(db, async (tx) => {
      const circular = await circularById(tx, circularId);
      if (!circular) return refuse("not_found", "circulars:refusal.not_found");
      const mine = await circularRecipient(tx, circularId, actor.staffId);
      if (!mine) return refuse("not_authorised", "circulars:refusal.not_recipient", { vars: { ref: circular.ref } });
      const now = clock.now();
      let already = mine.acknowledgedAt !== null;
      let at = mine.acknowledgedAt ?? now;
      if (!already) {
        const done = await tx.circularRecipient.updateMany({
          where: { id: mine.id, acknowledgedAt: null },
          data: { acknowledgedAt: now },
        });
        if (done.count === 1) {
          await appendAudit(tx, {
            actor: await auditActorOf(tx, actor),
            action: "circular.acknowledged",
            entityType: "circular",
            entityId: circularId,
            before: { staffId: actor.staffId, acknowledgedAt: null },
            after: { staffId: actor.staffId, acknowledgedAt: now, nudges: mine.nudges },
            at: now,
          });
        } else {
          already = true;
          at = (await circularRecipient(tx, circularId, actor.staffId))?.acknowledgedAt ?? now;
        }
      }
      const view = { ...(await this.viewOf(tx, circular)), acknowledgedAt: at.toISOString() };
      // acknowledged by a typed reply: the notice in their DM shows it too (a button edits its own message)
      if (!already && opts.editNotice)
        await updatePosted(tx, {
          keyBase: circularKeyBase(circularId, actor.staffId),
          view,
          updateSeq: "acknowledged",
        });
      return { ok: true as const, ref: circular.ref, already, view };
    });
  }

  /** Who has and has not acknowledged: for its sender and for those who may send to its scope. */
  async status(actor: CaseActor, ref: string): Promise<CaseResult<{ view: CircularStatusView }>> {
    const { db, playbook } = this.deps;
    const circular = await circularByRef(db, ref);
    if (!circular) return refuse("not_found", "circulars:refusal.unknown_ref", { vars: { ref } });
    const held = await rolesOverScope(db, actor.staffId, circular.scopeKind, circular.scope);
    if (!canSeeCircularStatus(playbook, held, { isSender: circular.senderId === actor.staffId }))
      return refuse("not_authorised", "circulars:refusal.status_not_authorised", { vars: { ref: circular.ref } });
    const [recipients, scope] = await Promise.all([
      circularRecipients(db, circular.id),
      circularScope(db, circular.scopeKind, circular.scope),
    ]);
    const acknowledged = recipients.filter((x) => x.acknowledgedAt !== null).length;
    return {
      ok: true,
      view: {
        type: "circular_status",
        ref: circular.ref,
        title: circular.title,
        scopeName: scope?.name ?? circular.scope,
        sentAt: circular.createdAt.toISOString(),
        dueAt: circular.dueAt?.toISOString() ?? null,
        timeZone: scope?.timeZone ?? "Asia/Shanghai",
        acknowledged,
        total: recipients.length,
        pending: recipients.filter((x) => x.acknowledgedAt === null).map((x) => x.name),
      },
    };
  }

  /** The circulars a person sent that someone has not acknowledged yet, with counts, newest first. */
  async openSentBy(staffId: string, take = 10) {
    const rows = await openCircularsSentBy(this.deps.db, staffId, take);
    return Promise.all(
      rows.map(async (c) => {
        const recipients = await this.deps.db.circularRecipient.findMany({
          where: { circularId: c.id },
          select: { acknowledgedAt: true },
        });
        return {
          ref: c.ref,
          title: c.title,
          acknowledged: recipients.filter((x) => x.acknowledgedAt !== null).length,
          total: recipients.length,
        };
      }),
    );
  }

  /**
   * Nudges every recipient due one (playbook `circulars:`): each claimed by a conditional update
   * on its nudge count, so of two replicas ticking at once only one nudges; audited.
   */
  async nudgeTick(now: Date = this.deps.clock.now(), actor: Actor = SCHEDULER_ACTOR): Promise<number> {
    const s = this.deps.playbook.circulars;
    if (s.maxNudges === 0) return 0;
    const due = await dueCircularNudges(this.deps.db, now, {
      afterMs: s.nudgeAfterHours * HOUR_MS,
      everyMs: s.nudgeEveryHours * HOUR_MS,
      max: s.maxNudges,
    });
    let nudged = 0;
    for (const row of due) {
      const done = await withTx(this.deps.db, async (tx) => {
        const claimed = await tx.circularRecipient.updateMany({
          where: { id: row.id, nudges: row.nudges, acknowledgedAt: null },
          data: { nudges: row.nudges + 1, lastNudgedAt: now },
        });
        if (claimed.count !== 1) return false;
        const circular = await tx.circular.findUniqueOrThrow({ where: { id: row.circularId } });
        const n = row.nudges + 1;
        const view: CircularView = { ...(await this.viewOf(tx, circular)), nudge: n };
        await sendToStaff(tx, {
          staffId: row.staffId,
          keyBase: `circular-nudge:${row.circularId}:${row.staffId}:${n}`,
          view,
        });
        await appendAudit(tx, {
          actor,
          action: "circular.nudged",
          entityType: "circular",
          entityId: row.circularId,
          before: { staffId: row.staffId, nudges: row.nudges },
          after: { staffId: row.staffId, nudges: n, at: now },
          at: now,
        });
        return true;
      });
      if (done) nudged++;
    }
    return nudged;
  }

  /** The notice as a recipient reads it, not yet acknowledged. */
  private async viewOf(tx: Tx, circular: Circular): Promise<CircularView> {
    const [sender, scope] = await Promise.all([
      staffName(tx, circular.senderId),
      circularScope(tx, circular.scopeKind, circular.scope),
    ]);
    return noticeView(circular, {
      sender: sender ?? "",
      scopeName: scope?.name ?? circular.scope,
      timeZone: scope?.timeZone ?? "Asia/Shanghai",
    });
  }
}

function noticeView(c: Circular, o: { sender: string; scopeName: string; timeZone: string }): CircularView {
  return {
    type: "circular",
    circularId: c.id,
    ref: c.ref,
    title: c.title,
    body: c.body,
    senderName: o.sender,
    scopeName: o.scopeName,
    sentAt: c.createdAt.toISOString(),
    dueAt: c.dueAt?.toISOString() ?? null,
    timeZone: o.timeZone,
    acknowledgedAt: null,
  };
}
