// A rule changed in the playbook FILE only: a modified copy of playbooks/default.yaml (and of
// the test org, with a few more people linked on Teams) written to a temp folder and loaded
// by the real start-up, exactly as an operator's edited file would be.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse, stringify } from "yaml";
import { DEFAULT_PLAYBOOK, ROOT } from "../helpers/db.js";
import type { TeamsUser } from "../teams/app-activities.js";

// biome-ignore lint/suspicious/noExplicitAny: a YAML document edited in place by each test
type Doc = any;

const TEAMS_ORG = path.join(ROOT, "tests/teams/org.teams-manager.yaml");
const dir = mkdtempSync(path.join(tmpdir(), "branchbot-permissions-"));
let n = 0;

function write(name: string, doc: Doc): string {
  n += 1;
  const file = path.join(dir, `${n}-${name}`);
  writeFileSync(file, stringify(doc));
  return file;
}

/** The default playbook, changed by `edit` (nothing changed without one), as a file. */
export function playbookFile(edit: (pb: Doc) => void = () => {}): string {
  const pb = parse(readFileSync(DEFAULT_PLAYBOOK, "utf8"));
  edit(pb);
  return write("playbook.yaml", pb);
}

export const WANG: TeamsUser = {
  id: "29:perm-wang-fang",
  name: "Wang Fang",
  aadObjectId: "33333333-0000-0000-0000-000000000001",
};
export const LI: TeamsUser = {
  id: "29:perm-li-jun",
  name: "Li Jun",
  aadObjectId: "33333333-0000-0000-0000-000000000002",
};
export const EMILY: TeamsUser = {
  id: "29:test-emily-zhou",
  name: "Emily Zhou",
  aadObjectId: "22222222-3333-4444-5555-666666666605",
};

/** The Teams test org (emily on Teams) with wang.fang and li.jun on Teams too, changed by `edit`. */
export function orgFile(edit: (org: Doc) => void = () => {}): string {
  const org = parse(readFileSync(TEAMS_ORG, "utf8"));
  const person = (code: string) => org.staff.find((s: Doc) => s.code === code);
  person("wang.fang").teams = { userId: WANG.id, aadObjectId: WANG.aadObjectId };
  person("li.jun").teams = { userId: LI.id, aadObjectId: LI.aadObjectId };
  edit(org);
  return write("org.yaml", org);
}

/** The staff record of `code` in an org document, to give them roles. */
export const staffOf = (org: Doc, code: string) => org.staff.find((s: Doc) => s.code === code);
