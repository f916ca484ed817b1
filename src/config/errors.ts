// Configuration errors an operator can act on: which file (or variable), where inside it,
// and what is wrong. Start-up prints these and stops; nothing is half-loaded.
import type { z } from "zod";

export interface ConfigIssue {
  path: string; // e.g. tasks[3].items[2].range.max, or the env variable name
  problem: string;
}

export class ConfigError extends Error {
  constructor(
    readonly source: string, // a file path, or "environment"
    readonly issues: ConfigIssue[],
  ) {
    super(formatIssues(source, issues));
    this.name = "ConfigError";
  }
}

export function formatIssues(source: string, issues: ConfigIssue[]): string {
  const lines = issues.map((i) => `  - ${i.path || "(root)"}: ${i.problem}`);
  return `Invalid configuration in ${source}:\n${lines.join("\n")}`;
}

/** Renders a zod path as `tasks[3].items[2].range.max`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

export function issuesFromZod(error: z.ZodError): ConfigIssue[] {
  return error.issues.map((issue) => ({
    path: formatPath(issue.path),
    problem: issue.message,
  }));
}
