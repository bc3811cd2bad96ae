#!/usr/bin/env node
/**
 * Extracts the official JSON Schemas of every customs document type ("Kirim Dokumen ...")
 * from the verbatim docs pages and DJBC's own schema files into versioned JSON data:
 *
 *   schemas/<type>/<version>.json           the schema, byte-for-byte the printed object
 *   schemas/<type>/<version>.example.json   the page's example document, where it prints one
 *   schemas/index.json                      the manifest the validator loads
 *
 * Usage: node scripts/extract-schemas.mjs [--docs DIR] [--djbc DIR] [--out DIR]
 * (defaults: /work/shared/reference/ceisa40 and /work/shared/reference/djbc-schemas)
 *
 * The pages are markdown with the schema (sometimes wrapped in {"Declaration": ...}) and,
 * for four types, an example. The BC 2.0 example misses two commas (MIRROR-NOTES.md): the
 * script repairs only missing commas between a value and the next member, and records it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const DOCS = arg('--docs', '/work/shared/reference/ceisa40');
const DJBC = arg('--djbc', '/work/shared/reference/djbc-schemas');
const OUT = path.resolve(arg('--out', path.join(ROOT, 'schemas')));
const PAGES = path.join(DOCS, 'api-services-pabean');

/**
 * Every document type. `page`: the docs page (schema + maybe an example), `pageVersion` when
 * the page's schema description carries none; `djbc`: DJBC's file. `select` tells the validator
 * how a body picks this type (kodeDokumen, plus a discriminating field where two types share one).
 */
const TYPES = [
  { id: 'bc20', name: 'BC 2.0 Impor (PIB)', kodeDokumen: '20', page: 'kirim-dokumen-impor.md', djbc: 'BC20Schema.json', revisable: false },
  {
    id: 'bc20-btw',
    name: 'BC 2.0 Impor Barang Tidak Berwujud',
    kodeDokumen: '20',
    when: { field: 'flagBarangTidakBerwujud', equals: 'Y' },
    page: 'kirim-dokumen-impor/kirim-dokumen-impor-barang-tidak-berwujud.md',
    revisable: false,
  },
  { id: 'bc30', name: 'BC 3.0 Ekspor (PEB)', kodeDokumen: '30', page: 'kirim-dokumen-ekspor.md', djbc: 'BC30Schema.json', revisable: true },
  { id: 'bc23', name: 'TPB BC 2.3', kodeDokumen: '23', page: 'kirim-dokumen-tpb/kirim-dokumen-tpb-bc-2.3.md', djbc: 'BC23Schema.json', revisable: true },
  { id: 'bc25', name: 'TPB BC 2.5', kodeDokumen: '25', page: 'kirim-dokumen-tpb/kirim-dokumen-tpb-bc-2.5.md', djbc: 'BC25Schema.json', revisable: true },
  { id: 'bc261', name: 'TPB BC 2.6.1', kodeDokumen: '261', page: 'kirim-dokumen-tpb/kirim-dokumen-tpb-bc-2.6.1.md', djbc: 'BC261Schema.json', revisable: true },
  { id: 'bc262', name: 'TPB BC 2.6.2', kodeDokumen: '262', page: 'kirim-dokumen-tpb/kirim-dokumen-tpb-bc-2.6.2.md', djbc: 'BC262Schema.json', revisable: true },
  { id: 'bc27', name: 'TPB BC 2.7', kodeDokumen: '27', page: 'kirim-dokumen-tpb/kirim-dokumen-tpb-bc-2.7.md', djbc: 'BC27Schema.json', revisable: true },
  { id: 'bc40', name: 'TPB BC 4.0', kodeDokumen: '40', page: 'kirim-dokumen-tpb/kirim-dokumen-tpb-bc-4.0.md', djbc: 'BC40Schema.json', revisable: true },
  { id: 'bc41', name: 'TPB BC 4.1', kodeDokumen: '41', page: 'kirim-dokumen-tpb/kirim-dokumen-tpb-bc-4.1.md', djbc: 'BC41Schema.json', revisable: true },
  { id: 'ftz011', name: 'PPFTZ-01 dari LDP (FTZ01-1)', kodeDokumen: '511', page: 'kirim-dokumen-ftz/kirim-dokumen-ftz01-1.md', revisable: false },
  { id: 'ftz012', name: 'PPFTZ-01 ke LDP (FTZ01-2)', kodeDokumen: '512', page: 'kirim-dokumen-ftz/kirim-dokumen-ftz01-2.md', revisable: false },
  { id: 'ftz013', name: 'PPFTZ-01 ke TLDDP (FTZ01-3)', kodeDokumen: '513', page: 'kirim-dokumen-ftz/kirim-dokumen-ftz01-3.md', revisable: false },
  // The BC 1.6 page prints no version; the change-log's latest BC 1.6 entry before the capture (2025-06-13) is v0.4 (2025-06-02).
  { id: 'bc16', name: 'PLB BC 1.6', kodeDokumen: '16', page: 'kirim-dokumen-plb/kirim-dokumen-ekspor.md', pageVersion: '0.4', revisable: true },
  { id: 'bc28', name: 'PLB BC 2.8', kodeDokumen: '28', page: 'kirim-dokumen-plb/kirim-dokumen-ekspor-1.md', revisable: true },
  { id: 'bc33', name: 'PLB BC 3.3', kodeDokumen: '33', page: 'kirim-dokumen-plb/kirim-dokumen-ekspor-2.md', revisable: true },
  { id: 'p3bet', name: 'PLB BC 3.3.1 / P3BET', kodeDokumen: '331', page: 'kirim-dokumen-plb/kirim-dokumen-ekspor-3.md', revisable: true },
];

/** The balanced {...} starting at `start` (strings respected), or null when it never closes. */
function balanced(text, start) {
  let depth = 0;
  let inStr = false;
  let esc = false;
  for (let j = start; j < text.length; j++) {
    const c = text[j];
    if (inStr) {
      if (esc) esc = false;
      else if (c === '\\') esc = true;
      else if (c === '"') inStr = false;
      continue;
    }
    if (c === '"') inStr = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return { start, end: j + 1, text: text.slice(start, j + 1) };
  }
  return null;
}

/** Inserts the commas a member list lacks (`"a": 1\n "b"` -> `"a": 1,\n "b"`); returns the repairs. */
function repairCommas(src) {
  const repairs = [];
  const out = src.replace(/("|\d|\}|\]|true|false|null)([ \t]*\r?\n\s*)(?=")/g, (m, tok, ws, offset) => {
    repairs.push(src.slice(0, offset).split('\n').length);
    return `${tok},${ws}`;
  });
  return { out, repairs };
}

function versionOf(schema, fallback) {
  const m = /v\.?\s*(\d+(?:\.\d+)*)/.exec(schema.description ?? '');
  if (!m) {
    if (fallback) return fallback;
    throw new Error(`no version in "${schema.description}"`);
  }
  // "v.01" -> "0.1" (FTZ pages write the minor number with a leading zero)
  return /^0\d$/.test(m[1]) ? `0.${Number(m[1])}` : m[1];
}

/**
 * Defects of the pages' schemas themselves, fixed by exact replacement (and listed in the
 * manifest). BC 2.0 v0.5.7.18, entitas[1].kodeJenisIdentitas: a new enum was pasted in front of
 * the old one's tail (`]  "5"\n ]`); the description lists [2]..[6], the pasted enum is kept.
 */
const SCHEMA_FIXES = {
  'kirim-dokumen-impor.md': [{ find: /\]  "5"\r?\n\s*\]/, replace: ']', note: 'entitas[1].kodeJenisIdentitas: stray `"5" ]` after the enum removed' }],
};

function fromPage(rel, pageVersion) {
  const file = path.join(PAGES, rel);
  let text = fs.readFileSync(file, 'utf8');
  const fixes = [];
  for (const f of SCHEMA_FIXES[rel] ?? []) {
    if (!f.find.test(text)) throw new Error(`${rel}: expected defect not found (${f.note})`);
    text = text.replace(f.find, f.replace);
    fixes.push(f.note);
  }
  const at = text.indexOf('"$schema"');
  if (at < 0) throw new Error(`${rel}: no schema`);
  const open = text.lastIndexOf('{', at);
  const s = balanced(text, open);
  if (!s) throw new Error(`${rel}: schema never closes`);
  const schema = JSON.parse(s.text);
  // The first object after the schema that looks like a document is the page's example.
  let example = null;
  let exampleRepairs = [];
  for (let i = text.indexOf('{', s.end); i >= 0; i = text.indexOf('{', i + 1)) {
    const c = balanced(text, i);
    if (!c) break;
    if (!/"nomorAju"|"asalData"/.test(c.text)) continue;
    try {
      example = JSON.parse(c.text);
    } catch {
      const { out, repairs } = repairCommas(c.text);
      example = JSON.parse(out);
      const baseLine = text.slice(0, c.start).split("\n").length;
      exampleRepairs = repairs.map((l) => baseLine + l);
    }
    break;
  }
  return { schema, version: versionOf(schema, pageVersion), example, exampleRepairs, fixes, source: `reference/ceisa40/api-services-pabean/${rel}` };
}

function fromDjbc(name) {
  const schema = JSON.parse(fs.readFileSync(path.join(DJBC, name), 'utf8'));
  return { schema, version: versionOf(schema), source: `reference/djbc-schemas/${name}` };
}

/** Compares dotted versions numerically: 0.5.7.18 > 0.5.7.13, 0.15 > 0.9. */
function cmpVersion(a, b) {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

const manifest = { generatedBy: 'scripts/extract-schemas.mjs', types: [] };
fs.mkdirSync(OUT, { recursive: true });
for (const t of TYPES) {
  const dir = path.join(OUT, t.id);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const versions = [];
  const page = fromPage(t.page, t.pageVersion);
  versions.push(page);
  if (t.djbc) {
    const d = fromDjbc(t.djbc);
    if (versions.some((v) => v.version === d.version)) throw new Error(`${t.id}: duplicate version ${d.version}`);
    versions.push(d);
  }
  versions.sort((a, b) => cmpVersion(b.version, a.version));
  const entries = [];
  for (const v of versions) {
    fs.writeFileSync(path.join(dir, `${v.version}.json`), JSON.stringify(v.schema, null, 2) + '\n');
    const entry = { version: v.version, file: `${t.id}/${v.version}.json`, source: v.source, title: v.schema.title };
    if (v.example) {
      fs.writeFileSync(path.join(dir, `${v.version}.example.json`), JSON.stringify(v.example, null, 2) + '\n');
      entry.example = `${t.id}/${v.version}.example.json`;
      if (v.exampleRepairs?.length) entry.exampleRepairedCommasAtPageLines = v.exampleRepairs;
    }
    if (v.fixes?.length) entry.schemaFixes = v.fixes;
    entries.push(entry);
  }
  manifest.types.push({
    id: t.id,
    name: t.name,
    kodeDokumen: t.kodeDokumen,
    ...(t.when ? { when: t.when } : {}),
    revisable: t.revisable,
    defaultVersion: entries[0].version,
    versions: entries,
  });
  console.log(`${t.id.padEnd(9)} ${entries.map((e) => e.version + (e.example ? ' (+example)' : '')).join(', ')}`);
}
fs.writeFileSync(path.join(OUT, 'index.json'), JSON.stringify(manifest, null, 2) + '\n');
