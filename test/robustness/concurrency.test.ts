/**
 * Concurrency on both engines: many clients at once on the same identifiers. Requests go
 * through the app concurrently (Promise.all; on PostgreSQL they run in parallel transactions
 * on the pool), and one scenario goes over real HTTP with a running server.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { ENGINES, createTestStorage, type TestStorage } from '../helpers/db.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { ROOT, startServer, type RunningServer } from '../helpers/server.ts';
import { multipart, perbaikanExampleParts, setPart } from '../cukai/helpers.ts';

const EXAMPLE = JSON.parse(fs.readFileSync(`${ROOT}/schemas/bc20/0.5.7.18.example.json`, 'utf8')) as Record<string, unknown>;
const NPWP = '012345678901234';
const ajuOf = (n: number) => `${(EXAMPLE.nomorAju as string).slice(0, -6)}${String(n).padStart(6, '0')}`;

for (const engine of ENGINES) {
  describe(`concurrency (${engine})`, () => {
    let app: TestApp;
    let h: Record<string, string>;
    const json = { 'content-type': 'application/json' };
    before(async () => {
      app = await testApp(engine);
      h = await app.login();
    });
    after(async () => app?.close());

    test('the same nomorAju sent final 50 times at once: exactly one accepted, one document, one lifecycle', async () => {
      const aju = ajuOf(500);
      const body = JSON.stringify({ ...EXAMPLE, nomorAju: aju });
      const res = await Promise.all(Array.from({ length: 50 }, () => app.inject({ method: 'POST', url: '/openapi/document?isFinal=true', headers: { ...h, ...json }, payload: body })));
      const statuses = res.map((r) => r.statusCode);
      assert.equal(statuses.filter((s) => s === 200).length, 1, JSON.stringify(statuses));
      for (const r of res.filter((x) => x.statusCode !== 200)) {
        assert.equal(r.statusCode, 409, r.body);
        assert.equal(r.json().status, 'Failed');
      }
      const docs = await app.ctx.db.selectFrom('pabean_documents').selectAll().where('nomor_aju', '=', aju).execute();
      assert.equal(docs.length, 1);
      assert.equal(docs[0]!.state, 'final');
      assert.equal(docs[0]!.id, res.find((r) => r.statusCode === 200)!.json().idHeader);
      const lc = await app.ctx.db.selectFrom('pabean_lifecycles').selectAll().where('nomor_aju', '=', aju).execute();
      assert.equal(lc.length, 1);
    });

    test('20 concurrent replacements of one draft leave exactly one whole draft (one of the bodies sent)', async () => {
      const aju = ajuOf(501);
      const bodies = Array.from({ length: 20 }, (_, i) => ({ ...EXAMPLE, nomorAju: aju, namaTtd: `PENANDATANGAN ${i}`, kotaTtd: `KOTA ${i}` }));
      const res = await Promise.all(bodies.map((b) => app.inject({ method: 'POST', url: '/openapi/document?isFinal=false', headers: { ...h, ...json }, payload: JSON.stringify(b) })));
      for (const r of res) assert.ok(r.statusCode === 200 || r.statusCode === 409, `${r.statusCode} ${r.body}`);
      assert.ok(res.some((r) => r.statusCode === 200));
      const docs = await app.ctx.db.selectFrom('pabean_documents').selectAll().where('nomor_aju', '=', aju).execute();
      assert.equal(docs.length, 1);
      assert.equal(docs[0]!.state, 'draft');
      const stored = JSON.parse(docs[0]!.body) as Record<string, unknown>;
      const i = bodies.findIndex((b) => b.namaTtd === stored.namaTtd);
      assert.ok(i >= 0, 'the draft is one of the bodies sent');
      assert.equal(stored.kotaTtd, `KOTA ${i}`, 'fields of one body only (no mix of two)');
      // every id answered is the one document
      for (const r of res.filter((x) => x.statusCode === 200)) assert.equal(r.json().idHeader, docs[0]!.id);
    });

    test('concurrent corrections of one CK-4 leave a consistent history (versions 1..n, one per accepted answer)', async () => {
      const parts = perbaikanExampleParts('mmea');
      const detailId = String(parts.find((p) => p.name === 'details[0].idCk4Detail')!.value).trim();
      const owner = (await app.ctx.db.selectFrom('cukai_ck4').select(['id', 'doc']).execute()).find((r) => r.doc.includes(detailId));
      assert.ok(owner, 'the example corrects a seeded report');
      const id = owner.id;
      const before = await app.ctx.db.selectFrom('cukai_ck4_versions').select('version').where('ck4_id', '=', id).execute();
      const forms = Array.from({ length: 12 }, (_, i) => multipart(setPart(parts, 'nomorPemberitahuan', `CONC/${i}`)));
      const res = await Promise.all(forms.map((f) => app.inject({ method: 'POST', url: '/portal/ck4/perbaikan-mmea', headers: { ...h, ...f.headers }, payload: f.payload })));
      for (const r of res) assert.ok(r.statusCode < 500, `${r.statusCode} ${r.body}`);
      const accepted = res.filter((r) => r.statusCode === 200).length;
      assert.ok(accepted >= 1, res.map((r) => r.body).join('\n'));
      const versions = (await app.ctx.db.selectFrom('cukai_ck4_versions').select(['version', 'doc']).where('ck4_id', '=', id).orderBy('version').execute()).map((v) => v.version);
      assert.equal(versions.length, before.length + accepted, 'one version per accepted correction');
      assert.deepEqual(versions, Array.from({ length: versions.length }, (_, k) => k + 1), 'contiguous versions');
      const head = await app.ctx.db.selectFrom('cukai_ck4').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(head.version, versions.at(-1));
      const last = await app.ctx.db.selectFrom('cukai_ck4_versions').select('doc').where('ck4_id', '=', id).where('version', '=', head.version).executeTakeFirstOrThrow();
      assert.equal(JSON.parse(last.doc).header.nomorPemberitahuan, JSON.parse(head.doc).header.nomorPemberitahuan, 'the report is its latest version');
    });
  });
}

for (const engine of ENGINES) {
  describe(`concurrent status pulls over HTTP (${engine})`, () => {
    let storage: TestStorage;
    let srv: RunningServer;
    let h: Record<string, string>;
    before(async () => {
      storage = await createTestStorage(engine);
      srv = await startServer({ CEISA_DATA_DIR: storage.dataDir, LOG_LEVEL: 'warn', ...(storage.databaseUrl ? { DATABASE_URL: storage.databaseUrl } : {}) });
      const login = await fetch(`${srv.url}/v1/openapi-auth/user/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'demo', password: 'demo' }) });
      h = { authorization: `Bearer ${((await login.json()) as any).item.access_token}`, 'beacukai-api-key': 'demo-key' };
    });
    after(async () => {
      await srv?.stop();
      await storage?.cleanup();
    });

    test('8 clients pulling the company queue at once: each event delivered exactly once', async () => {
      const call = (method: string, path: string, body?: unknown) =>
        fetch(srv.url + path, { method, headers: { ...h, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
      assert.equal((await call('POST', '/sandbox/v1/clock/freeze', {})).status, 200);
      for (let n = 0; n < 6; n++) {
        const r = await call('POST', '/openapi/document?isFinal=true', { ...EXAMPLE, nomorAju: ajuOf(600 + n) });
        assert.equal(r.status, 200, await r.text());
      }
      assert.equal((await call('POST', '/sandbox/v1/clock/advance', { by: '3d' })).status, 200);
      const seen: string[] = [];
      for (let round = 0; round < 3; round++) {
        const answers = await Promise.all(Array.from({ length: 8 }, async () => (await call('GET', `/openapi/status?idPerusahaan=${NPWP}`)).json() as Promise<any>));
        for (const a of answers) {
          for (const s of a.dataStatus ?? []) seen.push(`S ${s.nomorAju} ${s.kodeProses ?? ''} ${s.waktuStatus ?? ''} ${s.keterangan ?? ''} ${JSON.stringify(s)}`);
          for (const s of a.dataRespon ?? []) seen.push(`R ${s.nomorAju} ${s.kodeRespon ?? ''} ${s.nomorRespon ?? ''} ${JSON.stringify({ ...s, Pdf: undefined })}`);
        }
      }
      assert.ok(seen.length >= 12, `events delivered: ${seen.length}`);
      assert.equal(new Set(seen).size, seen.length, 'an event was delivered twice');
      // and everything due was delivered: each document's receipt reached the queue
      for (let n = 0; n < 6; n++) assert.ok(seen.some((s) => s.includes(ajuOf(600 + n))), `nothing delivered for ${ajuOf(600 + n)}`);
      const again = (await (await call('GET', `/openapi/status?idPerusahaan=${NPWP}`)).json()) as any;
      assert.equal(again.message, 'Data Tidak Ditemukan');
    });
  });
}
