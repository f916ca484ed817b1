// The query layer: every read (and the few plain writes) the bot core and the services share,
// grouped by entity. Each takes the client or the caller's transaction and returns plain rows.
export * from "./circular-scopes.js";
export * from "./circulars.js";
export * from "./complaints.js";
export * from "./custody.js";
export * from "./error-notices.js";
export * from "./form-sessions.js";
export * from "./handovers.js";
export * from "./incidents.js";
export * from "./occurrences.js";
export * from "./outbox-threads.js";
export * from "./outlets.js";
export type { Reader } from "./reader.js";
export * from "./rectifications.js";
export * from "./roster.js";
export * from "./rotation.js";
export * from "./staff.js";
