import fs from 'node:fs';
import path from 'node:path';
import { compileSchema, type CompileOptions } from './compile.ts';
import { fromRoot } from '../paths.ts';

/**
 * The official document schemas, as versioned JSON data under the top-level `schemas/`
 * folder (written by scripts/extract-schemas.mjs; `schemas/index.json` is the manifest).
 * Each schema version is compiled once per dialect setting and cached for the process.
 */

export interface SchemaVersionEntry {
  version: string;
  /** path under schemas/ */
  file: string;
  /** where it was extracted from */
  source: string;
  title: string;
  /** the page's example document, where the page prints one */
  example?: string;
  schemaFixes?: string[];
  exampleRepairedCommasAtPageLines?: number[];
}

export interface DocumentType {
  /** bc20, bc20-btw, bc30, bc23, ..., ftz011, bc16, p3bet */
  id: string;
  name: string;
  kodeDokumen: string;
  /** a second discriminator when two types share a kodeDokumen (BC 2.0 barang tidak berwujud) */
  when?: { field: string; equals: string };
  /** the docs list `isRevision` for this type (BC 3.0, TPB and PLB pages) */
  revisable: boolean;
  /** the newest version: tried first */
  defaultVersion: string;
  /** newest first */
  versions: SchemaVersionEntry[];
}

interface Manifest {
  types: DocumentType[];
}

export const SCHEMAS_DIR = fromRoot('schemas');

/** An error a schema reports on its own docs example, accepted as a warning (schemas/leniencies.json). */
export interface Leniency {
  type: string;
  version?: string;
  /** JSON pointer; `*` matches one segment */
  field: string;
  rule: string;
  values?: string[];
  reason: string;
}

let manifest: Manifest | null = null;
let lenient: Leniency[] | null = null;

export function leniencies(): Leniency[] {
  lenient ??= (JSON.parse(fs.readFileSync(path.join(SCHEMAS_DIR, 'leniencies.json'), 'utf8')) as { leniencies: Leniency[] }).leniencies;
  return lenient;
}

function load(): Manifest {
  if (!manifest) manifest = JSON.parse(fs.readFileSync(path.join(SCHEMAS_DIR, 'index.json'), 'utf8')) as Manifest;
  return manifest;
}

export function documentTypes(): DocumentType[] {
  return load().types;
}

export function documentType(id: string): DocumentType | undefined {
  return load().types.find((t) => t.id === id);
}

/** Every kodeDokumen a schema exists for, in manifest order. */
export function knownKodeDokumen(): string[] {
  return [...new Set(load().types.map((t) => t.kodeDokumen))];
}

/** The type a body selects: its kodeDokumen, then a type's extra discriminator if it has one. */
export function selectType(kodeDokumen: string, body: Record<string, unknown>): DocumentType | undefined {
  const candidates = load().types.filter((t) => t.kodeDokumen === kodeDokumen);
  return candidates.find((t) => t.when && body[t.when.field] === t.when.equals) ?? candidates.find((t) => !t.when);
}

export function readSchema(entry: SchemaVersionEntry): unknown {
  return JSON.parse(fs.readFileSync(path.join(SCHEMAS_DIR, entry.file), 'utf8'));
}

export function readExample(entry: SchemaVersionEntry): Record<string, unknown> | undefined {
  return entry.example ? (JSON.parse(fs.readFileSync(path.join(SCHEMAS_DIR, entry.example), 'utf8')) as Record<string, unknown>) : undefined;
}

const compiled = new Map<string, ReturnType<typeof compileSchema>>();

/** The compiled validator of one schema version (compiled on first use, then cached). */
export function compiledValidator(entry: SchemaVersionEntry, opts: CompileOptions): ReturnType<typeof compileSchema> {
  const key = `${entry.file}|${opts.strictTupleItems ? 'strict' : 'dialect'}`;
  let c = compiled.get(key);
  if (!c) {
    c = compileSchema(readSchema(entry), opts);
    compiled.set(key, c);
  }
  return c;
}

/**
 * Compiles every schema version in the background, one per event-loop turn, so the server
 * answers while it runs (a cold start does not wait ~0.3 s for it) and a request arriving
 * meanwhile waits at most one compilation (or compiles its own version on first use). The
 * timers are unref'd: a short-lived process (the admin CLI) is not held open. Resolves with
 * the number of versions.
 */
export function precompileInBackground(opts: CompileOptions): Promise<number> {
  const entries = documentTypes().flatMap((t) => t.versions);
  return new Promise((resolve) => {
    let i = 0;
    const step = () => {
      if (i >= entries.length) return resolve(entries.length);
      compiledValidator(entries[i++]!, opts);
      setTimeout(step, 0).unref();
    };
    setTimeout(step, 0).unref();
  });
}

/** Compiles every schema version now, so no request pays for it. */
export function precompileAll(opts: CompileOptions): number {
  let n = 0;
  for (const t of documentTypes()) for (const v of t.versions) (compiledValidator(v, opts), n++);
  return n;
}
