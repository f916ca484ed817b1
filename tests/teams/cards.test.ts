// Every card the bot can send is checked against the Teams limits (Adaptive Cards 1.5, 80 KB,
// no unsupported properties, charts with fallbacks, unique input ids), in both languages and
// with pathological data.
import { describe, expect, it } from "vitest";
import { fitToLimit } from "../../src/channels/teams/cards/fit.js";
import { cardProblems, MAX_CARD_BYTES } from "../../src/channels/teams/cards/limits.js";
import { renderCard } from "../../src/channels/teams/cards/render.js";
import type { Locale } from "../../src/i18n/index.js";
import { i18n } from "../helpers/db.js";
import { everyView, formView, oversizedViews } from "./fixtures.js";

const ctx = (locale: Locale) => ({ t: i18n.fixed(locale), locale });
const json = (x: unknown) => JSON.stringify(x);

describe("Teams card renderers", () => {
  it("render every view type", () => {
    const types = new Set(everyView().map((v) => v.type));
    expect(types.size).toBe(13);
  });

  for (const locale of ["en", "zh-CN"] as const) {
    it(`every view renders a valid 1.5 card in ${locale}, with no missing translation`, () => {
      for (const view of everyView()) {
        const card = renderCard(ctx(locale), view);
        expect(cardProblems(card), view.type).toEqual([]);
        // an untranslated key would show up as "teams:…" or "playbook:…" in the card text
        expect(json(card.body), view.type).not.toMatch(/"text":"[^"]*\b(teams|playbook):[a-z_.]+/);
      }
    });
  }

  it("keeps oversized Chinese data under 80 KB after fitting", () => {
    for (const view of oversizedViews()) {
      const card = fitToLimit(renderCard(ctx("zh-CN"), view));
      expect(cardProblems(card), view.type).toEqual([]);
      expect(Buffer.byteLength(json(card))).toBeLessThanOrEqual(MAX_CARD_BYTES);
    }
  });

  it("the checker catches what Teams refuses", () => {
    const bad = {
      type: "AdaptiveCard",
      version: "1.6",
      body: [
        { type: "Chart.Donut", data: [] },
        { type: "Input.Text", id: "a" },
        { type: "Input.Text", id: "a" },
        { type: "Input.File", id: "b" },
        { type: "Input.Text", id: "formKey" },
        { type: "TextBlock", text: "x".repeat(90_000) },
      ],
      actions: [{ type: "Action.Submit", title: "x", style: "positive", isEnabled: false }],
    };
    const p = cardProblems(bad).join("\n");
    for (const expected of [
      'version must be "1.5"',
      "over 81920",
      "has no fallback",
      'input id "a" is used 2 times',
      "Input.File is not supported",
      '"formKey" is reserved',
      'style "positive"',
      "isEnabled",
    ])
      expect(p).toContain(expected);
  });

  it("buttons are Action.Execute with an Action.Submit fallback and no styles", () => {
    const card = renderCard(ctx("en"), everyView().find((v) => v.type === "complaint")!);
    const actions = card.actions as Array<Record<string, unknown>>;
    expect(actions.map((a) => a.verb)).toEqual([
      "complaint.approve",
      "complaint.request_changes",
      "complaint.escalate",
    ]);
    for (const a of actions) {
      expect(a.type).toBe("Action.Execute");
      expect(a.style).toBeUndefined();
      expect((a.fallback as Record<string, unknown>).type).toBe("Action.Submit");
      expect((a.data as Record<string, unknown>).card).toBe("complaint:cmp-1");
    }
    expect((card.refresh as { userIds: string[] }).userIds).toEqual(["user-id-0"]);
    expect(json(card)).toContain('"mentioned":{"id":"user-id-0","name":"陈敏"}');
  });

  it("the summary's charts each carry a fallback", () => {
    const card = renderCard(ctx("zh-CN"), everyView().find((v) => v.type === "summary")!);
    const charts = card.body.filter((b) => String(b.type).startsWith("Chart."));
    expect(charts.map((c) => c.type)).toEqual(["Chart.Donut", "Chart.VerticalBar", "Chart.HorizontalBar"]);
    for (const c of charts) expect((c.fallback as Record<string, unknown>).type).toBe("Container");
  });

  it("a form renders Input.* with validation and shows the server's field errors", () => {
    const card = renderCard(ctx("en"), formView({ errors: { cashbox_amount: { key: "teams:form.amount" } } }));
    const types = card.body.map((b) => b.type);
    for (const t of ["Input.ChoiceSet", "Input.Text", "Input.Number", "Input.Date"]) expect(types).toContain(t);
    // an optional yes/no is an unselected radio pair, never a toggle that submits "no" untouched
    expect(types).not.toContain("Input.Toggle");
    const optionalYesNo = card.body.filter((b) => b.type === "Input.ChoiceSet" && b.style === "expanded");
    expect(optionalYesNo.some((b) => b.isRequired === false && b.value === undefined)).toBe(true);
    const amount = card.body.find((b) => b.id === "cashbox_amount")!;
    expect(amount).toMatchObject({ isRequired: true, regex: expect.any(String) });
    expect(new RegExp(amount.regex as string).test("12345.60")).toBe(true);
    expect(new RegExp(amount.regex as string).test("12,345.6.0")).toBe(false);
    const number = card.body.find((b) => b.id === "people")!;
    expect(number).toMatchObject({ type: "Input.Number", min: 0, max: 200 });
    const i = card.body.indexOf(amount);
    expect(card.body[i + 1]).toMatchObject({
      type: "TextBlock",
      color: "Attention",
      text: i18n.t("en", "teams:form.amount"),
    });
    // the photo field is a note, never a file input
    expect(json(card)).toContain(i18n.t("en", "teams:form.photo_hint"));
  });
});
