// One replica in its own process, for the cross-process race tests: opens the database file
// with its own client, waits for a shared start instant so both replicas act at once, runs
// one case operation and prints the result as JSON.
// Usage: node --import tsx case-worker.ts <databaseUrl> <clockIso> <startAtMs> <op-json>
import { createDb } from "../../../src/db/client.js";
import { ManualClock } from "../../../src/domain/clock.js";
import { ErrorNoticeService } from "../../../src/services/backoffice/error-notices.js";
import { ComplaintService } from "../../../src/services/cases/complaints.js";
import { IncidentService } from "../../../src/services/cases/incidents.js";
import { Directory } from "../../../src/services/directory.js";
import { playbook } from "../../helpers/db.js";

type Op =
  | {
      op: "decide";
      staffId: string;
      complaintId: string;
      decision: "approve" | "request_changes" | "escalate";
      comment: string;
      expectedStepId?: string;
    }
  | { op: "sweepIncidents" }
  | { op: "sweepComplaints" }
  | { op: "sweepNotices" };

const [url, clockIso, startAt, json] = process.argv.slice(2) as [string, string, string, string];
const op = JSON.parse(json) as Op;
const db = createDb(url);
const deps = { db, clock: new ManualClock(clockIso), playbook, directory: new Directory(db) };
await db.staff.count(); // connect before the start line
await new Promise((r) => setTimeout(r, Math.max(0, Number(startAt) - Date.now())));
let result: unknown;
if (op.op === "decide") {
  const { staffId, op: _, ...input } = op;
  result = await new ComplaintService(deps).decide({ staffId, platform: "teams" }, input);
} else if (op.op === "sweepIncidents") {
  result = await new IncidentService(deps).sweepAckDeadlines();
} else if (op.op === "sweepNotices") {
  result = await new ErrorNoticeService(deps).sweepDeadlines();
} else {
  result = await new ComplaintService(deps).sweepDeadlines();
}
await db.$disconnect();
process.stdout.write(JSON.stringify(result));
