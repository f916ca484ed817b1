// Shared setup for the checklist tests: a demo database, an occurrence of a playbook task at
// an outlet with its reminder posted, and the service under test.

import { withTx } from "../../src/db/tx.js";
import { ManualClock } from "../../src/domain/clock.js";
import { Directory } from "../../src/services/directory.js";
import { postToOutlet } from "../../src/services/notify.js";
import { ChecklistService } from "../../src/services/tasks/checklist.js";
import { labelLookup } from "../../src/services/tasks/checklist-labels.js";
import { buildReminderView } from "../../src/services/tasks/reminder-view.js";
import { createDemoDb, demoIds, i18n, playbook } from "../helpers/db.js";

// Monday 2026-11-23, 08:05 in Shanghai
export const START = "2026-11-23T00:05:00Z";

export async function checklistWorld() {
  const clock = new ManualClock(START);
  const t = await createDemoDb(clock);
  const ids = await demoIds(t.db);
  const directory = new Directory(t.db);
  const labels = labelLookup(i18n);
  const service = new ChecklistService({ db: t.db, clock, directory, playbook, labels });
  const staff = async (code: string) => {
    const s = await t.db.staff.findUniqueOrThrow({ where: { code } });
    return { id: s.id, name: s.name, code: s.code, locale: s.locale as "en" | "zh-CN" };
  };
  /** An open occurrence of `taskKey` at the outlet, due now, with its reminder posted. */
  const occurrence = async (taskKey: string, outletCode = "SH-LJZ", windowMinutes = 90) => {
    const template = await t.db.taskTemplate.findUniqueOrThrow({
      where: { key: taskKey },
      include: { versions: true },
    });
    const version = template.versions.find((v) => v.hash === template.currentHash);
    if (!version) throw new Error("no template version");
    const now = clock.now();
    const occ = await t.db.taskOccurrence.create({
      data: {
        outletId: ids.outlets[outletCode] as string,
        templateId: template.id,
        templateVersionId: version.id,
        dueDate: "2026-11-23",
        dueAt: now,
        nudgeAt: new Date(now.getTime() + 15 * 60_000),
        escalateAt: new Date(now.getTime() + 30 * 60_000),
        windowEndsAt: new Date(now.getTime() + windowMinutes * 60_000),
        state: "reminded",
      },
    });
    await withTx(t.db, async (tx) =>
      postToOutlet(tx, {
        outletId: occ.outletId,
        keyBase: `reminder:${occ.id}`,
        view: await buildReminderView(tx, occ.id, playbook),
      }),
    );
    return occ;
  };
  const results = (occurrenceId: string) =>
    t.db.checklistItemResult.findMany({ where: { occurrenceId }, orderBy: { itemKey: "asc" } });
  const state = async (occurrenceId: string) =>
    (await t.db.taskOccurrence.findUniqueOrThrow({ where: { id: occurrenceId } })).state;
  return { ...t, clock, ids, directory, labels, service, staff, occurrence, results, state };
}

export const CTX = { platform: "slack" as const, source: "test" };
