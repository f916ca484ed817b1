// Opening the incident or complaint form at the right outlet (anyone with a role there may
// report or log). A chat message raised as a complaint pre-fills the description, masked
// before it is kept anywhere; when the outlet must first be asked, the masked text waits in
// a FormSession until the person picks one.

import type { Role } from "../config/playbook-schema.js";
import { incidentCurrency } from "../domain/incident-rules.js";
import { maskIdentifiers } from "../domain/masking.js";
import { outletCode } from "../queries/index.js";
import type { ActionResult } from "./contract.js";
import { type FormMode, offerForm } from "./form-runner.js";
import { pickOutlet } from "./outlet-choice.js";
import { tell } from "./replies.js";
import type { Req } from "./request.js";
import type { CoreServices } from "./services.js";

const PREFILL = "complaint_prefill";
const PREFILL_CONTEXT = "pending";

interface Prefill {
  description: string;
}

export interface CaseFormOptions {
  /** An outlet code the person typed. */
  code?: string;
  /** An outlet already chosen (a button's "outlet:<id>"). */
  outletId?: string;
  /** Complaint description to pre-fill, already masked. */
  description?: string;
}

export async function startCaseForm(
  s: CoreServices,
  req: Req,
  kind: "incident" | "complaint",
  mode: FormMode,
  opts: CaseFormOptions = {},
): Promise<ActionResult> {
  const action = kind === "incident" ? "incident.report" : "complaint.new";
  let outletId = opts.outletId;
  if (outletId) {
    if ((await s.directory.rolesAt(req.staff.id, outletId)).length === 0) {
      return { replies: [tell(req, { key: "bot:outlet.not_yours", vars: { code: "" } })] };
    }
  } else {
    const pick = await pickOutlet(s, req, {
      ...(opts.code ? { code: opts.code } : {}),
      relevant: (roles: Role[]) => roles.length > 0,
      none: { key: "bot:outlet.none" },
      choice: (o) => ({
        action,
        label: { key: "bot:outlet.button", vars: { code: o.code } },
        value: `outlet:${o.outletId}`,
      }),
    });
    if (!pick.ok) {
      if (kind === "complaint" && opts.description) await keepPrefill(s, req, opts.description);
      return { replies: pick.replies };
    }
    outletId = pick.outlet.outletId;
  }
  const description = kind === "complaint" ? (opts.description ?? (await takePrefill(s, req))) : undefined;
  const button = {
    action,
    label: { key: kind === "incident" ? "bot:form.open_incident" : "bot:form.open_complaint" },
    value: `outlet:${outletId}`,
    style: "primary" as const,
  };
  const ctx =
    kind === "complaint"
      ? { outletId, ...(description ? { description } : {}) }
      : { outletId, currency: await outletIncidentCurrency(s, outletId) };
  return offerForm(s, req, mode, { key: kind, ctx, entity: outletId, button });
}

/** The outlet's incident currency (playbook incidents.currency), so the form's hint matches what is stored. */
export async function outletIncidentCurrency(s: CoreServices, outletId: string): Promise<string> {
  return incidentCurrency(s.playbook, (await outletCode(s.db, outletId)) ?? "");
}

/** "Raise as complaint" on a chat message: the complaint form with the message as its description. */
export function complaintFromMessage(s: CoreServices, req: Req, message: string): Promise<ActionResult> {
  const description = maskIdentifiers(message.trim()).slice(0, 2000);
  return startCaseForm(s, req, "complaint", "modal", description ? { description } : {});
}

async function keepPrefill(s: CoreServices, req: Req, description: string): Promise<void> {
  await s.formStore.open<Prefill>(
    { staffId: req.staff.id, formKey: PREFILL, contextKey: PREFILL_CONTEXT, platform: req.conv.platform },
    { description },
  );
}

async function takePrefill(s: CoreServices, req: Req): Promise<string | undefined> {
  const row = await s.formStore.find<Prefill>(req.staff.id, PREFILL, PREFILL_CONTEXT);
  if (!row || !(await s.formStore.close(row, "done"))) return undefined;
  return row.state.description;
}
