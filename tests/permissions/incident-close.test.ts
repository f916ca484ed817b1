// "Who may close an incident" is permissions.incidents.close in the playbook. With the default
// file a teller's Close click is refused; with `teller` added to that list (the only change),
// the same click closes the incident, on Slack and on Teams, through the real edges.
import { afterEach, describe, expect, it } from "vitest";
import { i18n } from "../helpers/db.js";
import { eventually, type SlackApp, settle, startSlackApp } from "../slack/app-harness.js";
import { blockText, buttonClick, buttons, LJZ_SUP, USERS } from "../slack/app-payloads.js";
import { CHEN, conversationUpdate, execute, inChannel, LJZ_CHANNEL } from "../teams/app-activities.js";
import { buttonData, cardOf, cardText, invokeMessage, startTeamsApp, type TeamsApp } from "../teams/app-harness.js";
import { orgFile, playbookFile, WANG } from "./world.js";

const tellerMayClose = () =>
  playbookFile((pb) => {
    pb.permissions.incidents.close.push("teller");
  });

type Started = { app: SlackApp["app"]; ids: SlackApp["ids"]; drain: () => Promise<unknown> };

/** wang.fang (teller) reports an incident at SH-LJZ; chen.min (supervisor) resolves it. */
async function resolvedIncident(a: Started, platform: "slack" | "teams") {
  const reported = await a.app.services.incidents.report(
    { staffId: a.ids.staff["wang.fang"]!, platform },
    { outletId: a.ids.outlets["SH-LJZ"]!, type: "system", description: "叫号机无法出号" },
  );
  if (!reported.ok) throw new Error("the incident was not reported");
  await a.drain();
  const resolved = await a.app.services.incidents.resolve(
    { staffId: a.ids.staff["chen.min"]!, platform },
    reported.incidentId,
    "重启后恢复",
  );
  expect(resolved.ok).toBe(true);
  await a.drain();
  return reported;
}

const statusOf = async (a: Started, id: string) =>
  (await a.app.db.incident.findUniqueOrThrow({ where: { id } })).status;

describe("closing an incident on Slack", () => {
  let s: SlackApp;
  afterEach(async () => {
    await s.stop();
  });

  /** The teller clicks Close on the resolved incident's card in the supervisors' channel. */
  async function tellerClicksClose() {
    const { incidentId, ref } = await resolvedIncident(s, "slack");
    const post = s.slack
      .callsTo("chat.postMessage")
      .find((c) => c.body.channel === LJZ_SUP && blockText(c.body.blocks).includes(ref));
    const ts = String(post?.response?.ts);
    const card = s.slack
      .callsTo("chat.update")
      .filter((c) => c.body.ts === ts)
      .at(-1);
    const close = buttons(card?.body.blocks).find((b) => b.action_id === "incident.close");
    if (!close) throw new Error("the resolved card has no Close button");
    await s.interact(buttonClick(s.slack, USERS.wang, { channel: LJZ_SUP, ts }, close));
    return { incidentId, ref };
  }

  it("default playbook: the teller is told they may not, and the incident stays resolved", async () => {
    s = await startSlackApp(undefined, { orgFile: orgFile() });
    const { incidentId, ref } = await tellerClicksClose();
    const answer = await eventually(() => {
      const r = s.slack.responses.at(-1);
      if (!r) throw new Error("no ephemeral answer yet");
      return r.body;
    });
    expect(answer.text).toBe(i18n.t("zh-CN", "incidents:refusal.not_authorised", { ref }));
    await settle();
    expect(await statusOf(s, incidentId)).toBe("resolved");
  });

  it("teller added to permissions.incidents.close: the same click closes it", async () => {
    s = await startSlackApp(undefined, { orgFile: orgFile(), playbookFile: tellerMayClose() });
    const { incidentId } = await tellerClicksClose();
    await eventually(async () => expect(await statusOf(s, incidentId)).toBe("closed"));
    const closed = await s.app.db.incidentEvent.findFirstOrThrow({ where: { incidentId, kind: "closed" } });
    expect(closed.actorId).toBe(s.ids.staff["wang.fang"]);
  });
});

describe("closing an incident on Teams", () => {
  let h: TeamsApp;
  afterEach(async () => {
    await h.stop();
  });

  /** The bot is in the outlet's channel; the teller clicks Close on the resolved card there. */
  async function tellerClicksClose() {
    await h.post(conversationUpdate(h.connector.url, CHEN, inChannel(LJZ_CHANNEL)));
    const { incidentId, ref } = await resolvedIncident(h, "teams");
    const edit = h.connector.calls.filter((c) => c.method === "PUT" && cardText(cardOf(c.body)).includes(ref)).at(-1);
    if (!edit?.activityId) throw new Error("the incident card was not edited to its resolved state");
    const data = buttonData(cardOf(edit.body), "incident.close");
    const res = await h.post(execute(h.connector.url, WANG, inChannel(LJZ_CHANNEL), data, edit.activityId));
    expect(res.status).toBe(200);
    return { incidentId, ref, res };
  }

  it("default playbook: the teller is told they may not, and the incident stays resolved", async () => {
    h = await startTeamsApp({ orgFile: orgFile() });
    const { incidentId, ref, res } = await tellerClicksClose();
    expect(invokeMessage(res.body)).toBe(i18n.t("zh-CN", "incidents:refusal.not_authorised", { ref }));
    expect(await statusOf(h, incidentId)).toBe("resolved");
  });

  it("teller added to permissions.incidents.close: the same click closes it", async () => {
    h = await startTeamsApp({ orgFile: orgFile(), playbookFile: tellerMayClose() });
    const { incidentId } = await tellerClicksClose();
    expect(await statusOf(h, incidentId)).toBe("closed");
    const closed = await h.app.db.incidentEvent.findFirstOrThrow({ where: { incidentId, kind: "closed" } });
    expect(closed.actorId).toBe(h.ids.staff["wang.fang"]);
  });
});
