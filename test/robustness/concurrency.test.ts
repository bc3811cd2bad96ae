/**
 * Concurrency on both engines: many clients at once on the same identifiers. Requests go
 * through the app concurrently (Promise.all; on PostgreSQL they run in parallel transactions
 * on the pool), and one scenario goes over real HTTP with a running server.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { spawn } from 'node:child_process';
import readline from 'node:readline';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ENGINES, createTestStorage, type TestStorage } from '../helpers/db.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { ROOT, startServer, type RunningServer } from '../helpers/server.ts';
import { multipart, perbaikanExampleParts, setPart } from '../cukai/helpers.ts';
import { synthesizeDocument, sampleNomorAju } from '../../src/schemas/index.ts';
import { timeline } from '../../src/lifecycle/timeline.ts';

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

    test('20 billings paid while their documents are revised, all at once: no 5xx, one consistent timeline per document', async () => {
      const hints = { 'x-ceisa-billing': 'required', 'x-ceisa-lane': 'green', 'x-ceisa-outcome': 'accept' };
      const clock = (path: string, payload: unknown) => app.inject({ method: 'POST', url: `/sandbox/v1/clock/${path}`, headers: { ...h, ...json }, payload: JSON.stringify(payload) });
      assert.equal((await clock('freeze', {})).statusCode, 200);
      try {
        const docs = Array.from({ length: 20 }, (_, i) => synthesizeDocument('bc25', { nomorAju: sampleNomorAju('25', 4200 + i) }));
        for (const d of docs) {
          const r = await app.inject({ method: 'POST', url: '/openapi/document?isFinal=true', headers: { ...h, ...json, ...hints }, payload: JSON.stringify(d) });
          assert.equal(r.statusCode, 200, r.body);
        }
        assert.equal((await clock('advance', { by: '4m' })).statusCode, 200);
        const timelineOf = async (aju: unknown) => (await app.inject({ method: 'GET', url: `/sandbox/v1/pabean/${String(aju)}/timeline`, headers: h })).json();
        const kodes: string[] = [];
        for (const d of docs) kodes.push((await timelineOf(d.nomorAju)).billings[0].kodeBilling);
        const res = await Promise.all(
          docs.flatMap((d, i) => [
            app.inject({ method: 'POST', url: `/sandbox/v1/billing/${kodes[i]}/pay`, headers: h }),
            app.inject({ method: 'POST', url: '/openapi/document?isRevision=true', headers: { ...h, ...json, ...hints }, payload: JSON.stringify({ ...d, namaTtd: 'REVISI' }) }),
          ]),
        );
        for (const r of res) assert.ok(r.statusCode < 500, `${r.statusCode} ${r.body}`);
        for (const [i, d] of docs.entries()) {
          const pay = res[2 * i]!;
          const rev = res[2 * i + 1]!;
          assert.equal(rev.statusCode, 200, rev.body);
          const tl = await timelineOf(d.nomorAju);
          assert.equal(tl.document.revision, 1);
          const seqs = tl.events.map((e: { seq: number }) => e.seq);
          assert.equal(new Set(seqs).size, seqs.length, 'each seq once');
          if (pay.statusCode === 200) {
            // paid first: the revision is not billed again and keeps the payment's path
            assert.deepEqual(tl.billings.map((b: { status: string }) => b.status), ['paid'], JSON.stringify(tl.billings));
          } else {
            // revised first: the old billing is void, the revision is billed anew
            assert.equal(pay.statusCode, 409, pay.body);
            assert.deepEqual(tl.billings.map((b: { status: string }) => b.status), ['void', 'unpaid'], JSON.stringify(tl.billings));
          }
        }
      } finally {
        assert.equal((await clock('resume', {})).statusCode, 200);
      }
    });

    test('20 transactions appending to one subject\'s timeline at once: none fails, seq stays unique and contiguous', async () => {
      const companyId = (await app.ctx.accounts.findCompany(NPWP))!.id;
      const subject = randomUUID();
      const res = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) =>
          app.ctx.db.transaction().execute(async (trx) => {
            // a writer reads what it decides on, then appends (as payments and revisions do)
            await trx.selectFrom('lifecycle_events').select('id').where('subject_kind', '=', 'test').where('subject_id', '=', subject).execute();
            await sleep(i % 3);
            const at = new Date();
            await timeline.schedule(trx, companyId, 'test', subject, [
              { kind: 'status', code: '1', dueAt: at, payload: { i } },
              { kind: 'status', code: '2', dueAt: at, payload: { i } },
            ]);
          }),
        ),
      );
      const failed = res.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => String((r.reason as Error).message));
      assert.deepEqual(failed, [], 'appends failed');
      const seqs = (await timeline.all(app.ctx.db, 'test', subject)).map((e) => e.seq);
      assert.deepEqual(seqs, Array.from({ length: 40 }, (_, k) => k + 1));
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

for (const engine of ENGINES) {
  describe(`timeline writers in several processes on one database (${engine})`, () => {
    let app: TestApp;
    before(async () => {
      app = await testApp(engine);
    });
    after(async () => app?.close());

    test('3 processes appending to one subject at once (server and admin CLI, or several nodes): none fails, seq unique and contiguous', async () => {
      const companyId = (await app.ctx.accounts.findCompany(NPWP))!.id;
      const subject = randomUUID();
      const perProcess = 20;
      const writers = Array.from({ length: 3 }, () => {
        const proc = spawn(process.execPath, ['--import', 'tsx', 'test/robustness/timeline-writer.ts', app.config.databaseUrl ?? '-', app.config.sqliteFile, companyId, subject, String(perProcess)], {
          cwd: ROOT,
          stdio: ['pipe', 'pipe', 'pipe'],
        });
        let err = '';
        proc.stderr!.on('data', (d) => (err += d));
        const lines = readline.createInterface({ input: proc.stdout! });
        const ready = new Promise<void>((resolve) => lines.once('line', () => resolve()));
        const result = new Promise<{ appended: number; errors: string[] }>((resolve, reject) => {
          lines.on('line', (l) => {
            if (l.startsWith('{')) resolve(JSON.parse(l));
          });
          proc.on('exit', (code) => reject(new Error(`writer exited with ${code}: ${err}`)));
        });
        return { proc, ready, result };
      });
      await Promise.all(writers.map((w) => w.ready));
      for (const w of writers) w.proc.stdin!.write('go\n');
      const results = await Promise.all(writers.map((w) => w.result));
      assert.deepEqual(results.flatMap((r) => r.errors), [], 'appends failed');
      const seqs = (await timeline.all(app.ctx.db, 'test', subject)).map((e) => e.seq);
      assert.deepEqual(seqs, Array.from({ length: 3 * perProcess * 2 }, (_, k) => k + 1));
    });
  });
}
