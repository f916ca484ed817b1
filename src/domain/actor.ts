// Who acted, and from where: the one shape every service takes and the audit trail records.
// The narrower forms below are views of it, not new shapes: a service that is told the staff
// member separately takes only where the request came from (Origin); a case action, always
// someone's, takes a StaffActor. A request's actor (src/bot/request.ts) satisfies all three.

export type ActorPlatform = "slack" | "teams" | "system" | "cli";

export interface Actor {
  /** The staff member; null for the system, the scheduler or the CLI. */
  staffId?: string | null;
  /** A name or "system"/"scheduler"; never a secret. */
  label: string;
  platform: ActorPlatform;
  /** Platform message or event id, kept in the audit trail. */
  source?: string;
}

/** Where a request came from. */
export type Origin = Pick<Actor, "platform" | "source">;

/** A staff member acting; the audit label is their name, looked up when it is written. */
export type StaffActor = Origin & { staffId: string; label?: string };
