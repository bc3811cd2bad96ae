#!/usr/bin/env node
/**
 * Compiles the TypeScript sources to JavaScript once, so `npm start` and the `ceisa40` command
 * load plain JS instead of transpiling ~120 files on every start (the cold-start figure in
 * bench/RESULTS.md). esbuild bundles the project's own modules (dependencies stay in
 * node_modules) into dist/<stamp>/, where the stamp is a hash of the sources' names, sizes and
 * modification times: a changed source gives a new build, an unchanged one is reused.
 *
 * A build is written to a temporary directory and renamed into place, so concurrent starts never
 * see a half-written build. Builds older than a day other than the current one are removed.
 *
 *   npm run build        build now (prints the directory)
 *   import { ensureBuilt } from './build.mjs'   the entry files of a fresh build, building if needed
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');
const ENTRIES = { main: 'src/main.ts', cli: 'src/cli/main.ts' };

function sourceFiles(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) sourceFiles(p, out);
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** A hash of what the build depends on: every source file's name, size and mtime, and the lock file. */
export function sourceStamp() {
  const h = crypto.createHash('sha256');
  const files = [...sourceFiles(path.join(ROOT, 'src')), path.join(ROOT, 'package.json'), path.join(ROOT, 'scripts', 'build.mjs')];
  const lock = path.join(ROOT, 'package-lock.json');
  if (fs.existsSync(lock)) files.push(lock);
  for (const f of files.sort()) {
    const st = fs.statSync(f);
    h.update(`${path.relative(ROOT, f)}\0${st.size}\0${st.mtimeMs}\n`);
  }
  return h.digest('hex').slice(0, 16);
}

const entryFiles = (dir) => Object.fromEntries(Object.keys(ENTRIES).map((k) => [k, path.join(dir, `${k}.js`)]));

/** Builds into dist/<stamp>/ unless that build exists; returns its entry files. */
export async function ensureBuilt({ quiet = true } = {}) {
  const stamp = sourceStamp();
  const dir = path.join(DIST, stamp);
  if (fs.existsSync(path.join(dir, 'complete'))) return entryFiles(dir);
  const { build } = await import('esbuild');
  const tmp = path.join(DIST, `.tmp-${stamp}-${process.pid}-${Date.now()}`);
  const started = Date.now();
  await build({
    absWorkingDir: ROOT,
    entryPoints: ENTRIES,
    outdir: tmp,
    bundle: true,
    splitting: true, // lazily imported modules (the S3 store, ...) stay lazy
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'error',
  });
  fs.writeFileSync(path.join(tmp, 'complete'), `${new Date().toISOString()}\n`);
  try {
    fs.renameSync(tmp, dir);
  } catch (err) {
    // another process finished the same build first: use it
    fs.rmSync(tmp, { recursive: true, force: true });
    if (!fs.existsSync(path.join(dir, 'complete'))) throw err;
  }
  if (!quiet) console.error(`ceisa40: compiled the sources in ${Date.now() - started} ms (${path.relative(ROOT, dir)})`);
  prune(stamp);
  return entryFiles(dir);
}

function prune(keep) {
  const dayAgo = Date.now() - 24 * 3600 * 1000;
  for (const name of fs.readdirSync(DIST)) {
    if (name === keep) continue;
    const p = path.join(DIST, name);
    try {
      if (fs.statSync(p).mtimeMs < dayAgo) fs.rmSync(p, { recursive: true, force: true });
    } catch {
      /* removed meanwhile */
    }
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const files = await ensureBuilt({ quiet: false });
  console.log(path.dirname(files.main));
}
