// The playbook's roles and permissions, checked as a whole: every role a task, item, incident
// type, ladder or permission names must be declared in `roles:`, once, with the scope the
// rule needs, and the complaint ladder must not step down in rank.
import type { ConfigIssue } from "./errors.js";
import type { Playbook, RoleDef, RoleScope } from "./playbook-schema.js";

interface RoleRef {
  path: string;
  role: string;
  /** The scope the rule needs, when it needs one. */
  scope?: RoleScope;
}

/** Every place the playbook names a role, with its path. */
function roleRefs(pb: Playbook): RoleRef[] {
  const refs: RoleRef[] = [];
  const list = (path: string, roles: readonly string[], scope?: RoleScope) => {
    roles.forEach((role, i) => {
      refs.push({ path: `${path}[${i}]`, role, ...(scope ? { scope } : {}) });
    });
  };
  pb.tasks.forEach((t, ti) => {
    list(`tasks[${ti}].audience`, t.audience);
    t.items.forEach((it, ii) => {
      if (it.dualControl) refs.push({ path: `tasks[${ti}].items[${ii}].dualControl.role`, role: it.dualControl.role });
    });
  });
  list("incidents.ladder", pb.incidents.ladder);
  pb.incidents.types.forEach((t, i) => {
    list(`incidents.types[${i}].reportTo`, t.reportTo);
  });
  pb.complaints.ladder.forEach((s, i) => {
    refs.push({ path: `complaints.ladder[${i}].role`, role: s.role });
  });
  const p = pb.permissions;
  if (p.tasks.confirm !== "audience") list("permissions.tasks.confirm", p.tasks.confirm);
  list("permissions.tasks.oversee", p.tasks.oversee);
  list("permissions.tasks.remind", p.tasks.remind);
  p.tasks.escalateTo.forEach((tier, i) => {
    list(`permissions.tasks.escalateTo[${i}]`, tier);
  });
  for (const action of ["acknowledge", "update", "resolve", "close"] as const) {
    list(`permissions.incidents.${action}`, p.incidents[action]);
  }
  list("permissions.complaints.close", p.complaints.close);
  if (p.followUps) list("permissions.followUps.close", p.followUps.close);
  if (pb.digests.daily) list("digests.daily.to", pb.digests.daily.to, "outlet");
  if (pb.digests.weekly) list("digests.weekly.to", pb.digests.weekly.to, "region");
  if (p.roster) {
    list("permissions.roster.manage", p.roster.manage, "outlet");
    list("permissions.roster.delegate", p.roster.delegate, "outlet");
  }
  if (p.rotation) {
    list("permissions.rotation.view", p.rotation.view, "outlet");
    list("permissions.rotation.remindTo", p.rotation.remindTo, "outlet");
  }
  if (p.custody) {
    list("permissions.custody.keep", p.custody.keep, "outlet");
    list("permissions.custody.count", p.custody.count);
    list("permissions.custody.spotCheck", p.custody.spotCheck);
  }
  if (p.circulars) list("permissions.circulars.send", p.circulars.send);
  pb.backOffice?.ladder.forEach((s, i) => {
    refs.push({ path: `backOffice.ladder[${i}].role`, role: s.role });
  });
  if (p.backOffice) {
    list("permissions.backOffice.issue", p.backOffice.issue);
    list("permissions.backOffice.accept", p.backOffice.accept);
    list("permissions.backOffice.reply", p.backOffice.reply, "outlet");
  }
  if (p.handovers) {
    list("permissions.handovers.give", p.handovers.give, "outlet");
    list("permissions.handovers.receive", p.handovers.receive, "outlet");
  }
  list("permissions.summaries.outlet", p.summaries.outlet, "outlet");
  list("permissions.summaries.region", p.summaries.region, "region");
  return refs;
}

export function roleIssues(pb: Playbook): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const declared = new Map<string, RoleDef>();
  pb.roles.forEach((r, i) => {
    if (declared.has(r.key)) issues.push({ path: `roles[${i}].key`, problem: `duplicate key "${r.key}"` });
    else declared.set(r.key, r);
  });
  const known = [...declared.keys()].join(", ");
  for (const ref of roleRefs(pb)) {
    const def = declared.get(ref.role);
    if (!def) issues.push({ path: ref.path, problem: `unknown role "${ref.role}" (roles: ${known})` });
    else if (ref.scope && def.scope !== ref.scope)
      issues.push({
        path: ref.path,
        problem: `role "${ref.role}" has scope ${def.scope}; this list needs ${ref.scope}`,
      });
  }
  // a ladder that climbs to a lower rank would hand a complaint to someone the previous step outranks
  let prev: { rank: number; role: string } | undefined;
  pb.complaints.ladder.forEach((s, i) => {
    const rank = declared.get(s.role)?.rank;
    if (rank === undefined) return;
    if (prev && rank < prev.rank)
      issues.push({
        path: `complaints.ladder[${i}].role`,
        problem: `"${s.role}" (rank ${rank}) ranks below the previous step's "${prev.role}" (rank ${prev.rank})`,
      });
    prev = { rank, role: s.role };
  });
  if (pb.permissions.complaints.decide.ranksAbove > 0 && ![...declared.values()].some((r) => r.rank !== undefined)) {
    issues.push({
      path: "permissions.complaints.decide.ranksAbove",
      problem: "no role has a rank, so no role can be above a step's role",
    });
  }
  return issues;
}

/** The declared role keys and their scopes, which the org file is checked against. */
export type RoleSet = ReadonlyMap<string, RoleScope>;

export function roleSet(pb: Pick<Playbook, "roles">): RoleSet {
  return new Map(pb.roles.map((r) => [r.key, r.scope]));
}
