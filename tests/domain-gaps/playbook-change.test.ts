// The incident rules changed in the playbook FILE only, seen on both platforms through the real
// edges: with the default file a ¥150,000 over is 特别重大 and in CNY; with severityByAmount's top
// threshold raised and SH-LJZ given HKD in incidents.currency.byOutlet (the only changes), the
// same report is 重大 and in HKD, on the card Slack posts and on the card Teams posts (whose
// report form's amount hint names HKD too).
import { afterEach, describe, expect, it } from "vitest";
import { displayMinor } from "../../src/domain/money.js";
import { i18n } from "../helpers/db.js";
import { orgFile, playbookFile } from "../permissions/world.js";
import { type SlackApp, startSlackApp } from "../slack/app-harness.js";
import { blockText, LJZ_SUP } from "../slack/app-payloads.js";
import { CHEN, conversationUpdate, inChannel, LJZ_CHANNEL, message, PERSONAL } from "../teams/app-activities.js";
import { cardOf, cardText, startTeamsApp, type TeamsApp } from "../teams/app-harness.js";

const zh = (key: string, vars?: Record<string, unknown>) => i18n.t("zh-CN", key, vars);

const changed = () =>
  playbookFile((pb) => {
    const type = pb.incidents.types.find((t: { key: string }) => t.key === "cash_discrepancy");
    type.severityByAmount = type.severityByAmount.map((s: { atLeast: number; severity: string }) =>
      s.severity === "critical" ? { ...s, atLeast: 1_000_000 } : s,
    );
    pb.incidents.currency.byOutlet = { "SH-LJZ": "HKD" };
  });

type Started = Pick<SlackApp, "app" | "ids"> & { drain: () => Promise<unknown> };

/** chen.min reports a ¥150,000 over (长款) at SH-LJZ; the stored row. */
async function reportOver(a: Started, platform: "slack" | "teams") {
  const r = await a.app.services.incidents.report(
    { staffId: a.ids.staff["chen.min"]!, platform },
    {
      outletId: a.ids.outlets["SH-LJZ"]!,
      type: "cash_discrepancy",
      description: "日终轧账长款",
      overShort: "over",
      amount: "150000",
    },
  );
  if (!r.ok) throw new Error("the incident was not reported");
  await a.drain();
  return a.app.db.incident.findUniqueOrThrow({ where: { id: r.incidentId } });
}

const cases = [
  { name: "default playbook", file: undefined, severity: "critical", currency: "CNY" },
  { name: "threshold raised, SH-LJZ in HKD", file: changed, severity: "serious", currency: "HKD" },
] as const;

describe("incident rules from the playbook file, on Slack", () => {
  let s: SlackApp;
  afterEach(async () => {
    await s.stop();
  });

  for (const c of cases) {
    it(`${c.name}: ${c.severity}, ${c.currency}, on the supervisors' channel card`, async () => {
      s = await startSlackApp(undefined, { orgFile: orgFile(), ...(c.file ? { playbookFile: c.file() } : {}) });
      const incident = await reportOver(s, "slack");
      expect(incident).toMatchObject({ severity: c.severity, currency: c.currency, amountMinor: 15_000_000n });
      const post = s.slack
        .callsTo("chat.postMessage")
        .find((p) => p.body.channel === LJZ_SUP && blockText(p.body.blocks).includes(incident.ref));
      const text = blockText(post?.body.blocks);
      expect(text).toContain(zh(`labels:severity.${c.severity}`));
      expect(text).toContain(displayMinor(15_000_000n, c.currency));
    });
  }
});

describe("incident rules from the playbook file, on Teams", () => {
  let h: TeamsApp;
  afterEach(async () => {
    await h.stop();
  });

  for (const c of cases) {
    it(`${c.name}: ${c.severity}, ${c.currency}, on the outlet channel card`, async () => {
      h = await startTeamsApp({ orgFile: orgFile(), ...(c.file ? { playbookFile: c.file() } : {}) });
      // the report form's amount hint names the outlet's currency
      h.connector.reset();
      await h.post(message(h.connector.url, CHEN, PERSONAL, "incident SH-LJZ"));
      const [form] = await h.connector.waitFor(1);
      expect(cardText(cardOf(form!.body))).toContain(zh("cards:form.currency", { currency: c.currency }));
      await h.post(conversationUpdate(h.connector.url, CHEN, inChannel(LJZ_CHANNEL)));
      const incident = await reportOver(h, "teams");
      expect(incident).toMatchObject({ severity: c.severity, currency: c.currency, amountMinor: 15_000_000n });
      const posted = h.connector.calls.find(
        (p) =>
          p.method === "POST" && Array.isArray(p.body.attachments) && cardText(cardOf(p.body)).includes(incident.ref),
      );
      const text = cardText(cardOf(posted!.body));
      expect(text).toContain(zh(`labels:severity.${c.severity}`));
      expect(text).toContain(displayMinor(15_000_000n, c.currency));
    });
  }
});
