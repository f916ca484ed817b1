import { describe, expect, it } from "vitest";
import { parsePlaybook } from "../../src/config/playbook.js";
import { i18n, playbook } from "../helpers/db.js";
import { playbookRejection, type RawPlaybook, rawPlaybook } from "../helpers/playbook-errors.js";

const raw = rawPlaybook;
const errorOf = (mutate: (pb: RawPlaybook) => void): string => playbookRejection(mutate).message;

const HEAD = "Invalid configuration in playbooks/broken.yaml:\n";

describe("the default playbook's roles and permissions", () => {
  it("declares the six built-in roles, their scopes and ranks", () => {
    expect(playbook.roles.map((r) => [r.key, r.scope, r.rank ?? null])).toEqual([
      ["teller", "outlet", null],
      ["lobby", "outlet", null],
      ["security", "outlet", null],
      ["supervisor", "outlet", 1],
      ["manager", "outlet", 2],
      ["regional", "region", 3],
    ]);
    expect(playbook.permissions.tasks.escalateTo).toEqual([["supervisor"], ["manager"]]);
    expect(playbook.permissions.complaints.decide).toEqual({ ranksAbove: 1 });
  });

  it("accepts a bank's own role with a label from the playbook's locale keys", () => {
    const pb = raw();
    pb.roles.push({ key: "accounting_lead", label: "playbook:roles.accounting_lead", scope: "outlet", rank: 1 });
    pb.permissions.complaints.close.push("accounting_lead");
    const loaded = parsePlaybook(pb, "playbooks/bank.yaml", i18n.exists);
    expect(loaded.roles.at(-1)?.key).toBe("accounting_lead");
  });
});

describe("a bad roles or permissions section names the path and the problem", () => {
  it("an unknown role in a permission list, a task audience and a ladder", () => {
    const msg = errorOf((pb) => {
      pb.permissions.incidents.close = ["supervisor", "cashier"];
      pb.tasks[0].audience = ["teller", "janitor"];
      pb.complaints.ladder[1].role = "ceo";
    });
    const known = "(roles: teller, lobby, security, supervisor, manager, regional)";
    expect(msg).toContain(`  - permissions.incidents.close[1]: unknown role "cashier" ${known}`);
    expect(msg).toContain(`  - tasks[0].audience[1]: unknown role "janitor" ${known}`);
    expect(msg).toContain(`  - complaints.ladder[1].role: unknown role "ceo" ${known}`);
  });

  it("a duplicate role key", () => {
    const msg = errorOf((pb) => {
      pb.roles.push({ key: "teller", label: "labels:role.teller", scope: "outlet" });
    });
    expect(msg).toBe(`${HEAD}  - roles[6].key: duplicate key "teller"`);
  });

  it("a role with a bad scope or rank", () => {
    const msg = errorOf((pb) => {
      pb.roles[0].scope = "branch";
      pb.roles[3].rank = 0;
    });
    expect(msg).toContain('  - roles[0].scope: must be "outlet" or "region"');
    expect(msg).toContain("  - roles[3].rank: ");
  });

  it("a complaint ladder that steps down in rank", () => {
    const msg = errorOf((pb) => {
      pb.complaints.ladder[1].role = "supervisor";
      pb.complaints.ladder[0].role = "manager";
    });
    expect(msg).toBe(
      `${HEAD}  - complaints.ladder[1].role: "supervisor" (rank 1) ranks below the previous step's "manager" (rank 2)`,
    );
  });

  it("a summary list naming a role of the other scope", () => {
    const msg = errorOf((pb) => {
      pb.permissions.summaries.outlet = ["regional"];
      pb.permissions.summaries.region = ["manager"];
    });
    expect(msg).toBe(
      `${HEAD}  - permissions.summaries.outlet[0]: role "regional" has scope region; this list needs outlet\n` +
        '  - permissions.summaries.region[0]: role "manager" has scope outlet; this list needs region',
    );
  });

  it("a missing permissions section, and an empty escalation tier", () => {
    expect(
      errorOf((pb) => {
        delete pb.permissions;
      }),
    ).toContain("  - permissions: ");
    expect(
      errorOf((pb) => {
        pb.permissions.tasks.escalateTo = [["supervisor"], []];
      }),
    ).toContain("  - permissions.tasks.escalateTo[1]: ");
  });

  it("a bank role whose label is missing from the locales", () => {
    const msg = errorOf((pb) => {
      pb.roles.push({ key: "vault_keeper", label: "playbook:roles.vault_keeper", scope: "outlet" });
    });
    expect(msg).toBe(`${HEAD}  - roles[6].label: locale key "playbook:roles.vault_keeper" is missing in en or zh-CN`);
  });
});
