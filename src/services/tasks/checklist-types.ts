// What the checklist service takes and returns. Refusals and errors are i18n keys with vars,
// rendered in the reader's locale by the edge.
import type { Origin } from "../../domain/actor.js";
import type { ItemValue, LabelLookup } from "../../domain/checklist-values.js";
import type { Refusal } from "../../domain/refusal.js";
import type { Localised } from "../../views/common.js";
import type { OccurrenceState } from "../../views/tasks.js";
import type { IncidentDraft } from "../incident-draft.js";
import type { TaskServiceDeps } from "./occurrences.js";

export interface ChecklistDeps extends TaskServiceDeps {
  /** Option labels and unit words in every locale; defaults to the project's locale files. */
  labels?: LabelLookup;
}

/** Where the confirmer acts from (audited); the confirmer is passed on its own. */
export type ChecklistCtx = Origin;

export interface Confirmer {
  id: string;
  name: string;
}

/** One item's answer. value null = "agree with the value recorded" (a second confirmation). */
export interface ChecklistAnswer {
  itemKey: string;
  value: ItemValue | null;
}

export interface RecordedItem {
  itemKey: string;
  status: "ok" | "failed" | "awaiting_second";
  change: "confirmed" | "second_confirmed" | "failed" | "corrected" | "unchanged";
}

/** A failed item's incident draft, with the labels a pre-filled form shows. */
export interface FailureDraft {
  itemKey: string;
  draft: IncidentDraft;
  taskTitle: Localised;
  itemLabel: Localised;
  note?: string;
}

export interface FollowUpOpened {
  itemKey: string;
  rectificationId: string;
  ref: string;
  dueAt: string; // ISO
}

export type ConfirmResult =
  | {
      ok: true;
      state: OccurrenceState;
      recorded: RecordedItem[];
      /** Required items still unanswered (never filled in for anyone). */
      stillMissing: string[];
      /** Dual-control items waiting for their second confirmer. */
      awaitingSecond: string[];
      /** Items an "all ok" left alone, and why. */
      skipped: Array<{ itemKey: string; reason: Localised }>;
      drafts: FailureDraft[];
      /** Follow-ups (整改跟踪) opened for failed items whose playbook entry says onFail: followUp. */
      followUps?: FollowUpOpened[];
      /** Item key → its number in the reminder, for messages about the lists above. */
      itemNumbers: Record<string, number>;
    }
  | Refusal;

/** A refusal thrown inside the transaction: it rolls everything back and becomes ok:false. */
export class ChecklistRefusal extends Error {
  constructor(readonly reason: Localised) {
    super(reason.key);
    this.name = "ChecklistRefusal";
  }
}

/** Someone else changed the occurrence between our read and our write: run again. */
export class ChecklistConflict extends Error {
  constructor() {
    super("occurrence changed concurrently");
    this.name = "ChecklistConflict";
  }
}
