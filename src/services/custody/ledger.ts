// 印章/重要空白凭证 custody: the seals and important blank vouchers an outlet keeps (playbook
// `custody.items`), as an append-only ledger per outlet and item. A keeper (permissions.custody.keep)
// receives items into the vault, issues them to a member of staff and takes them back; a void
// (作废) takes one number (or a quantity) out of whoever holds it. Numbered items move by number
// ranges, which must lie inside what the giver holds and, on receipt, must be new to the outlet.
// A stock count (盘点, permissions.custody.count) or vault spot check (查库, .spotCheck) compares
// the counted quantity with the ledger's: a match is recorded, a mismatch is recorded and opens
// an incident of custody.mismatchIncidentType through the incident service, with both numbers.
// Balances are replayed from the ledger. Every movement is one transaction with its audit event;
// seq (unique per outlet and item) makes two writers racing on one balance retry rather than both
// commit, and a retried chat request (same platform message) records once.
import type { CustodyItem, Playbook } from "../../config/playbook-schema.js";
import type { Db } from "../../db/client.js";
import { isUniqueViolation, type Tx, withTx } from "../../db/tx.js";
import type { Clock } from "../../domain/clock.js";
import { maskIdentifiers } from "../../domain/masking.js";
import type { CustodyMovement, Prisma } from "../../generated/prisma/client.js";
import type { Translate } from "../../i18n/index.js";
import { canCountCustody, canKeepCustody, canSpotCheckCustody } from "../../permissions/index.js";
import { custodyMovementByRequest, custodyMovements, rolesAt } from "../../queries/index.js";
import { appendAudit } from "../audit-log.js";
import type { IncidentService } from "../cases/incidents.js";
import { auditActorOf, type CaseActor, type CaseResult, refuse } from "../cases/types.js";
import type { Directory } from "../directory.js";
import { add, contains, formatRange, type NumberRange, overlaps, type ParsedRange, remove } from "./ranges.js";

export interface CustodyDeps {
  db: Db;
  clock: Clock;
  playbook: Playbook;
  directory: Directory;
  incidents: IncidentService;
}

export type MoveKind = "receive" | "issue" | "return" | "void";
export type CheckKind = "count" | "spot_check";

export interface MoveInput {
  outletId: string;
  itemKey: string;
  kind: MoveKind;
  /** issue: who receives; return: who hands back; void: whose (absent: the vault, or for a numbered item whoever holds it). */
  staffId?: string;
  /** Unnumbered items: how many (default 1). Numbered items take `range`. */
  quantity?: number;
  range?: ParsedRange;
  note?: string;
}

export interface CheckInput {
  outletId: string;
  itemKey: string;
  kind: CheckKind;
  counted: number;
  note?: string;
}

/** What one holder has: the vault (staffId null) or a member of staff. */
export interface Holding {
  staffId: string | null;
  quantity: number;
  /** Numbered items: the numbers held, as shown ("00012001-00012050"). */
  ranges: string[];
}

export interface ItemBalance {
  item: CustodyItem;
  total: number;
  voided: number;
  /** The vault first, then the holders with something, in the order they were first issued. */
  holdings: Holding[];
}

/** Most of one unnumbered item moved at once, and the longest range. */
const MAX_QUANTITY = 100_000;
const MOVE_AUDIT: Record<MoveKind | CheckKind, string> = {
  receive: "custody.received",
  issue: "custody.issued",
  return: "custody.returned",
  void: "custody.voided",
  count: "custody.counted",
  spot_check: "custody.spot_checked",
};
const SEQ_TRIES = 5;

interface Held {
  quantity: number;
  ranges: NumberRange[];
}

/** The ledger replayed: what each holder ("" = the vault) has, what was voided, the number width. */
interface State {
  held: Map<string, Held>;
  voided: NumberRange[];
  voidedCount: number;
  width: number;
  seq: number;
}

const VAULT = "";
const holderKey = (staffId: string | null | undefined) => staffId ?? VAULT;

function rowRange(m: Pick<CustodyMovement, "rangeFrom" | "rangeTo">): NumberRange | null {
  if (m.rangeFrom === null || m.rangeTo === null) return null;
  return { from: Number(m.rangeFrom), to: Number(m.rangeTo) };
}

function replay(rows: readonly CustodyMovement[]): State {
  const st: State = {
    held: new Map([[VAULT, { quantity: 0, ranges: [] }]]),
    voided: [],
    voidedCount: 0,
    width: 0,
    seq: 0,
  };
  const at = (k: string) => {
    let h = st.held.get(k);
    if (!h) {
      h = { quantity: 0, ranges: [] };
      st.held.set(k, h);
    }
    return h;
  };
  const take = (k: string, q: number, r: NumberRange | null) => {
    const h = at(k);
    h.quantity -= q;
    if (r) h.ranges = remove(h.ranges, r);
  };
  const give = (k: string, q: number, r: NumberRange | null) => {
    const h = at(k);
    h.quantity += q;
    if (r) h.ranges = add(h.ranges, r);
  };
  for (const m of rows) {
    st.seq = Math.max(st.seq, m.seq);
    const r = rowRange(m);
    if (m.rangeFrom) st.width = Math.max(st.width, m.rangeFrom.length);
    if (m.kind === "receive") give(VAULT, m.quantity, r);
    else if (m.kind === "issue" || m.kind === "return") {
      take(holderKey(m.fromStaffId), m.quantity, r);
      give(holderKey(m.toStaffId), m.quantity, r);
    } else if (m.kind === "void") {
      take(holderKey(m.fromStaffId), m.quantity, r);
      st.voidedCount += m.quantity;
      if (r) st.voided = add(st.voided, r);
    }
  }
  return st;
}

const total = (st: State) => [...st.held.values()].reduce((n, h) => n + h.quantity, 0);

export class CustodyService {
  constructor(private readonly deps: CustodyDeps) {}

  /** The playbook's custody items (none when the playbook has no custody section). */
  items(): CustodyItem[] {
    return this.deps.playbook.custody?.items ?? [];
  }

  item(key: string): CustodyItem | undefined {
    return this.items().find((i) => i.key === key);
  }

  /** Each item's balance at the outlet: who holds how many, and which numbers. */
  async balances(outletId: string): Promise<ItemBalance[]> {
    const rows = await custodyMovements(this.deps.db, outletId);
    return this.items().map((item) => {
      const st = replay(rows.filter((r) => r.itemKey === item.key));
      const holdings = [...st.held.entries()]
        .filter(([k, h]) => k === VAULT || h.quantity > 0)
        .map(([k, h]) => ({
          staffId: k === VAULT ? null : k,
          quantity: h.quantity,
          ranges: item.numbered ? h.ranges.map((r) => formatRange(r, st.width)) : [],
        }));
      return { item, total: total(st), voided: st.voidedCount, holdings };
    });
  }

  /** Receive, issue, return or void; refused with the reason when the ledger does not allow it. */
  async move(
    actor: CaseActor,
    input: MoveInput,
    requestKey?: string,
  ): Promise<CaseResult<{ id: string; duplicate: boolean; quantity: number; range: string; holderId: string | null }>> {
    const key = requestKey ? `${actor.platform}:${requestKey}` : null;
    const done = key ? await custodyMovementByRequest(this.deps.db, key) : null;
    if (done) return { ok: true, duplicate: true, ...this.moved(done) };
    const item = this.item(input.itemKey);
    if (!item) return refuse("invalid_input", "custody:errors.unknown_item", { vars: { item: input.itemKey } });
    const held = await this.deps.directory.rolesAt(actor.staffId, input.outletId);
    const keeper = canKeepCustody(this.deps.playbook, held);
    // a holder may void their own; everything else is the keeper's
    if (!keeper && !(input.kind === "void" && held.length > 0))
      return refuse("not_authorised", "custody:refusal.not_keeper");
    if (item.numbered && !input.range) return refuse("invalid_input", "custody:errors.range_needed");
    if (!item.numbered && input.range) return refuse("invalid_input", "custody:errors.not_numbered");
    const range = input.range ?? null;
    const quantity = range ? range.to - range.from + 1 : (input.quantity ?? 1);
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY)
      return refuse("invalid_input", "custody:errors.quantity");
    if (input.staffId && (await rolesAt(this.deps.db, input.staffId, input.outletId)).length === 0)
      return refuse("invalid_input", "custody:errors.not_at_outlet");
    if ((input.kind === "issue" || input.kind === "return") && !input.staffId)
      return refuse("invalid_input", "custody:errors.person_needed");

    for (let attempt = 1; ; attempt++) {
      try {
        return await withTx(this.deps.db, async (tx) => {
          const st = replay(await custodyMovements(tx, input.outletId, item.key));
          const width = Math.max(st.width, range?.width ?? 0);
          const shown = range ? formatRange(range, width) : "";
          let from: string | null = null;
          let to: string | null = null;
          if (input.kind === "receive") {
            if (range && ([...st.held.values()].some((h) => overlaps(h.ranges, range)) || overlaps(st.voided, range)))
              return refuse("invalid_input", "custody:errors.overlap", { vars: { range: shown } });
          } else {
            if (input.kind === "issue") to = input.staffId ?? null;
            else if (input.kind === "return") from = input.staffId ?? null;
            else if (input.staffId) from = input.staffId;
            else if (range) {
              // a numbered void: whoever holds the number
              const holder = [...st.held.entries()].find(([, h]) => contains(h.ranges, range));
              if (!holder) return refuse("invalid_input", "custody:errors.not_held_anyone", { vars: { range: shown } });
              from = holder[0] === VAULT ? null : holder[0];
            } else if (!keeper) from = actor.staffId; // a holder voids their own
            if (input.kind === "void" && !keeper && from !== actor.staffId)
              return refuse("not_authorised", "custody:refusal.not_keeper");
            const giver = st.held.get(holderKey(from)) ?? { quantity: 0, ranges: [] };
            const short = range ? !contains(giver.ranges, range) : giver.quantity < quantity;
            if (short) {
              const vars = { range: shown, have: giver.quantity, quantity };
              const why = from === null ? "not_in_vault" : "not_held";
              return refuse("invalid_input", `custody:errors.${why}${range ? "" : "_quantity"}`, {
                vars: { ...vars, name: from ? ((await this.deps.directory.staff(from))?.name ?? "") : "" },
              });
            }
          }
          const now = this.deps.clock.now();
          const pad = (n: number) => String(n).padStart(width, "0");
          const row = await this.append(tx, actor, now, {
            outletId: input.outletId,
            itemKey: item.key,
            seq: st.seq + 1,
            kind: input.kind,
            fromStaffId: from,
            toStaffId: to,
            quantity,
            rangeFrom: range ? pad(range.from) : null,
            rangeTo: range ? pad(range.to) : null,
            note: input.note,
            requestKey: key,
          });
          return { ok: true as const, duplicate: false, ...this.moved(row) };
        });
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        const again = key ? await custodyMovementByRequest(this.deps.db, key) : null;
        if (again) return { ok: true, duplicate: true, ...this.moved(again) };
        if (attempt >= SEQ_TRIES) throw err; // seq taken: someone else moved this item; replay again
      }
    }
  }

  /**
   * One movement and its audit event, in the caller's transaction: the step every receive, issue,
   * return, void, count and spot check ends with. The note is masked here, before it is stored.
   */
  private async append(
    tx: Tx,
    actor: CaseActor,
    at: Date,
    m: Omit<Prisma.CustodyMovementUncheckedCreateInput, "note" | "byStaffId" | "at"> & {
      kind: MoveKind | CheckKind;
      note?: string;
    },
  ): Promise<CustodyMovement> {
    const row = await tx.custodyMovement.create({
      data: { ...m, note: maskIdentifiers((m.note ?? "").trim()).slice(0, 200), byStaffId: actor.staffId, at },
    });
    await appendAudit(tx, {
      actor: await auditActorOf(tx, actor),
      action: MOVE_AUDIT[m.kind],
      entityType: "custody_movement",
      entityId: row.id,
      after: row,
      at,
    });
    return row;
  }

  private moved(m: CustodyMovement) {
    const r = m.rangeFrom && m.rangeTo ? (m.rangeFrom === m.rangeTo ? m.rangeFrom : `${m.rangeFrom}-${m.rangeTo}`) : "";
    return { id: m.id, quantity: m.quantity, range: r, holderId: m.toStaffId ?? m.fromStaffId };
  }

  /**
   * A stock count or vault spot check of one item: the counted quantity against the ledger's
   * total at the outlet (vault and holders). A mismatch opens an incident, described with the
   * reporter's translator when given (else in keys, which read the same in any language).
   */
  async check(
    actor: CaseActor,
    input: CheckInput,
    requestKey?: string,
    t?: Translate,
  ): Promise<
    CaseResult<{
      id: string;
      duplicate: boolean;
      match: boolean;
      expected: number;
      counted: number;
      incidentRef: string;
    }>
  > {
    const { db, playbook } = this.deps;
    const key = requestKey ? `${actor.platform}:${requestKey}` : null;
    const done = key ? await custodyMovementByRequest(db, key) : null;
    if (done) return { ok: true, duplicate: true, ...(await this.checked(done)) };
    const item = this.item(input.itemKey);
    if (!item) return refuse("invalid_input", "custody:errors.unknown_item", { vars: { item: input.itemKey } });
    const held = await this.deps.directory.rolesAt(actor.staffId, input.outletId);
    const allowed = input.kind === "count" ? canCountCustody(playbook, held) : canSpotCheckCustody(playbook, held);
    if (!allowed)
      return refuse(
        "not_authorised",
        input.kind === "count" ? "custody:refusal.not_counter" : "custody:refusal.not_checker",
      );
    if (!Number.isInteger(input.counted) || input.counted < 0 || input.counted > MAX_QUANTITY * 10)
      return refuse("invalid_input", "custody:errors.counted");
    let row: CustodyMovement | null = null;
    for (let attempt = 1; !row; attempt++) {
      try {
        row = await withTx(db, async (tx) => {
          const st = replay(await custodyMovements(tx, input.outletId, item.key));
          const now = this.deps.clock.now();
          return this.append(tx, actor, now, {
            outletId: input.outletId,
            itemKey: item.key,
            seq: st.seq + 1,
            kind: input.kind,
            quantity: 0,
            expected: total(st),
            counted: input.counted,
            note: input.note,
            requestKey: key,
          });
        });
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        const again = key ? await custodyMovementByRequest(db, key) : null;
        if (again) return { ok: true, duplicate: true, ...(await this.checked(again)) };
        if (attempt >= SEQ_TRIES) throw err;
      }
    }
    if (row.expected === row.counted) return { ok: true, duplicate: false, ...(await this.checked(row)) };
    const vars = {
      item: t ? t(item.label) : item.key,
      check: t ? t(`custody:check.${input.kind}`) : input.kind,
      expected: row.expected ?? 0,
      counted: row.counted ?? 0,
      note: row.note,
    };
    const description = t
      ? t(row.note ? "custody:incident.description_note" : "custody:incident.description", vars)
      : `[custody.${item.key}] ${input.kind}: expected ${vars.expected}, counted ${vars.counted}${row.note ? `; ${row.note}` : ""}`;
    const opened = await this.deps.incidents.report(actor, {
      outletId: input.outletId,
      type: playbook.custody?.mismatchIncidentType ?? "custody_mismatch",
      description,
    });
    if (opened.ok) {
      const incidentId = opened.incidentId;
      row = await db.custodyMovement.update({ where: { id: row.id }, data: { incidentId } });
    }
    return { ok: true, duplicate: false, ...(await this.checked(row)) };
  }

  private async checked(m: CustodyMovement) {
    const incident = m.incidentId
      ? await this.deps.db.incident.findUnique({ where: { id: m.incidentId }, select: { ref: true } })
      : null;
    return {
      id: m.id,
      match: m.expected === m.counted,
      expected: m.expected ?? 0,
      counted: m.counted ?? 0,
      incidentRef: incident?.ref ?? "",
    };
  }
}
