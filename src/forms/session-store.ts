// Form sessions live in the database (FormSession), not in memory: a half-filled form survives
// a restart and any replica can continue it. One active session per (staff, form, context);
// `version` makes every write conditional, so two replicas answering at once cannot both win.
import type { Db } from "../db/client.js";
import type { Tx } from "../db/tx.js";
import type { Clock } from "../domain/clock.js";
import { formSessionById } from "../queries/index.js";

export interface SessionRow<S> {
  id: string;
  staffId: string;
  formKey: string;
  contextKey: string;
  platform: string;
  state: S;
  version: number;
  expiresAt: Date;
}

type Reader = Db | Tx;

/** The session was already submitted (or cancelled/expired) by the time this one committed. */
export class FormAlreadyClosedError extends Error {
  constructor() {
    super("form session already closed");
    this.name = "FormAlreadyClosedError";
  }
}

export class FormSessionStore {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    /** How long an untouched form stays open. */
    readonly ttlMs = 30 * 60_000,
  ) {}

  private live<S>(row: { status: string; expiresAt: Date; state: string } & Omit<SessionRow<S>, "state">) {
    if (row.status !== "active" || row.expiresAt <= this.clock.now()) return null;
    return { ...row, state: JSON.parse(row.state) as S };
  }

  /** Starts (or restarts) the session for this staff member, form and context. */
  async open<S>(
    key: { staffId: string; formKey: string; contextKey: string; platform: string },
    state: S,
    r: Reader = this.db,
  ): Promise<SessionRow<S>> {
    const expiresAt = new Date(this.clock.now().getTime() + this.ttlMs);
    const json = JSON.stringify(state);
    const row = await r.formSession.upsert({
      where: { staffId_formKey_contextKey: { staffId: key.staffId, formKey: key.formKey, contextKey: key.contextKey } },
      create: { ...key, state: json, expiresAt },
      update: { state: json, status: "active", expiresAt, platform: key.platform, version: { increment: 1 } },
    });
    return { ...row, state };
  }

  async byId<S>(id: string, r: Reader = this.db): Promise<SessionRow<S> | null> {
    const row = await formSessionById(r, id);
    return row ? this.live<S>(row) : null;
  }

  /**
   * The row as stored, whatever its status or expiry: to tell a repeated click on a settled
   * confirmation ("already recorded") from one on a lapsed one ("expired").
   */
  async peek<S>(id: string, r: Reader = this.db) {
    const row = await formSessionById(r, id);
    return row ? { ...row, state: JSON.parse(row.state) as S } : null;
  }

  async find<S>(staffId: string, formKey: string, contextKey: string, r: Reader = this.db) {
    const row = await r.formSession.findUnique({
      where: { staffId_formKey_contextKey: { staffId, formKey, contextKey } },
    });
    return row ? this.live<S>(row) : null;
  }

  /** Saves new state if nobody else has since; false means re-read and try again. */
  async save<S>(row: SessionRow<S>, state: S, r: Reader = this.db): Promise<boolean> {
    const expiresAt = new Date(this.clock.now().getTime() + this.ttlMs);
    const { count } = await r.formSession.updateMany({
      where: { id: row.id, version: row.version, status: "active" },
      data: { state: JSON.stringify(state), version: row.version + 1, expiresAt },
    });
    return count === 1;
  }

  /** Ends the session (done or cancelled), conditionally: a form is submitted at most once. */
  async close(row: { id: string; version: number }, status: "done" | "cancelled", r: Reader = this.db) {
    const { count } = await r.formSession.updateMany({
      where: { id: row.id, version: row.version, status: "active" },
      data: { status, version: row.version + 1 },
    });
    return count === 1;
  }

  /**
   * Closes a submitted session inside the transaction that stores what it submitted (see
   * withClaim in src/db/tx.ts). Throws when another submission got there first, which rolls
   * that transaction back: a form is stored at most once, and never closed without its record.
   */
  async claim(session: { id: string; version: number }, tx: Tx): Promise<void> {
    if (!(await this.close(session, "done", tx))) throw new FormAlreadyClosedError();
  }

  /** Deletes sessions past their expiry; returns how many went. */
  async purge(r: Reader = this.db): Promise<number> {
    // Finished sessions are kept until they expire too: a platform retry of a submission
    // that was already stored must be told "already submitted", not "expired, nothing saved".
    const { count } = await r.formSession.deleteMany({ where: { expiresAt: { lte: this.clock.now() } } });
    return count;
  }
}
