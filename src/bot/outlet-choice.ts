// Which outlet a request is about. A person may hold roles at several outlets: take the one
// they named (an outlet code in the command), else the only one where they hold a relevant
// role, else the outlet bound to the channel they are in. Still several: ask, with a button
// per outlet where one helps. Never guess silently.
import type { Role } from "../config/playbook-schema.js";
import { activeOutletCode, outletsBoundTo, type StaffOutlet } from "../queries/index.js";
import type { ActionButton, Localised } from "../views/common.js";
import type { BotReply } from "./contract.js";
import { reply, text } from "./replies.js";
import type { Req } from "./request.js";
import type { CoreServices } from "./services.js";

export type MyOutlet = StaffOutlet;

export type OutletPick = { ok: true; outlet: MyOutlet } | { ok: false; replies: BotReply[] };

export interface PickOptions {
  /** Roles that make an outlet relevant to this request. */
  relevant: (roles: Role[]) => boolean;
  /** An outlet code the person typed. */
  code?: string;
  /** Told when no outlet is relevant. */
  none: Localised;
  /** A button that continues the request at one outlet. */
  choice?: (o: MyOutlet) => ActionButton;
}

export async function pickOutlet(s: CoreServices, req: Req, opts: PickOptions): Promise<OutletPick> {
  const all = await s.directory.outletsOf(req.staff.id);
  const relevant = all.filter((o) => opts.relevant(o.roles));
  const refuse = (message: Localised): OutletPick => ({
    ok: false,
    replies: [reply(req, text(message.key, message.vars))],
  });
  if (opts.code) {
    const wanted = opts.code.toUpperCase();
    const named = relevant.find((o) => o.code.toUpperCase() === wanted);
    return named ? { ok: true, outlet: named } : refuse({ key: "bot:outlet.not_yours", vars: { code: opts.code } });
  }
  if (relevant.length === 0) return refuse(opts.none);
  if (relevant.length === 1) return { ok: true, outlet: relevant[0] as MyOutlet };
  const bound = await outletsBoundTo(s.db, req.conv.platform, req.conv.channelId);
  const here = relevant.filter((o) => bound.includes(o.outletId));
  if (here.length === 1) return { ok: true, outlet: here[0] as MyOutlet };
  const lines = relevant.map((o) => ({ key: "bot:outlet.option", vars: { code: o.code, name: o.name } }));
  const actions = opts.choice ? relevant.map(opts.choice) : [];
  return { ok: false, replies: [reply(req, text("bot:outlet.which", undefined, { lines, actions }))] };
}

/** Splits a trailing outlet code off a command's argument ("opening SH-LJZ"). */
export async function splitOutletCode(s: CoreServices, arg: string | undefined) {
  const words = (arg ?? "").split(" ").filter(Boolean);
  const last = words.at(-1);
  if (!last) return { rest: undefined, code: undefined };
  const code = await activeOutletCode(s.db, last);
  if (!code) return { rest: words.join(" "), code: undefined };
  const rest = words.slice(0, -1).join(" ");
  return { rest: rest || undefined, code };
}

/** A button value that names an outlet ("outlet:<id>"), or null. */
export function outletFromValue(value: string): string | null {
  return value.startsWith("outlet:") ? value.slice("outlet:".length) || null : null;
}
