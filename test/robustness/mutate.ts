/**
 * Near-valid bodies: a documented example request with ONE field replaced by a value no field
 * of this API may hold (Infinity, a string with U+0000, an object or an array where a scalar
 * belongs, a 100,000-character string where a code belongs). Unlike random input these pass
 * the outer checks and reach the domain code. The answer must be a 4xx in the family's
 * envelope naming the field, and nothing may be written.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { TestApp } from '../helpers/app.ts';
import { ROOT } from '../helpers/server.ts';
import { consignment } from '../barang-kiriman/fixtures.ts';
import type { Family } from '../../src/http/families.ts';
import { assertSameSnapshot, envelopeProblem, snapshot } from './harness.ts';

export interface Target {
  name: string;
  method: 'POST';
  url: string;
  family: Family;
  body: () => unknown;
}

const read = (p: string) => JSON.parse(fs.readFileSync(path.join(ROOT, p), 'utf8')) as unknown;

export const TARGETS: Target[] = [
  { name: 'Kirim Dokumen BC 2.0', method: 'POST', url: '/openapi/document?isFinal=true', family: 'pabean', body: () => read('schemas/bc20/0.5.7.18.example.json') },
  { name: 'Kirim Dokumen BC 2.7 (draft)', method: 'POST', url: '/openapi/document?isFinal=false', family: 'pabean', body: () => read('schemas/bc27/0.9.example.json') },
  { name: 'Cek Dokumen', method: 'POST', url: '/openapi/document/check', family: 'pabean', body: () => read('schemas/bc20/0.5.7.18.example.json') },
  { name: 'Rekam CK-4 HT', method: 'POST', url: '/portal/ck4/rekam-ht', family: 'cukai', body: () => read('test/cukai/fixtures/rekam-ht.json') },
  { name: 'Rekam CK-4 MMEA', method: 'POST', url: '/portal/ck4/rekam-mmea', family: 'cukai', body: () => read('test/cukai/fixtures/rekam-mmea.json') },
  { name: 'Rekam CK-4 EA', method: 'POST', url: '/portal/ck4/rekam-ea', family: 'cukai', body: () => read('test/cukai/fixtures/rekam-ea.json') },
  { name: 'Kirim CN/PIBK', method: 'POST', url: '/openapi/cnpibk/kirim-data-cnpibk', family: 'barkir', body: () => [consignment()] },
];

type Leaf = (string | number)[];
function leaves(v: unknown, at: Leaf = [], out: Leaf[] = []): Leaf[] {
  if (Array.isArray(v)) v.forEach((x, i) => leaves(x, [...at, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) leaves(x, [...at, k], out);
  else out.push(at);
  return out;
}

function setAt(root: unknown, at: Leaf, value: unknown): void {
  let o = root as Record<string | number, unknown>;
  for (const k of at.slice(0, -1)) o = o[k] as Record<string | number, unknown>;
  o[at.at(-1)!] = value;
}

/**
 * `always`: no field can hold it (Infinity would be stored as null; NUL cannot be stored by
 * PostgreSQL), so it must be refused wherever it is. The others must be refused where the
 * field is declared; the official DJBC schemas allow fields they do not declare (the docs'
 * own examples carry some), so there an acceptance is not an error, a 5xx always is.
 */
const POISON: { name: string; text: string; always: boolean }[] = [
  { name: 'Infinity (1e309)', text: '1e309', always: true },
  { name: '-Infinity', text: '-1e309', always: true },
  { name: 'NUL in a string', text: JSON.stringify('A\u0000B'), always: true },
  { name: 'an object', text: '{"$gt":""}', always: false },
  { name: 'an array', text: '["x",1]', always: false },
  { name: 'a 100,000-character string', text: JSON.stringify('9'.repeat(100_000)), always: false },
  { name: 'a string of 400 digits', text: JSON.stringify('9'.repeat(400)), always: false },
];

export async function mutateRuns(app: TestApp, headers: Record<string, string>, runs: number, seed?: number): Promise<{ cases: number; accepted: number; byTarget: Record<string, number> }> {
  const byTarget: Record<string, number> = {};
  let cases = 0;
  let accepted = 0;
  const arb = fc.nat({ max: TARGETS.length - 1 }).chain((t) => {
    const ls = leaves(TARGETS[t]!.body());
    return fc.record({ t: fc.constant(t), leaf: fc.nat({ max: ls.length - 1 }), poison: fc.nat({ max: POISON.length - 1 }) });
  });
  let before = await snapshot(app.ctx);
  let n = 0;
  const details = await fc.check(
    fc.asyncProperty(arb, async ({ t, leaf, poison }) => {
      const target = TARGETS[t]!;
      const body = target.body() as Record<string, unknown>;
      const at = leaves(body)[leaf]!;
      // a fresh nomorAju per case: a refusal must not be a duplicate-key refusal
      n++;
      if (target.family === 'pabean' && typeof body.nomorAju === 'string') body.nomorAju = `${body.nomorAju.slice(0, -6)}${String(n % 1_000_000).padStart(6, '0')}`;
      const marker = '__POISON__';
      setAt(body, at, marker);
      const p = POISON[poison]!;
      const payload = JSON.stringify(body).replace(`"${marker}"`, p.text);
      cases++;
      byTarget[target.name] = (byTarget[target.name] ?? 0) + 1;
      const res = await app.inject({ method: target.method, url: target.url, headers: { ...headers, 'content-type': 'application/json' }, payload });
      const what = `${target.name}: /${at.join('/')} = ${p.name} -> ${res.statusCode} ${res.body.slice(0, 300)}`;
      assert.ok(res.statusCode < 500, `server error: ${what}`);
      if (p.always) assert.ok(res.statusCode >= 400, `not refused: ${what}`);
      const after = await snapshot(app.ctx);
      if (res.statusCode >= 400) {
        assert.equal(envelopeProblem(target.family, res.statusCode, res.json()), null, what);
        assertSameSnapshot(before, after, what);
      } else {
        accepted++;
        if (process.env.MUTATE_DEBUG) console.log(`accepted: ${what.slice(0, 200)}`);
      }
      before = after;
    }),
    { numRuns: runs, seed, endOnFailure: true },
  );
  if (details.failed) {
    const err = (details as unknown as { errorInstance?: Error }).errorInstance;
    throw new Error(`mutation case ${details.numRuns} failed (seed ${details.seed}): ${String(err?.message ?? err).slice(0, 2000)}`);
  }
  return { cases, accepted, byTarget };
}
