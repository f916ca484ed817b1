// The playbook's incident rules (currency, cash limit, requiredIf, amount thresholds) fail
// start-up with the file, the path and the problem when they are wrong.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { loadPlaybook, parsePlaybook } from "../../src/config/playbook.js";
import { DEFAULT_PLAYBOOK, i18n } from "../helpers/db.js";
import { playbookRejection, type RawPlaybook, rawPlaybook } from "../helpers/playbook-errors.js";

type Raw = RawPlaybook;
const raw = rawPlaybook;
const typeIndex = (pb: Raw, key: string) => pb.incidents.types.findIndex((t: Raw) => t.key === key);

function issuesOf(mutate: (pb: Raw) => void): Array<{ path: string; problem: string }> {
  const err = playbookRejection(mutate);
  expect(err.source).toBe("playbooks/broken.yaml");
  return err.issues;
}

describe("incident rules in the playbook", () => {
  it("the default playbook declares them", () => {
    const pb = parsePlaybook(raw(), DEFAULT_PLAYBOOK, i18n.exists);
    expect(pb.incidents.currency).toEqual({ default: "CNY", byOutlet: {} });
    expect(pb.incidents.cashLimit).toEqual({ amount: 300000, byOutlet: {} });
    const cash = pb.incidents.types.find((t) => t.key === "cash_discrepancy");
    expect(cash?.requiredIf).toEqual([{ field: "amount", when: "overShort", in: ["over", "short"] }]);
    expect(cash?.severityByAmount.map((s) => s.severity)).toEqual(["major", "serious", "critical"]);
    expect(pb.incidents.types.find((t) => t.key === "security")?.requires).toContain("policeCalled");
  });

  it("a requiredIf on a field that is never asked, or with a value the field cannot take", () => {
    const i = typeIndex(raw(), "cash_discrepancy");
    expect(
      issuesOf((pb) => {
        pb.incidents.types[i].requires = [];
      }),
    ).toContainEqual({
      path: `incidents.types[${i}].requiredIf[0].when`,
      problem: '"overShort" must be in requires, or it is never asked',
    });
    expect(
      issuesOf((pb) => {
        pb.incidents.types[i].requiredIf[0].in = ["over", "sideways"];
      }),
    ).toEqual([
      {
        path: `incidents.types[${i}].requiredIf[0].in[1]`,
        problem: '"sideways" is not a value of overShort (over, short, unknown)',
      },
    ]);
    expect(
      issuesOf((pb) => {
        pb.incidents.types[i].requiredIf[0].equals = "over";
      }),
    ).toEqual([{ path: `incidents.types[${i}].requiredIf[0]`, problem: "must give exactly one of equals, in" }]);
    expect(
      issuesOf((pb) => {
        pb.incidents.types[i].requiredIf[0].field = "overShort";
      }).map((x) => x.path),
    ).toEqual([
      `incidents.types[${i}].requiredIf[0].when`,
      `incidents.types[${i}].requiredIf[0].field`,
      // and, with the amount no longer asked, its thresholds have nothing to act on
      `incidents.types[${i}].severityByAmount`,
    ]);
  });

  it("amount thresholds must climb, in amount and in severity, and need an amount to act on", () => {
    const i = typeIndex(raw(), "cash_discrepancy");
    expect(
      issuesOf((pb) => {
        pb.incidents.types[i].severityByAmount[2].atLeast = 5000;
      }),
    ).toEqual([{ path: `incidents.types[${i}].severityByAmount[2].atLeast`, problem: "must be more than 10000" }]);
    expect(
      issuesOf((pb) => {
        pb.incidents.types[i].severityByAmount[2].severity = "minor";
      }),
    ).toEqual([
      {
        path: `incidents.types[${i}].severityByAmount[2].severity`,
        problem: 'must not be less severe than "serious" for a smaller amount',
      },
    ]);
    const sys = typeIndex(raw(), "system");
    expect(
      issuesOf((pb) => {
        pb.incidents.types[sys].severityByAmount = [{ atLeast: 1, severity: "serious" }];
      }),
    ).toEqual([
      {
        path: `incidents.types[${sys}].severityByAmount`,
        problem: "the type never asks for an amount (requires/requiredIf)",
      },
    ]);
  });

  it("currency codes, cash limits and cash-limit items are checked", () => {
    expect(
      issuesOf((pb) => {
        pb.incidents.currency.byOutlet = { "HK-CEN": "hkd" };
      }),
    ).toEqual([{ path: "incidents.currency.byOutlet.HK-CEN", problem: "must be an ISO currency code like CNY" }]);
    expect(
      issuesOf((pb) => {
        pb.incidents.cashLimit.byOutlet = { "SH-LJZ": -1 };
      }),
    ).toEqual([{ path: "incidents.cashLimit.byOutlet.SH-LJZ", problem: "must not be negative" }]);
    expect(
      issuesOf((pb) => {
        delete pb.incidents.cashLimit;
      }),
    ).toEqual([{ path: "tasks[0].items[2].cashLimit", problem: "needs incidents.cashLimit (the limit amount)" }]);
  });

  it("onFail: followUp needs a due time, on the item or its task", () => {
    const pb = raw();
    const lobby = pb.tasks.findIndex((t: Raw) => t.key === "lobby_ready");
    const floor = pb.tasks[lobby].items.findIndex((i: Raw) => i.key === "floor_clean");
    expect(
      issuesOf((x) => {
        delete x.tasks[lobby].items[floor].followUpWithin;
      }),
    ).toEqual([
      {
        path: `tasks[${lobby}].items[${floor}].followUpWithin`,
        problem: "needed when onFail is followUp (here or on the task): the follow-up's due time",
      },
    ]);
    // the task's own followUpWithin is enough
    const ok = raw();
    delete ok.tasks[lobby].items[floor].followUpWithin;
    ok.tasks[lobby].followUpWithin = { businessDays: 2 };
    expect(() => parsePlaybook(ok, "playbooks/ok.yaml", i18n.exists)).not.toThrow();
    expect(
      issuesOf((x) => {
        x.tasks[lobby].items[floor].onFail = "ticket";
      })[0]?.path,
    ).toBe(`tasks[${lobby}].items[${floor}].onFail`);
  });

  it("a file on disk: the error names the file, the path and the problem", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "branchbot-playbook-"));
    try {
      const pb = raw();
      pb.incidents.types[typeIndex(pb, "security")].requires = ["location", "police"];
      const file = path.join(dir, "bad.yaml");
      writeFileSync(file, stringify(pb));
      expect(() => loadPlaybook(file, i18n.exists)).toThrow(
        new RegExp(
          `Invalid configuration in ${file.replaceAll("/", "\\/")}:\\n  - incidents\\.types\\[\\d+\\]\\.requires\\[1\\]: must be one of overShort, policeCalled, amount`,
        ),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
