/**
 * Request bodies of the benchmark, from the BC 2.0 page example (schemas/bc20/0.5.7.18.example.json).
 * The example is made strictly valid under plain JSON Schema (Ajv, as Prism runs it): numbers
 * rounded (Ajv's float `multipleOf` 0.0001 check refuses 350.71), the identity code of the
 * older reference table replaced, and the missing `tarifFasilitas` given. So every side of a
 * figure answers 2xx to the same bytes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './lib.ts';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function round(v: Json): Json {
  if (Array.isArray(v)) return v.map(round);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, round(x)]));
  return typeof v === 'number' ? Math.round(v) : v;
}

export function bc20Example(): Record<string, Json> {
  const doc = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas/bc20/0.5.7.18.example.json'), 'utf8')) as Record<string, Json>;
  const b = round(doc) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  for (const e of b.entitas) if (e.kodeJenisIdentitas === '0' || e.kodeJenisIdentitas === '1') e.kodeJenisIdentitas = '5';
  for (const g of b.barang) for (const t of g.barangTarif ?? []) if (t.tarifFasilitas === undefined) t.tarifFasilitas = 100;
  return b;
}

/** The example with `n` barang (copies of its items, seriBarang 1..n). */
export function bc20WithBarang(n: number): Record<string, Json> {
  const b = bc20Example() as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const items = b.barang as Record<string, Json>[];
  b.barang = Array.from({ length: n }, (_, i) => ({ ...structuredClone(items[i % items.length]!), seriBarang: i + 1 }));
  return b;
}

export const AJU_MARK = 'AJUAJUAJUAJUAJUAJUAJUAJUAJ';

/** Fresh 26-character nomorAju: 12-char prefix, a real date YYYYMMDD (chars 13-20), a 6-digit sequence. */
export function ajuFactory(prefix = '301017INA9G2', start = new Date()): () => string {
  let day = 0;
  let seq = 0;
  return () => {
    if (++seq > 999_999) ((seq = 1), day++);
    const d = new Date(start.getTime() - day * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
    return `${prefix}${d}${String(seq).padStart(6, '0')}`;
  };
}

/** A body factory: the JSON text split around the nomorAju, joined with a fresh one per call (cheap). */
export function bodyFactory(doc: Record<string, Json>, nextAju: () => string): () => string {
  const [pre, post] = JSON.stringify({ ...doc, nomorAju: AJU_MARK }).split(AJU_MARK) as [string, string];
  return () => pre + nextAju() + post;
}
