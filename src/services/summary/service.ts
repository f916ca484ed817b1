// summarise(requester, scope, period): checks who may see what, computes the figures with
// aggregate queries, records the request in the audit trail, and returns a SummaryView.
import type { Playbook } from "../../config/playbook-schema.js";
import type { Db } from "../../db/client.js";
import { withTx } from "../../db/tx.js";
import type { Origin } from "../../domain/actor.js";
import type { Clock } from "../../domain/clock.js";
import { type Refusal, refusal } from "../../domain/refusal.js";
import {
  type OutletStanding,
  type PeriodInput,
  pctDelta,
  percent,
  periodDates,
  previousPeriod,
  rankBehind,
  todayIn,
} from "../../domain/summary.js";
import type { SummaryView } from "../../views/summary.js";
import { type Actor, appendAudit } from "../audit-log.js";
import { complaintFigures, errorNoticeFigures, incidentFigures, openIncidentsByOutlet } from "./case-figures.js";
import { circularFigures } from "./circular-figures.js";
import { type SqlProvider, sqlProviderOf } from "./median.js";
import { outletRates } from "./rates.js";
import { resolveScope, type SummaryScope } from "./scope.js";
import { listOverdueAndMissed, onTimePct, taskFigures } from "./task-figures.js";
import { zoneWindows } from "./windows.js";

export type SummaryResult = { ok: true; view: SummaryView } | Refusal<"not_authorised" | "invalid_period">;

/** What a digest (or an export) adds to a summary, and whether the request itself is audited. */
export interface SummaryExtras {
  /** A scheduled digest: its title, and the on-time / late / missed rates and the ranking. */
  digest?: "daily" | "weekly";
  /** Every outlet ranked by on-time rate (digests always have it). */
  ranking?: boolean;
  /** false: the caller audits what it did with the figures (a digest sent, an export). */
  audit?: boolean;
}

export interface SummaryOptions {
  /** The dialect behind `db` for the one dialect-specific expression (medians); detected when omitted. */
  provider?: SqlProvider;
  /** Who may see which summaries (`permissions.summaries`), complaint category and role labels. */
  playbook: Pick<Playbook, "complaints" | "roles" | "permissions" | "backOffice">;
  /** Longest overdue/missed list in a view. */
  listCap?: number;
  /** Most outlets in the "furthest behind" list. */
  behindCap?: number;
}

export class SummaryService {
  private readonly provider: SqlProvider;
  private readonly listCap: number;
  private readonly behindCap: number;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly options: SummaryOptions,
  ) {
    this.provider = options.provider ?? sqlProviderOf(db);
    this.listCap = options.listCap ?? 10;
    this.behindCap = options.behindCap ?? 5;
  }

  /**
   * Who may see which outlets, and which local dates the period covers: the part of a summary
   * that decides, before any figure is computed. A refusal is recorded when audited.
   */
  private async admit(requesterId: string, scope: SummaryScope, period: PeriodInput, origin: Origin, audited: boolean) {
    const now = this.clock.now();
    const resolved = await resolveScope(this.db, this.options.playbook, requesterId, scope);
    const actor: Actor = {
      staffId: requesterId,
      label: (resolved.ok ? resolved.scope.requester.name : resolved.requesterName) ?? "unknown",
      platform: origin.platform,
      source: origin.source,
    };
    if (!resolved.ok) {
      if (audited) await this.record(actor, scope, period, now, { outcome: "refused", reason: "not_authorised" });
      return { ok: false as const, refusal: refusal("not_authorised", "summary:refusal.not_authorised") };
    }
    const { outlets } = resolved.scope;
    // the period is read on the first outlet's calendar; each outlet's figures still use
    // its own zone for where local days begin and end
    const timeZone = (outlets[0] as (typeof outlets)[number]).timeZone;
    const range = periodDates(period, todayIn(now, timeZone));
    if (!range) {
      if (audited) await this.record(actor, scope, period, now, { outcome: "refused", reason: "invalid_period" });
      return { ok: false as const, refusal: refusal("invalid_period", "summary:refusal.invalid_period") };
    }
    return { ok: true as const, now, actor, resolved, outlets, timeZone, range };
  }

  /**
   * May this person export these figures? Decided and recorded like a summary request, without
   * computing them: the export link computes them when it is opened (src/http/export-route.ts).
   */
  async mayExport(
    requesterId: string,
    scope: SummaryScope,
    period: PeriodInput,
    origin: Origin,
  ): Promise<{ ok: true } | Refusal<"not_authorised" | "invalid_period">> {
    const a = await this.admit(requesterId, scope, period, origin, true);
    if (!a.ok) return a.refusal;
    await this.record(a.actor, scope, period, a.now, {
      outcome: "granted",
      purpose: "export",
      outlets: a.outlets.map((o) => o.code),
      from: a.range.from,
      to: a.range.to,
    });
    return { ok: true };
  }

  async summarise(
    requesterId: string,
    scope: SummaryScope,
    period: PeriodInput,
    origin: Origin = { platform: "system" },
    extras: SummaryExtras = {},
  ): Promise<SummaryResult> {
    const audited = extras.audit !== false;
    const a = await this.admit(requesterId, scope, period, origin, audited);
    if (!a.ok) return a.refusal;
    const { now, actor, resolved, outlets, timeZone, range } = a;
    const ids = outlets.map((o) => o.id);
    const windows = zoneWindows(outlets, range);
    const previous = zoneWindows(outlets, previousPeriod(range));
    const categoryLabel = (c: string) =>
      this.options.playbook.complaints.categories.find((x) => x.key === c)?.label ??
      `playbook:complaints.categories.${c}`;

    const [tasks, prevPct, overdue, incidents, openByOutlet, complaints, circulars, notices] = await Promise.all([
      taskFigures(this.db, ids, windows, now),
      onTimePct(this.db, previous, now),
      listOverdueAndMissed(this.db, ids, windows, now, this.listCap),
      incidentFigures(this.db, this.provider, ids, windows, now),
      openIncidentsByOutlet(this.db, ids),
      complaintFigures(this.db, ids, windows, categoryLabel, this.options.playbook),
      circularFigures(this.db, ids, this.behindCap),
      this.options.playbook.backOffice ? errorNoticeFigures(this.db, ids, now) : Promise.resolve(undefined),
    ]);

    const standings: OutletStanding[] = outlets.map((o) => {
      const t = tasks.perOutlet.get(o.id);
      return {
        outletCode: o.code,
        outletName: o.name,
        missed: t?.missed ?? 0,
        overdue: t?.overdue ?? 0,
        openIncidents: openByOutlet.get(o.id) ?? 0,
        onTimePct: t ? percent(t.onTime, t.measured) : null,
      };
    });

    const view: SummaryView = {
      type: "summary",
      scope: { kind: resolved.scope.kind, names: resolved.scope.names },
      period: { kind: range.kind, from: range.from, to: range.to, timeZone },
      completion: tasks.completion,
      trend: { onTimePctPrev: prevPct, deltaPct: pctDelta(tasks.completion.onTimePct, prevPct) },
      overdue,
      exceptions: tasks.exceptions,
      incidents,
      complaints,
      ...(notices ? { errorNotices: notices } : {}),
      behind: rankBehind(standings, this.behindCap).map((s) => ({
        outletName: s.outletName,
        onTimePct: s.onTimePct,
        overdue: s.overdue,
        openIncidents: s.openIncidents,
      })),
      ...(circulars.length > 0 ? { circulars } : {}),
      ...(extras.digest ? { digest: extras.digest } : {}),
      ...(extras.digest || extras.ranking ? outletRates(outlets, tasks.perOutlet) : {}),
    };
    if (audited)
      await this.record(actor, scope, period, now, {
        outcome: "granted",
        outlets: outlets.map((o) => o.code),
        from: range.from,
        to: range.to,
      });
    return { ok: true, view };
  }

  /** domain.md: summaries requested are recorded, refused ones included. */
  private async record(
    actor: Actor,
    scope: SummaryScope,
    period: PeriodInput,
    at: Date,
    after: Record<string, unknown>,
  ): Promise<void> {
    await withTx(this.db, (tx) =>
      appendAudit(tx, {
        actor,
        action: "summary.requested",
        entityType: "summary",
        entityId: scopeKey(scope),
        after: { scope, period, ...after },
        at,
      }),
    );
  }
}

/** A readable id for the audited scope, e.g. "outlet:SH-LJZ", "region:*". */
export function scopeKey(scope: SummaryScope): string {
  if (scope.kind === "outlet") return `outlet:${scope.outletCode ?? "*"}`;
  if (scope.kind === "region") return `region:${scope.regionCode ?? "*"}`;
  return `outlets:${scope.outletCodes.join(",")}`;
}
