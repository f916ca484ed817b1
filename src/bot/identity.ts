// Who is talking: a platform user → a staff member, and the locale to answer in (the staff
// record first, then what the platform says, then the configured default).
import { isLocale, type Locale } from "../i18n/index.js";
import { type Reader, rememberDirectChat } from "../queries/index.js";
import type { Directory, StaffRef } from "../services/directory.js";
import type { InboundUser } from "./contract.js";

/** Maps a platform locale ("zh-CN", "zh_CN", "zh-Hans", "en-US", "en-GB") to ours. */
export function platformLocale(raw: string | undefined): Locale | null {
  if (!raw) return null;
  const l = raw.replace("_", "-").toLowerCase();
  if (l.startsWith("zh")) return "zh-CN";
  if (l.startsWith("en")) return "en";
  return null;
}

export class Identity {
  constructor(
    private readonly db: Reader,
    private readonly directory: Directory,
    private readonly defaultLocale: Locale,
  ) {}

  staffOf(user: InboundUser): Promise<StaffRef | null> {
    return this.directory.staffByPlatform(user.platform, user.externalIds, user.workspace ?? "");
  }

  async localeFor(user: InboundUser, staff?: StaffRef | null): Promise<Locale> {
    const s = staff === undefined ? await this.staffOf(user) : staff;
    if (s && isLocale(s.locale)) return s.locale;
    return platformLocale(user.platformLocale) ?? this.defaultLocale;
  }

  /** Remember a person's 1:1 chat id, so DMs and Teams proactive messages can reach them. */
  async rememberDirectChat(staffId: string, platform: "slack" | "teams", channelId: string): Promise<void> {
    await rememberDirectChat(this.db, staffId, platform, channelId);
  }
}
