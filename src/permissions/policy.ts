// The part of the playbook authority is read from: its roles (scope, rank) and its
// `permissions:` section. Functions here take it as an argument, so a test (or a bank) that
// changes a rule changes it only in the playbook file.
import type { Playbook, Role } from "../config/playbook-schema.js";

export type Policy = Pick<Playbook, "roles" | "permissions">;

/** True when `held` contains any of `allowed`. */
export function holdsAny(held: readonly Role[], allowed: readonly Role[]): boolean {
  return held.some((r) => allowed.includes(r));
}

export function rankOf(policy: Policy, role: Role): number | undefined {
  return policy.roles.find((r) => r.key === role)?.rank;
}
