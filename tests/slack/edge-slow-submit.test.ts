// A core slower than the submission budget: the ack switches the modal to "still working" in
// time, and the outcome follows with views.update and the replies.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { i18n } from "../helpers/db.js";
import { interactiveBody } from "../helpers/slack-sign.js";
import { eventually, type Harness, startHarness } from "./harness.js";
import { CHANNEL, viewSubmission, WANG_FANG } from "./payloads.js";

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ submitBudgetMs: 200 });
  h.core.submitDelayMs = 600;
});
afterEach(async () => {
  await h.stop();
});

describe("a slow modal submission", () => {
  it("acks within the budget with a still-working view, then updates the modal and posts the replies", async () => {
    const meta = JSON.stringify({ c: "ctx-incident-1", ch: CHANNEL, th: "1700000000.000100" });
    const values = { amount: { value: { type: "plain_text_input", value: "88.00" } } };
    const started = Date.now();
    const res = await h.post(
      interactiveBody(viewSubmission(WANG_FANG, values, meta)),
      "application/x-www-form-urlencoded",
    );
    const ack = (await res.json()) as { response_action: string; view: { blocks: Array<{ text: { text: string } }> } };
    expect(Date.now() - started).toBeLessThan(550);
    expect(ack.response_action).toBe("update");
    expect(ack.view.blocks[0]?.text.text).toBe(i18n.t("zh-CN", "slack:form.working"));

    const update = await eventually(() => {
      const c = h.slack.callsTo("views.update")[0];
      if (!c) throw new Error("no update yet");
      return c;
    });
    expect(update.body.view_id).toBe("V0MODAL1");
    const view = update.body.view as { blocks: Array<{ text: { text: string } }> };
    expect(view.blocks[0]?.text.text).toBe(i18n.t("zh-CN", "slack:form.saved"));
    await eventually(() =>
      expect(h.slack.callsTo("chat.postMessage")[0]?.body).toMatchObject({
        channel: CHANNEL,
        thread_ts: "1700000000.000100",
      }),
    );
  });
});
