// Follow-ups (整改跟踪) on Teams through Bot Framework activities: a failed lobby item opens
// one, "整改 SH-LJZ" lists it with a Close button, Close opens the closing-note card, and the
// submitted note closes it (audited).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { i18n } from "../helpers/db.js";
import { CHEN, execute, message, PERSONAL, submitForm } from "../teams/app-activities.js";
import {
  buttonData,
  type Card,
  cardOf,
  cardText,
  invokeCard,
  startTeamsApp,
  type TeamsApp,
} from "../teams/app-harness.js";

const zh = (key: string, vars?: Record<string, unknown>) => i18n.t("zh-CN", key, vars);

let h: TeamsApp;
beforeEach(async () => {
  h = await startTeamsApp();
  await h.app.runtime.scheduler.runOnce(h.clock.now());
});
afterEach(async () => {
  await h.stop();
});

async function cardFor(text: string): Promise<{ card: Card; id: string }> {
  h.connector.reset();
  await h.post(message(h.connector.url, CHEN, PERSONAL, text));
  const [call] = await h.connector.waitFor(1);
  return { card: cardOf(call!.body), id: call!.returnedId! };
}

describe("follow-ups on Teams", () => {
  it("a missing notice opens a follow-up; 整改 lists it; Close takes the note and closes it", async () => {
    const form = await cardFor("checklist lobby_ready SH-LJZ");
    await h.post(
      submitForm(
        h.connector.url,
        CHEN,
        PERSONAL,
        buttonData(form.card, "form.submit"),
        { signage_shown: "no", signage_shown_note: "投诉电话告示缺失" },
        form.id,
      ),
    );
    const fu = await h.app.db.rectification.findFirstOrThrow();
    expect(fu).toMatchObject({ itemKey: "signage_shown", status: "open" });

    const list = await cardFor("整改 SH-LJZ");
    expect(cardText(list.card)).toContain(fu.ref);
    expect(cardText(list.card)).toContain("投诉电话告示缺失");
    const close = buttonData(list.card, "rectification.close");
    h.connector.reset();
    const opened = await h.post(execute(h.connector.url, CHEN, PERSONAL, close, list.id));
    expect(opened.status).toBe(200);
    const noteCard = await (async () => {
      const body = opened.body as { type?: string; value?: Card };
      if (body?.type === "application/vnd.microsoft.card.adaptive" && body.value) return body.value;
      const [posted] = await h.connector.waitFor(1);
      return cardOf(posted!.body);
    })();
    expect(noteCard.body.find((b) => b.id === "note")).toMatchObject({ isRequired: true });
    const res = await h.post(
      submitForm(h.connector.url, CHEN, PERSONAL, buttonData(noteCard, "form.submit"), { note: "已补贴告示" }, list.id),
    );
    expect(res.status).toBe(200);
    const closed = await h.app.db.rectification.findUniqueOrThrow({ where: { id: fu.id } });
    expect(closed).toMatchObject({ status: "closed", closingNote: "已补贴告示" });
    expect(await h.app.db.auditEvent.count({ where: { entityId: fu.id, action: "rectification.closed" } })).toBe(1);
    const again = await h.post(execute(h.connector.url, CHEN, PERSONAL, close, list.id));
    // the old list's Close, clicked again: the card now tells it is closed
    expect(cardText(invokeCard(again.body))).toBe(zh("rectifications:refusal.closed", { ref: fu.ref }));
  });
});
