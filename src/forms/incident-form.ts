// The incident report form. The type comes from the playbook; severity defaults from the type
// (or, with an amount, from the type's amount thresholds, applied by the service); the
// type-specific fields (over/short, police called, amount, denomination, serial number,
// location) appear only for the types that ask for them, and a field required only under a
// condition (requiredIf: the amount once over or short is chosen) says so and is checked on
// submit in every mode. Opened empty, or pre-filled from a failed checklist item's draft.
import { z } from "zod";
import {
  INCIDENT_FIELD_VALUES,
  type IncidentField,
  type IncidentType,
  type Playbook,
  SEVERITIES,
} from "../config/playbook-schema.js";
import type { ReportIncidentInput } from "../domain/case-inputs.js";
import { askedFields, requiredFields } from "../domain/incident-rules.js";
import { formatMinor } from "../domain/money.js";
import type { FormField } from "../views/common.js";
import type { FormDefinition } from "./types.js";
import { decimalText, oneOf, optionalText, requiredText } from "./zod-helpers.js";

/** What IncidentService.report takes (declared once, in src/domain/case-inputs.ts). */
export type { ReportIncidentInput };

export interface IncidentFormCtx {
  outletId: string;
  /** The outlet's incident currency (playbook incidents.currency); the default one when absent. */
  currency?: string;
  /** From a failed checklist item (IncidentDraft), amounts as decimal text. */
  draft?: {
    type: string;
    description: string;
    amountMinor?: string;
    location?: string;
    overShort?: string;
    sourceResultId: string;
  };
}

/** The type-specific fields, in the order they are asked: a condition comes before what it governs. */
function typeField(name: IncidentField, currency: string): FormField {
  switch (name) {
    case "overShort":
      return {
        name,
        label: { key: "forms:incident.over_short" },
        kind: "choice",
        required: true,
        options: (INCIDENT_FIELD_VALUES.overShort ?? []).map((v) => ({
          value: v,
          label: { key: `labels:over_short.${v}` },
        })),
      };
    case "policeCalled":
      return { name, label: { key: "forms:incident.police_called" }, kind: "yesno", required: true };
    case "amount":
      return { name, label: { key: "forms:incident.amount" }, kind: "amount", required: true, currency };
    case "denomination":
      return { name, label: { key: "forms:incident.denomination" }, kind: "text", required: true, maxLength: 20 };
    case "serialNumber":
      return { name, label: { key: "forms:incident.serial_number" }, kind: "text", required: true, maxLength: 40 };
    case "location":
      return { name, label: { key: "forms:incident.location" }, kind: "text", required: true, maxLength: 200 };
  }
}

/**
 * Where a type-specific field is shown and when it is required: always for the types that
 * require it, under their condition for the types with a requiredIf on it.
 */
function conditional(types: IncidentType[], name: IncidentField, field: FormField): FormField | null {
  const always = types.filter((t) => t.requires.includes(name)).map((t) => t.key);
  const when = types.flatMap((t) =>
    t.requiredIf
      .filter((r) => r.field === name)
      .map((r) => ({ field: r.when, in: r.in ?? (r.equals !== undefined ? [r.equals] : []) })),
  );
  const shownFor = types.filter((t) => askedFields(t).includes(name)).map((t) => t.key);
  if (shownFor.length === 0) return null;
  const out: FormField = { ...field, showIf: { field: "type", in: shownFor } };
  if (when.length > 0) {
    out.required = false;
    out.requiredIf = [...(always.length > 0 ? [{ field: "type", in: always }] : []), ...when];
  }
  return out;
}

export function incidentForm(playbook: Playbook): FormDefinition<IncidentFormCtx, ReportIncidentInput> {
  const types = playbook.incidents.types;
  const currencyOf = (ctx: IncidentFormCtx) => ctx.currency ?? playbook.incidents.currency.default;

  return {
    key: "incident",
    title: () => ({ key: "forms:incident.title" }),
    submit: { key: "forms:incident.submit" },
    intro: (ctx) => (ctx.draft ? [{ key: "forms:incident.from_checklist" }] : []),
    fields(ctx) {
      const d = ctx.draft;
      const currency = currencyOf(ctx);
      const fields: FormField[] = [
        {
          name: "type",
          label: { key: "forms:incident.type" },
          kind: "choice",
          required: true,
          options: types.map((t) => ({ value: t.key, label: { key: t.label } })),
          ...(d ? { initial: d.type } : {}),
        },
        {
          name: "severity",
          label: { key: "forms:incident.severity" },
          kind: "choice",
          required: false,
          options: SEVERITIES.map((s) => ({ value: s, label: { key: `labels:severity.${s}` } })),
          placeholder: { key: "forms:incident.severity_default" },
        },
        {
          name: "description",
          label: { key: "forms:incident.description" },
          kind: "longtext",
          required: true,
          maxLength: 2000,
          ...(d ? { initial: d.description } : {}),
        },
      ];
      for (const name of ["overShort", "policeCalled", "amount", "denomination", "serialNumber", "location"] as const) {
        const field = conditional(types, name, typeField(name, currency));
        if (!field) continue;
        if (name === "amount" && d?.amountMinor) field.initial = formatMinor(BigInt(d.amountMinor), currency);
        if (name === "location" && d?.location) field.initial = d.location;
        if (name === "overShort" && d?.overShort) field.initial = d.overShort;
        fields.push(field);
      }
      return fields;
    },
    schema(ctx) {
      const currency = currencyOf(ctx);
      const choice = (name: "overShort" | "policeCalled") =>
        z
          .string()
          .refine((v) => INCIDENT_FIELD_VALUES[name]?.includes(v), { error: "forms:errors.choice" })
          .optional();
      return z
        .object({
          type: oneOf(types.map((t) => t.key)),
          severity: z.enum(SEVERITIES, { error: "forms:errors.choice" }).optional(),
          description: requiredText(2000),
          overShort: choice("overShort"),
          policeCalled: choice("policeCalled"),
          amount: decimalText(currency).optional(),
          denomination: optionalText(20),
          serialNumber: optionalText(40),
          location: optionalText(200),
        })
        .superRefine((v, c) => {
          const type = types.find((t) => t.key === v.type);
          for (const need of type ? requiredFields(type, v) : []) {
            if (!v[need]) c.addIssue({ code: "custom", path: [need], message: "forms:errors.required" });
          }
        })
        .transform((v): ReportIncidentInput => {
          const type = types.find((t) => t.key === v.type);
          const out: ReportIncidentInput = { outletId: ctx.outletId, type: v.type, description: v.description };
          if (v.severity) out.severity = v.severity;
          // only what the type asks for: a stale value from a type picked earlier is dropped
          for (const f of type ? askedFields(type) : []) if (v[f]) out[f] = v[f];
          if (ctx.draft) out.sourceResultId = ctx.draft.sourceResultId;
          return out;
        });
    },
  };
}
