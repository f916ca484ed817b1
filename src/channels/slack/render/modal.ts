// A form as a Slack modal, laid out from the neutral FormDoc (src/views/present/form.ts), so
// its labels, hints and which fields are required are the same as on the Teams card. Each
// field is an input block whose block_id is the field name, so values and
// `response_action: errors` map one-to-one onto form fields. A modal title holds 24
// characters: when the form's title is longer, the whole title opens the modal's body.
import type { FormView } from "../../../views/common.js";
import { type FormDocField, presentForm } from "../../../views/present/index.js";
import type { Block, InputBlock, ModalView, PlainTextOption } from "./block-types.js";
import { context, plain, plainSection, type RenderCtx } from "./kit.js";
import { LIMITS, truncate } from "./limits.js";
import { richBlock, txt } from "./rich.js";

/** Every input's element uses this action_id; the block_id (field name) identifies the field. */
export const FIELD_ACTION_ID = "value";

function option(value: string, label: string): PlainTextOption {
  return { text: plain(label, LIMITS.optionText), value: truncate(value, LIMITS.optionValue) };
}

function element(ctx: RenderCtx, f: FormDocField): InputBlock["element"] {
  const placeholder = f.placeholder ? plain(f.placeholder, LIMITS.placeholder) : undefined;
  switch (f.kind) {
    case "yesno": {
      const options = [option("yes", ctx.t("cards:form.yes")), option("no", ctx.t("cards:form.no"))];
      const initial = options.find((o) => o.value === f.initial);
      return {
        type: "radio_buttons",
        action_id: FIELD_ACTION_ID,
        options,
        ...(initial ? { initial_option: initial } : {}),
      };
    }
    case "choice": {
      const options = f.options.slice(0, LIMITS.options).map((o) => option(o.value, o.label));
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

function inputBlock(ctx: RenderCtx, f: FormDocField): InputBlock {
  return {
    type: "input",
    block_id: truncate(f.name, LIMITS.id),
    label: plain(f.label, LIMITS.inputLabel),
    optional: !f.required,
    element: element(ctx, f),
    ...(f.hint ? { hint: plain(f.hint, LIMITS.inputHint) } : {}),
  };
}

export function renderModal(ctx: RenderCtx, form: FormView, privateMetadata: string): ModalView {
  const doc = presentForm(ctx, form);
  const blocks: Block[] = [];
  if (doc.title.length > LIMITS.modalTitle) {
    blocks.push(richBlock([{ type: "rich_text_section", elements: [txt(doc.title, { bold: true })] }]));
  }
  blocks.push(...doc.intro.map((l) => plainSection(l)));
  if (doc.errorSummary) blocks.push(context([`⚠️ ${doc.errorSummary}`]));
  for (const line of doc.otherErrors) blocks.push(context([`⚠️ ${line}`]));
  for (const f of doc.fields) {
    blocks.push(inputBlock(ctx, f));
    if (f.error) blocks.push(context([`⚠️ ${f.error}`]));
  }
  return {
    type: "modal",
    callback_id: truncate(form.formKey, LIMITS.id),
    private_metadata: privateMetadata,
    title: plain(doc.title, LIMITS.modalTitle),
    submit: plain(doc.submit, LIMITS.modalTitle),
    close: plain(doc.cancel, LIMITS.modalTitle),
    blocks: blocks.slice(0, LIMITS.viewBlocks),
  };
}

/** A modal with one message and no inputs: "still working", "saved", or a late list of problems. */
export function renderNoticeModal(ctx: RenderCtx, title: string, lines: string[]): ModalView {
  return {
    type: "modal",
    title: plain(title, LIMITS.modalTitle),
    close: plain(ctx.t("slack:form.close"), LIMITS.modalTitle),
    blocks: [plainSection(lines.join("\n"))],
  };
}
