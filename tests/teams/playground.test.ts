// The playground launcher's pieces that do not need the playground itself (the e2e runs it):
// the stub browser opener, and a mock tenant whose default user is a demo staff member.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeBrowserStub } from "../../src/channels/teams/playground.js";
import {
  PLAYGROUND_PERSONAL_CHAT_ID,
  PLAYGROUND_USER,
  playgroundConfig,
} from "../../src/channels/teams/playground-config.js";
import { demoOrg } from "../helpers/db.js";

const dir = mkdtempSync(path.join(tmpdir(), "pg-stub-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("Agents Playground launcher", () => {
  it("the stub xdg-open succeeds and records the URL", () => {
    const { binDir, openedLog } = writeBrowserStub(dir);
    execFileSync(path.join(binDir, "xdg-open"), ["http://localhost:56150"]);
    expect(readFileSync(openedLog, "utf8").trim()).toBe("http://localhost:56150");
  });

  it("the playground's default user is linked to a demo staff member", () => {
    const linked = demoOrg.staff.find(
      (s) => s.teams?.userId === PLAYGROUND_USER.id && s.teams?.aadObjectId === PLAYGROUND_USER.aadObjectId,
    );
    expect(linked?.code).toBe("chen.min");
  });

  it("pins the personal chat and maps outlet channels onto the team", () => {
    const cfg = JSON.parse(
      playgroundConfig(
        [
          { id: "19:a@thread.tacv2", name: "A" },
          { id: "19:b@thread.tacv2", name: "B" },
        ],
        "Branch",
      ),
    );
    expect(cfg.personalChat.id).toBe(PLAYGROUND_PERSONAL_CHAT_ID);
    expect(cfg.team.id).toBe("19:a@thread.tacv2");
    expect(cfg.team.channels).toEqual([{ id: "19:b@thread.tacv2", name: "B" }]);
    expect(cfg.users).toHaveLength(5); // the playground's schema requires exactly five
    expect(cfg.currentUser).toMatchObject(PLAYGROUND_USER);
  });
});
