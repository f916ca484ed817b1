// Starts the Teams edge (local mode) on an Express server at 127.0.0.1:0 with a recording
// BotCore test double that returns real views, and a fake connector as every activity's
// serviceUrl. Also builds real Teams activity shapes.
import type { Server } from "node:http";
import express from "express";
import type {
  ActionResult,
  BotCore,
  BotReply,
  FormSubmission,
  InboundConversation,
  InboundUser,
  SubmitResult,
} from "../../src/bot/contract.js";
import { createTeamsEdge, type TeamsEdge } from "../../src/channels/teams/edge.js";
import type { Locale } from "../../src/i18n/index.js";
import { createLogger } from "../../src/log.js";
import { stepLabel } from "../../src/views/labels.js";
import { createDemoDb, i18n, type TestDb } from "../helpers/db.js";
import { type FakeConnector, startFakeConnector } from "../helpers/fake-connector.js";
import { complaintView, formView, homeView, reminderView } from "./fixtures.js";

export interface Call {
  method: string;
  user: InboundUser;
  conv?: InboundConversation;
  arg?: unknown;
}

/** A BotCore double: records every call and answers with real views. */
export function recordingCore(): BotCore & { calls: Call[] } {
  const calls: Call[] = [];
  const locale: Locale = "en";
  const reply = (view: BotReply["view"], visibility: BotReply["visibility"] = "thread"): BotReply => ({
    view,
    visibility,
    locale,
  });
  return {
    calls,
    async onText(user, conv, text) {
      calls.push({ method: "onText", user, conv, arg: text });
      if (text === "boom") throw new Error("core exploded");
      if (text === "today") return [reply(homeView())];
      if (text === "checklist") return [reply(formView())];
      if (text === "complaint") return [reply(complaintView())];
      return [reply(reminderView())];
    },
    async onCommand(user, conv, text): Promise<ActionResult> {
      calls.push({ method: "onCommand", user, conv, arg: text });
      return { replies: [] };
    },
    async onAction(user, conv, action): Promise<ActionResult> {
      calls.push({ method: "onAction", user, conv, arg: action });
      if (action.value === "decided")
        return { replies: [reply({ type: "text", message: { key: "teams:form.submitted" } }, "ephemeral")] };
      if (action.action === "complaint.approve")
        return {
          replies: [
            reply(complaintView({ status: "resolved", actions: [] })),
            reply({
              type: "complaint_event",
              complaintId: "cmp-1",
              ref: "CMP-0001",
              event: "approved",
              by: "陈敏",
              from: { no: 1, label: stepLabel(1, "supervisor") },
              notify: [],
            }),
          ],
        };
      if (action.action === "checklist.open") return { replies: [], openForm: { view: formView(), locale } };
      return { replies: [reply(reminderView())] };
    },
    async onSubmit(user, conv, form: FormSubmission): Promise<SubmitResult> {
      calls.push({ method: "onSubmit", user, conv, arg: form });
      if (form.values.cashbox_amount === "abc")
        return { ok: false, errors: { cashbox_amount: { key: "teams:form.amount" } }, locale };
      return { ok: true, replies: [reply(reminderView())] };
    },
    async home(user) {
      calls.push({ method: "home", user });
      return { view: homeView(), locale };
    },
    async localeFor() {
      return locale;
    },
  };
}

export interface Harness {
  url: string;
  edge: TeamsEdge;
  core: ReturnType<typeof recordingCore>;
  connector: FakeConnector;
  t: TestDb;
  post(body: unknown): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const t = await createDemoDb();
  const connector = await startFakeConnector();
  const core = recordingCore();
  const edge = createTeamsEdge({
    config: { defaultLocale: "zh-CN" },
    db: t.db,
    log: createLogger("silent"),
    i18n,
    core,
  });
  const app = express();
  edge.mount(app);
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  await edge.start();
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    url,
    edge,
    core,
    connector,
    t,
    async post(body) {
      const res = await fetch(`${url}/api/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
    async close() {
      await edge.stop();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await connector.close();
      await t.cleanup();
    },
  };
}

export const BOT = { id: "28:branchbot-app-id", name: "Branchbot" };
export const CHEN = { id: "user-id-0", name: "Alex Wilber", aadObjectId: "00000000-0000-0000-0000-0000000000020" };
export const TENANT = "00000000-0000-0000-0000-0000000000001";
export const PERSONAL_ID = "a:1personal-chat-chen";
export const LJZ_CHANNEL = "19:demo-sh-ljz@thread.tacv2";

let seq = 0;
function base(serviceUrl: string, conversation: Record<string, unknown>, channelData: Record<string, unknown>) {
  seq++;
  return {
    id: `17000000000${seq}`,
    timestamp: new Date().toISOString(),
    channelId: "msteams",
    serviceUrl,
    from: CHEN,
    recipient: BOT,
    conversation: { tenantId: TENANT, ...conversation },
    channelData: { tenant: { id: TENANT }, ...channelData },
    locale: "en-US",
  };
}

export const personal = (serviceUrl: string) => base(serviceUrl, { id: PERSONAL_ID, conversationType: "personal" }, {});
export const channel = (serviceUrl: string, rootId: string) =>
  base(
    serviceUrl,
    { id: `${LJZ_CHANNEL};messageid=${rootId}`, conversationType: "channel", isGroup: true },
    {
      teamsChannelId: LJZ_CHANNEL,
      teamsTeamId: "19:team@thread.tacv2",
      channel: { id: LJZ_CHANNEL },
      team: { id: "19:team@thread.tacv2" },
    },
  );
