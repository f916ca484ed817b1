// A checklist form shows what is already recorded as each field's initial value, so a
// submission repeats it. Sending those values again would make the service read them as new
// answers: the first confirmer "confirming" their own dual-control item again is refused
// (same person), and a teller's form would try to second a supervisor's item. So a field left
// as it was shown is dropped, except where it is this person's second confirmation: an item
// awaiting a second confirmer whom this person may be (someone else confirmed it, and they
// hold the item's dual-control role). Agreeing with the shown value is then the check.
import type { ChecklistFormCtx } from "../forms/index.js";
import { canSecondConfirm } from "../permissions/index.js";
import type { Req } from "./request.js";
import type { CoreServices } from "./services.js";

export async function untouchedDropped(
  s: CoreServices,
  req: Req,
  ctx: ChecklistFormCtx,
  values: Record<string, string>,
): Promise<Record<string, string>> {
  const initial = new Map(
    s.forms.checklist
      .fields(ctx)
      .filter((f) => f.initial !== undefined)
      .map((f) => [f.name, f.initial as string]),
  );
  const loaded = await s.checklist.load(s.db, ctx.occurrenceId);
  if (!loaded) return values;
  const roles = await s.directory.rolesAt(req.staff.id, loaded.occ.outletId);
  const out: Record<string, string> = {};
  for (const [itemKey, raw] of Object.entries(values)) {
    const shown = initial.get(itemKey);
    if (shown === undefined || raw.trim() !== shown.trim()) {
      out[itemKey] = raw;
      continue;
    }
    const stored = loaded.occ.results.find((r) => r.itemKey === itemKey);
    const item = loaded.task.items.find((i) => i.key === itemKey);
    const mayBeSecond =
      stored?.status === "awaiting_second" &&
      stored.confirmedById !== req.staff.id &&
      item !== undefined &&
      canSecondConfirm(item, roles);
    if (mayBeSecond) out[itemKey] = raw;
  }
  return out;
}
