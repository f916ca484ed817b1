// "My day" (Slack's App Home, the Teams personal chat) and plain text replies as cards.
import type { Card, CardBlock, CardItem } from "../card.js";
import type { TextView } from "../common.js";
import type { HomeView } from "../home.js";
import { actions, joined, L, type P, when } from "./context.js";

/** Task rows shown; the rest are counted, so the other sections always fit. */
const MAX_TASKS = 40;
const MAX_ROWS = 15;

function section(p: P, heading: string, items: CardItem[], max: number): CardBlock[] {
  const shown = items.slice(0, max);
  if (items.length > max) shown.push({ text: p.t("cards:common.and_more", { count: items.length - max }) });
  return [
    { type: "heading", text: heading },
    shown.length > 0 ? { type: "items", items: shown } : { type: "text", text: p.t("cards:home.none"), style: "muted" },
  ];
}

export function presentHome(p: P, v: HomeView): Card {
  const late = p.t("cards:home.late");
  const tasks = v.tasksToday.map((x): CardItem => {
    const title = L(p, x.title);
    return {
      icon: x.done >= x.total ? "✅" : "⬜",
      text: joined(p, [when(p, x.dueAt, x.timeZone), title, x.outletName]),
      detail: joined(p, [L(p, x.stateLabel), p.t("cards:reminder.done_of", { done: x.done, total: x.total })]),
      // several tasks look alike in one list: the button names the task and the outlet
      action: {
        action: "checklist.open",
        value: x.occurrenceId,
        label: p.t("cards:home.open_checklist", { title, outlet: x.outletName }),
      },
    };
  });
  const incidents = v.openIncidents.map(
    (i): CardItem => ({
      icon: "•",
      text: joined(p, [i.ref, L(p, i.typeLabel), L(p, i.severityLabel), L(p, i.statusLabel)]),
    }),
  );
  const complaints = v.openComplaints.map(
    (c): CardItem => ({
      icon: "•",
      text: joined(p, [c.ref, L(p, c.categoryLabel), L(p, c.step.label), c.late && late]),
      ...(c.late ? { tone: "attention" as const } : {}),
    }),
  );
  const approvals = v.approvalsWaiting.map(
    (a): CardItem => ({
      icon: "•",
      text: joined(p, [
        a.ref,
        L(p, a.step.label),
        a.dueAt ? p.t("cards:home.due", { time: when(p, a.dueAt, a.timeZone) }) : undefined,
        a.late && late,
      ]),
      ...(a.late ? { tone: "attention" as const } : {}),
    }),
  );
  const title = p.t("cards:home.title", { name: v.staffName });
  return {
    title,
    blocks: [
      ...section(p, p.t("cards:home.tasks"), tasks, MAX_TASKS),
      { type: "divider" },
      ...section(p, p.t("cards:home.incidents"), incidents, MAX_ROWS),
      { type: "divider" },
      ...section(p, p.t("cards:home.complaints"), complaints, MAX_ROWS),
      { type: "divider" },
      ...section(p, p.t("cards:home.approvals"), approvals, MAX_ROWS),
    ],
    actions: [],
    summary: title,
  };
}

/** A reply: the message, any extra lines, any buttons. It has no title of its own. */
export function presentText(p: P, v: TextView): Card {
  const message = L(p, v.message);
  const lines = (v.lines ?? []).map((l) => L(p, l));
  const blocks: CardBlock[] = [{ type: "text", text: message }];
  const shown = lines.slice(0, 40);
  if (lines.length > 40) shown.push(p.t("cards:common.and_more", { count: lines.length - 40 }));
  if (shown.length > 0) blocks.push({ type: "items", items: shown.map((text) => ({ text })) });
  return { title: "", blocks, actions: actions(p, v.actions), summary: message };
}
