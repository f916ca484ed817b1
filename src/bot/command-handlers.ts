// The command grammar's verbs → answers: help, today, checklist, incident, complaint, status,
// remind, followups, rotation, circular, roster, custody, errornotice(s), export, handover. The same for Slack's /branch and for text in a DM or addressed to the bot; only
// how a form is shown differs (see form-runner.ts).
import { EXPORT_LINK_TTL_MS } from "../services/summary/export-links.js";
import type { SummaryScope } from "../services/summary/scope.js";
import type { Localised } from "../views/common.js";
import { errorNoticeCommand, errorNoticesCommand } from "./backoffice.js";
import { startCaseForm } from "./case-forms.js";
import { circularCommand, circularStatusCommand } from "./circulars.js";
import type { Command } from "./commands.js";
import type { ActionResult } from "./contract.js";
import { custodyCommand } from "./custody.js";
import type { FormMode } from "./form-runner.js";
import { handoverCommand, handoversToday } from "./handover.js";
import { tasksToday } from "./home.js";
import { followUpsCommand } from "./rectifications.js";
import { answer, reply, tell, text } from "./replies.js";
import type { Req } from "./request.js";
import { rosterCommand } from "./roster.js";
import { rotationCommand } from "./rotation.js";
import type { CoreServices } from "./services.js";
import { checklistCommand, remindCommand } from "./task-commands.js";

const FINAL = ["confirmed", "confirmed_with_exceptions", "missed"];
/** Most "open checklist" buttons under one "today" answer. */
const TODAY_BUTTONS = 10;

export async function runCommand(s: CoreServices, req: Req, cmd: Command, mode: FormMode): Promise<ActionResult> {
  switch (cmd.kind) {
    case "help":
      return answer(reply(req, helpView()));
    case "today":
      return today(s, req);
    case "checklist":
      return checklistCommand(s, req, cmd.task, mode);
    case "incident":
      return startCaseForm(s, req, "incident", mode, { code: cmd.outlet });
    case "complaint":
      return startCaseForm(s, req, "complaint", mode, { code: cmd.outlet });
    case "status":
      return status(s, req, cmd);
    case "export":
      return exportCommand(s, req, cmd);
    case "remind":
      return remindCommand(s, req, cmd.task);
    case "followups":
      return followUpsCommand(s, req, cmd.outlet);
    case "rotation":
      return rotationCommand(s, req, cmd.outlet);
    case "circular":
      return circularCommand(s, req, cmd, mode);
    case "circular_status":
      return circularStatusCommand(s, req, cmd.ref);
    case "roster":
    case "off":
    case "delegate":
      return rosterCommand(s, req, cmd.kind, cmd.args);
    case "custody":
      return custodyCommand(s, req, cmd.verb, cmd.args);
    case "errornotice":
      return errorNoticeCommand(s, req, mode, cmd.outlet);
    case "errornotices":
      return errorNoticesCommand(s, req, cmd.outlet);
    case "handover":
      return handoverCommand(s, req, cmd.handover, mode, cmd.outlet);
    case "unknown":
      return answer(tell(req, { key: "bot:errors.unknown_command", vars: { text: cmd.word } }));
  }
}

export function helpView() {
  const lines: Localised[] = [
    { key: "bot:help.help" },
    { key: "bot:help.today" },
    { key: "bot:help.checklist" },
    { key: "bot:help.incident" },
    { key: "bot:help.complaint" },
    { key: "bot:help.status" },
    { key: "digests:help.export" },
    { key: "bot:help.remind" },
    { key: "bot:help.followups" },
    { key: "rotation:help" },
    { key: "bot:help.circular" },
    { key: "roster:help.roster" },
    { key: "roster:help.off" },
    { key: "roster:help.delegate" },
    { key: "custody:help.list" },
    { key: "custody:help.move" },
    { key: "custody:help.void" },
    { key: "custody:help.count" },
    { key: "backoffice:help.issue" },
    { key: "backoffice:help.list" },
    { key: "handover:help.shift" },
    { key: "handover:help.absence" },
    { key: "bot:help.replies" },
  ];
  return text("bot:help.title", undefined, { lines });
}

async function today(s: CoreServices, req: Req): Promise<ActionResult> {
  const tasks = await tasksToday(s, req.staff.id);
  // handovers waiting for this person's confirmation (交接班/临时离岗) come after the tasks
  const handovers = await handoversToday(s, req);
  const more = handovers ? [handovers] : [];
  if (tasks.length === 0) return answer(tell(req, { key: "bot:today.none" }), ...more);
  const lines: Localised[] = tasks.map((t) => ({
    key: "bot:today.line",
    vars: {
      title: t.title.key,
      outlet: t.outletName,
      due: localClock(t.dueAt, t.timeZone),
      state: `labels:task_state.${t.state}`,
      done: t.done,
      total: t.total,
    },
  }));
  const actions = tasks
    .filter((t) => !FINAL.includes(t.state))
    .slice(0, TODAY_BUTTONS)
    .map((t) => ({
      action: "checklist.open",
      label: { key: "bot:today.open", vars: { title: t.title.key } },
      value: t.occurrenceId,
    }));
  return answer(reply(req, text("bot:today.title", { n: tasks.length }, { lines, actions })), ...more);
}

function localClock(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(
    new Date(iso),
  );
}

type StatusWords = Extract<Command, { kind: "status" | "export" }>;

function scopeOf(cmd: StatusWords): SummaryScope {
  const target = cmd.target?.toUpperCase();
  return cmd.scope === "region"
    ? { kind: "region", ...(target ? { regionCode: target } : {}) }
    : { kind: "outlet", ...(target ? { outletCode: target } : {}) };
}

async function status(s: CoreServices, req: Req, cmd: StatusWords): Promise<ActionResult> {
  const r = await s.summary.summarise(req.staff.id, scopeOf(cmd), cmd.period, req.actor);
  return answer(r.ok ? reply(req, r.view) : tell(req, r.message));
}

/**
 * "export [outlet|region] [code] [today|week|month]": checks now that the person may see those
 * figures (a refusal is recorded like any summary request), then answers privately with a
 * signed link that computes the CSV when opened.
 */
async function exportCommand(s: CoreServices, req: Req, cmd: StatusWords): Promise<ActionResult> {
  const scope = scopeOf(cmd);
  const r = await s.summary.mayExport(req.staff.id, scope, cmd.period, req.actor);
  if (!r.ok) return answer(tell(req, r.message));
  const url = s.exportLinks.url({ staffId: req.staff.id, scope, period: cmd.period });
  return answer(tell(req, { key: "digests:export.ready", vars: { url, minutes: EXPORT_LINK_TTL_MS / 60_000 } }));
}
