// A platform-neutral form as an Adaptive Card: one Input.* per field with the client-side
// validation Teams supports (isRequired, errorMessage, regex, min/max), and the server's field
// errors shown back under each input. The submit button carries the form itself (without
// errors) so that a failed submission can be re-rendered without any server-side state.
import type { FormField, FormView } from "../../../views/common.js";
import { type AdaptiveCard, card, executeAction, heading, type Json, L, type RenderCtx, text } from "./common.js";

/** Exact decimals as typed (money is never a float): digits, optional sign, two decimals. */
export const AMOUNT_REGEX = "^-?\\d{1,13}([.,]\\d{1,2})?$";

function labelOf(ctx: RenderCtx, f: FormField): string {
  const base = L(ctx, f.label);
  if (f.kind === "amount" && f.currency) return `${base} (${f.currency})`;
  if (f.kind === "number" && f.unit) return `${base} (${f.unit})`;
  return base;
}

function common(ctx: RenderCtx, f: FormField): Json {
  return {
    id: f.name,
    label: labelOf(ctx, f),
    isRequired: f.required,
    ...(f.required ? { errorMessage: ctx.t("teams:form.required") } : {}),
    ...(f.placeholder ? { placeholder: L(ctx, f.placeholder) } : {}),
  };
}

function rangeMessage(ctx: RenderCtx, f: FormField): string {
  if (f.min !== undefined && f.max !== undefined) return ctx.t("teams:form.range", { min: f.min, max: f.max });
  if (f.min !== undefined) return ctx.t("teams:form.min", { min: f.min });
  if (f.max !== undefined) return ctx.t("teams:form.max", { max: f.max });
  return ctx.t("teams:form.number");
}

function input(ctx: RenderCtx, f: FormField): Json[] {
  const init = f.initial;
  switch (f.kind) {
    case "yesno":
      // Never Input.Toggle: an untouched toggle submits its valueOff, so every yes/no item a
      // person skipped would be recorded as failed. A radio pair with nothing chosen submits
      // nothing for an item left unanswered.
      return [
        {
          type: "Input.ChoiceSet",
          ...common(ctx, f),
          style: "expanded",
          choices: [
            { title: ctx.t("teams:form.yes"), value: "yes" },
            { title: ctx.t("teams:form.no"), value: "no" },
          ],
          ...(init ? { value: init } : {}),
        },
      ];
    case "number":
      return [
        {
          type: "Input.Number",
          ...common(ctx, f),
          ...(f.min !== undefined ? { min: f.min } : {}),
          ...(f.max !== undefined ? { max: f.max } : {}),
          errorMessage: rangeMessage(ctx, f),
          ...(init !== undefined && init !== "" && Number.isFinite(Number(init)) ? { value: Number(init) } : {}),
        },
      ];
    case "amount":
      return [
        {
          type: "Input.Text",
          ...common(ctx, f),
          regex: AMOUNT_REGEX,
          errorMessage: ctx.t("teams:form.amount"),
          ...(init ? { value: init } : {}),
        },
      ];
    case "text":
    case "longtext":
      return [
        {
          type: "Input.Text",
          ...common(ctx, f),
          isMultiline: f.kind === "longtext",
          ...(f.maxLength ? { maxLength: f.maxLength } : {}),
          ...(init ? { value: init } : {}),
        },
      ];
    case "choice":
      return [
        {
          type: "Input.ChoiceSet",
          ...common(ctx, f),
          style: "compact",
          choices: (f.options ?? []).map((o) => ({ title: L(ctx, o.label), value: o.value })),
          ...(init ? { value: init } : {}),
        },
      ];
    case "date":
      return [{ type: "Input.Date", ...common(ctx, f), ...(init ? { value: init } : {}) }];
    case "photo":
      // No file inputs in Teams bot cards: the photo is sent as a reply in the chat.
      return [
        text(labelOf(ctx, f), { weight: "Bolder" }),
        text(ctx.t("teams:form.photo_hint"), { isSubtle: true, spacing: "None" }),
      ];
  }
}

export function formCard(ctx: RenderCtx, v: FormView, cardId: string): AdaptiveCard {
  const errors = v.errors ?? {};
  const body: Json[] = [heading(L(ctx, v.title)), ...(v.intro ?? []).map((l) => text(L(ctx, l)))];
  if (Object.keys(errors).length > 0)
    body.push(text(ctx.t("teams:form.has_errors"), { color: "Attention", weight: "Bolder" }));
  for (const f of v.fields) {
    body.push(...input(ctx, f));
    const err = errors[f.name];
    if (err) body.push(text(L(ctx, err), { color: "Attention", spacing: "None", size: "Small" }));
  }
  for (const [name, err] of Object.entries(errors))
    if (!v.fields.some((f) => f.name === name)) body.push(text(L(ctx, err), { color: "Attention" }));
  // initial values are refilled from the submission itself, so the echo carries none
  const { errors: _drop, ...rest } = v;
  const clean = { ...rest, fields: v.fields.map(({ initial: _i, ...f }) => f) };
  const submit = executeAction(L(ctx, v.submit), {
    action: "form.submit",
    value: v.contextId,
    card: cardId,
    formKey: v.formKey,
    contextId: v.contextId,
    form: clean,
  });
  return card(body, [submit]);
}
