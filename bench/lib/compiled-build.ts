// An ahead-of-time build for comparison with `tsx` (which transpiles TypeScript in the
// running process): tsc emits JavaScript into the scratch folder, and the folders the code
// finds relative to itself (prisma/migrations, locales, package.json) are linked in. The project has no
// build step of its own yet; this exists only to measure what one would save.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, symlinkSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./databases.js";

export async function buildCompiled(scratchDir: string, log: (l: string) => void) {
  const dir = path.join(scratchDir, "build");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const t0 = performance.now();
  log("compiling with tsc…");
  const tsc = spawnSync(
    process.execPath,
    [
      path.join(ROOT, "node_modules/typescript/bin/tsc"),
      "-p",
      "tsconfig.json",
      "--noEmit",
      "false",
      "--outDir",
      dir,
      "--rootDir",
      ".",
      "--sourceMap",
      "false",
    ],
    { cwd: ROOT, encoding: "utf8", timeout: 600_000 },
  );
  // type errors elsewhere in a work tree do not stop tsc from emitting; a missing entry does
  if (!existsSync(path.join(dir, "src/main.js"))) {
    throw new Error(`tsc produced no src/main.js (exit ${tsc.status}): ${tsc.stdout.slice(-2000)}`);
  }
  for (const asset of ["prisma", "locales", "package.json"]) symlinkSync(path.join(ROOT, asset), path.join(dir, asset));
  return { dir, seconds: Math.round((performance.now() - t0) / 100) / 10 };
}
