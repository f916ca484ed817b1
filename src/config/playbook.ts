// Loads and validates a playbook file. Shape errors come from zod; the cross-references
// (unique keys, incident types that exist, locale keys that resolve) are checked here so a
// bad file stops start-up with the file, the path and the problem.
import { ConfigError, type ConfigIssue, issuesFromZod } from "./errors.js";
import { incidentRuleIssues } from "./playbook-incidents.js";
import { roleIssues } from "./playbook-roles.js";
import { HANDOVER_KINDS, type Playbook, PlaybookSchema } from "./playbook-schema.js";
import { readYamlFile } from "./yaml-file.js";

export type KeyExists = (key: string) => boolean;

export function loadPlaybook(file: string, keyExists?: KeyExists): Playbook {
  return parsePlaybook(readYamlFile(file), file, keyExists);
}

export function parsePlaybook(raw: unknown, source: string, keyExists?: KeyExists): Playbook {
  const parsed = PlaybookSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(source, issuesFromZod(parsed.error));
  const pb = parsed.data;
  const issues = [
    ...roleIssues(pb),
    ...crossCheck(pb),
    ...incidentRuleIssues(pb),
    ...(keyExists ? missingKeys(pb, keyExists) : []),
  ];
  if (issues.length > 0) throw new ConfigError(source, issues);
  return pb;
}

function duplicates<T>(list: T[], keyOf: (t: T) => string, path: (i: number) => string): ConfigIssue[] {
  const seen = new Set<string>();
  const out: ConfigIssue[] = [];
  list.forEach((t, i) => {
    const k = keyOf(t);
    if (seen.has(k)) out.push({ path: path(i), problem: `duplicate key "${k}"` });
    seen.add(k);
  });
  return out;
}

function crossCheck(pb: Playbook): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const types = new Set(pb.incidents.types.map((t) => t.key));
  issues.push(
    ...duplicates(
      pb.tasks,
      (t) => t.key,
      (i) => `tasks[${i}].key`,
    ),
  );
  issues.push(
    ...duplicates(
      pb.incidents.types,
      (t) => t.key,
      (i) => `incidents.types[${i}].key`,
    ),
  );
  pb.tasks.forEach((task, ti) => {
    issues.push(
      ...duplicates(
        task.items,
        (it) => it.key,
        (i) => `tasks[${ti}].items[${i}].key`,
      ),
    );
    if (!types.has(task.failIncidentType)) {
      issues.push({
        path: `tasks[${ti}].failIncidentType`,
        problem: `unknown incident type "${task.failIncidentType}"`,
      });
    }
    task.items.forEach((item, ii) => {
      if (item.failIncidentType && !types.has(item.failIncidentType)) {
        issues.push({
          path: `tasks[${ti}].items[${ii}].failIncidentType`,
          problem: `unknown incident type "${item.failIncidentType}"`,
        });
      }
    });
  });
  for (const kind of HANDOVER_KINDS) {
    const def = pb.handovers[kind];
    if (!def) continue;
    issues.push(
      ...duplicates(
        def.items,
        (it) => it.key,
        (i) => `handovers.${kind}.items[${i}].key`,
      ),
    );
  }
  if (pb.custody) {
    issues.push(
      ...duplicates(
        pb.custody.items,
        (it) => it.key,
        (i) => `custody.items[${i}].key`,
      ),
    );
    if (!types.has(pb.custody.mismatchIncidentType))
      issues.push({
        path: "custody.mismatchIncidentType",
        problem: `unknown incident type "${pb.custody.mismatchIncidentType}"`,
      });
  }
  issues.push(...ladderIssues("complaints.ladder", pb.complaints.ladder));
  if (pb.backOffice) issues.push(...ladderIssues("backOffice.ladder", pb.backOffice.ladder));
  return issues;
}

/** A ladder's steps run 1, 2, 3 … and its last step flags rather than escalates. */
function ladderIssues(path: string, ladder: Playbook["complaints"]["ladder"]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  ladder.forEach((s, i) => {
    if (s.step !== i + 1)
      issues.push({ path: `${path}[${i}].step`, problem: `must be ${i + 1} (steps run 1, 2, 3 …)` });
  });
  const last = ladder.length - 1;
  if (ladder[last]?.ifLate === "escalate") {
    issues.push({ path: `${path}[${last}].ifLate`, problem: 'the last step has nowhere to escalate; use "flag"' });
  }
  return issues;
}

/** Every i18n key the playbook mentions, with its path, for the locale checks. */
export function playbookKeys(pb: Playbook): Array<{ path: string; key: string }> {
  const out: Array<{ path: string; key: string }> = [];
  const add = (path: string, key: string) => {
    out.push({ path, key });
  };
  for (const [i, r] of pb.roles.entries()) add(`roles[${i}].label`, r.label);
  for (const [ti, t] of pb.tasks.entries()) {
    add(`tasks[${ti}].title`, t.title);
    for (const [ii, it] of t.items.entries()) {
      add(`tasks[${ti}].items[${ii}].label`, it.label);
      // a number's unit is shown to people too ("12 people" / "12人")
      if (it.kind === "number") add(`tasks[${ti}].items[${ii}].unit`, `checklist:units.${it.unit}`);
      if (it.kind !== "choice") continue;
      for (const [oi, o] of it.options.entries()) add(`tasks[${ti}].items[${ii}].options[${oi}].label`, o.label);
    }
  }
  for (const kind of HANDOVER_KINDS) {
    const def = pb.handovers[kind];
    if (!def) continue;
    add(`handovers.${kind}.title`, def.title);
    for (const [ii, it] of def.items.entries()) add(`handovers.${kind}.items[${ii}].label`, it.label);
  }
  for (const [i, t] of pb.incidents.types.entries()) add(`incidents.types[${i}].label`, t.label);
  for (const [i, c] of pb.complaints.categories.entries()) add(`complaints.categories[${i}].label`, c.label);
  for (const [i, c] of pb.complaints.intakeChannels.entries()) add(`complaints.intakeChannels[${i}].label`, c.label);
  for (const [i, c] of (pb.backOffice?.categories ?? []).entries()) add(`backOffice.categories[${i}].label`, c.label);
  for (const [i, c] of (pb.custody?.items ?? []).entries()) add(`custody.items[${i}].label`, c.label);
  return out;
}

function missingKeys(pb: Playbook, keyExists: KeyExists): ConfigIssue[] {
  return playbookKeys(pb)
    .filter((k) => !keyExists(k.key))
    .map((k) => ({ path: k.path, problem: `locale key "${k.key}" is missing in en or zh-CN` }));
}

export function findTask(pb: Playbook, key: string) {
  return pb.tasks.find((t) => t.key === key);
}
