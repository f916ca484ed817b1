// 印章/重要空白凭证 in chat (docs/custody.md):
//   custody [outlet]                                   (凭证, 印章)  balances by holder and number range
//   voucher receive <item> <from>-<to>|<count>         (入库)  into the vault
//   voucher issue <item> <who> <from>-<to>|<count>     (领用)  from the vault to <who>
//   voucher return <item> <who> <from>-<to>|<count>    (交回)  from <who> back to the vault
//   voucher void <item> <number>|<count> [reason]      (作废)  out of whoever holds it
//   stock count <item> <counted> [note]                (盘点)
//   spot check <item> <counted> [note]                 (查库)
// <item> is a playbook custody item key (cash_cheque, cash-cheque) or its label in either
// language (现金支票); <who> a staff code, a name or a Slack @mention; an outlet code may be
// added anywhere. The service checks the roles and the ledger; this module reads the words
// and words the answers. Every answer is private.

import type { CustodyItem } from "../config/playbook-schema.js";
import { LOCALES } from "../i18n/index.js";
import { canCountCustody, canKeepCustody, canSpotCheckCustody, canViewCustody } from "../permissions/index.js";
import { outletName, staffNamedBy } from "../queries/index.js";
import { parseRange } from "../services/custody/ranges.js";
import type { Localised } from "../views/common.js";
import type { CustodyVerb } from "./commands.js";
import type { ActionResult, BotReply } from "./contract.js";
import { pickOutlet } from "./outlet-choice.js";
import { answer, reply, tell, text } from "./replies.js";
import type { Req } from "./request.js";
import type { CoreServices } from "./services.js";

type Roles = string[];

function relevantFor(s: CoreServices, verb: CustodyVerb): { relevant: (r: Roles) => boolean; none: string } {
  const p = s.playbook;
  switch (verb) {
    case "list":
      return { relevant: (r) => canViewCustody(p, r), none: "custody:refusal.not_allowed" };
    case "void":
      return { relevant: (r) => r.length > 0, none: "bot:outlet.none" };
    case "count":
      return { relevant: (r) => canCountCustody(p, r), none: "custody:refusal.not_counter" };
    case "spot_check":
      return { relevant: (r) => canSpotCheckCustody(p, r), none: "custody:refusal.not_checker" };
    default:
      return { relevant: (r) => canKeepCustody(p, r), none: "custody:refusal.not_keeper" };
  }
}

/** Takes an outlet code out of the words when it is one of the person's outlets. */
async function outletWord(s: CoreServices, req: Req, words: string[]) {
  const mine = new Set((await s.directory.outletsOf(req.staff.id)).map((o) => o.code.toUpperCase()));
  const i = words.findIndex((w) => mine.has(w.toUpperCase()));
  if (i < 0) return { code: undefined, rest: words };
  return { code: words[i], rest: words.filter((_, j) => j !== i) };
}

export async function custodyCommand(
  s: CoreServices,
  req: Req,
  verb: CustodyVerb,
  args: string[],
): Promise<ActionResult> {
  if (s.custody.items().length === 0) return answer(tell(req, { key: "custody:refusal.none" }));
  const { code, rest } = await outletWord(s, req, args);
  const rule = relevantFor(s, verb);
  const pick = await pickOutlet(s, req, {
    ...(code ? { code } : {}),
    relevant: rule.relevant,
    none: { key: rule.none },
    ...(verb === "list"
      ? {
          choice: (o) => ({
            action: "custody.list",
            label: { key: "bot:outlet.button", vars: { code: o.code } },
            value: `outlet:${o.outletId}`,
          }),
        }
      : {}),
  });
  if (!pick.ok) return { replies: pick.replies };
  const { outletId, name } = pick.outlet;
  if (verb === "list") return answer(await listReply(s, req, outletId, name));
  if (verb === "count" || verb === "spot_check") return answer(await check(s, req, verb, outletId, rest));
  return answer(await move(s, req, verb, outletId, rest));
}

/** The outlet button of an ambiguous "custody": that outlet's balances, if still allowed. */
export async function custodyAt(s: CoreServices, req: Req, value: string): Promise<ActionResult> {
  const outletId = value.startsWith("outlet:") ? value.slice("outlet:".length) : value;
  const name = await outletName(s.db, outletId);
  if (name === null || !canViewCustody(s.playbook, await s.directory.rolesAt(req.staff.id, outletId)))
    return answer(tell(req, { key: "custody:refusal.not_allowed" }));
  return answer(await listReply(s, req, outletId, name));
}

/** The item a person named: its key (- or _), or its label in either language. */
function itemNamed(s: CoreServices, word: string | undefined): CustodyItem | undefined {
  if (!word) return undefined;
  const w = word.toLowerCase().replaceAll("-", "_");
  return s.custody
    .items()
    .find((i) => i.key === w || LOCALES.some((l) => s.i18n.t(l, i.label).toLowerCase().replaceAll(" ", "_") === w));
}

async function person(s: CoreServices, word: string) {
  const found = await staffNamedBy(s.db, word);
  return found.length === 1 ? { id: found[0]?.id as string, name: found[0]?.name as string } : null;
}

type MoveVerb = Exclude<CustodyVerb, "list" | "count" | "spot_check">;

async function move(s: CoreServices, req: Req, verb: MoveVerb, outletId: string, words: string[]): Promise<BotReply> {
  const usage = { key: `custody:usage.${verb}` };
  const [itemWord, ...more] = words;
  if (!itemWord) return tell(req, usage);
  const item = itemNamed(s, itemWord);
  if (!item) return tell(req, { key: "custody:errors.unknown_item", vars: { item: itemWord } });
  let who: { id: string; name: string } | null = null;
  let tail = more;
  if (verb === "issue" || verb === "return") {
    const [whoWord, ...after] = more;
    if (!whoWord) return tell(req, usage);
    who = await person(s, whoWord);
    if (!who) return tell(req, { key: "custody:errors.unknown_person", vars: { who: whoWord } });
    tail = after;
  }
  const [amountWord, ...noteWords] = tail;
  if (!amountWord) return tell(req, usage);
  let amount: { range: NonNullable<ReturnType<typeof parseRange>> } | { quantity: number };
  if (item.numbered) {
    const range = parseRange(amountWord);
    if (!range) return tell(req, { key: "custody:errors.range", vars: { text: amountWord } });
    amount = { range };
  } else {
    if (!/^\d+$/.test(amountWord)) return tell(req, { key: "custody:errors.not_numbered" });
    amount = { quantity: Number(amountWord) };
  }
  const r = await s.custody.move(
    req.actor,
    {
      outletId,
      itemKey: item.key,
      kind: verb,
      ...(who ? { staffId: who.id } : {}),
      ...amount,
      note: noteWords.join(" "),
    },
    req.actor.source,
  );
  if (!r.ok) return tell(req, r.message);
  const vars = { item: item.label, quantity: r.quantity, range: r.range, name: who?.name ?? "" };
  return tell(req, { key: `custody:done.${verb}${r.range ? "_range" : ""}`, vars });
}

async function check(
  s: CoreServices,
  req: Req,
  verb: "count" | "spot_check",
  outletId: string,
  words: string[],
): Promise<BotReply> {
  const [itemWord, countedWord, ...noteWords] = words;
  if (!itemWord || !countedWord) return tell(req, { key: `custody:usage.${verb}` });
  const item = itemNamed(s, itemWord);
  if (!item) return tell(req, { key: "custody:errors.unknown_item", vars: { item: itemWord } });
  if (!/^\d+$/.test(countedWord)) return tell(req, { key: "custody:errors.counted" });
  const r = await s.custody.check(
    req.actor,
    { outletId, itemKey: item.key, kind: verb, counted: Number(countedWord), note: noteWords.join(" ") },
    req.actor.source,
    s.i18n.fixed(req.locale),
  );
  if (!r.ok) return tell(req, r.message);
  const key = r.match ? "match" : r.incidentRef ? "mismatch" : "mismatch_unreported";
  return tell(req, {
    key: `custody:done.${key}`,
    vars: {
      check: `custody:check.${verb}`,
      item: item.label,
      counted: r.counted,
      expected: r.expected,
      ref: r.incidentRef,
    },
  });
}

async function listReply(s: CoreServices, req: Req, outletId: string, outlet: string): Promise<BotReply> {
  const balances = await s.custody.balances(outletId);
  const names = new Map<string, string>();
  for (const b of balances)
    for (const h of b.holdings)
      if (h.staffId && !names.has(h.staffId))
        names.set(h.staffId, (await s.directory.staff(h.staffId))?.name ?? h.staffId);
  const lines: Localised[] = [];
  for (const b of balances) {
    const item = b.item.label;
    lines.push({
      key: b.voided > 0 ? "custody:list.item_voided" : "custody:list.item",
      vars: { item, total: b.total, voided: b.voided },
    });
    for (const h of b.holdings) {
      if (!h.staffId && h.quantity === 0 && b.total === 0) continue;
      const who = h.staffId ? "holder" : "vault";
      lines.push({
        key: `custody:list.${who}${h.ranges.length > 0 ? "_ranges" : ""}`,
        vars: { name: h.staffId ? (names.get(h.staffId) ?? "") : "", quantity: h.quantity, ranges: h.ranges.join(" ") },
      });
    }
  }
  return reply(req, text("custody:list.title", { outlet }, { lines }));
}
