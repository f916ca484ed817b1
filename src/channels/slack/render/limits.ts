// Slack's Block Kit limits (shared/platform-facts.md, docs.slack.dev/reference/block-kit) and a
// checker that walks a rendered message, modal or Home tab and lists every limit it breaks.
// Renderers truncate as they build; the checker proves in tests that nothing slipped through.
import type { Block, HomeTabView, ModalView, SlackMessage } from "./block-types.js";

export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  headerText: 150,
  sectionText: 3000,
  fields: 10,
  fieldText: 2000,
  contextElements: 10,
  contextText: 3000,
  buttonText: 75,
  buttonValue: 2000,
  actionsElements: 25,
  options: 100,
  optionText: 75,
  optionValue: 150,
  id: 255,
  placeholder: 150,
  inputLabel: 2000,
  inputHint: 2000,
  inputMaxLength: 3000,
  modalTitle: 24,
  privateMetadata: 3000,
  /** Slack recommends ≤ 4000 for `text`; we keep the fallback well under it. */
  fallbackText: 3000,
  /** data_visualization: title, segment / category / series labels, points per chart. */
  chartTitle: 50,
  chartLabel: 20,
  chartPoints: 6,
  /** Native charts we put in one message; further ones are drawn as text. */
  chartsPerMessage: 2,
} as const;

const ELLIPSIS = "…";

/**
 * Shortens `s` to at most `max` UTF-16 units, ending in "…". Cuts on code-point boundaries so a
 * Chinese character or an emoji is never split into a broken surrogate.
 */
export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  let out = "";
  for (const cp of s) {
    if (out.length + cp.length > max - ELLIPSIS.length) break;
    out += cp;
  }
  return out + ELLIPSIS;
}

type Json = Record<string, unknown>;

function textOf(obj: unknown): string | undefined {
  const t = (obj as Json | undefined)?.text;
  return typeof t === "string" ? t : undefined;
}

function checkLen(problems: string[], where: string, value: unknown, max: number) {
  if (typeof value === "string" && value.length > max) problems.push(`${where}: ${value.length} > ${max}`);
}

function checkElement(problems: string[], where: string, el: Json) {
  checkLen(problems, `${where}.action_id`, el.action_id, LIMITS.id);
  checkLen(problems, `${where}.placeholder`, textOf(el.placeholder), LIMITS.placeholder);
  if (el.type === "button") {
    checkLen(problems, `${where}.text`, textOf(el.text), LIMITS.buttonText);
    checkLen(problems, `${where}.value`, el.value, LIMITS.buttonValue);
  }
  if (typeof el.max_length === "number" && el.max_length > LIMITS.inputMaxLength) {
    problems.push(`${where}.max_length: ${el.max_length} > ${LIMITS.inputMaxLength}`);
  }
  const options = (el.options as Json[] | undefined) ?? [];
  if (options.length > LIMITS.options) problems.push(`${where}.options: ${options.length} > ${LIMITS.options}`);
  options.forEach((o, i) => {
    checkLen(problems, `${where}.options[${i}].text`, textOf(o.text), LIMITS.optionText);
    checkLen(problems, `${where}.options[${i}].value`, o.value, LIMITS.optionValue);
  });
}

/** Every limit the blocks break, as readable strings ("blocks[3].text: 3012 > 3000"). */
export function checkBlocks(blocks: Block[], maxBlocks: number): string[] {
  const problems: string[] = [];
  if (blocks.length > maxBlocks) problems.push(`blocks: ${blocks.length} > ${maxBlocks}`);
  const blockIds = new Set<string>();
  blocks.forEach((raw, i) => {
    const b = raw as unknown as Json;
    const where = `blocks[${i}]`;
    if (typeof b.block_id === "string") {
      checkLen(problems, `${where}.block_id`, b.block_id, LIMITS.id);
      if (blockIds.has(b.block_id)) problems.push(`${where}.block_id: duplicate "${b.block_id}"`);
      blockIds.add(b.block_id);
    }
    switch (b.type) {
      case "header":
        checkLen(problems, `${where}.text`, textOf(b.text), LIMITS.headerText);
        break;
      case "section": {
        checkLen(problems, `${where}.text`, textOf(b.text), LIMITS.sectionText);
        const fields = (b.fields as Json[] | undefined) ?? [];
        if (fields.length > LIMITS.fields) problems.push(`${where}.fields: ${fields.length} > ${LIMITS.fields}`);
        fields.forEach((f, j) => {
          checkLen(problems, `${where}.fields[${j}]`, textOf(f), LIMITS.fieldText);
        });
        if (!textOf(b.text) && fields.length === 0) problems.push(`${where}: section without text or fields`);
        if (b.accessory) checkElement(problems, `${where}.accessory`, b.accessory as Json);
        break;
      }
      case "context": {
        const els = (b.elements as Json[] | undefined) ?? [];
        if (els.length > LIMITS.contextElements) problems.push(`${where}.elements: ${els.length} > 10`);
        els.forEach((e, j) => {
          checkLen(problems, `${where}.elements[${j}]`, textOf(e), LIMITS.contextText);
        });
        break;
      }
      case "actions": {
        const els = (b.elements as Json[] | undefined) ?? [];
        if (els.length > LIMITS.actionsElements) problems.push(`${where}.elements: ${els.length} > 25`);
        const actionIds = new Set<string>();
        els.forEach((e, j) => {
          checkElement(problems, `${where}.elements[${j}]`, e);
          const id = String(e.action_id);
          if (actionIds.has(id)) problems.push(`${where}.elements[${j}].action_id: duplicate "${id}"`);
          actionIds.add(id);
        });
        break;
      }
      case "rich_text": {
        const text = JSON.stringify(b.elements ?? []);
        if (!Array.isArray(b.elements) || b.elements.length === 0)
          problems.push(`${where}: rich_text without elements`);
        // our own budget per block (see rich.ts), with room for the JSON around the text
        if (text.length > LIMITS.sectionText * 3) problems.push(`${where}: rich_text of ${text.length} characters`);
        break;
      }
      case "data_visualization": {
        checkLen(problems, `${where}.title`, b.title, LIMITS.chartTitle);
        const chart = b.chart as Json;
        const points = ((chart.segments ?? (chart.axis_config as Json | undefined)?.categories) as unknown[]) ?? [];
        if (points.length === 0) problems.push(`${where}: chart without data`);
        if (points.length > LIMITS.chartPoints)
          problems.push(`${where}: ${points.length} points > ${LIMITS.chartPoints}`);
        for (const pt of points) {
          const label = typeof pt === "string" ? pt : String((pt as Json).label);
          checkLen(problems, `${where}.label`, label, LIMITS.chartLabel);
        }
        for (const seg of (chart.segments as Json[] | undefined) ?? []) {
          if (!(Number(seg.value) > 0)) problems.push(`${where}: pie segment not above zero`);
        }
        break;
      }
      case "input":
        checkLen(problems, `${where}.label`, textOf(b.label), LIMITS.inputLabel);
        checkLen(problems, `${where}.hint`, textOf(b.hint), LIMITS.inputHint);
        checkElement(problems, `${where}.element`, b.element as Json);
        break;
    }
  });
  return problems;
}

export function checkMessage(msg: SlackMessage): string[] {
  const problems = checkBlocks(msg.blocks, LIMITS.messageBlocks);
  const charts = msg.blocks.filter((b) => (b as { type: string }).type === "data_visualization").length;
  if (charts > LIMITS.chartsPerMessage) problems.push(`charts: ${charts} > ${LIMITS.chartsPerMessage}`);
  if (!msg.text.trim()) problems.push("text: empty fallback");
  checkLen(problems, "text", msg.text, LIMITS.fallbackText);
  return problems;
}

export function checkModal(view: ModalView): string[] {
  const problems = checkBlocks(view.blocks as Block[], LIMITS.viewBlocks);
  checkLen(problems, "title", view.title.text, LIMITS.modalTitle);
  checkLen(problems, "submit", view.submit?.text, LIMITS.modalTitle);
  checkLen(problems, "close", view.close?.text, LIMITS.modalTitle);
  checkLen(problems, "callback_id", view.callback_id, LIMITS.id);
  checkLen(problems, "private_metadata", view.private_metadata, LIMITS.privateMetadata);
  return problems;
}

export function checkHome(view: HomeTabView): string[] {
  return checkBlocks(view.blocks as Block[], LIMITS.viewBlocks);
}
