import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadOrg, parseOrg } from "../../src/config/org.js";
import { roleSet } from "../../src/config/playbook-roles.js";
import { DEMO_ORG, demoOrg, playbook } from "../helpers/db.js";

const raw = () => parse(readFileSync(DEMO_ORG, "utf8"));

function errorOf(mutate: (org: ReturnType<typeof raw>) => void): string {
  const org = raw();
  mutate(org);
  try {
    parseOrg(org, "org.yaml", roleSet(playbook));
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error("expected the org file to be rejected");
}

describe("demo org", () => {
  it("has one region, two Shanghai outlets, and every role in both languages", () => {
    expect(demoOrg.regions).toHaveLength(1);
    expect(demoOrg.outlets.map((o) => o.timeZone)).toEqual(["Asia/Shanghai", "Asia/Shanghai"]);
    const roles = new Set(
      demoOrg.staff.flatMap((s) => [...Object.values(s.roles).flat(), ...(s.regional.length ? ["regional"] : [])]),
    );
    expect([...roles].sort()).toEqual(["lobby", "manager", "regional", "security", "supervisor", "teller"]);
    expect(new Set(demoOrg.staff.map((s) => s.locale))).toEqual(new Set(["zh-CN", "en"]));
    expect(demoOrg.staff.length).toBeGreaterThanOrEqual(8);
  });
});

describe("a bad org file names the file, the path and the problem", () => {
  it("an unknown time zone", () => {
    expect(
      errorOf((o) => {
        o.outlets[1].timeZone = "Asia/Atlantis";
      }),
    ).toBe("Invalid configuration in org.yaml:\n  - outlets[1].timeZone: is not a known IANA time zone");
  });

  it("a role at an outlet that does not exist", () => {
    const msg = errorOf((o) => {
      o.staff[0].roles = { "SH-NOPE": ["teller"] };
    });
    expect(msg).toBe('Invalid configuration in org.yaml:\n  - staff[0].roles.SH-NOPE: unknown outlet "SH-NOPE"');
  });

  it("an unknown role", () => {
    const msg = errorOf((o) => {
      o.staff[1].roles = { "SH-LJZ": ["cashier"] };
    });
    expect(msg).toBe(
      'Invalid configuration in org.yaml:\n  - staff[1].roles.SH-LJZ[0]: unknown outlet role "cashier" (the playbook\'s: teller, lobby, security, supervisor, manager)',
    );
  });

  it("a role held at the wrong scope: a region role at an outlet, an outlet role across a region", () => {
    const msg = errorOf((o) => {
      o.staff[1].roles = { "SH-LJZ": ["regional"] };
      o.staff[1].regionRoles = { [o.regions[0].code]: ["manager"] };
    });
    expect(msg).toBe(
      "Invalid configuration in org.yaml:\n" +
        '  - staff[1].roles.SH-LJZ[0]: role "regional" has scope region in the playbook, not outlet\n' +
        `  - staff[1].regionRoles.${raw().regions[0].code}[0]: role "manager" has scope outlet in the playbook, not region`,
    );
  });

  it("a bad holiday date and hours that end before they start", () => {
    const msg = errorOf((o) => {
      o.outlets[0].holidays = [{ date: "2026-13-45x" }];
      o.outlets[0].hours = { start: "17:00", end: "09:00" };
    });
    expect(msg).toContain('  - outlets[0].holidays[0].date: must be a date "YYYY-MM-DD"');
    expect(msg).toContain("  - outlets[0].hours.end: end must be after start");
  });

  it("the same Slack user on two people", () => {
    expect(
      errorOf((o) => {
        o.staff[1].slack.userId = o.staff[0].slack.userId;
      }),
    ).toBe("Invalid configuration in org.yaml:\n  - staff[1].slack.userId: already used by staff[0]");
  });

  it("a YAML syntax error points at the line", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "org-"));
    const file = path.join(dir, "org.yaml");
    writeFileSync(file, "regions:\n  - code: SH\n    name: [unclosed\n");
    expect(() => loadOrg(file, roleSet(playbook))).toThrow(
      new RegExp(`Invalid configuration in ${file}:\\n  - line \\d+, column \\d+: `),
    );
  });
});
