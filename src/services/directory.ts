// Who is who: platform ids → staff, roles per outlet (a region role, e.g. regional operations,
// is held at every outlet of its region), and outlet calendars. Read-only; the org import
// writes these.
import type { Role } from "../config/playbook-schema.js";
import type { Db } from "../db/client.js";
import { perRequest } from "../db/query-scope.js";
import type { OutletCalendar } from "../domain/calendar.js";
import type { Reader, StaffRef } from "../queries/index.js";
import * as q from "../queries/index.js";

export type { StaffRef } from "../queries/index.js";

export class Directory {
  constructor(private readonly db: Db) {}

  /**
   * Staff linked to a platform user. An identity stored without a workspace matches any.
   * Outside a transaction the answer is memoised for the inbound request: the edge, the core
   * and the handler each ask who the sender is (issue 14: queries are most of an interaction's CPU).
   */
  staffByPlatform(platform: "slack" | "teams", externalIds: string[], workspace = "", r?: Reader) {
    if (r) return q.staffByPlatform(r, platform, externalIds, workspace);
    const key = `staffByPlatform\n${platform}\n${workspace}\n${externalIds.join("\n")}`;
    return perRequest(key, () => q.staffByPlatform(this.db, platform, externalIds, workspace));
  }

  staff(staffId: string, r: Reader = this.db): Promise<StaffRef | null> {
    return q.staffById(r, staffId);
  }

  rolesAt(staffId: string, outletId: string, r: Reader = this.db): Promise<Role[]> {
    return q.rolesAt(r, staffId, outletId);
  }

  /** Active staff holding `role` at the outlet (or a region role over its region). */
  staffWithRole(outletId: string, role: Role, r: Reader = this.db): Promise<StaffRef[]> {
    return q.staffWithRoles(r, outletId, [role]);
  }

  /** Outlets where the staff member holds any role, directly or through their region. */
  outletsOf(staffId: string, r: Reader = this.db) {
    return q.outletsOf(r, staffId);
  }

  platformIds(staffId: string, platform: "slack" | "teams", r: Reader = this.db) {
    return q.platformIds(r, staffId, platform);
  }

  calendar(outletId: string, r: Reader = this.db): Promise<OutletCalendar> {
    return q.outletCalendar(r, outletId);
  }
}
