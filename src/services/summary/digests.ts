// Digests: the day's summary of each outlet to its supervisors and manager after closing, and
// the week's summary of each region, with its outlets ranked, to regional operations — pushed,
// not asked for (playbook `digests:`). Each reader gets their own summary (so the summaries'
// permissions still decide what they see) in their own language, as a DM through the outbox.
// The DigestRun row and the outbox rows commit together: a digest is sent once whatever the
// number of replicas, and a crash before the commit sends nothing and is retried next minute.
import type { Playbook } from "../../config/playbook-schema.js";
import type { Db } from "../../db/client.js";
import { isUniqueViolation, withTx } from "../../db/tx.js";
import { addDays, isoWeekday, isWorkingDay, localDate, localTime } from "../../domain/calendar.js";
import type { Clock } from "../../domain/clock.js";
import type { View } from "../../views/types.js";
import { appendAudit } from "../audit-log.js";
import type { Directory } from "../directory.js";
import { sendToStaff } from "../notify.js";
import { SCHEDULER_ACTOR } from "../tasks/occurrences.js";
import type { SummaryScope } from "./scope.js";
import type { SummaryService } from "./service.js";

const WEEKDAY_NUMBER = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7 } as const;

export interface DigestDeps {
  db: Db;
  clock: Clock;
  playbook: Pick<Playbook, "digests">;
  directory: Directory;
  summary: SummaryService;
}

interface Due {
  kind: "daily" | "weekly";
  /** outlet id (daily) or region id (weekly) */
  scopeId: string;
  /** the local date (daily) or the week's Monday (weekly) */
  period: string;
  scope: SummaryScope;
  recipients: string[];
}

export class DigestService {
  constructor(private readonly deps: DigestDeps) {}

  /** The scheduler's pass: sends every digest whose time has come today and is not yet sent. */
  async tick(now: Date): Promise<number> {
    const due = [...(await this.dueDaily(now)), ...(await this.dueWeekly(now))];
    let sent = 0;
    for (const d of due) if (await this.send(d, now)) sent++;
    return sent;
  }

  private async alreadySent(kind: string, periods: string[]): Promise<Set<string>> {
    const rows = await this.deps.db.digestRun.findMany({
      where: { kind, period: { in: periods } },
      select: { scope: true, period: true },
    });
    return new Set(rows.map((r) => `${r.scope}|${r.period}`));
  }

  /**
   * Outlets whose digest time has come today. Only the zone is read for every outlet each minute;
   * an outlet's calendar is read once it is due, and a day that is not a working day is recorded
   * as a run with no readers, so it is not looked at again that day (10,000 outlets cost one
   * query a minute, not 10,000).
   */
  private async dueDaily(now: Date): Promise<Due[]> {
    const cfg = this.deps.playbook.digests.daily;
    if (!cfg) return [];
    const { db, directory } = this.deps;
    const outlets = await db.outlet.findMany({
      where: { active: true },
      select: { id: true, code: true, timeZone: true },
    });
    const utc = now.toISOString().slice(0, 10);
    const sent = await this.alreadySent("daily", [addDays(utc, -1), utc, addDays(utc, 1)]);
    const out: Due[] = [];
    for (const o of outlets) {
      const today = localDate(now, o.timeZone);
      if (sent.has(`${o.id}|${today}`) || localTime(now, o.timeZone) < cfg.at) continue;
      if (!isWorkingDay(await directory.calendar(o.id), today)) {
        await this.skip("daily", o.id, today, now);
        continue;
      }
      out.push({
        kind: "daily",
        scopeId: o.id,
        period: today,
        scope: { kind: "outlet", outletCode: o.code },
        recipients: (await directory.staffWithRoles(o.id, cfg.to)).map((s) => s.id),
      });
    }
    return out;
  }

  /** A day with nothing to send (the outlet is closed): recorded so later ticks pass it by. */
  private async skip(kind: string, scope: string, period: string, now: Date) {
    try {
      await this.deps.db.digestRun.create({ data: { kind, scope, period, recipients: 0, sentAt: now } });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err; // another replica recorded it first
    }
  }

  private async dueWeekly(now: Date): Promise<Due[]> {
    const cfg = this.deps.playbook.digests.weekly;
    if (!cfg) return [];
    const { db } = this.deps;
    const regions = await db.region.findMany({
      select: {
        id: true,
        code: true,
        outlets: { where: { active: true }, orderBy: { code: "asc" }, take: 1, select: { timeZone: true } },
        roles: { where: { role: { in: [...cfg.to] }, staff: { active: true } }, select: { staffId: true } },
      },
    });
    const out: Due[] = [];
    for (const r of regions) {
      const tz = r.outlets[0]?.timeZone;
      if (!tz || r.roles.length === 0) continue;
      const today = localDate(now, tz);
      if (isoWeekday(today) !== WEEKDAY_NUMBER[cfg.weekday] || localTime(now, tz) < cfg.at) continue;
      const monday = addDays(today, 1 - isoWeekday(today));
      if ((await this.alreadySent("weekly", [monday])).has(`${r.id}|${monday}`)) continue;
      out.push({
        kind: "weekly",
        scopeId: r.id,
        period: monday,
        scope: { kind: "region", regionCode: r.code },
        recipients: [...new Set(r.roles.map((x) => x.staffId))].sort(),
      });
    }
    return out;
  }

  /** Each reader's own summary, then the run and the DMs in one transaction; false if another replica won. */
  private async send(d: Due, now: Date): Promise<boolean> {
    const period = d.kind === "daily" ? "today" : "week";
    const views: Array<{ staffId: string; view: View }> = [];
    for (const staffId of d.recipients) {
      const r = await this.deps.summary.summarise(
        staffId,
        d.scope,
        period,
        { platform: "system", source: `digest:${d.kind}:${d.period}` },
        { digest: d.kind, audit: false },
      );
      if (r.ok) views.push({ staffId, view: r.view });
    }
    try {
      await withTx(this.deps.db, async (tx) => {
        const run = await tx.digestRun.create({
          data: { kind: d.kind, scope: d.scopeId, period: d.period, recipients: views.length, sentAt: now },
        });
        // a key of what it is, not of the run: a digest's DM is the same message however it is retried
        for (const v of views)
          await sendToStaff(tx, {
            staffId: v.staffId,
            keyBase: `digest:${d.kind}:${d.scopeId}:${d.period}:${v.staffId}`,
            view: v.view,
          });
        await appendAudit(tx, {
          actor: SCHEDULER_ACTOR,
          action: `digest.${d.kind}_sent`,
          entityType: "digest",
          entityId: run.id,
          after: { scope: d.scope, period: d.period, recipients: views.map((v) => v.staffId) },
          at: now,
        });
      });
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false; // another replica sent it first
      throw err;
    }
  }
}
