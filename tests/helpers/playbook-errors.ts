// Breaking a copy of the default playbook and reading the start-up error it gives: the shared
// step of every "bad value names file, path and problem" test.
import { readFileSync } from "node:fs";
import { expect } from "vitest";
import { parse } from "yaml";
import { ConfigError } from "../../src/config/errors.js";
import { parsePlaybook } from "../../src/config/playbook.js";
import { DEFAULT_PLAYBOOK, i18n } from "./db.js";

// biome-ignore lint/suspicious/noExplicitAny: a raw YAML document, mutated to break it
export type RawPlaybook = any;

export const rawPlaybook = (): RawPlaybook => parse(readFileSync(DEFAULT_PLAYBOOK, "utf8"));

/** The ConfigError a mutated default playbook stops start-up with, as if read from playbooks/broken.yaml. */
export function playbookRejection(mutate: (pb: RawPlaybook) => void): ConfigError {
  const pb = rawPlaybook();
  mutate(pb);
  try {
    parsePlaybook(pb, "playbooks/broken.yaml", i18n.exists);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error("expected the playbook to be rejected");
}
