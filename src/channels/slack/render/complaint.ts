// The complaint root card (current step and its clock, Approve / Request changes / Escalate)
// and the decisions and comments that follow in its thread.
import type { ComplaintEventView, ComplaintView } from "../../../views/cases.js";
import type { Block, SlackMessage } from "./block-types.js";
import {
  actionBlocks,
  context,
  esc,
  fallback,
  fieldSections,
  formatTime,
  header,
  mentions,
  type RenderCtx,
  section,
  tr,
} from "./kit.js";
import { COMPLAINT_STATUS_KEYS, labelOf, ROLE_KEYS } from "./labels.js";

const EVENT_KEYS: Record<ComplaintEventView["event"], string> = {
  acknowledged: "slack:complaint.event.acknowledged",
  proposed: "slack:complaint.event.proposed",
  approved: "slack:complaint.event.approved",
  changes_requested: "slack:complaint.event.changes_requested",
  escalated: "slack:complaint.event.escalated",
  auto_escalated: "slack:complaint.event.auto_escalated",
  flagged_late: "slack:complaint.event.flagged_late",
  follow_up_logged: "slack:complaint.event.follow_up_logged",
  closed: "slack:complaint.event.closed",
};

function quote(s: string): string {
  return `>${esc(s).replaceAll("\n", "\n>")}`;
}

export function renderComplaint(ctx: RenderCtx, v: ComplaintView): SlackMessage {
  const category = tr(ctx, v.categoryLabel);
  const title = ctx.t("slack:complaint.header", { ref: v.ref, category });
  const role = labelOf(ctx.t, ROLE_KEYS, v.stepRole);
  const step = ctx.t("slack:complaint.step", { no: v.stepNo, role });
  const clock = v.stepDueAt
    ? ctx.t(v.late ? "slack:complaint.clock_late" : "slack:complaint.clock", {
        due: formatTime(v.stepDueAt, v.timeZone, ctx.locale),
      })
    : "–";
  const fields = [
    `*${ctx.t("slack:complaint.current_step")}*\n${step}`,
    `*${ctx.t("slack:complaint.due")}*\n${clock}`,
    `*${ctx.t("slack:complaint.status_label")}*\n${labelOf(ctx.t, COMPLAINT_STATUS_KEYS, v.status)}`,
    `*${ctx.t("slack:common.outlet")}*\n${esc(v.outletName)}`,
    `*${ctx.t("slack:complaint.channel")}*\n${esc(tr(ctx, v.channelLabel))}`,
    `*${ctx.t("slack:complaint.customer")}*\n${esc(v.customerRef)}`,
    `*${ctx.t("slack:complaint.logged_by")}*\n${esc(v.loggedBy)}`,
  ];
  if (v.followUpDueAt) {
    fields.push(`*${ctx.t("slack:complaint.follow_up_due")}*\n${formatTime(v.followUpDueAt, v.timeZone, ctx.locale)}`);
  }
  const blocks: Block[] = [header(title), ...fieldSections(fields)];
  if (v.description) blocks.push(section(`*${ctx.t("slack:complaint.description")}*\n${quote(v.description)}`));
  if (v.desiredOutcome) {
    blocks.push(section(`*${ctx.t("slack:complaint.desired_outcome")}*\n${quote(v.desiredOutcome)}`));
  }
  if (v.notify.length > 0) blocks.push(context([ctx.t("slack:common.notify", { people: mentions(v.notify) })]));
  blocks.push(...actionBlocks(ctx, v.actions));
  return { text: fallback(title, step, clock, mentions(v.notify)), blocks };
}

export function renderComplaintEvent(ctx: RenderCtx, v: ComplaintEventView): SlackMessage {
  const text = ctx.t(EVENT_KEYS[v.event], { ref: v.ref, by: v.by ?? "–", no: v.stepNo });
  const lines = [text];
  if (v.comment) lines.push(quote(v.comment));
  if (v.notify.length > 0) lines.push(mentions(v.notify));
  return { text: fallback(text, mentions(v.notify)), blocks: [section(lines.join("\n"))] };
}
