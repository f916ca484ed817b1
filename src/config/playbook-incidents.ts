// Cross-checks of the playbook's incident rules that zod cannot express: conditions that point
// at fields the type asks for, values those fields can take, amount thresholds that climb, and
// cash-limit items only where the playbook sets a limit. Each problem names its path in the file.
import type { ConfigIssue } from "./errors.js";
import { INCIDENT_FIELD_VALUES, type IncidentType, type Playbook, SEVERITIES } from "./playbook-schema.js";

function requiredIfIssues(t: IncidentType, at: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  t.requiredIf.forEach((r, i) => {
    const path = `${at}.requiredIf[${i}]`;
    if (r.field === r.when) issues.push({ path: `${path}.when`, problem: "a field cannot depend on itself" });
    if (t.requires.includes(r.field))
      issues.push({ path: `${path}.field`, problem: `"${r.field}" is already in requires (always required)` });
    if (!t.requires.includes(r.when))
      issues.push({ path: `${path}.when`, problem: `"${r.when}" must be in requires, or it is never asked` });
    const allowed = INCIDENT_FIELD_VALUES[r.when];
    const values = r.in ?? (r.equals !== undefined ? [r.equals] : []);
    values.forEach((v, vi) => {
      if (allowed && !allowed.includes(v)) {
        issues.push({
          path: r.in ? `${path}.in[${vi}]` : `${path}.equals`,
          problem: `"${v}" is not a value of ${r.when} (${allowed.join(", ")})`,
        });
      }
    });
  });
  return issues;
}

function severityByAmountIssues(t: IncidentType, at: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (t.severityByAmount.length === 0) return issues;
  const asksAmount = t.requires.includes("amount") || t.requiredIf.some((r) => r.field === "amount");
  if (!asksAmount)
    issues.push({ path: `${at}.severityByAmount`, problem: "the type never asks for an amount (requires/requiredIf)" });
  t.severityByAmount.forEach((s, i) => {
    const prev = t.severityByAmount[i - 1];
    if (!prev) return;
    if (s.atLeast <= prev.atLeast)
      issues.push({ path: `${at}.severityByAmount[${i}].atLeast`, problem: `must be more than ${prev.atLeast}` });
    // SEVERITIES run most severe first: a larger amount must not be less severe
    if (SEVERITIES.indexOf(s.severity) > SEVERITIES.indexOf(prev.severity))
      issues.push({
        path: `${at}.severityByAmount[${i}].severity`,
        problem: `must not be less severe than "${prev.severity}" for a smaller amount`,
      });
  });
  return issues;
}

export function incidentRuleIssues(pb: Playbook): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  pb.incidents.types.forEach((t, i) => {
    issues.push(...requiredIfIssues(t, `incidents.types[${i}]`), ...severityByAmountIssues(t, `incidents.types[${i}]`));
  });
  const limit = pb.incidents.cashLimit;
  pb.tasks.forEach((task, ti) => {
    task.items.forEach((item, ii) => {
      if ((item.onFail ?? task.onFail) === "followUp" && !(item.followUpWithin ?? task.followUpWithin)) {
        issues.push({
          path: `tasks[${ti}].items[${ii}].followUpWithin`,
          problem: "needed when onFail is followUp (here or on the task): the follow-up's due time",
        });
      }
      if (item.kind === "amount" && item.cashLimit && !limit) {
        issues.push({
          path: `tasks[${ti}].items[${ii}].cashLimit`,
          problem: "needs incidents.cashLimit (the limit amount)",
        });
      }
    });
  });
  return issues;
}
