// Issue 6 §7: one case, two platforms. The real app with Slack (HTTP mode, fake Slack Web API,
// signed requests) AND Teams (local mode, fake connector): a complaint logged with the Slack
// modal at SH-XJH is approved in Teams by david.sun, who is linked on both. One decision,
// recorded as made on Teams; the thread updates reach both platforms.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAKE_TEAM } from "../helpers/fake-slack.js";
import { formBody, interactiveBody, signedHeaders } from "../helpers/slack-sign.js";
import {
  conversationUpdate,
  DAVID,
  execute,
  inChannel,
  message,
  PERSONAL,
  personalChatOf,
  submitForm,
  XJH_CHANNEL,
} from "./app-activities.js";
import { buttonData, cardOf, cardText, invokeCard, SLACK_SECRET, startTeamsApp, type TeamsApp } from "./app-harness.js";

const LIU_SLACK = "U0DEMO0006"; // liu.yang, teller and lobby at SH-XJH
const XJH_SLACK = "C0DEMOXJH";

let h: TeamsApp;
beforeAll(async () => {
  h = await startTeamsApp({ slack: true });
});
afterAll(async () => {
  await h.stop();
});

function slackPost(body: string, contentType: "application/x-www-form-urlencoded") {
  return fetch(`${h.app.url}/slack/events`, {
    method: "POST",
    headers: signedHeaders(SLACK_SECRET, body, contentType),
    body,
  });
}

async function until<T>(find: () => T | undefined | Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = await find();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

type Block = {
  type: string;
  block_id?: string;
  element?: { type: string; action_id: string; options?: Array<{ value: string; text: unknown }> };
};

/** Slack's view_submission state for a modal the bot opened, answered by block id. */
function slackState(blocks: Block[], answers: Record<string, string>) {
  const values: Record<string, Record<string, unknown>> = {};
  for (const b of blocks) {
    if (b.type !== "input" || !b.block_id || !b.element) continue;
    const a = answers[b.block_id];
    const el = b.element;
    const opt = el.options?.find((o) => o.value === a);
    values[b.block_id] = {
      [el.action_id]: el.options
        ? { type: el.type, selected_option: opt ?? null }
        : { type: el.type, value: a ?? null },
    };
  }
  return values;
}

describe("a complaint logged in Slack, approved in Teams", () => {
  it("records one decision made on Teams and updates the thread on both platforms", async () => {
    const slack = h.slack!;
    // david.sun has talked to the bot on Teams; the XJH Teams channel has the app installed
    await h.post(conversationUpdate(h.connector.url, DAVID, inChannel(XJH_CHANNEL)));
    await h.post(message(h.connector.url, DAVID, PERSONAL, "help"));

    // liu.yang: /branch complaint SH-XJH → the modal → submitted
    const command = {
      token: "unused",
      team_id: FAKE_TEAM,
      team_domain: "demo-bank",
      channel_id: XJH_SLACK,
      channel_name: "xjh-ops",
      user_id: LIU_SLACK,
      user_name: "liu.yang",
      command: "/branch",
      text: "complaint SH-XJH",
      api_app_id: "A0BRANCH",
      response_url: slack.responseUrl("cmd-liu"),
      trigger_id: "13345224609.738474920.cross",
    };
    expect((await slackPost(formBody(command), "application/x-www-form-urlencoded")).status).toBe(200);
    const open = await until(() => slack.callsTo("views.open")[0], "views.open");
    const view = open.body.view as { callback_id: string; private_metadata: string; blocks: Block[] };
    expect(view.callback_id).toBe("complaint");
    const submission = {
      type: "view_submission",
      team: { id: FAKE_TEAM, domain: "demo-bank" },
      user: { id: LIU_SLACK, username: "liu.yang", name: "liu.yang", team_id: FAKE_TEAM },
      api_app_id: "A0BRANCH",
      token: "unused",
      trigger_id: "13345224609.738474920.cross2",
      view: {
        id: "V0CROSS",
        team_id: FAKE_TEAM,
        type: "modal",
        callback_id: view.callback_id,
        private_metadata: view.private_metadata,
        blocks: view.blocks,
        state: {
          values: slackState(view.blocks, {
            category: "counter_error",
            intakeChannel: "counter",
            customerRef: "6222 0212 3456 7890",
            description: "柜员多扣手续费 20 元",
            desiredOutcome: "退还手续费",
          }),
        },
        hash: "1.2",
      },
      response_urls: [],
    };
    const submitted = await slackPost(interactiveBody(submission), "application/x-www-form-urlencoded");
    expect(submitted.status).toBe(200);
    const complaint = await until(async () => (await h.app.db.complaint.findFirst()) ?? undefined, "the complaint row");
    expect(complaint.customerRef).not.toContain("6222 0212 3456 7890");

    // the card is posted on both platforms; david sees it once on Teams, in the outlet's channel
    // (the bot is in it), mentioned, and not again in his personal chat
    await h.drain();
    const slackCard = slack
      .callsTo("chat.postMessage")
      .find((c) => c.body.channel === XJH_SLACK && JSON.stringify(c.body).includes(complaint.ref));
    expect(slackCard?.response?.ts).toBeDefined();
    const withRef = h.connector.calls.filter(
      (c) => c.method === "POST" && cardText(cardOf(c.body)).includes(complaint.ref),
    );
    expect(withRef.filter((c) => c.conversationId === personalChatOf(DAVID))).toEqual([]);
    const teamsDm = withRef.find((c) => c.conversationId.startsWith("19:demo-sh-xjh@thread.tacv2"));
    if (!teamsDm?.returnedId) throw new Error("the complaint card did not reach david.sun on Teams");
    expect(JSON.stringify(teamsDm.body)).toContain("<at>David Sun</at>");

    // david approves in Teams
    const card = cardOf(teamsDm.body);
    const approve = await h.post(
      execute(h.connector.url, DAVID, PERSONAL, buttonData(card, "complaint.approve"), teamsDm.returnedId),
    );
    const form = invokeCard(approve.body);
    const decided = await h.post(
      submitForm(
        h.connector.url,
        DAVID,
        PERSONAL,
        buttonData(form, "form.submit"),
        { comment: "" },
        teamsDm.returnedId,
      ),
    );
    expect(cardText(invokeCard(decided.body))).toContain(complaint.ref);
    const decisions = await h.app.db.complaintDecision.findMany();
    expect(decisions).toHaveLength(1);
    expect(decisions[0]).toMatchObject({ complaintId: complaint.id, decision: "approve", platform: "teams" });
    expect((await h.app.db.complaint.findUniqueOrThrow({ where: { id: complaint.id } })).status).toBe("resolved");

    // the decision goes into the complaint's thread and edits the card, on Slack and on Teams
    const slackBefore = slack.calls.length;
    h.connector.reset();
    await h.drain();
    const slackAfter = slack.calls.slice(slackBefore);
    const ts = String(slackCard?.response?.ts);
    expect(slackAfter.some((c) => c.method === "chat.postMessage" && c.body.thread_ts === ts)).toBe(true);
    expect(slackAfter.some((c) => c.method === "chat.update" && c.body.ts === ts)).toBe(true);
    const teamsCard = await h.app.db.outboxMessage.findFirstOrThrow({
      where: { idempotencyKey: `complaint:${complaint.id}:teams:${XJH_CHANNEL}` },
    });
    const teamsThread = `${XJH_CHANNEL};messageid=${teamsCard.platformMessageId}`;
    expect(h.connector.calls.some((c) => c.method === "POST" && c.conversationId === teamsThread)).toBe(true);
    expect(h.connector.calls.some((c) => c.method === "PUT" && c.activityId === teamsCard.platformMessageId)).toBe(
      true,
    );
  });
});
