// Every string a person sees in a Block Kit payload (message blocks, a modal or a Home tab), in
// order: header text, context elements, section text / fields / accessory button, rich_text
// text runs (a line joined from its runs, user mentions as "@<id>"), button texts,
// data_visualization title and labels, input labels / hints / option texts. Tests assert on
// these words rather than on the JSON shape.
type Json = Record<string, unknown>;

const textOf = (x: unknown): string | undefined => {
  const t = (x as Json | undefined)?.text;
  return typeof t === "string" ? t : undefined;
};

function element(out: string[], el: Json | undefined) {
  if (!el) return;
  switch (el.type) {
    case "button":
    case "plain_text":
    case "mrkdwn": {
      const t = el.type === "button" ? textOf(el.text) : textOf(el);
      if (t !== undefined) out.push(t);
      return;
    }
    case "image":
      if (typeof el.alt_text === "string") out.push(el.alt_text);
      return;
    default: {
      const placeholder = textOf(el.placeholder);
      if (placeholder !== undefined) out.push(placeholder);
      for (const o of (el.options as Json[] | undefined) ?? []) {
        const t = textOf(o.text);
        if (t !== undefined) out.push(t);
      }
    }
  }
}

/** A rich_text part (section, quote, preformatted, list): its runs joined, split on newlines. */
function richPart(out: string[], part: Json) {
  if (part.type === "rich_text_list") {
    for (const p of (part.elements as Json[] | undefined) ?? []) richPart(out, p);
    return;
  }
  let line = "";
  for (const e of (part.elements as Json[] | undefined) ?? []) {
    if (e.type === "text" && typeof e.text === "string") line += e.text;
    else if (e.type === "user") line += `@${String(e.user_id)}`;
    else if (e.type === "channel") line += `#${String(e.channel_id)}`;
    else if (e.type === "emoji") line += `:${String(e.name)}:`;
    else if (e.type === "link") line += String(e.text ?? e.url);
  }
  for (const l of line.split("\n")) if (l.trim() !== "") out.push(l);
}

function block(out: string[], b: Json) {
  switch (b.type) {
    case "header": {
      const t = textOf(b.text);
      if (t !== undefined) out.push(t);
      break;
    }
    case "context":
    case "actions":
      for (const e of (b.elements as Json[] | undefined) ?? []) element(out, e);
      break;
    case "section": {
      const t = textOf(b.text);
      if (t !== undefined) out.push(t);
      for (const f of (b.fields as Json[] | undefined) ?? []) {
        const ft = textOf(f);
        if (ft !== undefined) out.push(ft);
      }
      element(out, b.accessory as Json | undefined);
      break;
    }
    case "rich_text":
      for (const p of (b.elements as Json[] | undefined) ?? []) richPart(out, p);
      break;
    case "data_visualization": {
      if (typeof b.title === "string") out.push(b.title);
      const chart = (b.chart ?? {}) as Json;
      for (const s of (chart.segments as Json[] | undefined) ?? []) out.push(String(s.label));
      for (const c of ((chart.axis_config as Json | undefined)?.categories as unknown[] | undefined) ?? []) {
        out.push(String(c));
      }
      break;
    }
    case "input": {
      const label = textOf(b.label);
      if (label !== undefined) out.push(label);
      element(out, b.element as Json | undefined);
      const hint = textOf(b.hint);
      if (hint !== undefined) out.push(hint);
      break;
    }
  }
}

/**
 * The visible strings of `blocks` (an array of blocks, or a view with `blocks`, whose title,
 * submit and close texts are included first).
 */
export function visibleText(blocks: unknown): string[] {
  const out: string[] = [];
  let list: unknown = blocks;
  if (blocks && typeof blocks === "object" && !Array.isArray(blocks)) {
    const view = blocks as Json;
    for (const k of ["title", "submit", "close"]) {
      const t = textOf(view[k]);
      if (t !== undefined) out.push(t);
    }
    list = view.blocks;
  }
  for (const b of (Array.isArray(list) ? list : []) as Json[]) block(out, b);
  return out;
}
