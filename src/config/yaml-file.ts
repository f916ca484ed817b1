// Reads a YAML file and reports syntax errors with the file and line, so a typo in the
// org file or playbook is a one-line fix rather than a stack trace.
import { readFileSync } from "node:fs";
import { parseDocument } from "yaml";
import { ConfigError } from "./errors.js";

export function readYamlFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(file, [
      { path: "", problem: code === "ENOENT" ? "file not found" : `cannot read file (${code})` },
    ]);
  }
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      file,
      doc.errors.map((e) => ({
        path: e.linePos ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}` : "",
        problem: e.message.split("\n")[0] ?? e.message,
      })),
    );
  }
  return doc.toJS({ maxAliasCount: 100 });
}
