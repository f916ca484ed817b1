// Child-process entry for a fake Slack Web API (started by fake-slack-child.ts). It runs in its
// own process so that its work, and its view of time, stay apart from the code under test and
// from the load generator: a rate limit is judged when a call arrives, not when a busy event
// loop gets round to it. Modes: "plain" (tests/helpers/fake-slack.ts, every views.open streamed
// to the parent so the benchmark can submit the modals the bot really opened) and "limited"
// (limited-slack.ts). IPC: {cmd:"stats"} → {done, stats}; {cmd:"teams", map} → {teamsSet} (limited:
// each channel's workspace); {cmd:"stop"} ends the process.
import { FakeSlack } from "../../tests/helpers/fake-slack.js";
import { DEFAULT_LIMITS, LimitedSlack, type Limits } from "./limited-slack.js";

const send = (m: object) => process.send?.(m);
const mode = process.argv[2] === "limited" ? "limited" : "plain";

if (mode === "limited") {
  const limits: Limits = { ...DEFAULT_LIMITS, ...(JSON.parse(process.argv[3] ?? "{}") as Partial<Limits>) };
  const fake = await new LimitedSlack(limits).start();
  process.on("message", (m: { cmd?: string; map?: Record<string, string> }) => {
    if (m.cmd === "stats") send({ done: true, stats: fake.stats });
    if (m.cmd === "teams") {
      fake.setChannelTeams(m.map ?? {});
      send({ teamsSet: true });
    }
    if (m.cmd === "stop") void fake.stop().then(() => process.exit(0));
  });
  send({ ready: true, apiUrl: fake.apiUrl });
} else {
  const fake = await new FakeSlack().start();
  let forwarded = 0;
  // FakeSlack records calls in an array; forward new views.open bodies as they appear
  const timer = setInterval(() => {
    for (; forwarded < fake.calls.length; forwarded++) {
      const c = fake.calls[forwarded];
      if (c?.method === "views.open") send({ modal: { triggerId: c.body.trigger_id, view: c.body.view } });
    }
  }, 20);
  process.on("message", (m: { cmd?: string }) => {
    if (m.cmd === "stats") {
      const byMethod: Record<string, number> = {};
      for (const c of fake.calls) byMethod[c.method] = (byMethod[c.method] ?? 0) + 1;
      send({ done: true, stats: { byMethod, responseUrlPosts: fake.responses.length } });
    }
    if (m.cmd === "stop") {
      clearInterval(timer);
      void fake.stop().then(() => process.exit(0));
    }
  });
  send({ ready: true, apiUrl: fake.apiUrl });
}
// the parent is gone (crash, Ctrl-C): do not linger
process.on("disconnect", () => process.exit(0));
