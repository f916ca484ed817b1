// Circulars (通知学习确认): the notice as each recipient reads it in their DM, with its
// Acknowledge button until they press it; the same view marked as a nudge when the scheduler
// reminds them; and the status list a sender asks for.

/** A circular as one recipient sees it. Title and body are masked free text, not keys. */
export interface CircularView {
  type: "circular";
  circularId: string;
  ref: string;
  title: string;
  body: string;
  senderName: string;
  /** The outlet's or region's name. */
  scopeName: string;
  sentAt: string;
  dueAt: string | null;
  timeZone: string;
  /** When this recipient acknowledged it; null while it waits for them. */
  acknowledgedAt: string | null;
  /** The nth reminder (1, 2, …) when this is a nudge; absent on the notice itself. */
  nudge?: number;
}

/** Who has and has not acknowledged a circular (the sender's "circular status <ref>"). */
export interface CircularStatusView {
  type: "circular_status";
  ref: string;
  title: string;
  scopeName: string;
  sentAt: string;
  dueAt: string | null;
  timeZone: string;
  acknowledged: number;
  total: number;
  /** Names of those who have not acknowledged yet, by name. */
  pending: string[];
}
