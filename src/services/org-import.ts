// Imports the org file and the playbook's task templates. Idempotent: the same files twice
// change nothing (no writes, no audit events). A changed file updates rows in place and
// audits the before/after; people and outlets that leave the file are deactivated, never
// deleted, so their history stays intact. All in one transaction: nothing is half-loaded.
import { createHash } from "node:crypto";
import type { Org } from "../config/org.js";
import type { Playbook } from "../config/playbook-schema.js";
import { WEEKDAYS } from "../config/playbook-schema.js";
import type { Db } from "../db/client.js";
import { isUniqueViolation, retrying, type Tx, withTx } from "../db/tx.js";
import { canonicalJson } from "../domain/canonical-json.js";
import type { Clock } from "../domain/clock.js";
import { maskIdentifiers } from "../domain/masking.js";
import type { Actor } from "./audit-log.js";
import { Importer, type ImportSummary } from "./org-import-sync.js";

export type { ImportSummary };

const weekdayNumbers = (days: readonly string[]) =>
  days
    .map((d) => WEEKDAYS.indexOf(d as (typeof WEEKDAYS)[number]) + 1)
    .sort()
    .join(",");

export function taskHash(task: unknown): string {
  return createHash("sha256").update(canonicalJson(task)).digest("hex");
}

export async function importOrgAndPlaybook(
  db: Db,
  org: Org,
  playbook: Playbook,
  deps: { clock: Clock; actor: Actor },
): Promise<ImportSummary> {
  // Replicas starting together on an empty database import the same file at once: the
  // loser inserts a code the winner just committed and its whole transaction rolls back.
  // Run again: it now reads the winner's rows and finds nothing left to change.
  return retrying(
    () =>
      withTx(db, async (tx) => {
        const im = new Importer(tx, deps.actor, deps.clock.now());
        const regionIds = await importRegions(im, tx, org);
        const outletIds = await importOutlets(im, tx, org, regionIds);
        const staffIds = await importStaff(im, tx, org, outletIds, regionIds);
        await importAbsences(im, tx, org, staffIds, outletIds);
        await importTemplates(im, tx, playbook);
        return im.summary;
      }),
    { attempts: IMPORT_ATTEMPTS, retryable: (err) => isUniqueViolation(err) },
  );
}

const IMPORT_ATTEMPTS = 5;

async function importRegions(im: Importer, tx: Tx, org: Org) {
  const ids = new Map<string, string>();
  for (const r of org.regions) {
    const existing = await tx.region.findUnique({ where: { code: r.code } });
    const id = await im.sync(
      "region",
      existing,
      { code: r.code, name: r.name },
      {
        create: (d) => tx.region.create({ data: d }),
        update: (id, d) => tx.region.update({ where: { id }, data: d }),
      },
    );
    ids.set(r.code, id);
  }
  return ids;
}

async function importOutlets(im: Importer, tx: Tx, org: Org, regionIds: Map<string, string>) {
  const ids = new Map<string, string>();
  for (const o of org.outlets) {
    const existing = await tx.outlet.findUnique({ where: { code: o.code } });
    const desired = {
      code: o.code,
      name: o.name,
      regionId: regionIds.get(o.region) as string,
      timeZone: o.timeZone,
      workingDays: weekdayNumbers(o.workingDays),
      workStart: o.hours.start,
      workEnd: o.hours.end,
      defaultLocale: o.locale,
      active: true,
    };
    const id = await im.sync("outlet", existing, desired, {
      create: (d) => tx.outlet.create({ data: d }),
      update: (id, d) => tx.outlet.update({ where: { id }, data: d }),
    });
    ids.set(o.code, id);

    const days = [
      ...o.holidays.map((h) => ({ outletId: id, date: h.date, kind: "holiday", name: h.name })),
      ...o.extraWorkdays.map((h) => ({ outletId: id, date: h.date, kind: "workday", name: h.name })),
    ];
    await im.syncSet(
      "calendar_day",
      await tx.outletCalendarDay.findMany({ where: { outletId: id } }),
      days,
      (d) => `${d.date}|${d.kind}|${d.name}`,
      {
        create: async (d) => {
          // a date that changed kind or name: replace the old row (one row per date)
          await tx.outletCalendarDay.deleteMany({ where: { outletId: id, date: d.date as string } });
          return tx.outletCalendarDay.create({ data: d as never });
        },
        remove: (r) => tx.outletCalendarDay.deleteMany({ where: { id: r.id } }),
      },
    );

    const bindings: Array<Record<string, unknown>> = [];
    if (o.slack) {
      const ws = o.slack.teamId ?? "";
      bindings.push({ outletId: id, platform: "slack", purpose: "outlet", channelId: o.slack.channel, workspace: ws });
      if (o.slack.supervisorsChannel) {
        bindings.push({
          outletId: id,
          platform: "slack",
          purpose: "supervisors",
          channelId: o.slack.supervisorsChannel,
          workspace: ws,
        });
      }
    }
    if (o.teams) {
      const ws = o.teams.tenantId ?? "";
      bindings.push({
        outletId: id,
        platform: "teams",
        purpose: "outlet",
        channelId: o.teams.channelId,
        workspace: ws,
      });
      if (o.teams.supervisorsChannelId) {
        bindings.push({
          outletId: id,
          platform: "teams",
          purpose: "supervisors",
          channelId: o.teams.supervisorsChannelId,
          workspace: ws,
        });
      }
    }
    // Keyed on everything the file sets; the Teams conversation reference captured at
    // run time is not in the key, so re-importing keeps it.
    await im.syncSet(
      "channel_binding",
      await tx.channelBinding.findMany({ where: { outletId: id } }),
      bindings,
      (b) => `${b.platform}|${b.purpose}|${b.channelId}|${b.workspace}`,
      {
        create: async (d) => {
          await tx.channelBinding.deleteMany({
            where: { outletId: id, platform: d.platform as string, purpose: d.purpose as string },
          });
          return tx.channelBinding.create({ data: d as never });
        },
        remove: (r) => tx.channelBinding.deleteMany({ where: { id: r.id } }),
      },
    );
  }
  const gone = await tx.outlet.findMany({ where: { active: true, code: { notIn: org.outlets.map((o) => o.code) } } });
  for (const o of gone) {
    await tx.outlet.update({ where: { id: o.id }, data: { active: false } });
    im.summary.removed++;
    await im.audit("org.outlet.deactivated", "outlet", o.id, { active: true }, { active: false });
  }
  return ids;
}

async function importStaff(
  im: Importer,
  tx: Tx,
  org: Org,
  outletIds: Map<string, string>,
  regionIds: Map<string, string>,
) {
  const ids = new Map<string, string>();
  for (const s of org.staff) {
    const existing = await tx.staff.findUnique({ where: { code: s.code } });
    const id = await im.sync(
      "staff",
      existing,
      { code: s.code, name: s.name, locale: s.locale, offDays: weekdayNumbers(s.offDays), active: true },
      {
        create: (d) => tx.staff.create({ data: d }),
        update: (id, d) => tx.staff.update({ where: { id }, data: d }),
      },
    );

    const roles = Object.entries(s.roles).flatMap(([outlet, rs]) =>
      rs.map((role) => ({ staffId: id, outletId: outletIds.get(outlet) as string, role })),
    );
    await im.syncSet(
      "role",
      await tx.staffRole.findMany({ where: { staffId: id } }),
      roles,
      (r) => `${r.outletId}|${r.role}`,
      {
        create: (d) => tx.staffRole.create({ data: d as never }),
        remove: (r) => tx.staffRole.delete({ where: { id: r.id } }),
      },
    );
    const regionRoles = Object.entries(s.regionRoles).flatMap(([code, rs]) =>
      rs.map((role) => ({ staffId: id, regionId: regionIds.get(code) as string, role })),
    );
    await im.syncSet(
      "region_role",
      await tx.regionRole.findMany({ where: { staffId: id } }),
      regionRoles,
      (r) => `${r.regionId}|${r.role}`,
      {
        create: (d) => tx.regionRole.create({ data: d as never }),
        remove: (r) => tx.regionRole.delete({ where: { id: r.id } }),
      },
    );

    const identities: Array<Record<string, unknown>> = [];
    if (s.slack)
      identities.push({
        staffId: id,
        platform: "slack",
        workspace: s.slack.teamId,
        externalId: s.slack.userId,
        kind: "user",
      });
    if (s.teams?.userId)
      identities.push({
        staffId: id,
        platform: "teams",
        workspace: s.teams.tenantId,
        externalId: s.teams.userId,
        kind: "user",
      });
    if (s.teams?.aadObjectId)
      identities.push({
        staffId: id,
        platform: "teams",
        workspace: s.teams.tenantId,
        externalId: s.teams.aadObjectId,
        kind: "aad",
      });
    await im.syncSet(
      "identity",
      await tx.platformIdentity.findMany({ where: { staffId: id } }),
      identities,
      (i) => `${i.platform}|${i.workspace}|${i.externalId}|${i.kind}`,
      {
        create: async (d) => {
          // an id moving from one person to another: the file is the truth
          await tx.platformIdentity.deleteMany({
            where: {
              platform: d.platform as string,
              workspace: d.workspace as string,
              externalId: d.externalId as string,
            },
          });
          return tx.platformIdentity.create({ data: d as never });
        },
        remove: (r) => tx.platformIdentity.deleteMany({ where: { id: r.id } }),
      },
    );
    await importDueDates(im, tx, id, s);
    ids.set(s.code, id);
  }
  const gone = await tx.staff.findMany({ where: { active: true, code: { notIn: org.staff.map((s) => s.code) } } });
  for (const s of gone) {
    // Leavers keep their records (who confirmed what) but lose their roles and links.
    await tx.staffRole.deleteMany({ where: { staffId: s.id } });
    await tx.regionRole.deleteMany({ where: { staffId: s.id } });
    await tx.platformIdentity.deleteMany({ where: { staffId: s.id } });
    await tx.staff.update({ where: { id: s.id }, data: { active: false } });
    im.summary.removed++;
    await im.audit("org.staff.deactivated", "staff", s.id, { active: true }, { active: false });
  }
  return ids;
}

/**
 * 请假/代岗 planned in the org file. The file owns the absences it imported (source "import");
 * those recorded in chat are left alone. Keyed on every field, so a changed absence is
 * replaced (audited as removed and added).
 */
async function importAbsences(
  im: Importer,
  tx: Tx,
  org: Org,
  staffIds: Map<string, string>,
  outletIds: Map<string, string>,
) {
  for (const s of org.staff) {
    const staffId = staffIds.get(s.code) as string;
    const desired = s.absences.map((a) => ({
      staffId,
      outletId: a.outlet ? (outletIds.get(a.outlet) as string) : null,
      fromDate: a.from,
      toDate: a.to,
      coverId: a.cover ? (staffIds.get(a.cover) as string) : null,
      reason: maskIdentifiers(a.reason),
      source: "import",
    }));
    await im.syncSet(
      "absence",
      await tx.staffAbsence.findMany({ where: { staffId, source: "import" } }),
      desired,
      (a) => `${a.outletId ?? ""}|${a.fromDate}|${a.toDate}|${a.coverId ?? ""}|${a.reason}`,
      {
        create: (d) => tx.staffAbsence.create({ data: d as never }),
        remove: (r) => tx.staffAbsence.delete({ where: { id: r.id } }),
      },
    );
  }
}

/**
 * 轮岗/强制休假 due dates. Keyed on kind and date: an unchanged date keeps its row (and so
 * its remindedAt: no second reminder), a moved date is a new row that is reminded afresh.
 */
async function importDueDates(im: Importer, tx: Tx, staffId: string, s: Org["staff"][number]) {
  const desired: Array<Record<string, unknown>> = [];
  if (s.rotationDue) desired.push({ staffId, kind: "rotation", dueOn: s.rotationDue });
  if (s.mandatoryLeaveDue) desired.push({ staffId, kind: "mandatory_leave", dueOn: s.mandatoryLeaveDue });
  await im.syncSet(
    "due_date",
    await tx.staffDueDate.findMany({ where: { staffId } }),
    desired,
    (d) => `${d.kind}|${d.dueOn}`,
    {
      create: (d) => tx.staffDueDate.create({ data: d as never }),
      remove: (r) => tx.staffDueDate.delete({ where: { id: r.id } }),
    },
  );
}

async function importTemplates(im: Importer, tx: Tx, playbook: Playbook) {
  for (const task of playbook.tasks) {
    const hash = taskHash(task);
    const definition = canonicalJson(task);
    let template = await tx.taskTemplate.findUnique({ where: { key: task.key } });
    if (!template) {
      template = await tx.taskTemplate.create({ data: { key: task.key, currentHash: hash } });
      im.summary.created++;
      await im.audit("playbook.task.created", "task_template", template.id, undefined, { key: task.key, hash });
    } else if (template.currentHash !== hash || !template.active) {
      await tx.taskTemplate.update({ where: { id: template.id }, data: { currentHash: hash, active: true } });
      im.summary.updated++;
      await im.audit("playbook.task.changed", "task_template", template.id, { hash: template.currentHash }, { hash });
    }
    await tx.taskTemplateVersion.upsert({
      where: { templateId_hash: { templateId: template.id, hash } },
      create: { templateId: template.id, hash, definition },
      update: {},
    });
  }
  const gone = await tx.taskTemplate.findMany({
    where: { active: true, key: { notIn: playbook.tasks.map((t) => t.key) } },
  });
  for (const t of gone) {
    await tx.taskTemplate.update({ where: { id: t.id }, data: { active: false } });
    im.summary.removed++;
    await im.audit("playbook.task.retired", "task_template", t.id, { active: true }, { active: false });
  }
}
