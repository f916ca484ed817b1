// The pure case rules: the incident state machine and ladder, the complaint ladder's moves
// and clocks, and lateness.
import { describe, expect, it } from "vitest";
import { decisionEffect, lateAction, stepIsLate } from "../../src/domain/complaint-ladder.js";
import {
  type IncidentAction,
  type IncidentStatus,
  incidentTransition,
  missingFields,
  nextLadderRole,
} from "../../src/domain/incident-rules.js";
import { playbook } from "../helpers/db.js";

describe("incident state machine", () => {
  it("allows exactly these transitions", () => {
    const statuses: IncidentStatus[] = ["open", "acknowledged", "resolved", "closed"];
    const actions: IncidentAction[] = ["acknowledge", "update", "resolve", "close"];
    const table = Object.fromEntries(
      statuses.map((s) => [s, Object.fromEntries(actions.map((a) => [a, incidentTransition(s, a)]))]),
    );
    expect(table).toEqual({
      open: { acknowledge: "acknowledged", update: "open", resolve: "resolved", close: null },
      acknowledged: { acknowledge: null, update: "acknowledged", resolve: "resolved", close: null },
      resolved: { acknowledge: null, update: "resolved", resolve: null, close: "closed" },
      closed: { acknowledge: null, update: null, resolve: null, close: null },
    });
  });

  it("climbs the ladder one role beyond those told on report", () => {
    const ladder = playbook.incidents.ladder;
    expect(nextLadderRole(ladder, ["supervisor"], 0)).toBe("manager");
    expect(nextLadderRole(ladder, ["supervisor"], 1)).toBe("regional");
    expect(nextLadderRole(ladder, ["supervisor"], 2)).toBeNull();
    expect(nextLadderRole(ladder, ["supervisor", "manager"], 0)).toBe("regional");
    expect(nextLadderRole(ladder, ["manager", "regional"], 0)).toBeNull();
  });

  it("names the missing required fields of a type", () => {
    const counterfeit = playbook.incidents.types.find((t) => t.key === "counterfeit");
    if (!counterfeit) throw new Error("no counterfeit type");
    expect(missingFields(counterfeit, { denomination: "100", serialNumber: " " })).toEqual(["serialNumber"]);
    expect(missingFields(counterfeit, { denomination: "100", serialNumber: "AB12345678" })).toEqual([]);
  });
});

describe("complaint ladder", () => {
  it("moves by decision", () => {
    expect(decisionEffect(playbook, 1, "approve")).toEqual({ kind: "resolve", outcome: "approved" });
    expect(decisionEffect(playbook, 1, "request_changes")).toEqual({
      kind: "move",
      toStepNo: 1,
      outcome: "changes_requested",
    });
    expect(decisionEffect(playbook, 3, "request_changes")).toMatchObject({ toStepNo: 2 });
    expect(decisionEffect(playbook, 2, "escalate")).toEqual({ kind: "move", toStepNo: 3, outcome: "escalated" });
    expect(decisionEffect(playbook, 3, "escalate")).toEqual({ kind: "invalid", why: "top_of_ladder" });
  });

  it("is late on a missed action clock, or a missed ack clock while unacknowledged", () => {
    const now = new Date("2026-11-23T05:00:00Z");
    const base = { stepNo: 1, dueAt: new Date("2026-11-24T00:00:00Z"), late: false };
    const ackMissed = { ...base, ackDueAt: new Date("2026-11-23T04:00:00Z"), acknowledgedAt: null };
    expect(stepIsLate(ackMissed, now)).toBe(true);
    expect(stepIsLate({ ...ackMissed, acknowledgedAt: new Date("2026-11-23T03:00:00Z") }, now)).toBe(false);
    expect(lateAction(playbook, ackMissed, now)).toEqual({ kind: "escalate", toStepNo: 2 });
    const top = { stepNo: 3, dueAt: new Date("2026-11-23T04:00:00Z"), ackDueAt: null, acknowledgedAt: null };
    expect(lateAction(playbook, { ...top, late: false }, now)).toEqual({ kind: "flag" });
    expect(lateAction(playbook, { ...top, late: true }, now)).toEqual({ kind: "none" });
  });
});
