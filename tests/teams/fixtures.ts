// Realistic views of every type, as the core would return them, plus oversized variants (long
// Chinese text, long lists) for the card limit checks.
import type { ComplaintView, IncidentView } from "../../src/views/cases.js";
import type { FormView } from "../../src/views/common.js";
import type { HomeView } from "../../src/views/home.js";
import {
  complaintStageLabel,
  complaintStatusLabel,
  incidentStatusLabel,
  roleLabel,
  severityLabel,
  stepLabel,
  taskStateLabel,
} from "../../src/views/labels.js";
import type { SummaryView } from "../../src/views/summary.js";
import type { ReminderView } from "../../src/views/tasks.js";
import type { View } from "../../src/views/types.js";

const chen = { staffId: "s-chen", name: "陈敏", teamsUserId: "user-id-0" };
const wang = { staffId: "s-wang", name: "王芳" };
const TZ = "Asia/Shanghai";

export function reminderView(items = 8): ReminderView {
  const keys = [
    "premises_opened",
    "alarm_off",
    "cashbox_amount",
    "vouchers_issued",
    "atm_ready",
    "cctv_ok",
    "systems_up",
    "emergency_kit",
  ];
  return {
    type: "reminder",
    occurrenceId: "occ-1",
    taskKey: "opening",
    title: { key: "playbook:tasks.opening.title" },
    outletName: "陆家嘴支行营业部",
    dueAt: "2026-11-23T00:00:00Z",
    windowEndsAt: "2026-11-23T01:30:00Z",
    timeZone: TZ,
    state: "reminded",
    stateLabel: taskStateLabel("reminded"),
    audience: [chen, wang],
    waitingOn: [wang],
    items: Array.from({ length: items }, (_, i) => ({
      key: keys[i % keys.length] as string,
      number: i + 1,
      label: { key: `playbook:tasks.opening.items.${keys[i % keys.length]}` },
      kind: i === 2 ? ("amount" as const) : ("yesno" as const),
      optional: false,
      status:
        i === 0
          ? ("ok" as const)
          : i === 2
            ? ("awaiting_second" as const)
            : i === 3
              ? ("failed" as const)
              : ("pending" as const),
      ...(i === 0 ? { by: "王芳" } : {}),
      ...(i === 2
        ? {
            value: "200000.00",
            valueLabel: { key: "labels:value.text", vars: { value: "¥200,000.00" } },
            by: "王芳",
            dualControlRole: "supervisor" as const,
            dualControlRoleLabel: roleLabel("supervisor"),
          }
        : {}),
      ...(i === 3 ? { note: "凭证登记簿缺页", by: "王芳" } : {}),
    })),
    done: 1,
    total: items,
    actions: [
      { action: "checklist.open", label: { key: "cards:form.yes" }, value: "occ-1" },
      { action: "checklist.all_ok", label: { key: "teams:action.done" }, value: "occ-1", style: "primary" },
      { action: "incident.report", label: { key: "cards:form.no" }, value: "occ-1", style: "danger" },
    ],
  };
}

export function formView(extra: Partial<FormView> = {}): FormView {
  return {
    type: "form",
    formKey: "checklist",
    contextId: "sess-1",
    title: { key: "playbook:tasks.opening.title" },
    submit: { key: "cards:form.yes" },
    fields: [
      {
        name: "premises_opened",
        label: { key: "playbook:tasks.opening.items.premises_opened" },
        kind: "yesno",
        required: true,
      },
      { name: "alarm_off", label: { key: "playbook:tasks.opening.items.alarm_off" }, kind: "yesno", required: false },
      {
        name: "cashbox_amount",
        label: { key: "playbook:tasks.opening.items.cashbox_amount" },
        kind: "amount",
        required: true,
        currency: "CNY",
      },
      {
        name: "people",
        label: { key: "playbook:tasks.midday_check.items.queue_length" },
        kind: "number",
        required: false,
        min: 0,
        max: 200,
        unit: "人",
      },
      {
        name: "topic",
        label: { key: "playbook:tasks.morning_meeting.items.topic" },
        kind: "longtext",
        required: false,
        maxLength: 500,
      },
      {
        name: "choice",
        label: { key: "playbook:tasks.lobby_ready.items.self_service" },
        kind: "choice",
        required: true,
        options: [
          { value: "ok", label: { key: "cards:form.yes" } },
          { value: "fault", label: { key: "cards:form.no" } },
        ],
      },
      { name: "when", label: { key: "cards:reminder.due" }, kind: "date", required: false },
      {
        name: "lobby_photo",
        label: { key: "playbook:tasks.lobby_ready.items.lobby_photo" },
        kind: "photo",
        required: false,
      },
    ],
    ...extra,
  };
}

export function complaintView(overrides: Partial<ComplaintView> = {}): ComplaintView {
  return {
    type: "complaint",
    complaintId: "cmp-1",
    ref: "CMP-0001",
    outletName: "陆家嘴支行营业部",
    categoryLabel: { key: "cards:common.none" },
    channelLabel: { key: "cards:complaint.channel" },
    customerRef: "138****5678",
    description: "客户反映排队等候时间过长,柜台只开了两个窗口。",
    desiredOutcome: "希望增开窗口并致歉",
    status: "open",
    statusLabel: complaintStatusLabel("open"),
    step: { no: 1, label: stepLabel(1, "supervisor") },
    stepDueAt: "2026-11-24T02:00:00Z",
    late: false,
    followUpDueAt: null,
    timeZone: TZ,
    loggedBy: "王芳",
    notify: [chen],
    actions: [
      { action: "complaint.approve", label: { key: "cards:form.yes" }, value: "cmp-1", style: "primary" },
      { action: "complaint.request_changes", label: { key: "cards:form.no" }, value: "cmp-1" },
      { action: "complaint.escalate", label: { key: "teams:action.done" }, value: "cmp-1", style: "danger" },
    ],
    ...overrides,
  };
}

export function incidentView(): IncidentView {
  return {
    type: "incident",
    incidentId: "inc-1",
    ref: "INC-0007",
    outletName: "陆家嘴支行营业部",
    typeLabel: { key: "cards:common.none" },
    severity: "major",
    severityLabel: severityLabel("major"),
    status: "open",
    statusLabel: incidentStatusLabel("open"),
    description: "日终轧账短款 ¥100.00",
    details: [{ label: { key: "cards:reminder.due" }, value: "¥100.00" }],
    reportedBy: "王芳",
    reportedAt: "2026-11-23T09:05:00Z",
    ackDueAt: "2026-11-23T09:35:00Z",
    timeZone: TZ,
    escalationLevel: 0,
    notify: [chen],
    actions: [{ action: "incident.ack", label: { key: "teams:action.done" }, value: "inc-1" }],
  };
}

export function summaryView(): SummaryView {
  return {
    type: "summary",
    scope: { kind: "outlet", names: ["陆家嘴支行营业部"] },
    period: { kind: "week", from: "2026-11-23", to: "2026-11-29", timeZone: TZ },
    completion: { onTimePct: 87.5, confirmed: 28, withExceptions: 3, missed: 1, open: 4, total: 36 },
    trend: { onTimePctPrev: 80, deltaPct: 7.5 },
    overdue: [
      {
        outletName: "陆家嘴支行营业部",
        title: { key: "playbook:tasks.opening.title" },
        dueAt: "2026-11-23T00:00:00Z",
        state: "escalated",
        stateLabel: taskStateLabel("escalated"),
      },
    ],
    exceptions: 3,
    incidents: {
      openBySeverity: (["critical", "serious", "major", "minor"] as const).map((severity, i) => ({
        severity,
        label: severityLabel(severity),
        count: [0, 0, 1, 2][i] as number,
      })),
      oldestOpenHours: 5,
      medianAckMinutes: 12,
      medianResolveMinutes: 140,
    },
    complaints: {
      byStage: [
        { stage: "step:1", label: complaintStageLabel({ kind: "step", no: 1, role: "supervisor" }), count: 2 },
        { stage: "step:2", label: complaintStageLabel({ kind: "step", no: 2, role: "manager" }), count: 1 },
        { stage: "awaiting_follow_up", label: complaintStageLabel({ kind: "awaiting_follow_up" }), count: 0 },
        { stage: "closed", label: complaintStageLabel({ kind: "closed" }), count: 0 },
      ],
      byCategory: [{ label: { key: "cards:common.none" }, count: 2 }],
      lateSteps: 1,
      followUpsDue: 1,
    },
    behind: [{ outletName: "徐家汇支行营业部", onTimePct: 70, overdue: 2, openIncidents: 1 }],
  };
}

export function homeView(): HomeView {
  return {
    type: "home",
    staffName: "陈敏",
    tasksToday: [
      {
        occurrenceId: "occ-1",
        outletName: "陆家嘴支行营业部",
        title: { key: "playbook:tasks.opening.title" },
        dueAt: "2026-11-23T00:00:00Z",
        timeZone: TZ,
        state: "reminded",
        stateLabel: taskStateLabel("reminded"),
        done: 1,
        total: 8,
      },
    ],
    openIncidents: [
      {
        incidentId: "inc-1",
        ref: "INC-0007",
        typeLabel: { key: "cards:common.none" },
        severityLabel: severityLabel("major"),
        statusLabel: incidentStatusLabel("open"),
      },
    ],
    openComplaints: [
      {
        complaintId: "cmp-1",
        ref: "CMP-0001",
        categoryLabel: { key: "cards:common.none" },
        step: { no: 1, label: stepLabel(1, "supervisor") },
        late: false,
      },
    ],
    approvalsWaiting: [
      {
        complaintId: "cmp-1",
        ref: "CMP-0001",
        step: { no: 1, label: stepLabel(1, "supervisor") },
        dueAt: null,
        timeZone: TZ,
        late: true,
      },
    ],
  };
}

/** One view of every type the core can ask an edge to render. */
export function everyView(): View[] {
  return [
    {
      type: "text",
      message: { key: "teams:welcome.message" },
      lines: [{ key: "teams:welcome.commands" }],
      actions: [{ action: "help", label: { key: "teams:action.done" }, value: "" }],
    },
    formView({ errors: { cashbox_amount: { key: "teams:form.amount" } } }),
    reminderView(),
    {
      type: "nudge",
      occurrenceId: "occ-1",
      title: { key: "playbook:tasks.opening.title" },
      outletName: "陆家嘴支行营业部",
      windowEndsAt: "2026-11-23T01:30:00Z",
      timeZone: TZ,
      waitingOn: [chen, wang],
      remaining: 3,
    },
    {
      type: "task_escalation",
      occurrenceId: "occ-1",
      title: { key: "playbook:tasks.opening.title" },
      outletName: "陆家嘴支行营业部",
      dueAt: "2026-11-23T00:00:00Z",
      windowEndsAt: "2026-11-23T01:30:00Z",
      timeZone: TZ,
      to: [chen],
      waitingOn: [wang],
      remaining: 2,
    },
    {
      type: "task_missed",
      occurrenceId: "occ-1",
      title: { key: "playbook:tasks.opening.title" },
      outletName: "陆家嘴支行营业部",
      dueAt: "2026-11-23T00:00:00Z",
      timeZone: TZ,
      to: [chen],
      remaining: 2,
    },
    {
      type: "confirmation_echo",
      sessionId: "sess-2",
      title: { key: "playbook:tasks.opening.title" },
      lines: [
        { number: 1, label: { key: "playbook:tasks.opening.items.premises_opened" }, status: "ok" },
        {
          number: 7,
          label: { key: "playbook:tasks.opening.items.systems_up" },
          status: "failed",
          note: "网银系统登录超时",
        },
      ],
      question: { key: "cards:form.has_errors" },
      actions: [{ action: "echo.confirm", label: { key: "cards:form.yes" }, value: "sess-2" }],
    },
    incidentView(),
    {
      type: "incident_event",
      incidentId: "inc-1",
      ref: "INC-0007",
      event: "acknowledged",
      by: "陈敏",
      note: "已联系押运公司",
      notify: [wang],
    },
    complaintView(),
    {
      type: "complaint_event",
      complaintId: "cmp-1",
      ref: "CMP-0001",
      event: "approved",
      by: "陈敏",
      comment: "同意,增开一个窗口",
      from: { no: 1, label: stepLabel(1, "supervisor") },
      notify: [chen],
    },
    summaryView(),
    homeView(),
  ];
}

const LONG_ZH = "客户反映在营业厅等候时间过长且工作人员态度冷淡,要求网点负责人当面致歉并说明改进措施。".repeat(400);

/** The same views with pathological data: very long Chinese texts and long lists. */
export function oversizedViews(): View[] {
  const reminder = reminderView(120);
  for (const item of reminder.items) item.note = LONG_ZH.slice(0, 3000);
  return [
    reminder,
    complaintView({ description: LONG_ZH, desiredOutcome: LONG_ZH }),
    { ...incidentView(), description: LONG_ZH },
    {
      type: "text",
      message: { key: "teams:welcome.message" },
      lines: Array.from({ length: 500 }, () => ({ key: "teams:welcome.commands" })),
    },
    {
      ...summaryView(),
      overdue: Array.from({ length: 300 }, () => summaryView().overdue[0]!),
      behind: Array.from({ length: 100 }, () => summaryView().behind[0]!),
    },
    { ...homeView(), tasksToday: Array.from({ length: 200 }, () => homeView().tasksToday[0]!) },
    formView({
      intro: [{ key: "teams:welcome.message" }],
      fields: Array.from({ length: 60 }, (_, i) => ({
        name: `f${i}`,
        label: { key: "cards:reminder.due" },
        kind: "longtext" as const,
        required: true,
        initial: LONG_ZH.slice(0, 2000),
      })),
    }),
  ];
}
