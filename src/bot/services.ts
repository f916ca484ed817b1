// Builds every service the bot core calls, once, from plain dependencies, so the composition
// root (src/app.ts) only calls createCore and registers the scheduler sweeps on `services`.
import type { Playbook } from "../config/playbook-schema.js";
import type { Db } from "../db/client.js";
import type { LabelLookup } from "../domain/checklist-values.js";
import type { Clock } from "../domain/clock.js";
import { createForms, FormEngine, FormSessionStore } from "../forms/index.js";
import type { I18n, Locale } from "../i18n/index.js";
import type { Logger } from "../log.js";
import { ErrorNoticeService } from "../services/backoffice/error-notices.js";
import { ComplaintService } from "../services/cases/complaints.js";
import { IncidentService } from "../services/cases/incidents.js";
import { RectificationService } from "../services/cases/rectifications.js";
import { CircularService } from "../services/circulars/circulars.js";
import { CustodyService } from "../services/custody/ledger.js";
import { Directory } from "../services/directory.js";
import { HandoverService } from "../services/handover/handovers.js";
import { RosterService } from "../services/roster/absences.js";
import { RotationService } from "../services/rotation/due-dates.js";
import { DigestService } from "../services/summary/digests.js";
import { ExportLinks } from "../services/summary/export-links.js";
import { SummaryService } from "../services/summary/service.js";
import { ChecklistService } from "../services/tasks/checklist.js";
import { labelLookup } from "../services/tasks/checklist-labels.js";
import { ChecklistReplyFlow } from "../services/tasks/checklist-reply.js";
import { OccurrenceService } from "../services/tasks/occurrences.js";
import { ReminderService } from "../services/tasks/reminders.js";
import { botForms } from "./bot-forms.js";
import { Identity } from "./identity.js";

export interface CoreDeps {
  /** Signs CSV export links; without one, links on http://localhost with a per-process key. */
  exportLinks?: ExportLinks;
  db: Db;
  clock: Clock;
  i18n: I18n;
  playbook: Playbook;
  defaultLocale: Locale;
  databaseProvider: "sqlite" | "postgresql";
  log?: Logger;
}

export interface CoreServices {
  db: Db;
  clock: Clock;
  i18n: I18n;
  playbook: Playbook;
  log?: Logger;
  labels: LabelLookup;
  directory: Directory;
  identity: Identity;
  occurrences: OccurrenceService;
  reminders: ReminderService;
  checklist: ChecklistService;
  replyFlow: ChecklistReplyFlow;
  incidents: IncidentService;
  complaints: ComplaintService;
  rectifications: RectificationService;
  rotation: RotationService;
  circulars: CircularService;
  roster: RosterService;
  custody: CustodyService;
  errorNotices: ErrorNoticeService;
  handovers: HandoverService;
  summary: SummaryService;
  digests: DigestService;
  exportLinks: ExportLinks;
  formStore: FormSessionStore;
  formEngine: FormEngine;
  forms: ReturnType<typeof botForms>;
}

export function buildServices(deps: CoreDeps): CoreServices {
  const { db, clock, i18n, playbook, log } = deps;
  const labels = labelLookup(i18n);
  const directory = new Directory(db, clock);
  const taskDeps = { db, clock, directory, playbook, ...(log ? { log } : {}) };
  const checklist = new ChecklistService({ ...taskDeps, labels });
  const formStore = new FormSessionStore(db, clock);
  const caseDeps = { db, clock, playbook, directory };
  const incidents = new IncidentService(caseDeps);
  const summary = new SummaryService(db, clock, { provider: deps.databaseProvider, playbook });
  return {
    db,
    clock,
    i18n,
    playbook,
    ...(log ? { log } : {}),
    labels,
    directory,
    identity: new Identity(db, directory, deps.defaultLocale),
    occurrences: new OccurrenceService(taskDeps),
    reminders: new ReminderService(taskDeps),
    checklist,
    replyFlow: new ChecklistReplyFlow({ db, clock }, checklist, formStore),
    incidents,
    complaints: new ComplaintService(caseDeps),
    rectifications: new RectificationService(caseDeps),
    rotation: new RotationService(caseDeps),
    circulars: new CircularService(caseDeps),
    roster: new RosterService(caseDeps),
    custody: new CustodyService({ ...caseDeps, incidents }),
    summary,
    digests: new DigestService({ db, clock, playbook, directory, summary }),
    exportLinks: deps.exportLinks ?? new ExportLinks("http://localhost:3978", clock),
    errorNotices: new ErrorNoticeService(caseDeps),
    handovers: new HandoverService(caseDeps),
    formStore,
    formEngine: new FormEngine(formStore, labels),
    forms: botForms(createForms(playbook, labels), playbook),
  };
}
