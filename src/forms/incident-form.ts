// The incident report form. The type comes from the playbook; severity defaults from the type;
// amount, denomination, serial number and location appear only for the types that require
// them. Opened empty, or pre-filled from a failed checklist item's draft.
import { z } from "zod";
import { type INCIDENT_FIELDS, type Playbook, SEVERITIES } from "../config/playbook-schema.js";
import type { ReportIncidentInput } from "../domain/case-inputs.js";
import { formatMinor } from "../domain/money.js";
import type { FormField } from "../views/common.js";
import type { FormDefinition } from "./types.js";
import { decimalText, oneOf, optionalText, requiredText } from "./zod-helpers.js";

/** What IncidentService.report takes (declared once, in src/domain/case-inputs.ts). */
export type { ReportIncidentInput };

export interface IncidentFormCtx {
  outletId: string;
  /** From a failed checklist item (IncidentDraft), amounts as decimal text. */
  draft?: { type: string; description: string; amountMinor?: string; location?: string; sourceResultId: string };
}

const CURRENCY = "CNY";

export function incidentForm(playbook: Playbook): FormDefinition<IncidentFormCtx, ReportIncidentInput> {
  const types = playbook.incidents.types;
  const typesRequiring = (f: (typeof INCIDENT_FIELDS)[number]) =>
    types.filter((t) => t.requires.includes(f)).map((t) => t.key);

  return {
    key: "incident",
    title: () => ({ key: "forms:incident.title" }),
    submit: { key: "forms:incident.submit" },
    intro: (ctx) => (ctx.draft ? [{ key: "forms:incident.from_checklist" }] : []),
    fields(ctx) {
      const d = ctx.draft;
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
      const conditional: Array<[(typeof INCIDENT_FIELDS)[number], FormField]> = [
        [
          "amount",
          {
            name: "amount",
            label: { key: "forms:incident.amount" },
            kind: "amount",
            required: true,
            currency: CURRENCY,
          },
        ],
        [
          "denomination",
          {
            name: "denomination",
            label: { key: "forms:incident.denomination" },
            kind: "text",
            required: true,
            maxLength: 20,
          },
        ],
        [
          "serialNumber",
          {
            name: "serialNumber",
            label: { key: "forms:incident.serial_number" },
            kind: "text",
            required: true,
            maxLength: 40,
          },
        ],
        [
          "location",
          { name: "location", label: { key: "forms:incident.location" }, kind: "text", required: true, maxLength: 200 },
        ],
      ];
      for (const [need, field] of conditional) {
        const when = typesRequiring(need);
        if (when.length === 0) continue;
        if (need === "amount" && d?.amountMinor) field.initial = formatMinor(BigInt(d.amountMinor), CURRENCY);
        if (need === "location" && d?.location) field.initial = d.location;
        fields.push({ ...field, showIf: { field: "type", in: when } });
      }
      return fields;
    },
    schema(ctx) {
      return z
        .object({
          type: oneOf(types.map((t) => t.key)),
          severity: z.enum(SEVERITIES, { error: "forms:errors.choice" }).optional(),
          description: requiredText(2000),
          amount: decimalText(CURRENCY).optional(),
          denomination: optionalText(20),
          serialNumber: optionalText(40),
          location: optionalText(200),
        })
        .superRefine((v, c) => {
          const type = types.find((t) => t.key === v.type);
          for (const need of type?.requires ?? []) {
            if (!v[need]) c.addIssue({ code: "custom", path: [need], message: "forms:errors.required" });
          }
        })
        .transform((v): ReportIncidentInput => {
          const type = types.find((t) => t.key === v.type);
          const out: ReportIncidentInput = {
            outletId: ctx.outletId,
            type: v.type,
            severity: v.severity ?? type?.severity,
            description: v.description,
          };
          // only what the type asks for: a stale value from a type picked earlier is dropped
          for (const f of type?.requires ?? []) if (v[f]) out[f] = v[f];
          if (ctx.draft) out.sourceResultId = ctx.draft.sourceResultId;
          return out;
        });
    },
  };
}
