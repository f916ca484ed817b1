// A FormView as a Slack modal. Each field is an input block whose block_id is the field name,
// so values and `response_action: errors` map one-to-one onto form fields. Conditional fields
// (showIf) cannot hide themselves in a modal without a round trip, so they are shown as
// optional with a hint naming the condition; the core validates the combination on submit.
import type { FormField, FormView } from "../../../views/common.js";
import type { Block, InputBlock, ModalView, PlainTextOption } from "./block-types.js";
import { context, esc, md, plain, type RenderCtx, section, tr } from "./kit.js";
import { LIMITS, truncate } from "./limits.js";

/** Every input's element uses this action_id; the block_id (field name) identifies the field. */
export const FIELD_ACTION_ID = "value";

function option(value: string, label: string): PlainTextOption {
  return { text: plain(label, LIMITS.optionText), value: truncate(value, LIMITS.optionValue) };
}

function element(ctx: RenderCtx, f: FormField): InputBlock["element"] {
  const placeholder = f.placeholder ? plain(tr(ctx, f.placeholder), LIMITS.placeholder) : undefined;
  switch (f.kind) {
    case "yesno": {
      const options = [option("yes", ctx.t("slack:form.yes")), option("no", ctx.t("slack:form.no"))];
      const initial = options.find((o) => o.value === f.initial);
      return {
        type: "radio_buttons",
        action_id: FIELD_ACTION_ID,
        options,
        ...(initial ? { initial_option: initial } : {}),
      };
    }
    case "choice": {
      const options = (f.options ?? []).slice(0, LIMITS.options).map((o) => option(o.value, tr(ctx, o.label)));
      const initial = options.find((o) => o.value === f.initial);
      return {
        type: "static_select",
        action_id: FIELD_ACTION_ID,
        options,
        ...(placeholder ? { placeholder } : {}),
        ...(initial ? { initial_option: initial } : {}),
      };
    }
    case "number":
      return {
        type: "number_input",
        action_id: FIELD_ACTION_ID,
        is_decimal_allowed: true,
        ...(f.min !== undefined ? { min_value: String(f.min) } : {}),
        ...(f.max !== undefined ? { max_value: String(f.max) } : {}),
        ...(f.initial ? { initial_value: f.initial } : {}),
        ...(placeholder ? { placeholder } : {}),
      };
    case "date":
      return {
        type: "datepicker",
        action_id: FIELD_ACTION_ID,
        ...(f.initial ? { initial_date: f.initial } : {}),
        ...(placeholder ? { placeholder } : {}),
      };
    case "photo":
      return {
        type: "file_input",
        action_id: FIELD_ACTION_ID,
        filetypes: ["jpg", "jpeg", "png", "heic"],
        max_files: 1,
      };
    default:
      // text, longtext and amount: amounts stay text so exact decimals never pass through a float.
      return {
        type: "plain_text_input",
        action_id: FIELD_ACTION_ID,
        multiline: f.kind === "longtext",
        max_length: Math.min(f.maxLength ?? LIMITS.inputMaxLength, LIMITS.inputMaxLength),
        ...(f.initial ? { initial_value: truncate(f.initial, LIMITS.inputMaxLength) } : {}),
        ...(placeholder ? { placeholder } : {}),
      };
  }
}

function hint(ctx: RenderCtx, f: FormField, form: FormView): string | undefined {
  const parts: string[] = [];
  if (f.unit) parts.push(ctx.t("slack:form.unit", { unit: f.unit }));
  if (f.currency) parts.push(ctx.t("slack:form.currency", { currency: f.currency }));
  if (f.min !== undefined && f.max !== undefined) parts.push(ctx.t("slack:form.range", { min: f.min, max: f.max }));
  if (f.showIf) {
    const other = form.fields.find((x) => x.name === f.showIf?.field);
    parts.push(ctx.t("slack:form.show_if", { field: other ? tr(ctx, other.label) : f.showIf.field }));
  }
  return parts.length > 0 ? parts.join(" · ") : undefined;
}

function inputBlock(ctx: RenderCtx, f: FormField, form: FormView): InputBlock {
  const h = hint(ctx, f, form);
  return {
    type: "input",
    block_id: truncate(f.name, LIMITS.id),
    label: plain(tr(ctx, f.label), LIMITS.inputLabel),
    optional: !f.required || f.showIf !== undefined || f.kind === "photo",
    element: element(ctx, f),
    ...(h ? { hint: plain(h, LIMITS.inputHint) } : {}),
  };
}

export function renderModal(ctx: RenderCtx, form: FormView, privateMetadata: string): ModalView {
  const blocks: Block[] = (form.intro ?? []).map((l) => section(esc(tr(ctx, l))));
  const errors = form.errors ?? {};
  for (const f of form.fields) {
    blocks.push(inputBlock(ctx, f, form));
    const err = errors[f.name];
    if (err) blocks.push(context([`⚠️ ${esc(tr(ctx, err))}`]));
  }
  return {
    type: "modal",
    callback_id: truncate(form.formKey, LIMITS.id),
    private_metadata: privateMetadata,
    title: plain(tr(ctx, form.title), LIMITS.modalTitle),
    submit: plain(tr(ctx, form.submit), LIMITS.modalTitle),
    close: plain(ctx.t("slack:form.close"), LIMITS.modalTitle),
    blocks: blocks.slice(0, LIMITS.viewBlocks),
  };
}

/** A modal with one message and no inputs: "still working", "saved", or a late list of problems. */
export function renderNoticeModal(ctx: RenderCtx, title: string, lines: string[]): ModalView {
  return {
    type: "modal",
    title: plain(title, LIMITS.modalTitle),
    close: plain(ctx.t("slack:form.close"), LIMITS.modalTitle),
    blocks: [{ type: "section", text: md(lines.join("\n")) }],
  };
}
