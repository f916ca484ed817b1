// One realistic view of every type, built with the playbook's real keys, for the golden and
// parity tests: what a teller, a supervisor and a manager would actually be shown. Forms come
// from the real form definitions. The values include the cases that used to read wrong: a
// choice answer (never its key), a number with a unit, masked identifiers with "**", an
// escalation that names the step it moved to.

import { circularForm } from "../../src/forms/circular-form.js";
import { createForms, FormEngine, type FormSessionStore } from "../../src/forms/index.js";
import { labelLookup } from "../../src/services/tasks/checklist-labels.js";
import { shownValue } from "../../src/services/tasks/item-value-label.js";
import type { Mention } from "../../src/views/common.js";
import {
  complaintStageLabel,
  complaintStatusLabel,
  incidentStatusLabel,
  roleLabel,
  severityLabel,
  stepLabel,
  taskStateLabel,
} from "../../src/views/labels.js";
import type { View } from "../../src/views/types.js";
import { i18n, playbook } from "../helpers/db.js";

const TZ = "Asia/Shanghai";
const OUTLET = "陆家嘴支行营业部";
const chen: Mention = { staffId: "s-chen", name: "陈敏", slackUserId: "U0CHEN", teamsUserId: "29:chen" };
const wang: Mention = { staffId: "s-wang", name: "王芳", slackUserId: "U0WANG", teamsUserId: "29:wang" };
const zhao: Mention = { staffId: "s-zhao", name: "赵强", slackUserId: "U0ZHAO", teamsUserId: "29:zhao" };
/** Slack user id → name, as a Slack client shows a mention. */
export const PEOPLE: Record<string, string> = Object.fromEntries(
  [chen, wang, zhao].map((m) => [m.slackUserId as string, m.name]),
);

const task = (key: string) => {
  const t = playbook.tasks.find((x) => x.key === key);
  if (!t) throw new Error(`no task ${key}`);
  return t;
};
const item = (taskKey: string, key: string) => {
  const i = task(taskKey).items.find((x) => x.key === key);
  if (!i) throw new Error(`no item ${taskKey}.${key}`);
  return i;
};
const step = (no: number, role: string) => ({ no, label: stepLabel(no, role) });
const engine = new FormEngine({} as FormSessionStore, labelLookup(i18n));
// FormEngine.view is pure: it never touches the session store
const forms = createForms(playbook, labelLookup(i18n));

const circular = {
  type: "circular" as const,
  circularId: "cir-1",
  ref: "CIR-20261123-1",
  title: "假币防范",
  body: "百元券须逐张验钞，发现可疑立即上报；客户张* 139****5678 已回访。",
  senderName: "陈敏",
  scopeName: OUTLET,
  sentAt: "2026-11-23T01:00:00Z",
  dueAt: "2026-11-24T09:30:00Z",
  timeZone: TZ,
  acknowledgedAt: null,
};

export const GOLDEN: Record<string, View> = {
  reminder: {
    type: "reminder",
    occurrenceId: "occ-opening",
    taskKey: "opening",
    title: { key: task("opening").title },
    outletName: OUTLET,
    dueAt: "2026-11-23T00:00:00Z",
    windowEndsAt: "2026-11-23T01:30:00Z",
    timeZone: TZ,
    state: "reminded",
    stateLabel: taskStateLabel("reminded"),
    audience: [chen, wang, zhao],
    waitingOn: [zhao],
    items: [
      {
        key: "premises_opened",
        number: 1,
        label: { key: item("opening", "premises_opened").label },
        kind: "yesno",
        optional: false,
        status: "ok",
        by: "王芳",
        secondBy: "赵强",
        dualControlRole: "security",
        dualControlRoleLabel: roleLabel("security"),
      },
      {
        key: "cashbox_amount",
        number: 3,
        label: { key: item("opening", "cashbox_amount").label },
        kind: "amount",
        optional: false,
        status: "awaiting_second",
        ...shownValue(item("opening", "cashbox_amount"), { amountMinor: 1234560n }),
        by: "王芳",
        dualControlRole: "supervisor",
        dualControlRoleLabel: roleLabel("supervisor"),
      },
      {
        key: "atm_ready",
        number: 5,
        label: { key: item("opening", "atm_ready").label },
        kind: "yesno",
        optional: false,
        status: "failed",
        note: "ATM 2 吞卡，客户 138****5678 在场",
        by: "陈敏",
      },
      {
        key: "cctv_ok",
        number: 6,
        label: { key: item("opening", "cctv_ok").label },
        kind: "yesno",
        optional: false,
        status: "pending",
      },
    ],
    done: 2,
    total: 8,
    actions: [
      {
        action: "checklist.open",
        label: { key: "tasks:actions.open_checklist" },
        value: "occ-opening",
        style: "primary",
      },
      { action: "checklist.all_ok", label: { key: "tasks:actions.all_ok" }, value: "occ-opening" },
      {
        action: "incident.report",
        label: { key: "tasks:actions.report_problem" },
        value: "occ-opening",
        style: "danger",
      },
    ],
  },
  nudge: {
    type: "nudge",
    occurrenceId: "occ-opening",
    title: { key: task("opening").title },
    outletName: OUTLET,
    windowEndsAt: "2026-11-23T01:30:00Z",
    timeZone: TZ,
    waitingOn: [zhao],
    remaining: 1,
  },
  task_escalation: {
    type: "task_escalation",
    occurrenceId: "occ-opening",
    title: { key: task("opening").title },
    outletName: OUTLET,
    dueAt: "2026-11-23T00:00:00Z",
    windowEndsAt: "2026-11-23T01:30:00Z",
    timeZone: TZ,
    to: [chen],
    waitingOn: [zhao],
    remaining: 3,
  },
  task_missed: {
    type: "task_missed",
    occurrenceId: "occ-opening",
    title: { key: task("opening").title },
    outletName: OUTLET,
    dueAt: "2026-11-23T00:00:00Z",
    timeZone: TZ,
    to: [chen],
    remaining: 2,
  },
  echo: {
    type: "confirmation_echo",
    sessionId: "sess-1",
    title: { key: "checklist:echo.title", vars: { task: task("midday_check").title } },
    lines: [
      { number: 1, label: { key: item("midday_check", "counters_match_queue").label }, status: "ok" },
      {
        number: 2,
        label: { key: item("midday_check", "queue_length").label },
        status: "ok",
        ...shownValue(item("midday_check", "queue_length"), { valueText: "12" }),
      },
      {
        number: 4,
        label: { key: item("lobby_ready", "self_service").label },
        status: "failed",
        ...shownValue(item("lobby_ready", "self_service"), { valueText: "some_down" }),
        note: "ATM 2 卡钞",
      },
    ],
    actions: [
      { action: "checklist.echo_confirm", label: { key: "checklist:echo.confirm" }, value: "sess-1", style: "primary" },
      { action: "checklist.echo_cancel", label: { key: "checklist:echo.cancel" }, value: "sess-1" },
    ],
  },
  incident: {
    type: "incident",
    incidentId: "inc-7",
    ref: "INC-0007",
    outletName: OUTLET,
    typeLabel: { key: "playbook:incidents.equipment" },
    severity: "minor",
    severityLabel: severityLabel("minor"),
    status: "open",
    statusLabel: incidentStatusLabel("open"),
    description: "ATM 2 吞卡，客户 138****5678 在场等候，卡号 6222**********1234，备注 a_b_c",
    details: [{ label: { key: "incidents:fields.location" }, value: "大堂 ATM 2" }],
    source: {
      taskTitle: { key: task("opening").title },
      itemLabel: { key: item("opening", "atm_ready").label },
    },
    reportedBy: "陈敏",
    reportedAt: "2026-11-23T01:05:00Z",
    ackDueAt: "2026-11-23T03:05:00Z",
    timeZone: TZ,
    escalationLevel: 0,
    notify: [chen],
    actions: [
      {
        action: "incident.acknowledge",
        label: { key: "incidents:actions.acknowledge" },
        value: "inc-7",
        style: "primary",
      },
      { action: "incident.update", label: { key: "incidents:actions.update" }, value: "inc-7" },
      { action: "incident.resolve", label: { key: "incidents:actions.resolve" }, value: "inc-7" },
    ],
  },
  incident_escalated: {
    type: "incident_event",
    incidentId: "inc-7",
    ref: "INC-0007",
    event: "escalated",
    toRole: roleLabel("manager"),
    notify: [wang],
  },
  complaint: {
    type: "complaint",
    complaintId: "cmp-3",
    ref: "CMP-0003",
    outletName: OUTLET,
    categoryLabel: { key: "playbook:complaints.categories.waiting_time" },
    channelLabel: { key: "playbook:complaints.channels.counter" },
    customerRef: "张** 138****5678",
    description: "客户反映排队超过一小时，叫号**无人**解释。",
    desiredOutcome: "当面道歉",
    status: "open",
    statusLabel: complaintStatusLabel("open"),
    step: step(2, "manager"),
    stepDueAt: "2026-11-24T09:00:00Z",
    late: false,
    followUpDueAt: null,
    timeZone: TZ,
    loggedBy: "王芳",
    notify: [chen],
    actions: [
      { action: "complaint.approve", label: { key: "complaints:actions.approve" }, value: "cmp-3", style: "primary" },
      { action: "complaint.request_changes", label: { key: "complaints:actions.request_changes" }, value: "cmp-3" },
      { action: "complaint.escalate", label: { key: "complaints:actions.escalate" }, value: "cmp-3", style: "danger" },
    ],
  },
  complaint_escalated: {
    type: "complaint_event",
    complaintId: "cmp-3",
    ref: "CMP-0003",
    event: "escalated",
    by: "陈敏",
    comment: "金额较大，请网点负责人处理",
    from: step(1, "supervisor"),
    to: step(2, "manager"),
    notify: [wang],
  },
  summary: {
    type: "summary",
    scope: { kind: "region", names: ["上海分行"] },
    period: { kind: "week", from: "2026-11-16", to: "2026-11-22", timeZone: TZ },
    completion: { onTimePct: 80, confirmed: 40, withExceptions: 3, missed: 5, open: 2, total: 50 },
    trend: { onTimePctPrev: 75, deltaPct: 5 },
    overdue: [
      {
        outletName: OUTLET,
        title: { key: task("closing").title },
        dueAt: "2026-11-22T10:00:00Z",
        state: "nudged",
        stateLabel: taskStateLabel("nudged"),
      },
    ],
    exceptions: 3,
    incidents: {
      openBySeverity: (["critical", "serious", "major", "minor"] as const).map((s, i) => ({
        severity: s,
        label: severityLabel(s),
        count: [0, 1, 2, 4][i] as number,
      })),
      oldestOpenHours: 30,
      medianAckMinutes: 12,
      medianResolveMinutes: 240,
    },
    complaints: {
      byStage: [
        { stage: "step_1", label: complaintStageLabel({ kind: "step", no: 1, role: "supervisor" }), count: 2 },
        { stage: "step_2", label: complaintStageLabel({ kind: "step", no: 2, role: "manager" }), count: 1 },
        { stage: "step_3", label: complaintStageLabel({ kind: "step", no: 3, role: "regional" }), count: 0 },
        { stage: "awaiting_follow_up", label: complaintStageLabel({ kind: "awaiting_follow_up" }), count: 1 },
        { stage: "closed", label: complaintStageLabel({ kind: "closed" }), count: 3 },
      ],
      byCategory: [
        { label: { key: "playbook:complaints.categories.waiting_time" }, count: 2 },
        { label: { key: "playbook:complaints.categories.fees" }, count: 1 },
      ],
      lateSteps: 1,
      followUpsDue: 1,
    },
    behind: [{ outletName: OUTLET, onTimePct: 50, overdue: 1, openIncidents: 3 }],
  },
  home: {
    type: "home",
    staffName: "陈敏",
    tasksToday: [
      {
        occurrenceId: "occ-opening",
        outletName: OUTLET,
        title: { key: task("opening").title },
        dueAt: "2026-11-23T00:00:00Z",
        timeZone: TZ,
        state: "reminded",
        stateLabel: taskStateLabel("reminded"),
        done: 2,
        total: 8,
      },
      {
        occurrenceId: "occ-opening-xjh",
        outletName: "徐家汇支行营业部",
        title: { key: task("opening").title },
        dueAt: "2026-11-23T00:00:00Z",
        timeZone: TZ,
        state: "nudged",
        stateLabel: taskStateLabel("nudged"),
        done: 0,
        total: 8,
      },
    ],
    openIncidents: [
      {
        incidentId: "inc-7",
        ref: "INC-0007",
        typeLabel: { key: "playbook:incidents.equipment" },
        severityLabel: severityLabel("minor"),
        statusLabel: incidentStatusLabel("open"),
      },
    ],
    openComplaints: [
      {
        complaintId: "cmp-3",
        ref: "CMP-0003",
        categoryLabel: { key: "playbook:complaints.categories.waiting_time" },
        step: step(2, "manager"),
        late: true,
      },
    ],
    approvalsWaiting: [
      {
        complaintId: "cmp-4",
        ref: "CMP-0004",
        step: step(1, "supervisor"),
        dueAt: "2026-11-24T09:00:00Z",
        timeZone: TZ,
        late: false,
      },
    ],
  },
  circular,
  circular_acknowledged: { ...circular, acknowledgedAt: "2026-11-23T01:12:00Z" },
  circular_nudge: { ...circular, nudge: 2 },
  circular_status: {
    type: "circular_status",
    ref: "CIR-20261123-1",
    title: "假币防范",
    scopeName: OUTLET,
    sentAt: "2026-11-23T01:00:00Z",
    dueAt: null,
    timeZone: TZ,
    acknowledged: 1,
    total: 4,
    pending: ["Emily Zhou", "李军", "赵强"],
  },
  text: {
    type: "text",
    message: { key: "checklist:result.recorded", vars: { count: 2 } },
    lines: [{ key: "checklist:result.still_missing", vars: { numbers: "6, 7" } }],
  },
  incident_form: engine.view(forms.incident, { outletId: "o-ljz" }, "ctx-incident"),
  decision_form: engine.view(
    forms.decision_comment,
    { complaintId: "cmp-3", decision: "escalate", ref: "CMP-0003" },
    "ctx-decision",
  ),
  checklist_form: engine.view(
    forms.checklist,
    {
      occurrenceId: "occ-opening",
      task: task("opening"),
      outletName: OUTLET,
      recorded: { premises_opened: { status: "ok" } },
    },
    "ctx-checklist",
  ),
  circular_form: engine.view(
    circularForm,
    {
      scopes: [
        { kind: "region", code: "SH", name: "上海分行" },
        { kind: "outlet", code: "SH-LJZ", name: OUTLET },
      ],
    },
    "ctx-circular",
  ),
};

// a region's weekly digest: the rates and every outlet ranked, best first (equal rates share a rank)
GOLDEN.summary_digest = {
  ...(GOLDEN.summary as Extract<View, { type: "summary" }>),
  digest: "weekly",
  rates: { measured: 40, onTimePct: 80, latePct: 12.5, missedPct: 7.5 },
  ranking: [
    {
      rank: 1,
      outletCode: "SH-XJH",
      outletName: "徐家汇支行营业部",
      measured: 20,
      onTimePct: 95,
      latePct: 5,
      missedPct: 0,
    },
    { rank: 2, outletCode: "SH-LJZ", outletName: OUTLET, measured: 20, onTimePct: 80, latePct: 10, missedPct: 10 },
  ],
};

GOLDEN.summary_circulars = {
  ...(GOLDEN.summary as Extract<View, { type: "summary" }>),
  circulars: [
    { ref: "CIR-20261123-1", title: "假币防范", acknowledged: 1, total: 4, pending: ["Emily Zhou", "李军", "赵强"] },
  ],
};
