// Who confirms, seconds, oversees and reminds tasks, and who hears when one is overdue.
import type { Item, Role, Task } from "../config/playbook-schema.js";
import { holdsAny, type Policy } from "./policy.js";

/** May confirm every task of an outlet where they hold the role (and see it in "my day"). */
export function canOverseeTasks(policy: Policy, held: readonly Role[]): boolean {
  return holdsAny(held, policy.permissions.tasks.oversee);
}

/** May confirm the task's items: its confirmers (its audience by default) or an overseer. */
export function canConfirmTask(policy: Policy, task: Pick<Task, "audience">, held: readonly Role[]): boolean {
  const confirm = policy.permissions.tasks.confirm;
  const confirmers = confirm === "audience" ? task.audience : confirm;
  return holdsAny(held, confirmers) || canOverseeTasks(policy, held);
}

/** Dual control: the item names the role whose holder (a different person) seconds it. */
export function canSecondConfirm(item: Pick<Item, "dualControl">, held: readonly Role[]): boolean {
  return item.dualControl !== undefined && held.includes(item.dualControl.role);
}

/** May second at least one item of the task. */
export function canSecondAnyItem(task: Pick<Task, "items">, held: readonly Role[]): boolean {
  return task.items.some((i) => canSecondConfirm(i, held));
}

/** May send a reminder by hand ("remind <task>"). */
export function canRemind(policy: Policy, held: readonly Role[]): boolean {
  return holdsAny(held, policy.permissions.tasks.remind);
}

/** The escalation tiers of an overdue or missed task: the first tier held by anyone at the outlet hears. */
export function escalationTiers(policy: Policy): ReadonlyArray<readonly Role[]> {
  return policy.permissions.tasks.escalateTo;
}
