// Building blocks of the platform-neutral views. Views carry data and i18n keys, never
// rendered strings: each edge renders them (Block Kit, Adaptive Cards, plain text) in the
// recipient's locale.

/** An i18n key with interpolation values. */
export interface Localised {
  key: string;
  vars?: Record<string, string | number>;
}

/** A person to @-mention, with the ids each platform needs. */
export interface Mention {
  staffId: string;
  name: string;
  slackUserId?: string;
  teamsUserId?: string;
}

/** A button or card action. The edge turns `action` + `value` into its own payload. */
export interface ActionButton {
  action: string; // e.g. checklist.open, checklist.all_ok, incident.report, complaint.approve
  label: Localised;
  value: string; // opaque to the edge: usually an entity id
  style?: "primary" | "danger";
}

export type FieldErrors = Record<string, Localised>;

/** A form field, rendered as a modal input, a card Input.*, or a question in a thread. */
export interface FormField {
  name: string;
  label: Localised;
  kind: "yesno" | "number" | "amount" | "text" | "longtext" | "choice" | "photo" | "date";
  required: boolean;
  unit?: string;
  currency?: string;
  min?: number;
  max?: number;
  maxLength?: number;
  options?: Array<{ value: string; label: Localised }>;
  /** Show only when another field has one of these values. */
  showIf?: { field: string; in: string[] };
  /** Required only when one of these holds: another field has one of the values (`required` is then false). */
  requiredIf?: Array<{ field: string; in: string[] }>;
  initial?: string;
  placeholder?: Localised;
}

export interface TextView {
  type: "text";
  message: Localised;
  /** Extra lines, e.g. a list of items. */
  lines?: Localised[];
  actions?: ActionButton[];
}

export interface FormView {
  type: "form";
  formKey: string; // checklist | incident | complaint | decision_comment | follow_up
  /** Session or entity this form belongs to; echoed back on submit. */
  contextId: string;
  title: Localised;
  submit: Localised;
  fields: FormField[];
  errors?: FieldErrors;
  intro?: Localised[];
}
