// The seam between the checklist (a failed item) and the incident service: a failed item
// produces a draft with the type and description filled in; the reporter confirms or edits it
// and the incident service opens it, linked back to the item result.
export interface IncidentDraft {
  outletId: string;
  type: string; // playbook incident type key
  /** Plain description built from the task, the item and the note the person typed. */
  description: string;
  location?: string;
  amountMinor?: bigint;
  /** A failed over/short choice (长款/短款) carries which one it was. */
  overShort?: string;
  sourceResultId: string; // ChecklistItemResult.id
  reporterId: string; // staff id
}

export interface IncidentDraftSink {
  /** Offers the draft to the reporter (e.g. a pre-filled incident form). Runs after commit. */
  offer(draft: IncidentDraft): Promise<void>;
}
