// The playbook's custody section is checked at start-up like every other part: an unknown role,
// an unknown mismatch incident type, a duplicate item key or a kind it does not know names the
// path and stops the start.
import { describe, expect, it } from "vitest";
import { playbookRejection } from "../helpers/playbook-errors.js";

describe("custody in the playbook", () => {
  it("rejects an unknown role to keep, and a region role as keeper", () => {
    const err = playbookRejection((pb) => {
      pb.permissions.custody.keep = ["vault_clerk", "regional"];
    });
    expect(err.issues.map((i) => i.path)).toEqual(["permissions.custody.keep[0]", "permissions.custody.keep[1]"]);
  });

  it("rejects a mismatch incident type the playbook does not declare", () => {
    const err = playbookRejection((pb) => {
      pb.custody.mismatchIncidentType = "lost_seal";
    });
    expect(err.issues).toEqual([
      { path: "custody.mismatchIncidentType", problem: 'unknown incident type "lost_seal"' },
    ]);
  });

  it("rejects a duplicate item", () => {
    const err = playbookRejection((pb) => {
      pb.custody.items.push({ ...pb.custody.items[0] });
    });
    expect(err.issues.map((i) => i.path)).toEqual(["custody.items[6].key"]);
  });

  it("rejects a kind it does not know", () => {
    const err = playbookRejection((pb) => {
      pb.custody.items[1].kind = "stamp_pad";
    });
    expect(err.issues.map((i) => i.path)).toEqual(["custody.items[1].kind"]);
  });
});
