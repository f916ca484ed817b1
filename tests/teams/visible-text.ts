// Every string a person can see on an Adaptive Card, in reading order: what golden tests
// compare with the neutral card's strings. TextBlock text (an "<at>Name</at>" shows as the
// name), TextRuns, input labels, placeholders and choices, chart titles, legends and
// category labels, FactSet rows and button titles. A fallback is what an old client shows
// instead of its element, so it is not counted while the element itself is there; action
// data, refresh and msteams entities are payload, never shown.

type Node = Record<string, unknown>;

const CHILDREN = ["body", "items", "columns", "inlines", "rows", "cells", "actions"] as const;

const str = (x: unknown): string | undefined => (typeof x === "string" ? x : undefined);
const stripAt = (s: string) => s.replace(/<at>(.*?)<\/at>/g, "$1");

function chartStrings(o: Node): string[] {
  const out: string[] = [];
  const t = str(o.title);
  if (t) out.push(t);
  for (const d of (Array.isArray(o.data) ? o.data : []) as Node[]) {
    // donut / pie: legend; bars: x; grouped, stacked and line series: legend or title, then their points
    for (const k of ["legend", "title", "x"]) {
      const v = d[k];
      if (typeof v === "string") out.push(v);
    }
    for (const inner of [d.values, d.data])
      if (Array.isArray(inner))
        for (const p of inner as Node[]) {
          const v = str(p.x) ?? str(p.legend);
          if (v && !out.includes(v)) out.push(v);
        }
  }
  return out;
}

function inputStrings(o: Node): string[] {
  const out = [str(o.label), str(o.placeholder)];
  if (o.type === "Input.Toggle") out.push(str(o.title));
  for (const c of (Array.isArray(o.choices) ? o.choices : []) as Node[]) out.push(str(c.title));
  return out.filter((s): s is string => s !== undefined);
}

export function visibleText(card: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const n of node) walk(n);
      return;
    }
    if (!node || typeof node !== "object") return;
    const o = node as Node;
    const type = str(o.type) ?? "";
    if (type === "TextBlock") out.push(stripAt(str(o.text) ?? ""));
    else if (type === "TextRun") out.push(str(o.text) ?? "");
    else if (type.startsWith("Chart.")) out.push(...chartStrings(o));
    else if (type.startsWith("Input.")) out.push(...inputStrings(o));
    else if (type === "FactSet")
      for (const f of (Array.isArray(o.facts) ? o.facts : []) as Node[])
        out.push(str(f.title) ?? "", str(f.value) ?? "");
    else if (type.startsWith("Action.")) {
      out.push(str(o.title) ?? "");
      if (type === "Action.ShowCard") walk(o.card);
      return;
    }
    for (const k of CHILDREN) if (k in o) walk(o[k]);
  };
  walk(card);
  return out.map((s) => s.trim()).filter((s) => s !== "");
}
