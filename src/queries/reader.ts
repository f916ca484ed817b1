// What every query takes: the client, or the transaction it must read through (so a service
// sees its own uncommitted rows).
import type { Db } from "../db/client.js";
import type { Tx } from "../db/tx.js";

export type Reader = Db | Tx;
