// Wires the task services onto a Scheduler: first create due occurrences, then advance the
// reminder lifecycle. Other sweeps (incident and complaint clocks) register after these.
import { OccurrenceService, type TaskServiceDeps } from "../services/tasks/occurrences.js";
import { ReminderService } from "../services/tasks/reminders.js";
import type { Scheduler } from "./scheduler.js";

export function registerTaskJobs(scheduler: Scheduler, deps: TaskServiceDeps) {
  const occurrences = new OccurrenceService(deps);
  const reminders = new ReminderService(deps);
  scheduler.register("tasks.ensure-occurrences", (now) => occurrences.ensureOccurrences(now));
  scheduler.register("tasks.reminder-tick", (now) => reminders.tick(now));
  return { occurrences, reminders };
}
