import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { PDFDocument } from 'pdf-lib';
import { ENGINES, createTestStorage, type TestStorage } from '../helpers/db.ts';
import { startServer, ROOT, type RunningServer } from '../helpers/server.ts';
import { openDatabase, type Database } from '../../src/store/db.ts';
import { Clock } from '../../src/lifecycle/clock.ts';
import { DEMO_NPWP, aju, submitFinal } from '../helpers/pabean.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */

for (const engine of ENGINES) {
  describe(`pabean lifecycle end to end over HTTP (${engine})`, () => {
    let storage: TestStorage;
    let srv: RunningServer;
    let database: Database;
    let headers: Record<string, string>;
    let companyId: string;
    before(async () => {
      storage = await createTestStorage(engine);
      srv = await startServer({ CEISA_DATA_DIR: storage.dataDir, ...(storage.databaseUrl ? { DATABASE_URL: storage.databaseUrl } : {}) });
      const login = await fetch(`${srv.url}/v1/openapi-auth/user/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'demo', password: 'demo' }) });
      headers = { authorization: `Bearer ${(await login.json()).item.access_token}`, 'beacukai-api-key': 'demo-key' };
      // the send path of another part writes documents; here the test does what it does, on the server's database
      database = openDatabase({ databaseUrl: storage.databaseUrl, sqliteFile: path.join(storage.dataDir, 'ceisa40.sqlite') });
      companyId = (await database.db.selectFrom('companies').select('id').where('npwp', '=', DEMO_NPWP).executeTakeFirstOrThrow()).id;
    });
    after(async () => {
      await database?.close();
      await srv?.stop();
      await storage?.cleanup();
    });

    const call = async (method: string, p: string, body?: unknown) => {
      const res = await fetch(srv.url + p, { method, headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      const buf = Buffer.from(await res.arrayBuffer());
      let json: any;
      try {
        json = JSON.parse(buf.toString('utf8'));
      } catch {
        json = undefined;
      }
      return { status: res.status, type: res.headers.get('content-type'), buf, json };
    };

    test('a BC 2.0 goes from receipt to SPPB on the frozen clock; statuses pulled once; PDFs downloadable; seed 002 answers', async () => {
      assert.equal((await call('POST', '/sandbox/v1/clock/freeze', { at: '2026-07-01T03:00:00.000Z' })).status, 200);
      const nomorAju = aju('20', 61);
      await submitFinal({ db: database.db, clock: new Clock(database.db) }, { companyId, nomorAju, hints: { 'x-ceisa-lane': 'red' } });
      assert.equal((await call('POST', '/sandbox/v1/clock/advance', { by: '3m' })).status, 200);

      const pull1 = await call('GET', `/v2/openapi/status?idPerusahaan=${DEMO_NPWP}`);
      assert.equal(pull1.status, 200);
      assert.equal(pull1.json.status, 'Success');
      assert.deepEqual(pull1.json.dataStatus.map((s: any) => s.kodeProses), ['104', '105', '106', '110', '205']);
      const bill = pull1.json.dataRespon.find((r: any) => r.kodeRespon === '2020');
      const kodeBilling = bill.billingPungutans[0].kodeBilling;
      assert.equal((await call('GET', `/v2/openapi/status?idPerusahaan=${DEMO_NPWP}`)).json.message, 'Data Tidak Ditemukan');

      const billingPdf = await call('GET', `/openapi/respon/billing?kodeBilling=${kodeBilling}`);
      assert.equal(billingPdf.status, 200);
      assert.equal(billingPdf.type, 'application/pdf');
      assert.equal((await PDFDocument.load(billingPdf.buf)).getTitle(), 'KONFIRMASI BAYAR (BILLING)');

      const tl = await call('GET', `/sandbox/v1/pabean/${nomorAju}/timeline`);
      assert.equal(tl.json.lifecycle.phase, 'awaiting_payment');
      assert.equal((await call('POST', `/sandbox/v1/billing/${kodeBilling}/pay`)).status, 200);
      assert.equal((await call('POST', '/sandbox/v1/clock/advance', { by: '3d' })).status, 200);

      const pull2 = await call('GET', `/openapi/status?idPerusahaan=${DEMO_NPWP}`);
      assert.deepEqual(pull2.json.dataRespon.map((r: any) => r.kodeRespon), ['2000', '2005', '2006', '2007', '2008', '2003']);
      assert.deepEqual(pull2.json.dataStatus.map((s: any) => s.kodeProses), ['210', '220', '230', '240', '410', '250', '501', '800']);
      const sppb = pull2.json.dataRespon.at(-1);
      const dl = await call('GET', `/openapi/download-respon?path=${encodeURIComponent(sppb.pdf)}`);
      assert.equal(dl.status, 200);
      assert.equal(dl.type, 'application/pdf');
      assert.deepEqual(dl.buf, Buffer.from(sppb.Pdf, 'base64'));

      const hist = await call('GET', `/openapi/status/${nomorAju}`);
      assert.equal(hist.json.dataStatus.length, 13);

      const t2g = await call('POST', '/getresbycar/bc30', { edinumber: 'EDI', car: nomorAju });
      assert.equal(t2g.status, 200);
      assert.equal(t2g.json.rescode, 'OK');
      assert.equal(t2g.json.desc[0].reshdr.reskd, '2003');
      const log = await call('POST', '/api/getlog/statusrespon', { edinumber: 'EDI', car: nomorAju, kode_dokumen: '20' });
      assert.equal(log.json.status, 'ok');
      assert.equal(log.json.desc.data.status, '800');
    });

    test('admin CLI: list and pay a billing on the same database', async () => {
      const admin = (args: string[]) =>
        spawnSync(process.execPath, ['bin/ceisa40.js', '--json', 'admin', ...args], {
          cwd: ROOT,
          encoding: 'utf8',
          env: { ...process.env, LOG_LEVEL: 'silent', CEISA_DATA_DIR: storage.dataDir, ...(storage.databaseUrl ? { DATABASE_URL: storage.databaseUrl } : {}) },
        });
      const nomorAju = aju('20', 71);
      await submitFinal({ db: database.db, clock: new Clock(database.db) }, { companyId, nomorAju });
      assert.equal((await call('POST', '/sandbox/v1/clock/advance', { by: '3m' })).status, 200);
      const list = admin(['billing', 'list', '--company', DEMO_NPWP, '--aju', nomorAju]);
      assert.equal(list.status, 0, list.stderr);
      const rows = JSON.parse(list.stdout);
      assert.equal(rows.length, 1);
      assert.equal(rows[0].status, 'unpaid');
      assert.equal(rows[0].total, '175001');
      const pay = admin(['billing', 'pay', rows[0].kodeBilling, '--company', DEMO_NPWP]);
      assert.equal(pay.status, 0, pay.stderr);
      assert.equal(JSON.parse(pay.stdout).status, 'paid');
      const again = admin(['billing', 'pay', rows[0].kodeBilling, '--company', DEMO_NPWP]);
      assert.equal(again.status, 1);
      assert.match(again.stderr, /sudah dibayar/);
      assert.equal((await call('POST', '/sandbox/v1/clock/advance', { by: '5m' })).status, 200);
      const hist = await call('GET', `/openapi/status/${nomorAju}`);
      assert.equal(hist.json.dataRespon.at(-1).kodeRespon, '2003');
    });
  });
}
