// 交接班/临时离岗: the giver's form. The receiver is picked from the outlet's staff allowed to
// receive (the giver left out); one field per playbook item (yes/no or a counted amount, never a
// password); an optional note, masked by the service. Submitting is the giver's confirmation.
import { z } from "zod";
import type { HandoverItem, HandoverKind } from "../config/playbook-schema.js";
import type { HandoverInput } from "../services/handover/handovers.js";
import type { FormField } from "../views/common.js";
import type { FormDefinition, RawValues } from "./types.js";
import { oneOf, optionalText } from "./zod-helpers.js";

export interface HandoverFormCtx {
  outletId: string;
  outletName: string;
  kind: HandoverKind;
  /** The kind's title key (playbook handovers.<kind>.title). */
  title: string;
  items: HandoverItem[];
  /** Who may be named as the receiver, as the form was opened. The service checks again. */
  people: Array<{ id: string; name: string }>;
}

const NOTE_MAX = 500;

function itemField(item: HandoverItem): FormField {
  const base = { name: item.key, label: { key: item.label }, required: true };
  return item.kind === "yesno"
    ? { ...base, kind: "yesno" }
    : { ...base, kind: "amount", currency: item.currency, min: item.range.min, max: item.range.max };
}

export const handoverForm: FormDefinition<HandoverFormCtx, HandoverInput> = {
  key: "handover",
  title: (ctx) => ({ key: "handover:form.title", vars: { title: ctx.title, outlet: ctx.outletName } }),
  submit: { key: "handover:form.submit" },
  intro: () => [{ key: "handover:form.intro" }],
  fields: (ctx) => [
    {
      name: "to",
      label: { key: "handover:form.to" },
      kind: "choice",
      required: true,
      options: ctx.people.map((p) => ({ value: p.id, label: { key: "handover:form.person", vars: { name: p.name } } })),
    },
    ...ctx.items.map(itemField),
    { name: "note", label: { key: "handover:form.note" }, kind: "longtext", required: false, maxLength: NOTE_MAX },
  ],
  schema: (ctx) =>
    z
      .object({
        to: oneOf(ctx.people.map((p) => p.id)),
        note: optionalText(NOTE_MAX),
        ...Object.fromEntries(
          ctx.items.map((i) => [
            i.key,
            i.kind === "yesno"
              ? oneOf(["yes", "no"])
              : z.string({ error: "forms:errors.required" }).trim().min(1, { error: "forms:errors.required" }),
          ]),
        ),
      })
      .transform(
        (v: RawValues): HandoverInput => ({
          outletId: ctx.outletId,
          kind: ctx.kind,
          toStaffId: v.to ?? "",
          values: Object.fromEntries(ctx.items.map((i) => [i.key, v[i.key]])),
          ...(v.note ? { note: v.note } : {}),
        }),
      ),
};
