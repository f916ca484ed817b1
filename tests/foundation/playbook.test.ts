import { describe, expect, it } from "vitest";
import { loadPlaybook } from "../../src/config/playbook.js";
import { DEFAULT_PLAYBOOK, i18n, playbook } from "../helpers/db.js";
import { playbookRejection, type RawPlaybook, rawPlaybook } from "../helpers/playbook-errors.js";

const _raw = rawPlaybook;
const errorOf = (mutate: (pb: RawPlaybook) => void): string => playbookRejection(mutate).message;

describe("default playbook", () => {
  it("covers the domain's tasks, every item kind, dual control, incidents and the ladder", () => {
    expect(playbook.tasks.map((t) => t.key)).toEqual([
      "opening",
      "lobby_ready",
      "morning_meeting",
      "midday_check",
      "aml_screening",
      "end_of_day",
      "closing",
      "study_session",
      "service_weekly_report",
      "attendance_report",
      "self_inspection",
      "safety_check",
      "service_quality_review",
      "emergency_drill",
    ]);
    const kinds = new Set(playbook.tasks.flatMap((t) => t.items.map((i) => i.kind)));
    expect([...kinds].sort()).toEqual(["amount", "choice", "number", "photo", "text", "yesno"]);
    expect(playbook.tasks.some((t) => t.items.some((i) => i.dualControl))).toBe(true);
    expect(new Set(playbook.tasks.map((t) => t.schedule.every))).toEqual(new Set(["day", "week", "month", "quarter"]));
    expect(playbook.incidents.types.map((t) => t.key)).toHaveLength(12); // the domain's 9 + cash_limit_exceeded + aml_suspicious + custody_mismatch
    expect(playbook.complaints.ladder.map((s) => s.role)).toEqual(["supervisor", "manager", "regional"]);
    expect(playbook.complaints.ladder[0]?.ackWithin).toEqual({ businessHours: 2 });
    expect(playbook.incidents.ackWithin.minor).toEqual({ businessHours: 2 });
  });

  it("loads from disk with every locale key present", () => {
    expect(loadPlaybook(DEFAULT_PLAYBOOK, i18n.exists).tasks.length).toBe(14);
  });
});

describe("a bad playbook names the file, the path and the problem", () => {
  it("a range whose max is below its min", () => {
    const msg = errorOf((pb) => {
      pb.tasks[3].items[1].range.max = -1;
    });
    expect(msg).toBe(
      "Invalid configuration in playbooks/broken.yaml:\n  - tasks[3].items[1].range.max: max must not be less than min",
    );
  });

  it("an unknown item kind", () => {
    const msg = errorOf((pb) => {
      pb.tasks[0].items[2].kind = "signature";
    });
    expect(msg).toContain(
      '  - tasks[0].items[2].kind: must have kind: "yesno", "number", "amount", "text", "choice" or "photo"',
    );
  });

  it("a bad time of day", () => {
    const msg = errorOf((pb) => {
      pb.tasks[1].schedule.at = "25:00";
    });
    expect(msg).toContain('  - tasks[1].schedule.at: must be a time "HH:MM" (24-hour)');
  });

  it("a duration with two units", () => {
    const msg = errorOf((pb) => {
      pb.tasks[0].window = { minutes: 5, hours: 1 };
    });
    expect(msg).toContain(
      "  - tasks[0].window: must give exactly one of minutes, hours, days, businessHours, businessDays",
    );
  });

  it("a duplicate task key and an unknown incident type", () => {
    const msg = errorOf((pb) => {
      pb.tasks[2].key = "opening";
      pb.tasks[4].items[0].failIncidentType = "alien_invasion";
    });
    expect(msg).toContain('  - tasks[2].key: duplicate key "opening"');
    expect(msg).toContain('  - tasks[4].items[0].failIncidentType: unknown incident type "alien_invasion"');
  });

  it("a locale key that does not exist", () => {
    const msg = errorOf((pb) => {
      pb.tasks[0].items[0].label = "playbook:tasks.opening.items.nope";
    });
    expect(msg).toBe(
      'Invalid configuration in playbooks/broken.yaml:\n  - tasks[0].items[0].label: locale key "playbook:tasks.opening.items.nope" is missing in en or zh-CN',
    );
  });

  it("a number unit with no translation", () => {
    const msg = errorOf((pb) => {
      pb.tasks[2].items[2].unit = "furlongs";
    });
    expect(msg).toBe(
      'Invalid configuration in playbooks/broken.yaml:\n  - tasks[2].items[2].unit: locale key "checklist:units.furlongs" is missing in en or zh-CN',
    );
  });

  it("a ladder that escalates from its last step", () => {
    const msg = errorOf((pb) => {
      pb.complaints.ladder[2].ifLate = "escalate";
    });
    expect(msg).toContain('  - complaints.ladder[2].ifLate: the last step has nowhere to escalate; use "flag"');
  });

  it("a YAML syntax error gives the line", () => {
    expect(() => loadPlaybook("/nonexistent/playbook.yaml")).toThrow(
      "Invalid configuration in /nonexistent/playbook.yaml:\n  - (root): file not found",
    );
  });
});
