// Who sees outlet summaries is permissions.summaries.outlet. By default the supervisor and the
// manager do; with the list cut to [manager] in the playbook file, chen.min (supervisor at
// SH-LJZ) is refused while emily.zhou (manager) still gets her summary — on Slack and Teams.
import { afterEach, describe, expect, it } from "vitest";
import { i18n } from "../helpers/db.js";
import { eventually, type SlackApp, startSlackApp } from "../slack/app-harness.js";
import { blockText, command, responseId, USERS } from "../slack/app-payloads.js";
import { CHEN, message, PERSONAL, type TeamsUser } from "../teams/app-activities.js";
import { cardOf, cardText, startTeamsApp, type TeamsApp } from "../teams/app-harness.js";
import { EMILY, orgFile, playbookFile } from "./world.js";

const managersOnly = () =>
  playbookFile((pb) => {
    pb.permissions.summaries.outlet = ["manager"];
  });

type Started = { app: SlackApp["app"]; ids: SlackApp["ids"] };

/** The outcome the summary service recorded for this person's last request. */
async function outcomeFor(a: Started, code: string) {
  const rows = await a.app.db.auditEvent.findMany({
    where: { action: "summary.requested", actorId: a.ids.staff[code] },
    orderBy: { seq: "desc" },
    take: 1,
  });
  return JSON.parse(rows[0]?.after ?? "{}").outcome;
}

describe("status on Slack", () => {
  let s: SlackApp;
  afterEach(async () => {
    await s.stop();
  });

  async function status(user: string) {
    const fields = command(s.slack, user, "status week");
    expect((await s.command(fields)).status).toBe(200);
    return eventually(() => {
      const r = s.slack.responses.find((x) => x.id === responseId(fields));
      if (!r) throw new Error("no response_url post yet");
      return r.body as { text: string; blocks: unknown[] };
    });
  }

  it("default playbook: the supervisor gets the summary of his outlet", async () => {
    s = await startSlackApp();
    const reply = await status(USERS.chen);
    expect(blockText(reply.blocks)).toContain(i18n.t("zh-CN", "cards:summary.on_time"));
    expect(await outcomeFor(s, "chen.min")).toBe("granted");
  });

  it("summaries.outlet = [manager]: the supervisor is refused, the manager is not", async () => {
    s = await startSlackApp(undefined, { playbookFile: managersOnly() });
    const refused = await status(USERS.chen);
    expect(refused.text).toBe(i18n.t("zh-CN", "summary:refusal.not_authorised"));
    expect(await outcomeFor(s, "chen.min")).toBe("refused");
    const granted = await status(USERS.emily);
    expect(blockText(granted.blocks)).toContain(i18n.t("en", "cards:summary.on_time"));
    expect(await outcomeFor(s, "emily.zhou")).toBe("granted");
  });
});

describe("status on Teams", () => {
  let h: TeamsApp;
  afterEach(async () => {
    await h.stop();
  });

  /** The one answer the bot posts in the person's personal chat. */
  async function status(from: TeamsUser) {
    h.connector.reset();
    expect((await h.post(message(h.connector.url, from, PERSONAL, "status week"))).status).toBe(200);
    const [call] = await h.connector.waitFor(1);
    return JSON.stringify(call?.body.attachments ? cardText(cardOf(call.body)) : call?.body.text);
  }

  it("default playbook: the supervisor gets the summary of his outlet", async () => {
    h = await startTeamsApp({ orgFile: orgFile() });
    expect(await status(CHEN)).toContain(i18n.t("zh-CN", "cards:summary.on_time"));
    expect(await outcomeFor(h, "chen.min")).toBe("granted");
  });

  it("summaries.outlet = [manager]: the supervisor is refused, the manager is not", async () => {
    h = await startTeamsApp({ orgFile: orgFile(), playbookFile: managersOnly() });
    const refused = await status(CHEN);
    expect(refused).toContain(i18n.t("zh-CN", "summary:refusal.not_authorised"));
    expect(refused).not.toContain(i18n.t("zh-CN", "cards:summary.on_time"));
    expect(await outcomeFor(h, "chen.min")).toBe("refused");
    expect(await status(EMILY)).toContain(i18n.t("en", "cards:summary.on_time"));
    expect(await outcomeFor(h, "emily.zhou")).toBe("granted");
  });
});
