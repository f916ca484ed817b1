// Fans a view out to where people will see it: an outlet's channels on every platform it is
// bound to, or a person's direct chats. Resolves mentions to platform ids. All writes go to
// the outbox in the caller's transaction.
import type { Role } from "../config/playbook-schema.js";
import type { Tx } from "../db/tx.js";
import { isLocale, type Locale } from "../i18n/index.js";
import type { Mention } from "../views/common.js";
import type { View } from "../views/types.js";
import type { Platform } from "./outbox/contract.js";
import { enqueue } from "./outbox/enqueue.js";

export interface Sent {
  key: string;
  platform: Platform;
  destination: string;
}

/** Mentions for staff ids, with their Slack and Teams ids. */
export async function mentionsFor(tx: Tx, staffIds: string[]): Promise<Mention[]> {
  if (staffIds.length === 0) return [];
  const staff = await tx.staff.findMany({ where: { id: { in: staffIds } }, include: { identities: true } });
  const byId = new Map(staff.map((s) => [s.id, s]));
  return staffIds.flatMap((id) => {
    const s = byId.get(id);
    if (!s) return [];
    const slack = s.identities.find((i) => i.platform === "slack");
    const teams = s.identities.find((i) => i.platform === "teams" && i.kind === "user");
    return [{ staffId: s.id, name: s.name, slackUserId: slack?.externalId, teamsUserId: teams?.externalId }];
  });
}

/**
 * Posts a view to the outlet's channels (purpose "outlet", or "supervisors" falling back to
 * "outlet"). keyBase + platform + channel is the idempotency key of each post.
 */
export async function postToOutlet(
  tx: Tx,
  opts: { outletId: string; keyBase: string; view: View; purpose?: "outlet" | "supervisors"; threadOfKeyBase?: string },
): Promise<Sent[]> {
  const outlet = await tx.outlet.findUniqueOrThrow({ where: { id: opts.outletId }, include: { bindings: true } });
  const locale: Locale = isLocale(outlet.defaultLocale) ? outlet.defaultLocale : "zh-CN";
  const sent: Sent[] = [];
  for (const platform of ["slack", "teams"] as const) {
    const bindings = outlet.bindings.filter((b) => b.platform === platform);
    const binding =
      bindings.find((b) => b.purpose === (opts.purpose ?? "outlet")) ?? bindings.find((b) => b.purpose === "outlet");
    if (!binding) continue;
    const key = `${opts.keyBase}:${platform}:${binding.channelId}`;
    await enqueue(tx, {
      idempotencyKey: key,
      platform,
      destination: binding.channelId,
      kind: "post",
      threadOfKey: opts.threadOfKeyBase ? `${opts.threadOfKeyBase}:${platform}:${binding.channelId}` : undefined,
      locale,
      view: opts.view,
    });
    sent.push({ key, platform, destination: binding.channelId });
  }
  return sent;
}

/**
 * The platforms on which a channel post actually reaches people: Slack always (the bot posts
 * by channel id), Teams only once the bot was added to that channel (a stored reference);
 * before that, the people it is for must get it directly.
 */
export async function reachedPlatforms(tx: Tx, sent: Sent[]): Promise<Platform[]> {
  const out: Platform[] = [];
  for (const s of sent) {
    if (s.platform === "slack") out.push("slack");
    else if (
      await tx.channelBinding.count({
        where: { platform: "teams", channelId: s.destination, reference: { not: null } },
      })
    )
      out.push("teams");
  }
  return out;
}

/**
 * Edits every message that was posted under keyBase (on each platform/channel) to show the
 * new view. updateSeq makes each update its own outbox row; the dispatcher may skip
 * superseded ones.
 */
export async function updatePosted(tx: Tx, opts: { keyBase: string; view: View; updateSeq: string | number }) {
  const originals = await tx.outboxMessage.findMany({
    where: { idempotencyKey: { startsWith: `${opts.keyBase}:` }, kind: "post" },
  });
  for (const o of originals) {
    // only the root posts made by postToOutlet/sendToStaff, not replies or earlier updates
    if (o.idempotencyKey !== `${opts.keyBase}:${o.platform}:${o.destination}`) continue;
    const payload = JSON.parse(o.payload) as { locale: Locale };
    await enqueue(tx, {
      idempotencyKey: `${o.idempotencyKey}:update:${opts.updateSeq}`,
      platform: o.platform as Platform,
      destination: o.destination,
      kind: "update",
      updateOfKey: o.idempotencyKey,
      locale: payload.locale,
      view: opts.view,
    });
  }
}

/**
 * Sends a view to a person's direct chats on each platform where they can be reached, except
 * the platforms in `skip` (where the same view already reached them in a channel).
 */
export async function sendToStaff(
  tx: Tx,
  opts: { staffId: string; keyBase: string; view: View; skip?: readonly Platform[] },
): Promise<Sent[]> {
  const staff = await tx.staff.findUniqueOrThrow({
    where: { id: opts.staffId },
    include: { identities: true, directChats: true },
  });
  const locale: Locale = isLocale(staff.locale) ? staff.locale : "zh-CN";
  const sent: Sent[] = [];
  const skip = new Set(opts.skip ?? []);
  const slack = skip.has("slack") ? undefined : staff.identities.find((i) => i.platform === "slack");
  if (slack) {
    // chat.postMessage to a user id opens the DM with the app
    const destination = staff.directChats.find((d) => d.platform === "slack")?.channelId ?? slack.externalId;
    const key = `${opts.keyBase}:slack:${destination}`;
    await enqueue(tx, { idempotencyKey: key, platform: "slack", destination, kind: "post", locale, view: opts.view });
    sent.push({ key, platform: "slack", destination });
  }
  // Teams can only message people whose personal chat reference we captured on install.
  const teams = skip.has("teams") ? undefined : staff.directChats.find((d) => d.platform === "teams");
  if (teams) {
    const key = `${opts.keyBase}:teams:${teams.channelId}`;
    await enqueue(tx, {
      idempotencyKey: key,
      platform: "teams",
      destination: teams.channelId,
      kind: "post",
      locale,
      view: opts.view,
    });
    sent.push({ key, platform: "teams", destination: teams.channelId });
  }
  return sent;
}

/** Sends to everyone holding one of the roles at the outlet. */
export async function sendToRoles(
  tx: Tx,
  opts: { outletId: string; roles: Role[]; keyBase: string; view: View; skip?: readonly Platform[] },
  staffWithRole: (outletId: string, role: Role, tx: Tx) => Promise<Array<{ id: string }>>,
): Promise<Sent[]> {
  const ids = new Set<string>();
  for (const role of opts.roles) for (const s of await staffWithRole(opts.outletId, role, tx)) ids.add(s.id);
  const sent: Sent[] = [];
  for (const id of ids)
    sent.push(
      ...(await sendToStaff(tx, {
        staffId: id,
        keyBase: `${opts.keyBase}:${id}`,
        view: opts.view,
        ...(opts.skip ? { skip: opts.skip } : {}),
      })),
    );
  return sent;
}
