// A form as an Adaptive Card, laid out from the neutral FormDoc (src/views/present/form.ts), so
// its labels, hints and which fields are required are the same as in the Slack modal. One
// Input.* per field with the client-side validation Teams supports (isRequired, errorMessage,
// regex, min/max), the server's field errors shown back under each input. The submit button
// carries the form itself (without errors or initial values) so that a failed submission can
// be re-rendered without any server-side state.
import type { FormView } from "../../../views/common.js";
import { type FormDoc, type FormDocField, presentForm } from "../../../views/present/index.js";
import { type AdaptiveCard, card, executeAction, type Json, type RenderCtx } from "./common.js";
import { para, rich, run, title } from "./rich.js";

/** Exact decimals as typed (money is never a float): digits, optional sign, two decimals. */
export const AMOUNT_REGEX = "^-?\\d{1,13}([.,]\\d{1,2})?$";

function common(ctx: RenderCtx, f: FormDocField): Json {
  return {
    id: f.name,
    label: f.label,
    isRequired: f.required,
    ...(f.required ? { errorMessage: ctx.t("teams:form.required") } : {}),
    ...(f.placeholder ? { placeholder: f.placeholder } : {}),
  };
}

function rangeMessage(ctx: RenderCtx, f: FormDocField): string {
  if (f.min !== undefined && f.max !== undefined) return ctx.t("teams:form.range", { min: f.min, max: f.max });
  if (f.min !== undefined) return ctx.t("teams:form.min", { min: f.min });
  if (f.max !== undefined) return ctx.t("teams:form.max", { max: f.max });
  return ctx.t("teams:form.number");
}

function input(ctx: RenderCtx, f: FormDocField): Json {
  const init = f.initial;
  const value = init ? { value: init } : {};
  switch (f.kind) {
    case "yesno":
      // Never Input.Toggle: an untouched toggle submits its valueOff, so every yes/no item a
      // person skipped would be recorded as failed. A radio pair with nothing chosen submits
      // nothing for an item left unanswered.
      return {
        type: "Input.ChoiceSet",
        ...common(ctx, f),
        style: "expanded",
        choices: [
          { title: ctx.t("cards:form.yes"), value: "yes" },
          { title: ctx.t("cards:form.no"), value: "no" },
        ],
        ...value,
      };
    case "number":
      return {
        type: "Input.Number",
        ...common(ctx, f),
        ...(f.min !== undefined ? { min: f.min } : {}),
        ...(f.max !== undefined ? { max: f.max } : {}),
        errorMessage: rangeMessage(ctx, f),
        ...(init !== undefined && init !== "" && Number.isFinite(Number(init)) ? { value: Number(init) } : {}),
      };
    case "amount":
      return {
        type: "Input.Text",
        ...common(ctx, f),
        regex: AMOUNT_REGEX,
        errorMessage: ctx.t("teams:form.amount"),
        ...value,
      };
    case "choice":
      return {
        type: "Input.ChoiceSet",
        ...common(ctx, f),
        style: "compact",
        choices: f.options.map((o) => ({ title: o.label, value: o.value })),
        ...value,
      };
    case "date":
      return { type: "Input.Date", ...common(ctx, f), ...value };
    default:
      // text, longtext (photo never gets here)
      return {
        type: "Input.Text",
        ...common(ctx, f),
        isMultiline: f.kind === "longtext",
        ...(f.maxLength ? { maxLength: f.maxLength } : {}),
        ...value,
      };
  }
}

const attention = (text: string, opts: Json = {}) => para(text, { tone: "attention" }, opts);

function field(ctx: RenderCtx, f: FormDocField): Json[] {
  const hint = f.hint ? [para(f.hint, { subtle: true, size: "Small" }, { spacing: "None" })] : [];
  const error = f.error ? [attention(f.error, { spacing: "None" })] : [];
  if (f.kind === "photo")
    // No file inputs in Teams bot cards: the photo is sent as a reply in the chat.
    return [
      rich([run(f.label, { bold: true })]),
      para(ctx.t("teams:form.photo_hint"), { subtle: true, size: "Small" }, { spacing: "None" }),
      ...hint,
      ...error,
    ];
  return [input(ctx, f), ...error, ...hint];
}

function body(ctx: RenderCtx, doc: FormDoc): Json[] {
  const out: Json[] = [title(doc.title), ...doc.intro.map((l) => para(l))];
  if (doc.errorSummary) out.push(para(doc.errorSummary, { tone: "attention", bold: true }));
  for (const line of doc.otherErrors) out.push(attention(line));
  for (const f of doc.fields) out.push(...field(ctx, f));
  return out;
}

export function formCard(ctx: RenderCtx, v: FormView, cardId: string): AdaptiveCard {
  const doc = presentForm(ctx, v);
  // initial values are refilled from the submission itself, so the echo carries none
  const { errors: _drop, ...rest } = v;
  const clean = { ...rest, fields: v.fields.map(({ initial: _i, ...f }) => f) };
  const ids = { formKey: v.formKey, contextId: v.contextId };
  const submit = executeAction(doc.submit, {
    action: "form.submit",
    value: v.contextId,
    card: cardId,
    ...ids,
    form: clean,
  });
  const cancel = executeAction(
    doc.cancel,
    { action: "form.cancel", value: doc.contextId, ...ids, card: cardId },
    { associatedInputs: "none" },
  );
  return card(body(ctx, doc), [submit, cancel]);
}
