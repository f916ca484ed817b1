// Who is who: platform ids → staff, roles per outlet (a region role, e.g. regional operations,
// is held at every outlet of its region), and outlet calendars. Read-only; the org import
// writes these. With a clock it answers for today's roster (排班/代岗): notifications skip people
// who are off and reach their covers, and a cover acts in the roles of the person they cover.
import type { Role } from "../config/playbook-schema.js";
import type { Db } from "../db/client.js";
import { perRequest } from "../db/query-scope.js";
import type { OutletCalendar } from "../domain/calendar.js";
import type { Clock } from "../domain/clock.js";
import type { Reader, StaffRef } from "../queries/index.js";
import * as q from "../queries/index.js";

export type { StaffRef } from "../queries/index.js";

export class Directory {
  /** Without a clock (identity lookups at the edges), roles and holders ignore the roster. */
  constructor(
    private readonly db: Db,
    private readonly clock?: Clock,
  ) {}

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

  /** Roles held at the outlet, with those of anyone the person covers there today. */
  rolesAt(staffId: string, outletId: string, r: Reader = this.db): Promise<Role[]> {
    return q.rolesAt(r, staffId, outletId, this.clock?.now());
  }

  /** Active staff on duty today holding `role` at the outlet (or a region role over its region). */
  staffWithRole(outletId: string, role: Role, r: Reader = this.db): Promise<StaffRef[]> {
    return q.staffWithRoles(r, outletId, [role], this.clock?.now());
  }

  /** The same for several roles at once, each person once, by staff code. */
  staffWithRoles(outletId: string, roles: readonly Role[], r: Reader = this.db): Promise<StaffRef[]> {
    return q.staffWithRoles(r, outletId, roles, this.clock?.now());
  }

  /** Outlets where the staff member holds any role, directly, through their region, or covering today. */
  outletsOf(staffId: string, r: Reader = this.db) {
    return q.outletsOf(r, staffId, this.clock?.now());
  }

  platformIds(staffId: string, platform: "slack" | "teams", r: Reader = this.db) {
    return q.platformIds(r, staffId, platform);
  }

  calendar(outletId: string, r: Reader = this.db): Promise<OutletCalendar> {
    return q.outletCalendar(r, outletId);
  }
}
