// Runs a declared form in either mode. Modal/card: start() returns a FormView and submit()
// validates everything at once. Text: one field at a time in a thread or DM, re-asking on a
// bad answer, "skip" for optional fields, "cancel" to stop. State lives in FormSession rows.
import type { z } from "zod";
import type { LabelLookup } from "../domain/checklist-values.js";
import { CANCEL, isOneOf, SKIP } from "../domain/reply-grammar-words.js";
import type { FieldErrors, FormField, FormView, Localised, TextView } from "../views/common.js";
import { checkField } from "./field-check.js";
import type { FormSessionStore, SessionRow } from "./session-store.js";
import { type FormDefinition, isRequired, isShown, type RawValues, type SubmitOutcome } from "./types.js";

export interface SessionKey {
  staffId: string;
  /** Where the form runs: a thread, a DM, a modal; one live session per staff + form + context. */
  contextKey: string;
  platform: string;
}

export interface FormState<C> {
  ctx: C;
  values: Record<string, string>;
  current: string | null;
}

export type FormStep<T> =
  | { kind: "ask"; sessionId: string; field: string; view: TextView }
  /** Complete and valid; the session is still open until the caller claims it with its write. */
  | { kind: "done"; sessionId: string; version: number; value: T }
  | { kind: "cancelled"; view: TextView }
  | { kind: "expired"; view: TextView };

/** zod issues → field errors; a message that is not an i18n key becomes a generic one. */
export function errorsFrom(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "_");
    if (out[field]) continue;
    const params =
      issue.code === "too_big"
        ? { max: Number(issue.maximum) }
        : (issue as { params?: Record<string, string | number> }).params;
    out[field] = /^[a-z]+:[\w.]+$/.test(issue.message)
      ? { key: issue.message, ...(params ? { vars: params } : {}) }
      : { key: "forms:errors.invalid" };
  }
  return out;
}

/** Only the fields shown, with skipped/blank answers dropped. */
function visibleValues(fields: FormField[], values: RawValues): RawValues {
  const out: RawValues = {};
  for (const f of fields) {
    const v = values[f.name];
    if (isShown(f, values) && v !== undefined && v.trim() !== "") out[f.name] = v;
  }
  return out;
}

export class FormEngine {
  constructor(
    private readonly store: FormSessionStore,
    private readonly labels: LabelLookup,
  ) {}

  /** Validates a whole submission (modal or card). Pure: no session needed. */
  submit<C, T>(def: FormDefinition<C, T>, ctx: C, values: RawValues): SubmitOutcome<T> {
    const parsed = def.schema(ctx).safeParse(visibleValues(def.fields(ctx), values));
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: errorsFrom(parsed.error) };
  }

  /** Opens a modal/card form; the view's contextId is the session id the submission echoes. */
  async startView<C, T>(def: FormDefinition<C, T>, ctx: C, key: SessionKey): Promise<FormView> {
    const row = await this.store.open<FormState<C>>({ ...key, formKey: def.key }, { ctx, values: {}, current: null });
    return this.view(def, ctx, row.id);
  }

  view<C, T>(def: FormDefinition<C, T>, ctx: C, contextId: string, errors?: FieldErrors): FormView {
    const view: FormView = {
      type: "form",
      formKey: def.key,
      contextId,
      title: def.title(ctx),
      submit: def.submit,
      fields: def.fields(ctx),
    };
    const intro = def.intro?.(ctx);
    if (intro && intro.length > 0) view.intro = intro;
    if (errors) view.errors = errors;
    return view;
  }

  /**
   * Validates a submission of the session's form. It does not close the session: the caller
   * closes it (claimSession) in the same transaction as the record the submission creates.
   */
  async submitSession<C, T>(def: FormDefinition<C, T>, sessionId: string, staffId: string, values: RawValues) {
    const row = await this.store.byId<FormState<C>>(sessionId);
    if (!row || row.staffId !== staffId || row.formKey !== def.key)
      return { ok: false as const, expired: true as const };
    const out = this.submit(def, row.state.ctx, values);
    if (!out.ok) return out;
    return { ...out, session: { id: row.id, version: row.version } };
  }

  /** Starts a form in text mode and asks the first question. */
  async startText<C, T>(def: FormDefinition<C, T>, ctx: C, key: SessionKey): Promise<FormStep<T>> {
    const values: Record<string, string> = {};
    for (const f of def.fields(ctx)) if (f.initial !== undefined) values[f.name] = f.initial;
    const row = await this.store.open<FormState<C>>({ ...key, formKey: def.key }, { ctx, values, current: null });
    return this.advance(def, row, row.state);
  }

  /** Takes one text answer for the session's current question. */
  async answer<C, T>(def: FormDefinition<C, T>, key: SessionKey, text: string): Promise<FormStep<T>> {
    const row = await this.store.find<FormState<C>>(key.staffId, def.key, key.contextKey);
    if (!row) return { kind: "expired", view: { type: "text", message: { key: "forms:expired" } } };
    if (isOneOf(text, CANCEL)) {
      await this.store.close(row, "cancelled");
      return { kind: "cancelled", view: { type: "text", message: { key: "forms:cancelled" } } };
    }
    const fields = def.fields(row.state.ctx);
    const field = fields.find((f) => f.name === row.state.current);
    if (!field) return this.advance(def, row, row.state);
    const values = { ...row.state.values };
    if (isOneOf(text, SKIP)) {
      if (isRequired(field, row.state.values)) return this.ask<C, T>(row, field, { key: "forms:errors.cannot_skip" });
      values[field.name] = "";
    } else {
      const checked = checkField(field, text, this.labels);
      if (!checked.ok) return this.ask<C, T>(row, field, checked.error);
      values[field.name] = checked.value;
    }
    return this.advance(def, row, { ...row.state, values });
  }

  private async advance<C, T>(
    def: FormDefinition<C, T>,
    row: SessionRow<FormState<C>>,
    state: FormState<C>,
  ): Promise<FormStep<T>> {
    const fields = def.fields(state.ctx);
    const next = fields.find((f) => isShown(f, state.values) && state.values[f.name] === undefined);
    if (next) return this.persistAndAsk<C, T>(row, { ...state, current: next.name }, next);
    const out = this.submit(def, state.ctx, state.values);
    if (out.ok) {
      // keep the last answer, so a retry after a crash finds the form complete
      if (!(await this.store.save(row, state)))
        return { kind: "expired" as const, view: { type: "text" as const, message: { key: "forms:expired" } } };
      return { kind: "done" as const, sessionId: row.id, version: row.version + 1, value: out.value };
    }
    // the schema found a problem the per-field check could not: ask that field again
    const [name, error] = Object.entries(out.errors)[0] as [string, Localised];
    const field = fields.find((f) => f.name === name) ?? (fields[0] as FormField);
    const values = { ...state.values };
    delete values[field.name];
    return this.persistAndAsk<C, T>(row, { ...state, values, current: field.name }, field, error);
  }

  private async persistAndAsk<C, T>(
    row: SessionRow<FormState<C>>,
    state: FormState<C>,
    field: FormField,
    error?: Localised,
  ): Promise<FormStep<T>> {
    if (!(await this.store.save(row, state)))
      return { kind: "expired", view: { type: "text", message: { key: "forms:expired" } } };
    return this.ask<C, T>({ ...row, version: row.version + 1 }, field, error, state.values);
  }

  private ask<C, T>(
    row: SessionRow<FormState<C>>,
    field: FormField,
    error?: Localised,
    values: RawValues = row.state.values,
  ): FormStep<T> {
    return { kind: "ask", sessionId: row.id, field: field.name, view: questionView(field, error, values) };
  }
}

/** A field as a question in a thread: its label, what to type, the options, any error. */
export function questionView(field: FormField, error?: Localised, values: RawValues = {}): TextView {
  const lines: Localised[] = [];
  if (error) lines.push(error);
  lines.push({ key: `forms:hint.${field.kind}`, vars: { unit: field.unit ?? "", currency: field.currency ?? "" } });
  (field.options ?? []).forEach((o, i) => {
    // an option's own vars (a person's name in "handover:form.person") reach its nested label
    lines.push({ key: "forms:hint.option", vars: { ...o.label.vars, n: i + 1, label: o.label.key } });
  });
  if (!isRequired(field, values)) lines.push({ key: "forms:hint.optional" });
  lines.push({ key: "forms:hint.cancel" });
  return { type: "text", message: field.label, lines };
}
