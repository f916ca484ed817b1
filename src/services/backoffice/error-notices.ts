// 事后监督差错整改: the back-office supervision centre raises an error notice on an outlet's
// voucher or transaction; the outlet replies with its rectification by the deadline; the
// issuing side accepts the reply or returns it (a new deadline); a notice not replied in time
// climbs backOffice.ladder on the scheduler's sweep. Every free text is masked before it is
// stored, every state change is audited, and every change is claimed by a conditional update
// on the row's version, so a double click or a second replica changes nothing twice.
import type { BackOffice } from "../../config/playbook-schema.js";
import { type Tx, withTx } from "../../db/tx.js";
import {
  AWAITING_REPLY,
  awaitsReply,
  MAX_REPLY_DAYS,
  noticeLateAction,
  type RaiseNoticeInput,
  replyDueAt,
  stepDueAt,
} from "../../domain/error-notices.js";
import { maskIdentifiers } from "../../domain/masking.js";
import type { ErrorNotice } from "../../generated/prisma/client.js";
import {
  canAcceptErrorNotice,
  canIssueErrorNotice,
  canReplyErrorNotice,
  canSeeErrorNotices,
} from "../../permissions/index.js";
import { errorNoticeById, openErrorNotices } from "../../queries/index.js";
import type { ErrorNoticeView } from "../../views/backoffice.js";
import type { FieldErrors } from "../../views/common.js";
import { appendAudit, SYSTEM_ACTOR } from "../audit-log.js";
import { nextCaseRef, withRefRetry } from "../cases/refs.js";
import { auditActorOf, type CaseActor, type CaseResult, type CasesDeps, refuse } from "../cases/types.js";
import { announceIssued, announceNoticeEvent, noticeCard } from "./notice-notify.js";

export type { RaiseNoticeInput };

export interface NoticeSweepResult {
  escalated: number;
  flagged: number;
}

const BATCH = 500;
const required = { key: "backoffice:errors.required" };

export class ErrorNoticeService {
  constructor(private readonly deps: CasesDeps) {}

  private get bo(): BackOffice | undefined {
    return this.deps.playbook.backOffice;
  }

  async raise(actor: CaseActor, input: RaiseNoticeInput): Promise<CaseResult<{ noticeId: string; ref: string }>> {
    const { db, directory, clock, playbook } = this.deps;
    const bo = this.bo;
    if (!bo) return refuse("not_authorised", "backoffice:refusal.not_enabled");
    const outlet = await db.outlet.findUnique({ where: { id: input.outletId } });
    if (!outlet?.active) return refuse("not_found", "backoffice:refusal.outlet_not_found");
    if (!canIssueErrorNotice(playbook, await directory.rolesAt(actor.staffId, outlet.id))) {
      return refuse("not_authorised", "backoffice:refusal.not_authorised_issue");
    }
    const errors: FieldErrors = {};
    if (!bo.categories.some((c) => c.key === input.category))
      errors.category = { key: "backoffice:errors.category_unknown" };
    const description = maskIdentifiers(input.description.trim());
    const voucherRef = maskIdentifiers(input.voucherRef?.trim() ?? "") || null;
    if (!description) errors.description = required;
    const days = input.replyDays;
    if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > MAX_REPLY_DAYS)) {
      errors.replyDays = { key: "backoffice:errors.reply_days", vars: { max: MAX_REPLY_DAYS } };
    }
    const responsible = input.responsibleStaffId || null;
    if (responsible && (await directory.rolesAt(responsible, outlet.id)).length === 0) {
      errors.responsibleStaffId = { key: "backoffice:errors.responsible_unknown" };
    }
    if (Object.keys(errors).length > 0) return refuse("invalid_input", "backoffice:refusal.invalid_input", { errors });
    const now = clock.now();
    const dueAt = replyDueAt(await directory.calendar(outlet.id), bo, now, days);
    const n = await withRefRetry(() =>
      withTx(db, async (tx) => {
        const created = await tx.errorNotice.create({
          data: {
            ref: await nextCaseRef(tx, "EN", outlet, now),
            outletId: outlet.id,
            category: input.category,
            description,
            voucherRef,
            issuedById: actor.staffId,
            responsibleStaffId: responsible,
            issuedAt: now,
            dueAt,
          },
        });
        await appendAudit(tx, {
          actor: await auditActorOf(tx, actor),
          action: "error_notice.issued",
          entityType: "error_notice",
          entityId: created.id,
          after: created,
          at: now,
        });
        await announceIssued(this.deps, tx, created);
        return created;
      }),
    );
    return { ok: true, noticeId: n.id, ref: n.ref };
  }

  /** The outlet's rectification reply (整改回复): by a reply role there, or the responsible person. */
  async reply(
    actor: CaseActor,
    noticeId: string,
    rawReply: string,
  ): Promise<CaseResult<{ ref: string; late: boolean }>> {
    const text = maskIdentifiers(rawReply.trim());
    if (!text) return refuse("invalid_input", "backoffice:refusal.invalid_input", { errors: { reply: required } });
    return withTx(this.deps.db, async (tx): Promise<CaseResult<{ ref: string; late: boolean }>> => {
      const n = await errorNoticeById(tx, noticeId);
      if (!n) return refuse("not_found", "backoffice:refusal.not_found");
      const roles = await this.deps.directory.rolesAt(actor.staffId, n.outletId, tx);
      if (!canReplyErrorNotice(this.deps.playbook, roles, { isResponsible: n.responsibleStaffId === actor.staffId }))
        return refuse("not_authorised", "backoffice:refusal.not_authorised_reply", { vars: { ref: n.ref } });
      if (!awaitsReply(n.status)) return this.notAwaiting(n);
      const now = this.deps.clock.now();
      const late = now.getTime() > n.dueAt.getTime();
      const done = await tx.errorNotice.updateMany({
        where: { id: n.id, version: n.version, status: { in: [...AWAITING_REPLY] } },
        data: {
          status: "replied",
          reply: text,
          repliedAt: now,
          repliedById: actor.staffId,
          ...(late ? { late: true } : {}),
          version: { increment: 1 },
        },
      });
      if (done.count !== 1) return this.notAwaiting((await errorNoticeById(tx, n.id)) ?? n);
      const after = await tx.errorNotice.findUniqueOrThrow({ where: { id: n.id } });
      const who = await auditActorOf(tx, actor);
      await appendAudit(tx, {
        actor: who,
        action: "error_notice.replied",
        entityType: "error_notice",
        entityId: n.id,
        before: { status: n.status, reply: n.reply, dueAt: n.dueAt, step: n.step },
        after: { status: "replied", reply: text, repliedAt: now, late },
        at: now,
      });
      await announceNoticeEvent(this.deps, tx, after, { kind: "replied", by: who.label, comment: text });
      return { ok: true, ref: n.ref, late };
    });
  }

  accept(actor: CaseActor, noticeId: string): Promise<CaseResult<{ ref: string }>> {
    return this.decide(actor, noticeId, "accept", "");
  }

  /** Returns the reply as not good enough: the outlet owes a new one, on a fresh clock (step 0). */
  returnReply(actor: CaseActor, noticeId: string, rawComment: string): Promise<CaseResult<{ ref: string }>> {
    return this.decide(actor, noticeId, "return", rawComment);
  }

  private async decide(
    actor: CaseActor,
    noticeId: string,
    decision: "accept" | "return",
    rawComment: string,
  ): Promise<CaseResult<{ ref: string }>> {
    const comment = maskIdentifiers(rawComment.trim());
    if (decision === "return" && !comment)
      return refuse("invalid_input", "backoffice:refusal.invalid_input", { errors: { comment: required } });
    const bo = this.bo;
    if (!bo) return refuse("not_authorised", "backoffice:refusal.not_enabled");
    return withTx(this.deps.db, async (tx): Promise<CaseResult<{ ref: string }>> => {
      const n = await errorNoticeById(tx, noticeId);
      if (!n) return refuse("not_found", "backoffice:refusal.not_found");
      if (!canAcceptErrorNotice(this.deps.playbook, await this.deps.directory.rolesAt(actor.staffId, n.outletId, tx)))
        return refuse("not_authorised", "backoffice:refusal.not_authorised_accept", { vars: { ref: n.ref } });
      if (n.status !== "replied") return this.notReplied(n);
      const now = this.deps.clock.now();
      const data =
        decision === "accept"
          ? { status: "accepted", decidedAt: now, decidedById: actor.staffId, decisionComment: comment || null }
          : {
              status: "returned",
              decidedAt: now,
              decidedById: actor.staffId,
              decisionComment: comment,
              step: 0,
              flagged: false,
              returnCount: { increment: 1 },
              dueAt: replyDueAt(await this.deps.directory.calendar(n.outletId, tx), bo, now),
            };
      const done = await tx.errorNotice.updateMany({
        where: { id: n.id, version: n.version, status: "replied" },
        data: { ...data, version: { increment: 1 } },
      });
      if (done.count !== 1) return this.notReplied((await errorNoticeById(tx, n.id)) ?? n);
      const after = await tx.errorNotice.findUniqueOrThrow({ where: { id: n.id } });
      const who = await auditActorOf(tx, actor);
      await appendAudit(tx, {
        actor: who,
        action: decision === "accept" ? "error_notice.accepted" : "error_notice.returned",
        entityType: "error_notice",
        entityId: n.id,
        before: { status: n.status, dueAt: n.dueAt, step: n.step },
        after: { status: after.status, comment: comment || null, dueAt: after.dueAt, step: after.step },
        at: now,
      });
      await announceNoticeEvent(this.deps, tx, after, {
        kind: decision === "accept" ? "accepted" : "returned",
        by: who.label,
        comment,
      });
      return { ok: true, ref: n.ref };
    });
  }

  private notAwaiting(n: ErrorNotice) {
    return n.status === "accepted"
      ? refuse("invalid_state", "backoffice:refusal.accepted", { vars: { ref: n.ref } })
      : refuse("invalid_state", "backoffice:refusal.already_replied", { vars: { ref: n.ref } });
  }

  private notReplied(n: ErrorNotice) {
    return n.status === "accepted"
      ? refuse("invalid_state", "backoffice:refusal.accepted", { vars: { ref: n.ref } })
      : refuse("invalid_state", "backoffice:refusal.not_replied", { vars: { ref: n.ref } });
  }

  /** Notices past their reply deadline: up the ladder, or flagged once at its top. */
  async sweepDeadlines(now: Date = this.deps.clock.now()): Promise<NoticeSweepResult> {
    const result: NoticeSweepResult = { escalated: 0, flagged: 0 };
    if (!this.bo) return result;
    const due = await this.deps.db.errorNotice.findMany({
      where: { status: { in: [...AWAITING_REPLY] }, flagged: false, dueAt: { lte: now } },
      select: { id: true },
      orderBy: { dueAt: "asc" },
      take: BATCH,
    });
    for (const { id } of due) {
      const done = await withTx(this.deps.db, (tx) => this.sweepOne(tx, id, now));
      if (done) result[done]++;
    }
    return result;
  }

  private async sweepOne(tx: Tx, id: string, now: Date): Promise<"escalated" | "flagged" | null> {
    const bo = this.bo;
    const n = await errorNoticeById(tx, id);
    if (!bo || !n || !awaitsReply(n.status)) return null;
    const action = noticeLateAction(bo, n, now);
    if (action.kind === "none") return null;
    const claim = { id: n.id, version: n.version, status: { in: [...AWAITING_REPLY] }, flagged: false };
    if (action.kind === "flag") {
      const claimed = await tx.errorNotice.updateMany({
        where: claim,
        data: { flagged: true, late: true, version: { increment: 1 } },
      });
      if (claimed.count !== 1) return null;
      const after = await tx.errorNotice.findUniqueOrThrow({ where: { id: n.id } });
      await appendAudit(tx, {
        actor: SYSTEM_ACTOR,
        action: "error_notice.flagged_late",
        entityType: "error_notice",
        entityId: n.id,
        before: { step: n.step, flagged: false },
        after: { step: n.step, flagged: true, dueAt: n.dueAt },
        at: now,
      });
      await announceNoticeEvent(this.deps, tx, after, { kind: "flagged_late" });
      return "flagged";
    }
    const dueAt = stepDueAt(await this.deps.directory.calendar(n.outletId, tx), bo, action.toStepNo, now);
    if (!dueAt) return null;
    const claimed = await tx.errorNotice.updateMany({
      where: claim,
      data: { status: "escalated", step: action.toStepNo, dueAt, late: true, version: { increment: 1 } },
    });
    if (claimed.count !== 1) return null;
    const after = await tx.errorNotice.findUniqueOrThrow({ where: { id: n.id } });
    await appendAudit(tx, {
      actor: SYSTEM_ACTOR,
      action: "error_notice.escalated",
      entityType: "error_notice",
      entityId: n.id,
      before: { status: n.status, step: n.step, dueAt: n.dueAt },
      after: { status: "escalated", step: after.step, dueAt: after.dueAt },
      at: now,
    });
    await announceNoticeEvent(this.deps, tx, after, { kind: "escalated" });
    return "escalated";
  }

  /** The outlet's notices not yet accepted, soonest due first. */
  listOpen(outletId: string): Promise<ErrorNotice[]> {
    return openErrorNotices(this.deps.db, outletId);
  }

  /** May this person see the outlet's notices (the list)? */
  async maySee(staffId: string, outletId: string): Promise<boolean> {
    return canSeeErrorNotices(this.deps.playbook, await this.deps.directory.rolesAt(staffId, outletId));
  }

  /** The card as it stands now (a refresh on Teams). */
  async view(noticeId: string): Promise<ErrorNoticeView | null> {
    const n = await errorNoticeById(this.deps.db, noticeId);
    return n ? noticeCard(this.deps, this.deps.db, n) : null;
  }
}
