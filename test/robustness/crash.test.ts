/**
 * Crashes: the server process is killed with SIGKILL in the middle of an X-ray upload and in
 * the middle of a burst of document sends, then started again on the same storage. Nothing
 * half-written may remain, interrupted uploads are swept on start, every answer "accepted"
 * survived, and whatever was in flight at the kill is either wholly there or wholly absent
 * (a retry then gets 409 or is accepted, consistently).
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { ENGINES, createTestStorage, type TestStorage } from '../helpers/db.ts';
import { ROOT, startServer, type RunningServer } from '../helpers/server.ts';
import { consignment, jpeg, png, SEED_DATA } from '../barang-kiriman/fixtures.ts';
import { multipart as ck4Form, perbaikanHtParts } from '../cukai/helpers.ts';
import type { Database } from '../../src/store/db.ts';
import { withDatabase } from './harness.ts';

const EXAMPLE = JSON.parse(fs.readFileSync(`${ROOT}/schemas/bc20/0.5.7.18.example.json`, 'utf8')) as Record<string, unknown>;
const ajuOf = (n: number) => `${(EXAMPLE.nomorAju as string).slice(0, -6)}${String(n).padStart(6, '0')}`;

function files(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name));
}

async function until(what: string, cond: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

for (const engine of ENGINES) {
  describe(`kill -9 and restart (${engine})`, () => {
    let storage: TestStorage;
    let srv: RunningServer;
    let h: Record<string, string>;
    let env: Record<string, string>;
    const blobs = () => files(path.join(storage.dataDir, 'blobs')).filter((f) => !f.includes(`${path.sep}.partial${path.sep}`)).map((f) => path.relative(path.join(storage.dataDir, 'blobs'), f).split(path.sep).join('/'));
    const partials = () => files(path.join(storage.dataDir, 'blobs', '.partial'));
    const withDb = <T>(fn: (d: Database) => Promise<T>): Promise<T> => withDatabase(storage, fn);
    const login = async () => {
      const r = await fetch(`${srv.url}/v1/openapi-auth/user/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'demo', password: 'demo' }) });
      h = { authorization: `Bearer ${((await r.json()) as any).item.access_token}`, 'beacukai-api-key': 'demo-key' };
    };
    const restart = async () => {
      srv = await startServer(env);
      await login();
    };

    before(async () => {
      storage = await createTestStorage(engine);
      // a single node: blobs of interrupted uploads are swept at once (the default grace of an hour protects uploads in flight on other nodes)
      env = { CEISA_DATA_DIR: storage.dataDir, CEISA_ORPHAN_GRACE_SEC: '0', ...(storage.databaseUrl ? { DATABASE_URL: storage.databaseUrl } : {}) };
      await restart();
    });
    after(async () => {
      await srv?.stop();
      await storage?.cleanup();
    });

    test('killed during an X-ray upload: after restart no orphan or partial blob, no photo rows; the upload can be sent again', async () => {
      const c = await fetch(`${srv.url}/openapi/cnpibk/kirim-data-cnpibk`, { method: 'POST', headers: { ...h, 'content-type': 'application/json' }, body: JSON.stringify([consignment()]) });
      assert.equal(c.status, 200, await c.text());
      const boundary = 'crashBoundary';
      const req = http.request(`${srv.url}/openapi/cnpibk/xray/kirim-foto-xray`, { method: 'POST', headers: { ...h, 'content-type': `multipart/form-data; boundary=${boundary}` } });
      req.on('error', () => {}); // the server dies under it
      req.write(`--${boundary}\r\nContent-Disposition: form-data; name="data"\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(SEED_DATA)}\r\n`);
      req.write(`--${boundary}\r\nContent-Disposition: form-data; name="images"; filename="one.png"\r\nContent-Type: image/png\r\n\r\n`);
      req.write(png(8, 8));
      req.write(`\r\n--${boundary}\r\nContent-Disposition: form-data; name="images"; filename="two.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`);
      req.write(jpeg(256 * 1024).subarray(0, 200 * 1024)); // the second image is still arriving
      await until('the first image stored and the second being written', () => blobs().some((b) => b.startsWith('xray/')) && partials().length > 0);
      srv.proc.kill('SIGKILL');
      await srv.stop();
      req.destroy();
      assert.ok(blobs().some((b) => b.startsWith('xray/')), 'a complete but unrecorded photo blob exists before the restart');

      await restart();
      assert.deepEqual(partials(), [], 'interrupted uploads swept on start');
      assert.match(srv.output(), /removed leftovers of interrupted uploads/);
      assert.match(srv.output(), /removed X-ray photo blobs left by interrupted requests/);
      const rows = await withDb((d) => d.db.selectFrom('barkir_xray_photos').select('blob_key').execute());
      assert.deepEqual(rows, [], 'nothing was answered, nothing is recorded');
      assert.deepEqual(blobs().filter((b) => b.startsWith('xray/')), [], 'no orphan photo blob');
      const get = await fetch(`${srv.url}/openapi/cnpibk/xray/get-foto-xray?${new URLSearchParams(SEED_DATA)}`, { headers: h });
      const gb = (await get.json()) as any;
      assert.notEqual(gb.success, true, JSON.stringify(gb));

      // the same upload again, whole this time
      const form = new FormData();
      form.append('data', new Blob([JSON.stringify(SEED_DATA)], { type: 'application/json' }));
      form.append('images', new Blob([new Uint8Array(png(8, 8))], { type: 'image/png' }), 'one.png');
      const again = await fetch(`${srv.url}/openapi/cnpibk/xray/kirim-foto-xray`, { method: 'POST', headers: h, body: form });
      const ab = (await again.json()) as any;
      assert.equal(ab.success, true, JSON.stringify(ab));
      const after = await withDb((d) => d.db.selectFrom('barkir_xray_photos').select('blob_key').execute());
      assert.deepEqual(blobs().filter((b) => b.startsWith('xray/')).sort(), after.map((r) => r.blob_key).sort(), 'every blob is recorded and every record has its blob');
    });

    test('killed during a burst of document sends: every accepted document survived whole, nothing half-written, in-flight ones are all-or-nothing', async () => {
      const N = 40;
      const answered = new Map<string, number>();
      const sends = Array.from({ length: N }, async (_, i) => {
        const aju = ajuOf(700 + i);
        try {
          const r = await fetch(`${srv.url}/openapi/document?isFinal=true`, { method: 'POST', headers: { ...h, 'content-type': 'application/json' }, body: JSON.stringify({ ...EXAMPLE, nomorAju: aju }) });
          await r.text();
          answered.set(aju, r.status);
        } catch {
          /* killed under it */
        }
      });
      await until('some sends answered', () => [...answered.values()].filter((s) => s === 200).length >= 3, 30_000);
      srv.proc.kill('SIGKILL');
      await Promise.all(sends);
      await srv.stop();
      const accepted = [...answered].filter(([, s]) => s === 200).map(([a]) => a);
      const inflight = Array.from({ length: N }, (_, i) => ajuOf(700 + i)).filter((a) => !answered.has(a));
      assert.ok(accepted.length >= 3 && inflight.length >= 1, `accepted ${accepted.length}, in flight ${inflight.length}: the kill must land mid-burst`);

      await restart();
      const all = Array.from({ length: N }, (_, i) => ajuOf(700 + i));
      const state = await withDb(async (d) => {
        const docs = await d.db.selectFrom('pabean_documents').select(['id', 'nomor_aju', 'state', 'body']).where('nomor_aju', 'in', all).execute();
        const lcs = await d.db.selectFrom('pabean_lifecycles').select(['document_id', 'nomor_aju']).where('nomor_aju', 'in', all).execute();
        const events = await d.db.selectFrom('lifecycle_events').select(['subject_id']).execute().catch(() => [] as { subject_id: string }[]);
        return { docs, lcs, events };
      });
      const stored = new Set(state.docs.map((d) => d.nomor_aju));
      for (const a of accepted) assert.ok(stored.has(a), `${a} was answered as accepted but is gone`);
      for (const d of state.docs) {
        assert.equal(d.state, 'final', `${d.nomor_aju} half-written`);
        assert.equal(JSON.parse(d.body).nomorAju, d.nomor_aju);
        assert.ok(state.lcs.some((l) => l.document_id === d.id), `${d.nomor_aju} stored without its lifecycle`);
        assert.ok(state.events.some((e) => e.subject_id === d.id), `${d.nomor_aju} stored without its timeline events`);
        assert.ok(accepted.includes(d.nomor_aju) || inflight.includes(d.nomor_aju), `${d.nomor_aju} stored but refused`);
      }
      assert.equal(state.lcs.length, state.docs.length, 'no lifecycle without its document');
      // the in-flight ones: a retry is consistent with what is stored
      for (const a of inflight) {
        const r = await fetch(`${srv.url}/openapi/document?isFinal=true`, { method: 'POST', headers: { ...h, 'content-type': 'application/json' }, body: JSON.stringify({ ...EXAMPLE, nomorAju: a }) });
        assert.equal(r.status, stored.has(a) ? 409 : 200, `${a}: ${await r.text()}`);
      }
      for (const a of accepted.slice(0, 5)) {
        const s = (await (await fetch(`${srv.url}/openapi/status/${a}`, { headers: h })).json()) as any;
        assert.equal(s.status, 'Success', JSON.stringify(s).slice(0, 300));
      }
      console.log(`crash burst (${engine}): ${accepted.length} accepted before the kill, ${inflight.length} in flight, ${inflight.filter((a) => stored.has(a)).length} of those committed`);
    });

    test('a CK-4 dokumen stored by a request killed before its commit is swept on restart; recorded ones stay', async () => {
      const form = ck4Form(await perbaikanHtParts());
      const r = await fetch(`${srv.url}/portal/ck4/perbaikan-ht`, { method: 'POST', headers: { ...h, ...form.headers }, body: new Uint8Array(form.payload) });
      assert.equal(r.status, 200, await r.text());
      const recorded = blobs().filter((b) => b.startsWith('cukai/'));
      assert.equal(recorded.length, 1, 'the correction stored its dokumen');
      srv.proc.kill('SIGKILL');
      await srv.stop();
      // what a request killed between storing the file and committing leaves: a blob no version refers to
      const orphan = recorded[0]!.replace(/\/v(\d+)-[0-9a-z]+-[0-9a-f-]{36}\.pdf$/, (_m, v) => `/v${Number(v) + 1}-${(Date.now() - 5000).toString(36)}-00000000-0000-4000-8000-000000000000.pdf`);
      assert.notEqual(orphan, recorded[0]);
      const file = path.join(storage.dataDir, 'blobs', ...orphan.split('/'));
      fs.copyFileSync(path.join(storage.dataDir, 'blobs', ...recorded[0]!.split('/')), file);
      await restart();
      assert.match(srv.output(), /removed CK-4 dokumen blobs left by interrupted requests/);
      assert.deepEqual(blobs().filter((b) => b.startsWith('cukai/')), recorded, 'the orphan is gone, the recorded dokumen stays');
      const keys = await withDb((d) => d.db.selectFrom('cukai_ck4_versions').select('dokumen_key').where('dokumen_key', 'is not', null).execute());
      assert.deepEqual(keys.map((k) => k.dokumen_key), recorded);
    });
  });
}
