#!/usr/bin/env node
// node scripts/prepare.mjs [--force] [--check]
// Brings the generated Prisma clients (src/generated/) and the compiled service (dist/) up to
// date with their sources, and does nothing when they already are. Runs at install
// (postinstall) and before every `npm start` (prestart): on an unchanged tree it only hashes the
// inputs (≈ 0.1 s), so `npm start` no longer regenerates and recompiles at every start.
//
// Freshness is a SHA-256 over the inputs' paths and contents (not mtimes: a fresh `git clone`
// gives every file a new mtime, and a copied tree can carry old ones), stored next to the
// output in a stamp file:
//   src/generated/.stamp  ← prisma/schema.prisma, prisma/postgresql/schema.prisma,
//                           prisma.config.ts, the prisma and @prisma/client versions
//   dist/.stamp           ← every file under src/ (generated clients included), tsconfig.json,
//                           tsconfig.build.json, the typescript version
// --force regenerates and rebuilds; --force-build only rebuilds (`npm run build`); --check only
// reports (exit 1 when something is stale).
// Plain JavaScript on purpose: it runs before anything is compiled, and tsx would add ~0.3 s.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const require = createRequire(path.join(root, "package.json"));
const args = new Set(process.argv.slice(2));
const force = args.has("--force");
const forceBuild = force || args.has("--force-build");
const checkOnly = args.has("--check");
const STAMP = ".stamp";

/** Version of an installed package, or "missing". */
function version(pkg) {
  try {
    return JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), "utf8")).version;
  } catch {
    return "missing";
  }
}

/** Every file under dir (relative to root), sorted, skipping stamp files. */
function filesUnder(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(path.join(root, d), { withFileTypes: true })) {
      const rel = path.posix.join(d, e.name);
      if (e.isDirectory()) walk(rel);
      else if (e.isFile() && e.name !== STAMP) out.push(rel);
    }
  };
  if (existsSync(path.join(root, dir))) walk(dir);
  return out.sort();
}

function hashOf(files, extra) {
  const h = createHash("sha256");
  h.update(`${extra.join("\n")}\n`);
  for (const f of files) {
    h.update(`${f}\0`);
    h.update(existsSync(path.join(root, f)) ? readFileSync(path.join(root, f)) : "<missing>");
    h.update("\0");
  }
  return h.digest("hex");
}

const readStamp = (dir) => {
  try {
    return readFileSync(path.join(root, dir, STAMP), "utf8").trim();
  } catch {
    return "";
  }
};
const writeStamp = (dir, hash) => {
  mkdirSync(path.join(root, dir), { recursive: true });
  writeFileSync(path.join(root, dir, STAMP), `${hash}\n`);
};

function run(what, cmd, cmdArgs) {
  const t0 = performance.now();
  console.error(`prepare: ${what}…`);
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
  if (r.status !== 0) {
    console.error(`prepare: ${what} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
  console.error(`prepare: ${what} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

const node = process.execPath;
let stale = false;

// 1. The Prisma clients.
const generateHash = hashOf(
  ["prisma/schema.prisma", "prisma/postgresql/schema.prisma", "prisma.config.ts"],
  [`prisma ${version("prisma")}`, `@prisma/client ${version("@prisma/client")}`],
);
const clientsPresent = ["src/generated/prisma/client.ts", "src/generated/prisma-pg/client.ts"].every((f) =>
  existsSync(path.join(root, f)),
);
if (force || !clientsPresent || readStamp("src/generated") !== generateHash) {
  stale = true;
  if (checkOnly) console.error("prepare: the Prisma clients are stale");
  else {
    const prisma = require.resolve("prisma/build/index.js");
    run("prisma generate (SQLite client)", node, [prisma, "generate", "--schema", "prisma/schema.prisma"]);
    run("prisma generate (PostgreSQL client)", node, [
      prisma,
      "generate",
      "--schema",
      "prisma/postgresql/schema.prisma",
    ]);
    writeStamp("src/generated", generateHash);
  }
}

// 2. The compiled service.
const buildHash = hashOf(
  [...filesUnder("src"), "tsconfig.json", "tsconfig.build.json"],
  [`typescript ${version("typescript")}`],
);
if (forceBuild || !existsSync(path.join(root, "dist/main.js")) || readStamp("dist") !== buildHash) {
  stale = true;
  if (checkOnly) console.error("prepare: dist/ is stale");
  else {
    let tsc;
    try {
      tsc = require.resolve("typescript/bin/tsc");
    } catch {
      console.error(
        "prepare: dist/ is missing or older than src/, and TypeScript is not installed (installed with --omit=dev?).\n" +
          "Run `npm install` with dev dependencies, or build dist/ elsewhere (`npm run build`) and ship it.",
      );
      process.exit(1);
    }
    // a clean build: files of deleted sources must not linger in dist/
    rmSync(path.join(root, "dist"), { recursive: true, force: true });
    run("tsc (dist/)", node, [tsc, "-p", "tsconfig.build.json"]);
    writeStamp("dist", buildHash);
  }
}

if (checkOnly) process.exit(stale ? 1 : 0);
