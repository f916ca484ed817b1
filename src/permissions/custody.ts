// Who handles seals and important blank vouchers (印章/重要空白凭证). keep (receive, issue, take
// back, void) and count (盘点) default to the roles that see an outlet's summary; the vault spot
// check (查库) defaults to those and the region roles above them.
import type { Role } from "../config/playbook-schema.js";
import { holdsAny, type Policy } from "./policy.js";

/** May receive items into the vault, issue them, take them back and void any holder's. */
export function canKeepCustody(policy: Policy, held: readonly Role[]): boolean {
  const p = policy.permissions;
  return holdsAny(held, p.custody?.keep ?? p.summaries.outlet);
}

/** May record a periodic stock count (盘点). */
export function canCountCustody(policy: Policy, held: readonly Role[]): boolean {
  const p = policy.permissions;
  return holdsAny(held, p.custody?.count ?? p.summaries.outlet);
}

/** May record the vault spot check (查库). */
export function canSpotCheckCustody(policy: Policy, held: readonly Role[]): boolean {
  const p = policy.permissions;
  return holdsAny(held, p.custody?.spotCheck ?? [...p.summaries.outlet, ...p.summaries.region]);
}

/** May list the outlet's balances: whoever keeps, counts or spot-checks them. */
export function canViewCustody(policy: Policy, held: readonly Role[]): boolean {
  return canKeepCustody(policy, held) || canCountCustody(policy, held) || canSpotCheckCustody(policy, held);
}
