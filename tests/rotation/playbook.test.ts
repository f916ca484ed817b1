// The playbook's rotation settings are checked at start-up like every other role reference:
// an unknown or region-scoped role, or a window out of range, names the path and stops the start.
import { describe, expect, it } from "vitest";
import { playbookRejection } from "../helpers/playbook-errors.js";

describe("rotation in the playbook", () => {
  it("rejects an unknown role to remind", () => {
    const err = playbookRejection((pb) => {
      pb.permissions.rotation.remindTo = ["branch_head"];
    });
    expect(err.issues.map((i) => i.path)).toEqual(["permissions.rotation.remindTo[0]"]);
  });

  it("rejects a region role where the outlet's managers are meant", () => {
    const err = playbookRejection((pb) => {
      pb.permissions.rotation.view = ["regional"];
    });
    expect(err.issues.map((i) => i.path)).toEqual(["permissions.rotation.view[0]"]);
  });

  it("rejects a window that is not a whole number of days from 0 to 366", () => {
    const err = playbookRejection((pb) => {
      pb.rotation.remindDaysBefore = 400;
    });
    expect(err.issues.map((i) => i.path)).toEqual(["rotation.remindDaysBefore"]);
  });
});
