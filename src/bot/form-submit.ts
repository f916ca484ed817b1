// A modal / card submission: the session (contextId) tells which form and context it was;
// the form's own checks give field errors; a valid submission goes to the service, and the
// session is closed inside the service's own transaction (withClaim), so a double click or a
// retry after a crash stores it exactly once. Field errors the service finds reopen the
// session, so the same form can be corrected and sent again.
//
// A form whose session has expired (30 min untouched) or was already submitted is answered
// ok:true with a private text saying so and that nothing was saved: the modal closes rather
// than showing an error the person cannot fix by editing it.
import type { FormState } from "../forms/engine.js";
import type { RawValues } from "../forms/types.js";
import { formSessionById } from "../queries/index.js";
import type { FieldErrors, FormField } from "../views/common.js";
import { type AnyForm, isFormKey } from "./bot-forms.js";
import type { FormSubmission, SubmitResult } from "./contract.js";
import { tell } from "./replies.js";
import type { Req } from "./request.js";
import type { CoreServices } from "./services.js";
import { applyClaimed } from "./submit-handlers.js";

export async function submitForm(s: CoreServices, req: Req, form: FormSubmission): Promise<SubmitResult> {
  const row = await formSessionById(s.db, form.contextId);
  const key = form.formKey;
  if (!row || !isFormKey(key) || row.staffId !== req.staff.id || row.formKey !== key) {
    return { ok: true, replies: [tell(req, { key: "bot:errors.form_expired" })] };
  }
  if (row.status === "done") return { ok: true, replies: [tell(req, { key: "bot:errors.form_already_submitted" })] };
  const def = s.forms[key] as unknown as AnyForm;
  const state = JSON.parse(row.state) as FormState<unknown>;
  const out = await s.formEngine.submitSession(def, row.id, req.staff.id, rawValues(form.values));
  if (!out.ok) {
    if ("expired" in out) return { ok: true, replies: [tell(req, { key: "bot:errors.form_expired" })] };
    return { ok: false, errors: out.errors, locale: req.locale };
  }
  const claimed = await applyClaimed(s, req, key, out.value, state.ctx, out.session);
  if (!claimed) return { ok: true, replies: [tell(req, { key: "bot:errors.form_already_submitted" })] };
  const applied = claimed;
  if (applied.ok) return { ok: true, replies: applied.replies };
  await s.formStore.open(
    { staffId: row.staffId, formKey: row.formKey, contextKey: row.contextKey, platform: row.platform },
    state,
  );
  return { ok: false, errors: onFields(applied.errors, def.fields(state.ctx)), locale: req.locale };
}

/** Multi-selects arrive as arrays; every form field here takes one value. */
function rawValues(values: FormSubmission["values"]): RawValues {
  const out: RawValues = {};
  for (const [k, v] of Object.entries(values)) out[k] = Array.isArray(v) ? v.join(",") : v;
  return out;
}

/** An error the service keyed by something that is not a field goes on the first field. */
function onFields(errors: FieldErrors, fields: FormField[]): FieldErrors {
  const names = new Set(fields.map((f) => f.name));
  const first = fields[0]?.name ?? "_";
  const out: FieldErrors = {};
  for (const [k, e] of Object.entries(errors)) {
    const at = names.has(k) ? k : first;
    if (!out[at]) out[at] = e;
  }
  return out;
}
