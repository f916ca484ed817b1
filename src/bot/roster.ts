// 排班/请假/代岗 in chat:
//   roster [outlet] [date]            (排班, 值班)  who is on duty, who is off and who covers
//   off <who> <from> [to] [cover <who>] [reason]   (请假; 顶岗/代岗 names the cover)  a manager records an absence
//   delegate <who> <from> [to]        (授权, 委托)  a supervisor on leave hands their roles to <who>
// <who> is a staff code, a name, or a Slack @mention; dates are 2026-11-25, 11-25, 11月25日,
// today/今天 or tomorrow/明天 in the outlet's calendar. The service checks the roles and the dates;
// this module reads the words and words the answers. Every answer is private.

import { parseDateWord } from "../domain/date-words.js";
import { canDelegate, canManageRoster } from "../permissions/index.js";
import { outletName, staffNamedBy } from "../queries/index.js";
import type { CaseResult } from "../services/cases/types.js";
import type { RosterEntry } from "../services/roster/absences.js";
import type { Localised } from "../views/common.js";
import { roleLabel } from "../views/labels.js";
import type { ActionResult, BotReply } from "./contract.js";
import { pickOutlet } from "./outlet-choice.js";
import { answer, reply, tell, text } from "./replies.js";
import type { Req } from "./request.js";
import type { CoreServices } from "./services.js";

/** Words that introduce the cover in "off": cover li.jun / 顶岗 李军 / 代岗 李军. */
const COVER_WORDS = new Set(["cover", "covered-by", "顶岗", "代岗", "由"]);
/** Most Cancel buttons under one roster. */
const CANCEL_BUTTONS = 5;

type Verb = "roster" | "off" | "delegate";

/** Takes an outlet code out of the words when it is one of the person's outlets. */
async function outletWord(s: CoreServices, req: Req, words: string[]) {
  const mine = new Set((await s.directory.outletsOf(req.staff.id)).map((o) => o.code.toUpperCase()));
  const i = words.findIndex((w) => mine.has(w.toUpperCase()));
  if (i < 0) return { code: undefined, rest: words };
  return { code: words[i], rest: words.filter((_, j) => j !== i) };
}

async function outletFor(s: CoreServices, req: Req, verb: Verb, words: string[]) {
  const { code, rest } = await outletWord(s, req, words);
  const relevant =
    verb === "off"
      ? (roles: string[]) => canManageRoster(s.playbook, roles)
      : verb === "delegate"
        ? (roles: string[]) => canDelegate(s.playbook, roles)
        : (roles: string[]) => roles.length > 0;
  const pick = await pickOutlet(s, req, {
    ...(code ? { code } : {}),
    relevant,
    none: {
      key: verb === "roster" ? "bot:outlet.none" : `roster:refusal.${verb === "off" ? "not_manager" : "not_delegate"}`,
    },
    ...(verb === "roster"
      ? {
          choice: (o) => ({
            action: "roster.list",
            label: { key: "bot:outlet.button", vars: { code: o.code } },
            value: `outlet:${o.outletId}`,
          }),
        }
      : {}),
  });
  return { pick, rest };
}

export async function rosterCommand(s: CoreServices, req: Req, verb: Verb, args: string[]): Promise<ActionResult> {
  const { pick, rest } = await outletFor(s, req, verb, args);
  if (!pick.ok) return { replies: pick.replies };
  const { outletId, name } = pick.outlet;
  const today = await s.roster.today(outletId);
  if (verb === "roster") {
    const date = rest[0] ? parseDateWord(rest[0], today) : today;
    if (!date) return answer(tell(req, { key: "roster:errors.date", vars: { text: rest[0] ?? "" } }));
    return answer(await rosterReply(s, req, outletId, name, date));
  }
  return answer(await recordAbsence(s, req, verb, { outletId, today }, rest));
}

/** The outlet button of an ambiguous "roster": that outlet's roster today. */
export async function rosterAt(s: CoreServices, req: Req, value: string): Promise<ActionResult> {
  const outletId = value.startsWith("outlet:") ? value.slice("outlet:".length) : value;
  const name = await outletName(s.db, outletId);
  if (name === null || (await s.directory.rolesAt(req.staff.id, outletId)).length === 0)
    return answer(tell(req, { key: "bot:outlet.not_yours", vars: { code: "" } }));
  return answer(await rosterReply(s, req, outletId, name, await s.roster.today(outletId)));
}

export async function cancelAbsenceAction(s: CoreServices, req: Req, absenceId: string): Promise<ActionResult> {
  const r = await s.roster.cancel(req.actor, absenceId);
  if (!r.ok) return answer(tell(req, r.message));
  return answer(tell(req, { key: "roster:cancelled", vars: { name: r.name } }));
}

async function person(s: CoreServices, word: string | undefined) {
  if (!word) return { ok: false as const };
  const found = await staffNamedBy(s.db, word);
  if (found.length !== 1) return { ok: false as const, word };
  return { ok: true as const, id: found[0]?.id as string, name: found[0]?.name as string };
}

async function recordAbsence(
  s: CoreServices,
  req: Req,
  verb: "off" | "delegate",
  at: { outletId: string; today: string },
  words: string[],
): Promise<BotReply> {
  const usage = { key: `roster:usage.${verb}` };
  const [whoWord, fromWord, ...more] = words;
  const who = await person(s, whoWord);
  if (!who.ok) return tell(req, who.word ? { key: "roster:errors.unknown_person", vars: { who: who.word } } : usage);
  const from = fromWord ? parseDateWord(fromWord, at.today) : null;
  if (!from) return tell(req, fromWord ? { key: "roster:errors.date", vars: { text: fromWord } } : usage);
  const toParsed = more[0] ? parseDateWord(more[0], at.today) : null;
  const to = toParsed ?? from;
  const tail = toParsed ? more.slice(1) : more;
  // "off": the absent person is <who>, an optional cover follows; "delegate": <who> is the cover
  let coverId: string | undefined;
  let reasonWords = tail;
  if (verb === "delegate") coverId = who.id;
  else if (tail[0] && COVER_WORDS.has(tail[0].toLowerCase())) {
    const cover = await person(s, tail[1]);
    if (!cover.ok) return tell(req, { key: "roster:errors.unknown_person", vars: { who: tail[1] ?? "" } });
    coverId = cover.id;
    reasonWords = tail.slice(2);
  }
  const staffId = verb === "delegate" ? req.staff.id : who.id;
  const r: CaseResult<{ id: string }> = await s.roster.record(
    req.actor,
    {
      outletId: at.outletId,
      staffId,
      from,
      to,
      ...(coverId ? { coverId } : {}),
      reason: reasonWords.join(" "),
      kind: verb === "delegate" ? "delegation" : "absence",
    },
    req.actor.source,
  );
  if (!r.ok) return tell(req, r.message);
  const coverName = coverId === who.id ? who.name : coverId ? ((await s.directory.staff(coverId))?.name ?? "") : "";
  if (verb === "delegate") return tell(req, { key: "roster:delegated", vars: { cover: coverName, from, to } });
  return tell(req, {
    key: coverId ? "roster:recorded_cover" : "roster:recorded",
    vars: { name: who.name, from, to, cover: coverName },
  });
}

async function rosterReply(
  s: CoreServices,
  req: Req,
  outletId: string,
  outlet: string,
  date: string,
): Promise<BotReply> {
  const entries = await s.roster.day(outletId, date);
  const lines = entries.flatMap((e) => entryLines(s, e));
  const canCancel = canManageRoster(s.playbook, await s.directory.rolesAt(req.staff.id, outletId));
  const actions = entries
    .filter((e) => e.absence && (canCancel || (e.absence.kind === "delegation" && e.staffId === req.staff.id)))
    .slice(0, CANCEL_BUTTONS)
    .map((e) => ({
      action: "roster.cancel",
      label: { key: "roster:cancel", vars: { name: e.name } },
      value: e.absence?.id as string,
    }));
  const onDuty = entries.filter((e) => e.state === "on").length;
  return reply(req, text("roster:day.title", { outlet, date, on: onDuty, total: entries.length }, { lines, actions }));
}

function entryLines(s: CoreServices, e: RosterEntry): Localised[] {
  const role = roleLabel(e.roles[0] ?? "", s.playbook.roles).key;
  const base = { name: e.name, role };
  const lines: Localised[] = [];
  if (e.state === "on") lines.push({ key: "roster:day.on", vars: base });
  else if (e.state === "regular_off") lines.push({ key: "roster:day.regular_off", vars: base });
  else if (e.absence) {
    const a = e.absence;
    const key = a.kind === "delegation" ? "delegated" : a.cover ? "absent_cover" : "absent";
    lines.push({ key: `roster:day.${key}`, vars: { ...base, to: a.to, cover: a.cover ?? "" } });
    if (a.reason) lines.push({ key: "roster:day.reason", vars: { reason: a.reason } });
  }
  for (const who of e.covering) lines.push({ key: "roster:day.covers", vars: { cover: e.name, name: who } });
  return lines;
}
