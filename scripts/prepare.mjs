#!/usr/bin/env node
// node scripts/prepare.mjs [--force | --force-build | --check]   (or import { prepare })
// Brings the generated Prisma clients (src/generated/) and the compiled service (dist/) up to
// date with their sources, and does nothing when they already are. Runs at install
// (postinstall) and before every `npm start` (prestart): on an unchanged tree it only hashes the
// inputs' sizes and mtimes (a few ms), so `npm start` no longer regenerates and recompiles at
// every start. scripts/start.mjs (what `npm start` runs) calls it in the service's own process.
//
// Freshness is a SHA-256 over the inputs' paths and contents (not mtimes: a fresh `git clone`
// gives every file a new mtime, and a copied tree can carry old ones), stored next to the
// output in a stamp file. A fingerprint of sizes and mtimes saves reading the files when
// nothing was touched; when it differs, the content hash decides (a checkout that touched files
// without changing them rebuilds nothing). Stamps:
//   src/generated/.stamp  ← prisma/schema.prisma, prisma/postgresql/schema.prisma,
//                           prisma.config.ts, the prisma and @prisma/client versions
//   dist/.stamp           ← every file under src/ (generated clients included), tsconfig.json,
//                           tsconfig.build.json, the typescript version
// --force regenerates and rebuilds; --force-build only rebuilds (`npm run build`); --check only
// reports (exit 1 when something is stale).
// Plain JavaScript on purpose: it runs before anything is compiled, and tsx would add ~0.3 s.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(import.meta.dirname, "..");
const require = createRequire(path.join(root, "package.json"));
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

/** Cheap: paths, sizes and mtimes. */
function fingerprintOf(files, extra) {
  const h = createHash("sha256");
  h.update(`${extra.join("\n")}\n`);
  for (const f of files) {
    const st = statSync(path.join(root, f), { throwIfNoEntry: false });
    h.update(`${f}\0${st ? `${st.size}:${st.mtimeMs}` : "<missing>"}\0`);
  }
  return h.digest("hex");
}

/** Authoritative: paths and contents. */
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

function readStamp(dir) {
  try {
    const [hash = "", fingerprint = ""] = readFileSync(path.join(root, dir, STAMP), "utf8")
      .trim()
      .split("\n");
    return { hash, fingerprint };
  } catch {
    return { hash: "", fingerprint: "" };
  }
}

function writeStamp(dir, files, extra) {
  mkdirSync(path.join(root, dir), { recursive: true });
  writeFileSync(path.join(root, dir, STAMP), `${hashOf(files, extra)}\n${fingerprintOf(files, extra)}\n`);
}

/** True when the stamp in `dir` matches the inputs (refreshing its fingerprint if only mtimes moved). */
function fresh(dir, files, extra) {
  const stamp = readStamp(dir);
  if (!stamp.hash) return false;
  if (stamp.fingerprint === fingerprintOf(files, extra)) return true;
  if (stamp.hash !== hashOf(files, extra)) return false;
  writeStamp(dir, files, extra);
  return true;
}

function run(what, cmd, cmdArgs) {
  const t0 = performance.now();
  console.error(`prepare: ${what}…`);
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
  if (r.status !== 0) throw new Error(`prepare: ${what} failed (exit ${r.status ?? r.signal})`);
  console.error(`prepare: ${what} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

/**
 * Regenerates the Prisma clients and rebuilds dist/ when their inputs changed.
 * Returns what was stale (with checkOnly: what would be rebuilt).
 */
export function prepare({ force = false, forceBuild = false, checkOnly = false } = {}) {
  const node = process.execPath;
  const stale = { clients: false, dist: false };

  // 1. The Prisma clients.
  const genFiles = ["prisma/schema.prisma", "prisma/postgresql/schema.prisma", "prisma.config.ts"];
  const genExtra = [`prisma ${version("prisma")}`, `@prisma/client ${version("@prisma/client")}`];
  const clientsPresent = ["src/generated/prisma/client.ts", "src/generated/prisma-pg/client.ts"].every((f) =>
    existsSync(path.join(root, f)),
  );
  if (force || !clientsPresent || !fresh("src/generated", genFiles, genExtra)) {
    stale.clients = true;
    if (!checkOnly) {
      const prisma = require.resolve("prisma/build/index.js");
      run("prisma generate (SQLite client)", node, [prisma, "generate", "--schema", "prisma/schema.prisma"]);
      run("prisma generate (PostgreSQL client)", node, [
        prisma,
        "generate",
        "--schema",
        "prisma/postgresql/schema.prisma",
      ]);
      writeStamp("src/generated", genFiles, genExtra);
    }
  }

  // 2. The compiled service.
  const buildFiles = [...filesUnder("src"), "tsconfig.json", "tsconfig.build.json"];
  const buildExtra = [`typescript ${version("typescript")}`];
  if (force || forceBuild || !existsSync(path.join(root, "dist/main.js")) || !fresh("dist", buildFiles, buildExtra)) {
    stale.dist = true;
    if (!checkOnly) {
      let tsc;
      try {
        tsc = require.resolve("typescript/bin/tsc");
      } catch {
        throw new Error(
          "prepare: dist/ is missing or older than src/, and TypeScript is not installed (installed with --omit=dev?).\n" +
            "Run `npm install` with dev dependencies, or build dist/ elsewhere (`npm run build`) and ship it.",
        );
      }
      // a clean build: files of deleted sources must not linger in dist/
      rmSync(path.join(root, "dist"), { recursive: true, force: true });
      run("tsc (dist/)", node, [tsc, "-p", "tsconfig.build.json"]);
      writeStamp("dist", buildFiles, buildExtra);
    }
  }
  return stale;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = new Set(process.argv.slice(2));
  try {
    const stale = prepare({
      force: args.has("--force"),
      forceBuild: args.has("--force-build"),
      checkOnly: args.has("--check"),
    });
    if (args.has("--check")) {
      if (stale.clients) console.error("prepare: the Prisma clients are stale");
      if (stale.dist) console.error("prepare: dist/ is stale");
      process.exit(stale.clients || stale.dist ? 1 : 0);
    }
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  }
}
