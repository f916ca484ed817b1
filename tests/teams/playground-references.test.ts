// The playground's pinned conversations are remembered when it starts, so reminders and
// direct messages reach a newcomer's playground before it ever sends an activity; a reference
// to a real Teams service is never overwritten.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PLAYGROUND_PERSONAL_CHAT_ID } from "../../src/channels/teams/playground-config.js";
import { rememberPlaygroundConversations } from "../../src/channels/teams/playground-references.js";
import { findReference } from "../../src/channels/teams/references.js";
import { createLogger } from "../../src/log.js";
import { createDemoDb, type TestDb } from "../helpers/db.js";

const LJZ = "19:demo-sh-ljz@thread.tacv2";
const XJH = "19:demo-sh-xjh@thread.tacv2";
const CHANNELS = [
  { id: LJZ, name: "陆家嘴支行营业部" },
  { id: XJH, name: "徐家汇支行营业部" },
];
const log = createLogger("silent");

let t: TestDb;
beforeEach(async () => {
  t = await createDemoDb();
});
afterEach(async () => {
  await t.cleanup();
});

describe("rememberPlaygroundConversations", () => {
  it("points the outlet channels and the linked user's personal chat at the playground connector", async () => {
    const reach = await rememberPlaygroundConversations(t.db, "http://localhost:56150/_connector", CHANNELS, log);
    expect(reach).toEqual({ channels: 2, personalChatStaff: "chen.min" });
    expect(await findReference(t.db, LJZ)).toMatchObject({
      serviceUrl: "http://localhost:56150/_connector",
      channelId: "msteams",
      conversation: { id: LJZ, conversationType: "channel" },
      bot: { id: "00000000-0000-0000-0000-00000000000011" },
    });
    const dc = await t.db.directConversation.findFirstOrThrow({
      where: { platform: "teams" },
      include: { staff: true },
    });
    expect(dc).toMatchObject({ channelId: PLAYGROUND_PERSONAL_CHAT_ID, staff: { code: "chen.min" } });
    expect(JSON.parse(dc.reference ?? "{}")).toMatchObject({ user: { id: "user-id-0" } });
  });

  it("moves with the playground's port on the next start, and is idempotent", async () => {
    await rememberPlaygroundConversations(t.db, "http://localhost:56150/_connector", CHANNELS, log);
    await rememberPlaygroundConversations(t.db, "http://localhost:41234/_connector", CHANNELS, log);
    await rememberPlaygroundConversations(t.db, "http://localhost:41234/_connector", CHANNELS, log);
    expect((await findReference(t.db, XJH))?.serviceUrl).toBe("http://localhost:41234/_connector");
    expect((await findReference(t.db, PLAYGROUND_PERSONAL_CHAT_ID))?.serviceUrl).toBe(
      "http://localhost:41234/_connector",
    );
    expect(await t.db.directConversation.count({ where: { platform: "teams" } })).toBe(1);
  });

  it("never replaces a reference that points at a real Teams service", async () => {
    const real = JSON.stringify({ serviceUrl: "https://smba.trafficmanager.net/apac/", conversation: { id: LJZ } });
    await t.db.channelBinding.updateMany({ where: { platform: "teams", channelId: LJZ }, data: { reference: real } });
    const reach = await rememberPlaygroundConversations(t.db, "http://localhost:56150/_connector", CHANNELS, log);
    expect(reach.channels).toBe(1);
    expect((await findReference(t.db, LJZ))?.serviceUrl).toBe("https://smba.trafficmanager.net/apac/");
    expect((await findReference(t.db, XJH))?.serviceUrl).toBe("http://localhost:56150/_connector");
  });
});
