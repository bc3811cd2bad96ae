/**
 * `GET /respon/npe-bc33/{kodeDokumen}/{tanggalDokumen}?kodeGudang=` (live v2 path map): the
 * caller company's NPEs of a day, optionally of one warehouse, on its clock.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { PDFDocument } from 'pdf-lib';
import { ENGINES } from '../helpers/db.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { DEMO_NPWP, aju, sampleBody, submitFinal } from '../helpers/pabean.ts';
import { parseNpeDate } from '../../src/services/pabean/status/npe.ts';
import { wantsPdf } from '../../src/services/pabean/status/routes.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */

const NOT_FOUND = { status: 'Failed', message: 'Data Tidak Ditemukan', dataRespon: [] };

test('NPE dates: YYYY-MM-DD, DD-MM-YYYY and YYYYMMDD name the same WIB day; impossible dates are refused', () => {
  const d = parseNpeDate('2026-07-01')!;
  assert.equal(d.ymd, '2026-07-01');
  assert.equal(d.from.toISOString(), '2026-06-30T17:00:00.000Z', 'the day starts at 00:00 WIB');
  assert.equal(d.to.toISOString(), '2026-07-01T17:00:00.000Z');
  assert.deepEqual(parseNpeDate('01-07-2026'), d);
  assert.deepEqual(parseNpeDate('20260701'), d);
  for (const bad of ['2026-02-30', '2026-13-01', '2026-7-1', '01/07/2026', 'kemarin', '', '0000-01-01', '2026-07-01T00:00:00Z']) assert.equal(parseNpeDate(bad), null, bad);
  assert.equal(parseNpeDate('2024-02-29')!.ymd, '2024-02-29');
});

test('NPE answers as a PDF only when the client asks for application/pdf (and does not prefer JSON)', () => {
  assert.equal(wantsPdf(undefined), false);
  assert.equal(wantsPdf('*/*'), false);
  assert.equal(wantsPdf('application/json'), false);
  assert.equal(wantsPdf('application/pdf'), true);
  assert.equal(wantsPdf('application/pdf, */*;q=0.8'), true);
  assert.equal(wantsPdf('application/json, application/pdf;q=0.5'), false);
  assert.equal(wantsPdf('application/pdf;q=0'), false);
});

for (const engine of ENGINES) {
  describe(`respon/npe-bc33 (${engine})`, () => {
    let app: TestApp;
    let h: Record<string, string>;
    let companyId: string;
    let other: Awaited<ReturnType<TestApp['otherCompany']>>;
    const a1 = aju('30', 1); // BC 3.0, TPS1, green
    const a2 = aju('30', 2); // BC 3.0, TPS2, green
    const a3 = aju('33', 3); // BC 3.3, PLB gudang PLB01, green
    const a4 = aju('30', 9); // BC 3.0, TPS1, red lane: NPE PEB MERAH the next day
    const a5 = aju('30', 99); // BC 3.0, rejected: no NPE
    const b1 = aju('30', 4); // another company's BC 3.0 on the same day and warehouse

    before(async () => {
      app = await testApp(engine);
      h = await app.login();
      companyId = (await app.ctx.accounts.findCompany(DEMO_NPWP))!.id;
      other = await app.otherCompany();
      for (const hh of [h, other.headers]) {
        const r = await app.inject({ method: 'POST', url: '/sandbox/v1/clock/freeze', headers: hh, payload: { at: '2026-07-01T03:00:00.000Z' } });
        assert.equal(r.statusCode, 200, r.body);
      }
      await submitFinal(app.ctx, { companyId, nomorAju: a1, kodeDokumen: '30' });
      await submitFinal(app.ctx, { companyId, nomorAju: a2, kodeDokumen: '30', body: sampleBody(a2, '30', { kodeTps: 'TPS2' }) });
      await submitFinal(app.ctx, { companyId, nomorAju: a3, kodeDokumen: '33', body: sampleBody(a3, '33', { kodeTps: undefined, kodeGudangAsal: 'PLB01' }) });
      await submitFinal(app.ctx, { companyId, nomorAju: a4, kodeDokumen: '30' });
      await submitFinal(app.ctx, { companyId, nomorAju: a5, kodeDokumen: '30' });
      await submitFinal(app.ctx, { companyId: other.companyId, nomorAju: b1, kodeDokumen: '30' });
    });
    after(() => app?.close());

    const get = (url: string, headers = h) => app.inject({ method: 'GET', url, headers });
    const ajus = (r: { json(): any }) => (r.json().dataRespon as any[]).map((x) => x.nomorAju).sort();
    const advance = async (by: string, headers = h) => assert.equal((await app.inject({ method: 'POST', url: '/sandbox/v1/clock/advance', headers, payload: { by } })).statusCode, 200);

    test('before the NPE is due on the company clock nothing is shown; once due it is', async () => {
      await advance('7m'); // green release comes at T0+8m
      const early = await get('/openapi/respon/npe-bc33/30/2026-07-01');
      assert.equal(early.statusCode, 200, early.body);
      assert.deepEqual(early.json(), NOT_FOUND);
      await advance('1m');
      const due = await get('/openapi/respon/npe-bc33/30/2026-07-01');
      assert.equal(due.statusCode, 200, due.body);
      assert.equal(due.json().status, 'Success');
      assert.equal(due.json().message, 'Data Ditemukan');
      assert.deepEqual(ajus(due), [a1, a2], 'the day\'s BC 3.0 NPEs of the company: not the BC 3.3, the red lane (later) or the rejected one');
    });

    test('found: the status answers\' response item of the NPE, plus the warehouse, under both prefixes', async () => {
      const r = await get(`/v2/openapi/respon/npe-bc33/30/2026-07-01?kodeGudang=TPS1`);
      assert.equal(r.statusCode, 200, r.body);
      const [item, ...rest] = r.json().dataRespon;
      assert.deepEqual(rest, []);
      assert.equal(item.nomorAju, a1);
      assert.equal(item.kodeRespon, '3015');
      assert.equal(item.keterangan, 'NPE');
      assert.equal(item.kodeDokumen, '30');
      assert.equal(item.kodeGudang, 'TPS1');
      assert.equal(item.tanggalRespon, '01-07-2026');
      assert.match(item.nomorRespon, /^\d{6}\/KBC\.0403\/2026$/);
      assert.match(item.nomorDaftar, /^\d{6}$/);
      // the same object the status history gives for that response
      const hist = (await get(`/openapi/status/${a1}`)).json().dataRespon.find((x: any) => x.kodeRespon === '3015');
      assert.deepEqual({ ...item, kodeGudang: undefined }, { ...hist, kodeGudang: undefined });
      const pdf = await get(`/openapi/download-respon?path=${encodeURIComponent(item.pdf)}`);
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.rawPayload.toString('base64'), item.Pdf);
      assert.equal((await PDFDocument.load(pdf.rawPayload)).getTitle(), 'RESPON NOTA PELAYANAN EKSPOR');
    });

    test('kodeGudang filters on the document\'s warehouse (BC 3.0 kodeTps, BC 3.3 kodeGudangAsal)', async () => {
      assert.deepEqual(ajus(await get('/openapi/respon/npe-bc33/30/2026-07-01?kodeGudang=TPS2')), [a2]);
      assert.deepEqual(ajus(await get('/openapi/respon/npe-bc33/30/2026-07-01?kodeGudang=%20tps1%20')), [a1], 'trimmed, case-insensitive');
      assert.deepEqual(ajus(await get('/openapi/respon/npe-bc33/30/2026-07-01?kodeGudang=')), [a1, a2], 'empty: no filter');
      assert.deepEqual((await get('/openapi/respon/npe-bc33/30/2026-07-01?kodeGudang=PLB01')).json(), NOT_FOUND, 'the BC 3.3 warehouse holds no BC 3.0');
      const bc33 = await get('/openapi/respon/npe-bc33/33/2026-07-01?kodeGudang=PLB01');
      assert.deepEqual(ajus(bc33), [a3]);
      assert.equal(bc33.json().dataRespon[0].kodeRespon, '3305');
      assert.equal(bc33.json().dataRespon[0].kodeGudang, 'PLB01');
      assert.deepEqual((await get('/openapi/respon/npe-bc33/33/2026-07-01?kodeGudang=TPS1')).json(), NOT_FOUND);
    });

    test('not found: another day, or a warehouse without NPEs; the other date forms name the same day', async () => {
      assert.deepEqual((await get('/openapi/respon/npe-bc33/30/2026-06-30')).json(), NOT_FOUND);
      assert.deepEqual((await get('/openapi/respon/npe-bc33/30/2026-07-02')).json(), NOT_FOUND);
      assert.deepEqual((await get('/openapi/respon/npe-bc33/30/2026-07-01?kodeGudang=TPS9')).json(), NOT_FOUND);
      assert.deepEqual(ajus(await get('/openapi/respon/npe-bc33/30/01-07-2026')), [a1, a2]);
      assert.deepEqual(ajus(await get('/openapi/respon/npe-bc33/30/20260701')), [a1, a2]);
    });

    test('only the caller company\'s NPEs: each company sees its own for the same day and warehouse', async () => {
      await advance('8m', other.headers);
      const mine = await get('/openapi/respon/npe-bc33/30/2026-07-01?kodeGudang=TPS1');
      assert.deepEqual(ajus(mine), [a1]);
      const theirs = await get('/openapi/respon/npe-bc33/30/2026-07-01?kodeGudang=TPS1', other.headers);
      assert.deepEqual(ajus(theirs), [b1]);
      assert.ok(!theirs.body.includes(a1) && !mine.body.includes(b1));
      assert.deepEqual((await get('/openapi/respon/npe-bc33/33/2026-07-01', other.headers)).json(), NOT_FOUND);
    });

    test('the red lane\'s NPE PEB MERAH (3016) counts on the day it is issued', async () => {
      assert.deepEqual((await get('/openapi/respon/npe-bc33/30/2026-07-02')).json(), NOT_FOUND, 'not yet due');
      await advance('25h');
      const next = await get('/openapi/respon/npe-bc33/30/2026-07-02?kodeGudang=TPS1');
      assert.deepEqual(ajus(next), [a4]);
      assert.equal(next.json().dataRespon[0].kodeRespon, '3016');
      assert.equal(next.json().dataRespon[0].tanggalRespon, '02-07-2026');
      assert.deepEqual(ajus(await get('/openapi/respon/npe-bc33/30/2026-07-01')), [a1, a2], 'the earlier day is unchanged');
    });

    test('with Accept: application/pdf the day\'s NPE letters come as one PDF; none is a 404', async () => {
      const r = await app.inject({ method: 'GET', url: '/openapi/respon/npe-bc33/30/2026-07-01', headers: { ...h, accept: 'application/pdf' } });
      assert.equal(r.statusCode, 200, r.body);
      assert.match(String(r.headers['content-type']), /^application\/pdf/);
      const doc = await PDFDocument.load(r.rawPayload);
      const singles = await Promise.all([a1, a2].map(async (a) => (await PDFDocument.load((await get(`/openapi/respon/pdf?kodeRespon=3015&nomorAju=${a}`)).rawPayload)).getPageCount()));
      assert.equal(doc.getPageCount(), singles[0]! + singles[1]!);
      assert.match(doc.getTitle() ?? '', /NOTA PELAYANAN EKSPOR BC 3\.0 2026-07-01/);
      const again = await app.inject({ method: 'GET', url: '/openapi/respon/npe-bc33/30/2026-07-01', headers: { ...h, accept: 'application/pdf' } });
      assert.ok(again.rawPayload.equals(r.rawPayload), 'deterministic bytes');
      const none = await app.inject({ method: 'GET', url: '/openapi/respon/npe-bc33/30/2026-06-30', headers: { ...h, accept: 'application/pdf' } });
      assert.equal(none.statusCode, 404);
      assert.deepEqual(none.json(), { status: 'Failed', message: 'Data Tidak Ditemukan' });
    });

    test('bad input names the field: kodeDokumen not an export document with an NPE, an impossible date', async () => {
      for (const kd of ['20', '331', '3.3', 'BC33']) {
        const r = await get(`/openapi/respon/npe-bc33/${encodeURIComponent(kd)}/2026-07-01`);
        assert.equal(r.statusCode, 400, `${kd}: ${r.body}`);
        assert.equal(r.json().status, 'Failed');
        assert.deepEqual(r.json().errors.map((e: any) => [e.field, e.rule]), [['/params/kodeDokumen', 'enum']]);
        assert.match(r.json().message, /30, 33/);
      }
      assert.match((await get('/openapi/respon/npe-bc33/331/2026-07-01')).json().message, /331 is an export document without an NPE/);
      for (const d of ['2026-02-30', '2026-13-01', 'kemarin', '2026-7-1']) {
        const r = await get(`/openapi/respon/npe-bc33/30/${d}`);
        assert.equal(r.statusCode, 400, `${d}: ${r.body}`);
        assert.deepEqual(r.json().errors.map((e: any) => e.field), ['/params/tanggalDokumen']);
        assert.match(r.json().message, /YYYY-MM-DD/);
      }
      const both = await get('/openapi/respon/npe-bc33/20/2026-02-30');
      assert.deepEqual(both.json().errors.map((e: any) => e.field), ['/params/kodeDokumen', '/params/tanggalDokumen'], 'every violation reported');
      const long = await get(`/openapi/respon/npe-bc33/30/2026-07-01?kodeGudang=${'X'.repeat(21)}`);
      assert.equal(long.statusCode, 400);
      assert.equal(long.json().errors[0].field, '/querystring/kodeGudang');
      assert.equal((await app.inject({ method: 'POST', url: '/openapi/respon/npe-bc33/30/2026-07-01', headers: h })).statusCode, 405);
      assert.equal((await app.inject({ method: 'GET', url: '/openapi/respon/npe-bc33/30/2026-07-01' })).statusCode, 401, 'authenticated like every call');
    });
  });
}

for (const engine of ENGINES) {
  describe(`respon/npe-bc33 day boundary (${engine})`, () => {
    let app: TestApp;
    let h: Record<string, string>;
    after(() => app?.close());

    test('the day is the NPE\'s date in WIB (UTC+7), not UTC', async () => {
      app = await testApp(engine);
      h = await app.login();
      const companyId = (await app.ctx.accounts.findCompany(DEMO_NPWP))!.id;
      // 23:55 WIB on 1 July: the NPE comes 8 minutes later, 00:03 WIB on 2 July (still 1 July in UTC)
      assert.equal((await app.inject({ method: 'POST', url: '/sandbox/v1/clock/freeze', headers: h, payload: { at: '2026-07-01T16:55:00.000Z' } })).statusCode, 200);
      const a = aju('30', 21);
      await submitFinal(app.ctx, { companyId, nomorAju: a, kodeDokumen: '30' });
      assert.equal((await app.inject({ method: 'POST', url: '/sandbox/v1/clock/advance', headers: h, payload: { by: '10m' } })).statusCode, 200);
      const j1 = (await app.inject({ method: 'GET', url: '/openapi/respon/npe-bc33/30/2026-07-01', headers: h })).json();
      assert.deepEqual(j1, NOT_FOUND);
      const j2 = (await app.inject({ method: 'GET', url: '/openapi/respon/npe-bc33/30/2026-07-02', headers: h })).json();
      assert.deepEqual(j2.dataRespon.map((x: any) => [x.nomorAju, x.tanggalRespon]), [[a, '02-07-2026']]);
    });
  });
}
