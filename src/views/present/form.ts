// A form as a person reads it, before either edge lays it out as a Slack modal or an Adaptive
// Card: the title, the intro lines, and per field its label, the hint (unit, currency, range,
// when it applies) and whether the client may insist on it. A field shown only for some
// choices of another (showIf) is never client-required on either platform: the server checks
// it for exactly the choices that need it and names it in the hint, so Slack and Teams ask
// the same thing the same way.
import type { FormField, FormView } from "../common.js";
import { joined, L, type P } from "./context.js";

export interface FormDocField {
  name: string;
  kind: FormField["kind"];
  label: string;
  hint?: string;
  /** The client may refuse to submit without it. */
  required: boolean;
  options: Array<{ value: string; label: string }>;
  min?: number;
  max?: number;
  maxLength?: number;
  initial?: string;
  placeholder?: string;
  error?: string;
}

export interface FormDoc {
  formKey: string;
  contextId: string;
  title: string;
  submit: string;
  cancel: string;
  intro: string[];
  fields: FormDocField[];
  /** Errors the server found, shown above the fields when there are any. */
  errorSummary?: string;
  /** Errors for no field in particular. */
  otherErrors: string[];
}

/** "required if <field> is <values>" (or "only if"), the values named by the other field's options. */
function conditionText(p: P, form: FormView, cond: { field: string; in: string[] }, required: boolean): string {
  const other = form.fields.find((x) => x.name === cond.field);
  const values = cond.in
    .map((v) => other?.options?.find((o) => o.value === v))
    .map((o, i) => (o ? L(p, o.label) : (cond.in[i] ?? "")));
  const vars = { field: other ? L(p, other.label) : cond.field, values: values.join(p.t("cards:common.list_sep")) };
  return required ? p.t("cards:form.required_if", vars) : p.t("cards:form.only_if", vars);
}

function condition(p: P, f: FormField, form: FormView): string | undefined {
  // a conditional requirement says when it is required; otherwise the showIf says when it applies
  if (f.requiredIf && f.requiredIf.length > 0)
    return joined(
      p,
      f.requiredIf.map((c) => conditionText(p, form, c, true)),
    );
  return f.showIf ? conditionText(p, form, f.showIf, f.required) : undefined;
}

function hint(p: P, f: FormField, form: FormView): string | undefined {
  const parts = [
    f.kind === "number" && f.unit ? p.t("cards:form.unit", { unit: p.t(`checklist:units.${f.unit}`) }) : undefined,
    f.currency ? p.t("cards:form.currency", { currency: f.currency }) : undefined,
    f.min !== undefined && f.max !== undefined ? p.t("cards:form.range", { min: f.min, max: f.max }) : undefined,
    condition(p, f, form),
  ];
  const h = joined(p, parts);
  return h || undefined;
}

export function presentForm(p: P, v: FormView): FormDoc {
  const errors = v.errors ?? {};
  const fields = v.fields.map((f): FormDocField => {
    const out: FormDocField = {
      name: f.name,
      kind: f.kind,
      label: L(p, f.label),
      required: f.required && f.showIf === undefined && f.requiredIf === undefined && f.kind !== "photo",
      options: (f.options ?? []).map((o) => ({ value: o.value, label: L(p, o.label) })),
    };
    const h = hint(p, f, v);
    if (h) out.hint = h;
    if (f.min !== undefined) out.min = f.min;
    if (f.max !== undefined) out.max = f.max;
    if (f.maxLength !== undefined) out.maxLength = f.maxLength;
    if (f.initial !== undefined) out.initial = f.initial;
    if (f.placeholder) out.placeholder = L(p, f.placeholder);
    const err = errors[f.name];
    if (err) out.error = L(p, err);
    return out;
  });
  const doc: FormDoc = {
    formKey: v.formKey,
    contextId: v.contextId,
    title: L(p, v.title),
    submit: L(p, v.submit),
    cancel: p.t("cards:form.cancel"),
    intro: (v.intro ?? []).map((l) => L(p, l)),
    fields,
    otherErrors: Object.entries(errors)
      .filter(([name]) => !v.fields.some((f) => f.name === name))
      .map(([, e]) => L(p, e)),
  };
  if (Object.keys(errors).length > 0) doc.errorSummary = p.t("cards:form.has_errors");
  return doc;
}

/** A form sent as a message (where a modal cannot open): its questions as numbered lines. */
export function formAsLines(p: P, doc: FormDoc): string[] {
  return [
    ...doc.intro,
    ...doc.fields.map((f, i) =>
      joined(p, [
        p.t("cards:item.plain", { number: i + 1, label: f.label }),
        !f.required && p.t("cards:common.optional"),
      ]),
    ),
  ];
}
