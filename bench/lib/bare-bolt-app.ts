// The baseline of benchmark a: a bare Bolt app that only acks. Same Bolt version as Branchbot,
// an ExpressReceiver with signature verification on and processBeforeResponse off (as
// Branchbot's receiver), listening on 127.0.0.1:$PORT. Authorisation is a constant (no Web API
// call), as Branchbot's is after its one cached auth.test. GET /healthz answers 200 so the
// harness can wait for it like for the real app.
import { App, ExpressReceiver, LogLevel } from "@slack/bolt";

const receiver = new ExpressReceiver({
  signingSecret: process.env.SLACK_SIGNING_SECRET ?? "",
  signatureVerification: true,
  processBeforeResponse: false,
  endpoints: "/slack/events",
});
receiver.router.get("/healthz", (_req, res) => {
  res.json({ ok: true });
});
const app = new App({
  receiver,
  authorize: async () => ({ botToken: "xoxb-bare", botId: "B0BARE", botUserId: "U0BARE" }),
  logLevel: LogLevel.ERROR,
});
app.action(/.+/, async ({ ack }) => {
  await ack();
});
app.command(/.+/, async ({ ack }) => {
  await ack();
});
app.view(/.+/, async ({ ack }) => {
  await ack();
});
app.shortcut(/.+/, async ({ ack }) => {
  await ack();
});
const port = Number(process.env.PORT ?? 3000);
const server = receiver.app.listen(port, process.env.HOST ?? "127.0.0.1");
process.on("SIGTERM", () => server.close(() => process.exit(0)));
