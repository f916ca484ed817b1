// A message from a person → what it means, in this order:
// 1. an answer to the text-mode form running in this conversation or thread;
// 2. a reply in a thread whose root the bot posted: a reminder's thread takes checklist
//    replies, an incident's thread takes notes, a complaint's thread is the people's own, an
//    error notice's thread takes the rectification reply when the bot is addressed (other
//    chatter there is the people's own, and a command addressed there is still a command);
// 3. a command, only in a DM or when the bot was addressed (never channel chatter);
// 4. in a DM, "已阅" / "ack" [ref] acknowledging a circular, or a reply to the checklist opened there with "checklist <task>";
// 5. otherwise, when talking to the bot, a short hint.
import type { Localised } from "../views/common.js";
import { dmChecklist } from "./checklist-dm.js";
import { typedAcknowledgement } from "./circulars.js";
import { runCommand } from "./command-handlers.js";
import { parseCommand } from "./commands.js";
import type { BotReply } from "./contract.js";
import { answerText, formMode } from "./form-runner.js";
import { reply, tell } from "./replies.js";
import type { Req } from "./request.js";
import type { CoreServices } from "./services.js";
import { type ThreadTarget, threadTarget } from "./thread-routing.js";

export async function routeText(s: CoreServices, req: Req, message: string): Promise<BotReply[]> {
  const { conv } = req;
  const answered = await answerText(s, req, message);
  if (answered) return answered;
  const target = await threadTarget(s.db, conv.platform, conv.channelId, conv.threadId);
  if (target?.kind === "errornotice") {
    if (conv.addressed && !parseCommand(message)) return noticeReply(s, req, target.noticeId, message);
    if (!conv.addressed) return [];
  } else if (target) return threadReply(s, req, target, message);
  if (!conv.isDirect && !conv.addressed) return [];
  const cmd = parseCommand(message);
  if (cmd) {
    const r = await runCommand(s, req, cmd, formMode(req, "text"));
    return r.openForm ? [...r.replies, reply(req, r.openForm.view)] : r.replies;
  }
  if (conv.isDirect) {
    const acknowledged = await typedAcknowledgement(s, req, message);
    if (acknowledged) return acknowledged;
    const occurrenceId = await dmChecklist(s, req);
    const staff = { id: req.staff.id, name: req.staff.name };
    if (occurrenceId) return [reply(req, await s.replyFlow.handleReply(staff, occurrenceId, message, req.actor))];
  }
  return [tell(req, { key: "bot:hint.not_understood" })];
}

/** "@Branchbot <the rectification>" in a notice's thread: the reply, masked by the service. */
async function noticeReply(s: CoreServices, req: Req, noticeId: string, message: string): Promise<BotReply[]> {
  const r = await s.errorNotices.reply(req.actor, noticeId, message);
  if (!r.ok) return [tell(req, r.message as Localised)];
  const lines: Localised[] = r.late ? [{ key: "backoffice:done.replied_late" }] : [];
  return [tell(req, { key: "backoffice:done.replied", vars: { ref: r.ref } }, lines)];
}

async function threadReply(s: CoreServices, req: Req, target: ThreadTarget, message: string): Promise<BotReply[]> {
  const staff = { id: req.staff.id, name: req.staff.name };
  switch (target.kind) {
    case "reminder":
      return [reply(req, await s.replyFlow.handleReply(staff, target.occurrenceId, message, req.actor), "thread")];
    case "incident": {
      // the note appears in the thread through the outbox; only a refusal needs an answer
      const r = await s.incidents.update(req.actor, target.incidentId, message);
      return r.ok ? [] : [tell(req, r.message as Localised)];
    }
    case "complaint":
    case "errornotice":
      return [];
  }
}
