// The playbook's backOffice section is checked at start-up like the complaint ladder and every
// role reference: an unknown role, a region role replying for an outlet, steps out of order, a
// last step that escalates, a label missing from the locales — each names its path.
import { describe, expect, it } from "vitest";
import { parsePlaybook } from "../../src/config/playbook.js";
import { DEFAULT_PLAYBOOK, i18n } from "../helpers/db.js";
import { playbookRejection, rawPlaybook } from "../helpers/playbook-errors.js";

describe("backOffice in the playbook", () => {
  it("the default playbook has it, with the regional role issuing and accepting", () => {
    const pb = parsePlaybook(rawPlaybook(), DEFAULT_PLAYBOOK, i18n.exists);
    expect(pb.backOffice?.categories.map((c) => c.key)).toEqual([
      "incomplete_voucher",
      "missing_seal",
      "authorisation",
      "amount_error",
      "other",
    ]);
    expect(pb.backOffice?.replyWithin).toEqual({ businessDays: 3 });
    expect(pb.permissions.backOffice).toEqual({
      issue: ["regional"],
      accept: ["regional"],
      reply: ["supervisor", "manager"],
    });
  });

  it("is optional", () => {
    const pb = rawPlaybook();
    delete pb.backOffice;
    delete pb.permissions.backOffice;
    expect(parsePlaybook(pb, DEFAULT_PLAYBOOK, i18n.exists).backOffice).toBeUndefined();
  });

  it("rejects unknown roles in the ladder and the permissions, and a region role replying", () => {
    const err = playbookRejection((pb) => {
      pb.backOffice.ladder[0].role = "branch_head";
      pb.permissions.backOffice.issue = ["auditor"];
      pb.permissions.backOffice.reply = ["regional"];
    });
    expect(err.issues.map((i) => i.path).sort()).toEqual([
      "backOffice.ladder[0].role",
      "permissions.backOffice.issue[0]",
      "permissions.backOffice.reply[0]",
    ]);
  });

  it("rejects steps out of order and a last step with nowhere to escalate", () => {
    const err = playbookRejection((pb) => {
      pb.backOffice.ladder[1].step = 3;
      pb.backOffice.ladder[1].ifLate = "escalate";
    });
    expect(err.issues.map((i) => i.path).sort()).toEqual(["backOffice.ladder[1].ifLate", "backOffice.ladder[1].step"]);
  });

  it("rejects a category label missing from the locales", () => {
    const err = playbookRejection((pb) => {
      pb.backOffice.categories.push({ key: "ink", label: "playbook:backOffice.categories.ink" });
    });
    expect(err.issues.map((i) => i.path)).toEqual(["backOffice.categories[5].label"]);
  });
});
