// Incidents and complaints for one outlet over the period. Incidents: a few a month of
// every type (plus some drafted from failed checklist items), most acknowledged and
// resolved, recent ones still open. Complaints: one to three a month walking the playbook's
// ladder, some late, some sent back or escalated, closed after the customer follow-up.
import type { Playbook } from "../../src/config/playbook-schema.js";
import { addDays, addDuration, isWorkingDay, localDate, zonedTime } from "../../src/domain/calendar.js";
import type { GeneratedOutlet } from "./generate-org.js";
import type { FailedItem } from "./generate-tasks.js";
import type { Rng } from "./random.js";

export type Row = Record<string, unknown>;

export interface CaseRows {
  incidents: Row[];
  incidentEvents: Row[];
  complaints: Row[];
  steps: Row[];
  decisions: Row[];
  followUps: Row[];
}

const HOUR = 3_600_000;
const P_INCIDENT_PER_DAY = 2 / 25; // ~2 a month, plus those drafted from failed items
const P_FAILED_ITEM_INCIDENT = 0.12;
const P_COMPLAINT_PER_DAY = 2 / 25; // ~2 a month

/** A random moment in business hours on a working day of [today - days + 1, today]. */
function workingDays(outlet: GeneratedOutlet, today: string, days: number): string[] {
  const out: string[] = [];
  for (let d = addDays(today, -(days - 1)); d <= today; d = addDays(d, 1)) if (isWorkingDay(outlet.cal, d)) out.push(d);
  return out;
}

function businessMoment(outlet: GeneratedOutlet, date: string, rng: Rng): Date {
  const start = zonedTime(date, outlet.cal.workStart, outlet.cal.timeZone);
  const end = zonedTime(date, outlet.cal.workEnd, outlet.cal.timeZone);
  return rng.between(start, end);
}

const earlier = (a: Date, b: Date) => (a < b ? a : b);

export function casesFor(
  outlet: GeneratedOutlet,
  playbook: Playbook,
  failed: FailedItem[],
  today: string,
  days: number,
  now: Date,
  rng: Rng,
  newId: () => string,
): CaseRows {
  const rows: CaseRows = { incidents: [], incidentEvents: [], complaints: [], steps: [], decisions: [], followUps: [] };
  const refSeq = new Map<string, number>();
  const ref = (kind: string, at: Date) => {
    const prefix = `${kind}-${outlet.code}-${localDate(at, outlet.cal.timeZone).replaceAll("-", "")}-`;
    const n = (refSeq.get(prefix) ?? 0) + 1;
    refSeq.set(prefix, n);
    return `${prefix}${String(n).padStart(3, "0")}`;
  };
  const dates = workingDays(outlet, today, days);
  const reports: Array<{ at: Date; type: string; sourceResultId: string | null }> = [];
  for (const d of dates) {
    if (rng.chance(P_INCIDENT_PER_DAY)) {
      reports.push({
        at: businessMoment(outlet, d, rng),
        type: rng.pick(playbook.incidents.types).key,
        sourceResultId: null,
      });
    }
  }
  for (const f of failed) {
    if (rng.chance(P_FAILED_ITEM_INCIDENT))
      reports.push({ at: f.at, type: f.incidentType, sourceResultId: f.resultId });
  }
  for (const r of reports.filter((x) => x.at <= now).sort((a, b) => a.at.getTime() - b.at.getTime())) {
    addIncident(rows, outlet, playbook, r, ref("INC", r.at), now, rng, newId);
  }
  for (const d of dates) {
    if (!rng.chance(P_COMPLAINT_PER_DAY)) continue;
    const at = businessMoment(outlet, d, rng);
    if (at <= now) addComplaint(rows, outlet, playbook, at, ref("CMP", at), now, rng, newId);
  }
  return rows;
}

function addIncident(
  rows: CaseRows,
  outlet: GeneratedOutlet,
  playbook: Playbook,
  r: { at: Date; type: string; sourceResultId: string | null },
  ref: string,
  now: Date,
  rng: Rng,
  newId: () => string,
): void {
  const type = playbook.incidents.types.find((t) => t.key === r.type) ?? (playbook.incidents.types[0] as never);
  const severity = type.severity;
  const ackDueAt = addDuration(outlet.cal, r.at, playbook.incidents.ackWithin[severity]);
  const reporter = rng.pick(outlet.staff.teller ?? []);
  const acker = rng.pick(outlet.staff.supervisor ?? outlet.staff.manager ?? [reporter]);
  const ageH = (now.getTime() - r.at.getTime()) / HOUR;
  const id = newId();
  const event = (kind: string, at: Date, actorId: string | null) =>
    rows.incidentEvents.push({ id: newId(), incidentId: id, kind, actorId, at });
  event("reported", r.at, reporter);
  const lateAck = rng.chance(0.1);
  const ackAt = lateAck
    ? new Date(ackDueAt.getTime() + rng.int(5, 90) * 60_000)
    : rng.between(new Date(r.at.getTime() + 60_000), ackDueAt);
  const stale = ageH > 72 && rng.chance(0.03); // a few old ones are still unresolved
  const stage = ageH > 72 && !stale ? 3 : rng.int(0, 2); // 0 open, 1 acknowledged, 2 resolved, 3 closed
  let status = "open";
  let acknowledgedAt: Date | null = null;
  let resolvedAt: Date | null = null;
  let closedAt: Date | null = null;
  if (lateAck && ackAt <= now) event("escalated", ackDueAt, null);
  if (stage >= 1 && ackAt <= now) {
    acknowledgedAt = ackAt;
    status = "acknowledged";
    event("acknowledged", ackAt, acker);
    const res = new Date(ackAt.getTime() + rng.int(20, 60 * 48) * 60_000);
    if (stage >= 2 && res <= now) {
      resolvedAt = res;
      status = "resolved";
      event("resolved", res, acker);
      const closed = new Date(res.getTime() + rng.int(30, 60 * 24) * 60_000);
      if (stage >= 3 && rng.chance(0.85) && closed <= now) {
        closedAt = closed;
        status = "closed";
        event("closed", closed, acker);
      }
    }
  }
  rows.incidents.push({
    id,
    ref,
    outletId: outlet.id,
    type: type.key,
    severity,
    status,
    description: "客户 张** 反映情况，已按流程登记（卡号 6222 **** **** 1234）",
    amountMinor: type.requires.includes("amount") ? BigInt(rng.int(1, 500)) * 10_000n : null,
    currency: type.requires.includes("amount") ? "CNY" : null,
    denomination: type.requires.includes("denomination") ? rng.pick(["100", "50", "20"]) : null,
    serialNumber: type.requires.includes("serialNumber") ? `FA${rng.int(10_000_000, 99_999_999)}` : null,
    location: type.requires.includes("location") ? rng.pick(["营业大厅", "现金区", "自助银行", "后门"]) : null,
    reportedById: reporter,
    reportedAt: r.at,
    ackDueAt,
    escalationLevel: lateAck && ackAt <= now ? 1 : 0,
    acknowledgedAt,
    acknowledgedById: acknowledgedAt ? acker : null,
    resolvedAt,
    closedAt,
    sourceResultId: r.sourceResultId,
  });
}

function addComplaint(
  rows: CaseRows,
  outlet: GeneratedOutlet,
  playbook: Playbook,
  loggedAt: Date,
  ref: string,
  now: Date,
  rng: Rng,
  newId: () => string,
): void {
  const id = newId();
  const ladder = playbook.complaints.ladder;
  const ownerOf = (role: string) => rng.pick(outlet.staff[role] ?? outlet.staff.manager ?? []);
  let status = "open";
  let stepIdx = 0;
  let late = false;
  let t = loggedAt;
  let resolvedAt: Date | null = null;
  // bounded: at most six arrivals at a step (send-backs and escalations)
  for (let seq = 1; seq <= 6; seq++) {
    const step = ladder[stepIdx] ?? (ladder[ladder.length - 1] as (typeof ladder)[number]);
    const stepId = newId();
    const dueAt = addDuration(outlet.cal, t, step.actWithin);
    const ackDueAt = step.ackWithin ? addDuration(outlet.cal, t, step.ackWithin) : null;
    const isLate = rng.chance(0.12);
    const end = isLate ? new Date(dueAt.getTime() + rng.int(1, 8) * HOUR) : rng.between(t, dueAt);
    const ack = rng.between(t, earlier(end, ackDueAt ?? end));
    const owner = ownerOf(step.role === "regional" ? "manager" : step.role);
    const ended = end <= now;
    const lastStep = stepIdx >= ladder.length - 1;
    const r = rng.next();
    const outcome = !ended
      ? null
      : isLate && step.ifLate === "escalate" && !lastStep
        ? "auto_escalated"
        : lastStep || r < 0.72
          ? "approved"
          : r < 0.84
            ? "changes_requested"
            : "escalated";
    if (isLate && (ended || step.ifLate === "flag")) late = true;
    rows.steps.push({
      id: stepId,
      complaintId: id,
      seq,
      stepNo: step.step,
      ownerRole: step.role,
      startedAt: t,
      ackDueAt,
      dueAt,
      acknowledgedAt: ack <= now ? ack : null,
      acknowledgedById: ack <= now ? owner : null,
      proposal: outcome ? "向客户致歉并说明处理结果" : null,
      endedAt: ended ? end : null,
      outcome,
      late: isLate && (ended || end > dueAt),
    });
    if (outcome && outcome !== "auto_escalated") {
      rows.decisions.push({
        id: newId(),
        complaintId: id,
        stepId,
        decision: outcome === "approved" ? "approve" : outcome === "changes_requested" ? "request_changes" : "escalate",
        comment: "同意处理方案",
        decidedById: owner,
        decidedAt: end,
        platform: rng.chance(0.7) ? "slack" : "teams",
      });
    }
    if (!outcome) break;
    t = end;
    if (outcome === "approved") {
      status = "resolved";
      resolvedAt = end;
      break;
    }
    if (outcome === "escalated" || outcome === "auto_escalated") stepIdx++;
  }
  const followUpDueAt = resolvedAt ? addDuration(outlet.cal, resolvedAt, playbook.complaints.followUpWithin) : null;
  let closedAt: Date | null = null;
  if (resolvedAt && followUpDueAt) {
    const at = new Date(resolvedAt.getTime() + rng.int(2, 96) * HOUR);
    if (at <= now) {
      closedAt = at;
      status = "closed";
      rows.followUps.push({
        id: newId(),
        complaintId: id,
        outcome: rng.pick(["satisfied", "satisfied", "satisfied", "unsatisfied", "unreachable"]),
        note: "已电话回访客户",
        byId: ownerOf("supervisor"),
        at,
        late: at > followUpDueAt,
      });
    }
  }
  rows.complaints.push({
    id,
    ref,
    outletId: outlet.id,
    category: rng.pick(playbook.complaints.categories).key,
    intakeChannel: rng.pick(playbook.complaints.intakeChannels).key,
    customerRef: `客户 李** 尾号${rng.int(1000, 9999)}`,
    description: "客户对办理时长表示不满",
    desiredOutcome: "希望得到解释",
    status,
    currentStepNo: (ladder[Math.min(stepIdx, ladder.length - 1)] as (typeof ladder)[number]).step,
    late,
    loggedById: rng.pick(outlet.staff.lobby ?? outlet.staff.teller ?? []),
    loggedAt,
    resolvedAt,
    followUpDueAt,
    closedAt,
  });
}
