// Human references for cases: INC-SH-LJZ-20261123-001, CMP-SH-LJZ-20261123-001, the back
// office's error notices EN-SH-LJZ-20261123-001 and handovers (交接班/临时离岗) HO-SH-LJZ-20261123-001. The number
// counts per outlet and outlet-local day. Two reports at once may pick the same number; the
// unique ref column rejects the second, and withRefRetry runs its whole transaction again
// (on PostgreSQL a failed statement poisons the transaction, so retrying inside it is not an
// option), where it sees the first one's row and takes the next number.
import { isUniqueViolation, retrying, type Tx } from "../../db/tx.js";
import { localDate } from "../../domain/calendar.js";

export type CaseKind = "INC" | "CMP" | "EN" | "HO";

const MAX_ATTEMPTS = 5;

export function refPrefix(kind: CaseKind, outletCode: string, at: Date, timeZone: string): string {
  return `${kind}-${outletCode}-${localDate(at, timeZone).replaceAll("-", "")}-`;
}

/** The next free reference for the outlet's local day of `at`. */
export async function nextCaseRef(
  tx: Tx,
  kind: CaseKind,
  outlet: { code: string; timeZone: string },
  at: Date,
): Promise<string> {
  const prefix = refPrefix(kind, outlet.code, at, outlet.timeZone);
  const where = { ref: { startsWith: prefix } };
  const rows =
    kind === "INC"
      ? await tx.incident.findMany({ where, select: { ref: true } })
      : kind === "CMP"
        ? await tx.complaint.findMany({ where, select: { ref: true } })
        : kind === "EN"
          ? await tx.errorNotice.findMany({ where, select: { ref: true } })
          : await tx.handover.findMany({ where, select: { ref: true } });
  // parse rather than sort the text: "1000" sorts before "999"
  const max = rows.reduce((m, r) => Math.max(m, Number(r.ref.slice(prefix.length)) || 0), 0);
  return `${prefix}${String(max + 1).padStart(3, "0")}`;
}

/** Runs `fn` again when it lost a race for a case reference. */
export async function withRefRetry<T>(fn: () => Promise<T>): Promise<T> {
  return retrying(fn, { attempts: MAX_ATTEMPTS, retryable: (err) => isUniqueViolation(err, "ref") });
}
