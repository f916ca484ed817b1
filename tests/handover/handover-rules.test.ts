// The handover rules that a chat test cannot reach: the playbook's handovers section is checked
// at start-up (roles, scopes, item kinds, duplicate keys, locale keys), and the service refuses a
// receiver who is the giver or holds no receiving role, whatever a forged submission says.
import { afterEach, describe, expect, it } from "vitest";
import { playbookRejection } from "../helpers/playbook-errors.js";
import { playbookFile } from "../permissions/world.js";
import { eventually, type SlackApp, startSlackApp } from "../slack/app-harness.js";
import { command, responseId, USERS } from "../slack/app-payloads.js";

describe("handovers in the playbook", () => {
  it("rejects an unknown or region-scoped role in permissions.handovers", () => {
    const err = playbookRejection((pb) => {
      pb.permissions.handovers.give = ["cashier"];
      pb.permissions.handovers.receive = ["regional"];
    });
    expect(err.issues.map((i) => i.path)).toEqual([
      "permissions.handovers.give[0]",
      "permissions.handovers.receive[0]",
    ]);
  });

  it("rejects a free-text item: a password is never written down", () => {
    const err = playbookRejection((pb) => {
      pb.handovers.shift.items.push({ key: "password", kind: "text", label: "playbook:handovers.items.keys_handed" });
    });
    expect(err.issues.map((i) => i.path)).toEqual(["handovers.shift.items[6].kind"]);
  });

  it("rejects a duplicate item key and a label missing from the locales", () => {
    const err = playbookRejection((pb) => {
      pb.handovers.temporary_absence.items.push({
        key: "cashbox_locked",
        kind: "yesno",
        label: "playbook:handovers.items.vault_locked",
      });
    });
    expect(err.issues.map((i) => i.path).sort()).toEqual([
      "handovers.temporary_absence.items[4].key",
      "handovers.temporary_absence.items[4].label",
    ]);
  });
});

describe("the handover service", () => {
  let s: SlackApp;
  afterEach(async () => {
    await s.stop();
  });

  it("refuses the giver as receiver, and a receiver without a receiving role, on the field", async () => {
    // only supervisors and managers may receive here
    s = await startSlackApp(undefined, {
      playbookFile: playbookFile((pb) => {
        pb.permissions.handovers.receive = ["supervisor", "manager"];
      }),
    });
    const ids = s.ids.staff;
    const base = {
      outletId: s.ids.outlets["SH-LJZ"] as string,
      kind: "temporary_absence" as const,
      values: { cashbox_locked: "yes", seals_locked: "yes", vouchers_locked: "yes", screen_locked: "yes" },
    };
    const wang = { staffId: ids["wang.fang"] as string, platform: "slack" as const };
    expect((await s.app.services.handovers.receivers(base.outletId, wang.staffId)).map((r) => r.id).sort()).toEqual(
      [ids["chen.min"], ids["emily.zhou"]].sort(),
    );
    const self = await s.app.services.handovers.submit(wang, { ...base, toStaffId: wang.staffId });
    expect(self).toMatchObject({
      ok: false,
      code: "invalid_input",
      errors: { to: { key: "handover:errors.same_person" } },
    });
    const lobby = await s.app.services.handovers.submit(wang, { ...base, toStaffId: ids["li.jun"] as string });
    expect(lobby).toMatchObject({ ok: false, errors: { to: { key: "handover:errors.receiver_not_allowed" } } });
    const missing = await s.app.services.handovers.submit(wang, {
      ...base,
      toStaffId: ids["chen.min"] as string,
      values: { cashbox_locked: "yes" },
    });
    expect(missing).toMatchObject({ ok: false, errors: { seals_locked: { key: "forms:errors.required" } } });
    expect(await s.app.db.handover.count()).toBe(0);
    expect(await s.app.db.auditEvent.count({ where: { entityType: "handover" } })).toBe(0);
  });

  it("a playbook without the kind refuses the command, in the person's language", async () => {
    s = await startSlackApp(undefined, {
      playbookFile: playbookFile((pb) => {
        delete pb.handovers.temporary_absence;
      }),
    });
    const fields = command(s.slack, USERS.emily, "away");
    await s.command(fields);
    const answer = await eventually(() => {
      const r = s.slack.responses.find((x) => x.id === responseId(fields));
      if (!r) throw new Error("no answer yet");
      return r.body as { text: string };
    });
    expect(answer.text).toBe("This kind of handover is not set up in the playbook.");
  });
});
