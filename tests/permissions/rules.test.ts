// The can…() functions over the default playbook give exactly the rules the code used to
// hard-code (the old constants' values), and follow the playbook when it changes.
import { describe, expect, it } from "vitest";
import type { Playbook } from "../../src/config/playbook-schema.js";
import {
  canCloseComplaint,
  canConfirmTask,
  canDecideComplaintStep,
  canHandleIncident,
  canRemind,
  canSecondConfirm,
  canSeeSummary,
  decidesComplaints,
  escalationTiers,
  handlesIncidents,
} from "../../src/permissions/index.js";
import { roleLabel } from "../../src/views/labels.js";
import { i18n, playbook } from "../helpers/db.js";

const ALL = ["teller", "lobby", "security", "supervisor", "manager", "regional"];
const who = (allowed: (role: string) => boolean) => ALL.filter(allowed);
const opening = playbook.tasks.find((t) => t.key === "opening")!;

describe("the default playbook reproduces the old rules", () => {
  it("decides a complaint step: its role or one rank above (the old mayDecide)", () => {
    expect(who((r) => canDecideComplaintStep(playbook, "supervisor", [r]))).toEqual(["supervisor", "manager"]);
    expect(who((r) => canDecideComplaintStep(playbook, "manager", [r]))).toEqual(["manager", "regional"]);
    expect(who((r) => canDecideComplaintStep(playbook, "regional", [r]))).toEqual(["regional"]);
    // an unranked step role: its holders only
    expect(who((r) => canDecideComplaintStep(playbook, "teller", [r]))).toEqual(["teller"]);
    expect(who((r) => decidesComplaints(playbook, [r]))).toEqual(["supervisor", "manager", "regional"]);
  });

  it("incidents and complaint closing: supervisor, manager, regional (the old INCIDENT_HANDLER_ROLES)", () => {
    for (const action of ["acknowledge", "update", "resolve", "close"] as const) {
      expect(who((r) => canHandleIncident(playbook, action, [r]))).toEqual(["supervisor", "manager", "regional"]);
    }
    expect(canHandleIncident(playbook, "update", ["teller"], { isReporter: true })).toBe(true);
    expect(canHandleIncident(playbook, "close", ["teller"], { isReporter: true })).toBe(false);
    expect(who((r) => handlesIncidents(playbook, [r]))).toEqual(["supervisor", "manager", "regional"]);
    expect(who((r) => canCloseComplaint(playbook, [r]))).toEqual(["supervisor", "manager", "regional"]);
  });

  it("tasks: the audience or an overseer confirms, supervisor and manager remind, escalation tiers", () => {
    expect(opening.audience).toEqual(["supervisor", "security", "teller"]);
    expect(who((r) => canConfirmTask(playbook, opening, [r]))).toEqual(["teller", "security", "supervisor", "manager"]);
    expect(who((r) => canRemind(playbook, [r]))).toEqual(["supervisor", "manager"]);
    expect(escalationTiers(playbook)).toEqual([["supervisor"], ["manager"]]);
    const dual = opening.items.find((i) => i.dualControl?.role === "security")!;
    expect(who((r) => canSecondConfirm(dual, [r]))).toEqual(["security"]);
    expect(canSecondConfirm({}, ["security"])).toBe(false);
  });

  it("summaries: supervisor and manager their outlets, regional their region", () => {
    expect(who((r) => canSeeSummary(playbook, "outlet", r))).toEqual(["supervisor", "manager"]);
    expect(who((r) => canSeeSummary(playbook, "region", r))).toEqual(["regional"]);
  });
});

describe("a changed playbook changes the answers", () => {
  const changed = (edit: (p: Playbook) => void): Playbook => {
    const copy = structuredClone(playbook);
    edit(copy);
    return copy;
  };

  it("ranksAbove: 0 leaves a step to its own rank; 2 lets regional decide step 1", () => {
    const own = changed((p) => {
      p.permissions.complaints.decide.ranksAbove = 0;
    });
    expect(who((r) => canDecideComplaintStep(own, "supervisor", [r]))).toEqual(["supervisor"]);
    const wide = changed((p) => {
      p.permissions.complaints.decide.ranksAbove = 2;
    });
    expect(who((r) => canDecideComplaintStep(wide, "supervisor", [r]))).toEqual(["supervisor", "manager", "regional"]);
  });

  it("confirm as a list: those roles confirm every task, whatever its audience", () => {
    const p = changed((pb) => {
      pb.permissions.tasks.confirm = ["lobby"];
      pb.permissions.tasks.oversee = [];
    });
    expect(who((r) => canConfirmTask(p, opening, [r]))).toEqual(["lobby"]);
  });
});

describe("role labels come from the playbook", () => {
  it("a bank role's dual-control refusal names it by its playbook label, in both languages", () => {
    const roles = [...playbook.roles, { key: "accounting_lead", label: "playbook:roles.accounting_lead" }];
    const role = roleLabel("accounting_lead", roles).key;
    expect(i18n.t("zh-CN", "checklist:refusal.wrong_role", { number: 2, role })).toContain("会计主管");
    expect(i18n.t("en", "checklist:skipped.needs_role", { number: 2, role })).toContain("Accounting lead");
    // a built-in role keeps its label
    expect(i18n.t("en", roleLabel("supervisor", playbook.roles).key)).toBe("Operations supervisor");
  });
});
