// Every card the bot can send is checked against the Teams limits (Adaptive Cards 1.5, 80 KB,
// no unsupported properties, charts with fallbacks, unique input ids), in both languages and
// with pathological data.
import { describe, expect, it } from "vitest";
import { fitToLimit } from "../../src/channels/teams/cards/fit.js";
import { cardProblems, MAX_CARD_BYTES } from "../../src/channels/teams/cards/limits.js";
import { renderCard } from "../../src/channels/teams/cards/render.js";
import type { Locale } from "../../src/i18n/index.js";
import { i18n } from "../helpers/db.js";
import { complaintView, everyView, formView, homeView, oversizedViews, reminderView, summaryView } from "./fixtures.js";
import { visibleText } from "./visible-text.js";

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
        // an untranslated key would show up as "teams:…", "cards:…" or "labels:…" in the card text
        expect(json(card.body), view.type).not.toMatch(/"text":"[^"]*\b(teams|playbook|cards|labels):[a-z_.]+/);
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

  it("the summary's charts are Teams charts with their values shown, each with a text fallback", () => {
    const card = renderCard(ctx("zh-CN"), everyView().find((v) => v.type === "summary")!);
    const charts = card.body.filter((b) => String(b.type).startsWith("Chart."));
    // tasks by outcome; open incidents by grade; complaints by stage; complaints by category
    expect(charts.map((c) => c.type)).toEqual([
      "Chart.Donut",
      "Chart.HorizontalBar",
      "Chart.HorizontalBar",
      "Chart.HorizontalBar",
    ]);
    const [donut, incidents] = charts as Array<Record<string, unknown>>;
    const confirmed = i18n.t("zh-CN", "cards:summary.confirmed");
    expect((donut!.data as unknown[])[0]).toEqual({
      legend: i18n.t("zh-CN", "cards:chart.legend", { label: confirmed, value: 28 }),
      value: 28,
    });
    expect(incidents).toMatchObject({ displayMode: "AbsoluteNoAxis", showBarValues: true });
    // every grade, zeros included, most severe first
    expect(incidents!.data).toEqual(
      ["critical", "serious", "major", "minor"].map((g, i) => ({
        x: i18n.t("zh-CN", `labels:severity.${g}`),
        y: [0, 0, 1, 2][i],
      })),
    );
    for (const c of charts) {
      const fallback = c.fallback as { type: string; items: unknown[] };
      expect(fallback.type).toBe("Container");
      expect(fallback.items.length).toBe((c.data as unknown[]).length);
      // the title is a heading right above the chart (not every client draws a chart's own title)
      const above = card.body[card.body.indexOf(c) - 1] as { type: string; inlines?: Array<{ text: string }> };
      expect(above.type).toBe("RichTextBlock");
      expect(above.inlines?.[0]?.text).toMatch(/\S/);
    }
    expect(JSON.stringify(card.body)).toContain(i18n.t("zh-CN", "cards:summary.chart.incidents"));
    // the fallback lists "label：value", zeros too
    const critical = i18n.t("zh-CN", "labels:severity.critical");
    expect(json(incidents!.fallback)).toContain(i18n.t("zh-CN", "cards:chart.legend", { label: critical, value: 0 }));
  });

  it("a chart whose figures are all zero still renders, with its fallback", () => {
    const v = summaryView();
    v.completion = { onTimePct: null, confirmed: 0, withExceptions: 0, missed: 0, open: 0, total: 0 };
    const card = renderCard(ctx("en"), v);
    const donut = card.body.find((b) => b.type === "Chart.Donut")!;
    expect((donut.data as Array<{ value: number }>).map((d) => d.value)).toEqual([0, 0, 0, 0]);
    expect(cardProblems(card)).toEqual([]);
  });

  it("lays out text as TextRuns, so masked values and underscores stay literal", () => {
    const card = renderCard(ctx("en"), complaintView({ customerRef: "138****5678", description: "a_b_c **x**" }));
    const textBlocks = JSON.stringify(card.body.filter((b) => b.type === "TextBlock"));
    expect(textBlocks).not.toContain("138****5678");
    expect(textBlocks).not.toContain("a_b_c");
    const runs = visibleText(card);
    expect(runs).toContain("138****5678");
    expect(runs).toContain("a_b_c **x**");
    // a field is a label column and a value column, never a FactSet (whose values are Markdown)
    expect(json(card)).not.toContain("FactSet");
    const row = card.body.find((b) => b.type === "ColumnSet" && json(b).includes("138****5678"))!;
    expect(row).toMatchObject({
      columns: [
        { width: "auto", items: [{ type: "RichTextBlock", inlines: [{ weight: "Bolder" }] }] },
        { width: "stretch", items: [{ type: "RichTextBlock", inlines: [{ text: "138****5678" }] }] },
      ],
    });
    // the quoted description sits in an emphasis container
    expect(card.body).toContainEqual(
      expect.objectContaining({ type: "Container", style: "emphasis", items: [expect.anything()] }),
    );
  });

  it("the title carries the card's tone; failed items are red and bold", () => {
    const missed = renderCard(ctx("en"), everyView().find((v) => v.type === "task_missed")!);
    expect(missed.body[0]).toMatchObject({ type: "TextBlock", size: "Large", weight: "Bolder", color: "Attention" });
    const reminder = renderCard(ctx("en"), reminderView());
    const failed = reminder.body.find((b) => json(b).includes("❌"))!;
    expect(failed.type).toBe("RichTextBlock");
    expect((failed.inlines as unknown[])[0]).toMatchObject({ color: "Attention", weight: "Bolder" });
    expect(reminder.body[1]).toMatchObject({ type: "TextBlock", isSubtle: true, spacing: "None" });
  });

  it("pings only the people a mentions line pings, with matching <at> tags and entities", () => {
    const card = renderCard(ctx("en"), reminderView());
    // "For" pings the audience (陈敏 has a Teams id); "Waiting on" only names people
    const at = card.body.filter((b) => b.type === "TextBlock" && String(b.text).includes("<at>"));
    expect(at).toHaveLength(1);
    expect(String(at[0]!.text)).toContain("<at>陈敏</at>");
    const entities = (card.msteams as { entities: Array<{ text: string }> }).entities;
    expect(entities.map((e) => e.text)).toEqual(["<at>陈敏</at>"]);
    const waiting = i18n.t("en", "cards:common.field_label", { label: i18n.t("en", "cards:reminder.waiting_on") });
    const plain = card.body.find((b) => b.type === "RichTextBlock" && json(b).includes(waiting))!;
    expect(json(plain)).toContain("王芳");
    expect(json(plain)).not.toContain("<at>");
  });

  it("a photo item says how to send the photo on Teams", () => {
    const v = reminderView();
    v.items[1] = { ...v.items[1]!, kind: "photo", status: "pending" };
    expect(visibleText(renderCard(ctx("zh-CN"), v))).toContain("请在本聊天中直接发送照片。");
  });

  it("a row's own button is an Action.Execute beside it (my day)", () => {
    const card = renderCard(ctx("en"), homeView());
    const row = card.body.find((b) => b.type === "ColumnSet" && json(b).includes("ActionSet"))!;
    const set = (row.columns as Array<{ items: Array<{ actions?: Array<Record<string, unknown>> }> }>)[1]!.items[0]!;
    expect(set.actions![0]).toMatchObject({
      type: "Action.Execute",
      verb: "checklist.open",
      data: { action: "checklist.open", value: "occ-1", card: "home" },
    });
  });

  it("a divider is a separator line above the next section", () => {
    const card = renderCard(ctx("en"), homeView());
    const headings = ["cards:home.incidents", "cards:home.complaints", "cards:home.approvals"].map(
      (k) => card.body.find((b) => b.type === "RichTextBlock" && json(b).includes(i18n.t("en", k)))!,
    );
    for (const h of headings) expect(h).toMatchObject({ separator: true });
    expect(card.body.some((b) => b.type === "Container" && (b.items as unknown[]).length === 0)).toBe(false);
  });

  it("a form renders Input.* with validation and shows the server's field errors", () => {
    const card = renderCard(ctx("en"), formView({ errors: { cashbox_amount: { key: "teams:form.amount" } } }));
    const types = card.body.map((b) => b.type);
    for (const t of ["Input.ChoiceSet", "Input.Text", "Input.Number", "Input.Date"]) expect(types).toContain(t);
    // an optional yes/no is an unselected radio pair, never a toggle that submits "no" untouched
    expect(types).not.toContain("Input.Toggle");
    const optionalYesNo = card.body.filter((b) => b.type === "Input.ChoiceSet" && b.style === "expanded");
    expect(optionalYesNo.some((b) => b.isRequired === false && b.value === undefined)).toBe(true);
    expect(optionalYesNo[0]!.choices).toEqual([
      { title: i18n.t("en", "cards:form.yes"), value: "yes" },
      { title: i18n.t("en", "cards:form.no"), value: "no" },
    ]);
    const amount = card.body.find((b) => b.id === "cashbox_amount")!;
    expect(amount).toMatchObject({ isRequired: true, errorMessage: i18n.t("en", "teams:form.amount") });
    expect(card.body.find((b) => b.id === "premises_opened")).toMatchObject({
      isRequired: true,
      errorMessage: i18n.t("en", "teams:form.required"),
    });
    expect(amount).toMatchObject({
      regex: expect.any(String),
      label: i18n.t("en", "playbook:tasks.opening.items.cashbox_amount"),
    });
    expect(new RegExp(amount.regex as string).test("12345.60")).toBe(true);
    expect(new RegExp(amount.regex as string).test("12,345.6.0")).toBe(false);
    const number = card.body.find((b) => b.id === "people")!;
    expect(number).toMatchObject({ type: "Input.Number", min: 0, max: 200, isRequired: false });
    expect(card.body.find((b) => b.id === "topic")).toMatchObject({ isMultiline: true, maxLength: 500 });
    const i = card.body.indexOf(amount);
    expect(card.body[i + 1]).toMatchObject({
      type: "RichTextBlock",
      inlines: [{ type: "TextRun", color: "Attention", text: i18n.t("en", "teams:form.amount") }],
    });
    // the hint (currency) follows, quiet
    expect(card.body[i + 2]).toMatchObject({ type: "RichTextBlock", inlines: [{ isSubtle: true }] });
    expect(json(card.body[i + 2])).toContain("CNY");
    // the photo field is a note, never a file input
    expect(json(card)).toContain(i18n.t("en", "teams:form.photo_hint"));
    expect(card.body.some((b) => b.id === "lobby_photo")).toBe(false);
  });

  it("a form has Submit (with the form echo) and Cancel (with no inputs)", () => {
    const card = renderCard(ctx("en"), formView({ errors: { cashbox_amount: { key: "teams:form.amount" } } }));
    const [submit, cancel] = card.actions as Array<Record<string, unknown>>;
    expect(submit).toMatchObject({
      type: "Action.Execute",
      verb: "form.submit",
      data: {
        action: "form.submit",
        value: "sess-1",
        card: "form:checklist:sess-1",
        formKey: "checklist",
        contextId: "sess-1",
      },
    });
    const echo = (submit!.data as { form: Record<string, unknown> }).form;
    expect(echo).toMatchObject({ type: "form", formKey: "checklist" });
    expect(echo.errors).toBeUndefined();
    expect(cancel).toMatchObject({
      type: "Action.Execute",
      title: i18n.t("en", "cards:form.cancel"),
      verb: "form.cancel",
      associatedInputs: "none",
      data: {
        action: "form.cancel",
        value: "sess-1",
        formKey: "checklist",
        contextId: "sess-1",
        card: "form:checklist:sess-1",
      },
    });
  });

  it("visibleText reads what a person sees: no payload, no fallback while the chart is there", () => {
    const card = renderCard(ctx("en"), summaryView());
    const seen = visibleText(card);
    expect(seen[0]).toBe(card.body[0]!.text);
    const legend = i18n.t("en", "cards:chart.legend", { label: i18n.t("en", "cards:summary.confirmed"), value: 28 });
    expect(seen.filter((s) => s === legend)).toHaveLength(1); // the donut legend, not also its fallback
    expect(seen).toContain(i18n.t("en", "labels:severity.major"));
    const reminder = visibleText(renderCard(ctx("en"), reminderView()));
    expect(reminder.some((s) => s.includes("<at>"))).toBe(false);
    expect(reminder.join("\n")).toContain("陈敏");
    expect(reminder).toContain(i18n.t("en", "teams:action.done"));
  });
});
