// 印章/重要空白凭证 custody: the ledger reads CustodyService and the bot core share.
import type { Reader } from "./reader.js";

/** The outlet's custody ledger, item by item, in the order it was written. */
export function custodyMovements(r: Reader, outletId: string, itemKey?: string) {
  return r.custodyMovement.findMany({
    where: { outletId, ...(itemKey ? { itemKey } : {}) },
    orderBy: [{ itemKey: "asc" }, { seq: "asc" }],
  });
}

/** The movement a chat request recorded, if it already did (a retried request). */
export function custodyMovementByRequest(r: Reader, requestKey: string) {
  return r.custodyMovement.findUnique({ where: { requestKey } });
}
