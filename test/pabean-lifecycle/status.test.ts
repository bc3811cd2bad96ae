import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { PDFDocument } from 'pdf-lib';
import { ENGINES } from '../helpers/db.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { DEMO_NPWP, aju, saveDraft, submitFinal } from '../helpers/pabean.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */

const isPdf = async (buf: Buffer) => {
  assert.equal(buf.subarray(0, 5).toString('latin1'), '%PDF-');
  const doc = await PDFDocument.load(buf);
  assert.ok(doc.getPageCount() >= 1);
  return doc;
};

for (const engine of ENGINES) {
  describe(`pabean status & respon (${engine})`, () => {
    let app: TestApp;
    let h: Record<string, string>;
    let companyId: string;
    let other: Awaited<ReturnType<TestApp['otherCompany']>>;
    before(async () => {
      app = await testApp(engine);
      h = await app.login();
      companyId = (await app.ctx.accounts.findCompany(DEMO_NPWP))!.id;
      other = await app.otherCompany();
      for (const hh of [h, other.headers]) {
        const r = await app.inject({ method: 'POST', url: '/sandbox/v1/clock/freeze', headers: hh, payload: { at: '2026-07-01T03:00:00.000Z' } });
        assert.equal(r.statusCode, 200);
      }
    });
    after(() => app.close());

    const get = (url: string, headers = h) => app.inject({ method: 'GET', url, headers });
    const advance = async (by: string, headers = h) => assert.equal((await app.inject({ method: 'POST', url: '/sandbox/v1/clock/advance', headers, payload: { by } })).statusCode, 200);

    test('GET /status?idPerusahaan: each status and response is delivered by exactly one pull, in both prefixes', async () => {
      const empty = await get(`/openapi/status?idPerusahaan=${DEMO_NPWP}`);
      assert.equal(empty.statusCode, 200);
      assert.deepEqual(empty.json(), { status: 'Failed', message: 'Data Tidak Ditemukan', dataStatus: [], dataRespon: [] });

      const a1 = aju('20', 11);
      const a2 = aju('30', 12);
      await submitFinal(app.ctx, { companyId, nomorAju: a1, hints: { 'x-ceisa-billing': 'none' } });
      await submitFinal(app.ctx, { companyId, nomorAju: a2, kodeDokumen: '30' });
      const first = await get(`/openapi/status?idPerusahaan=${DEMO_NPWP}`);
      assert.equal(first.statusCode, 200);
      const j = first.json();
      assert.equal(j.status, 'Success');
      assert.equal(j.message, 'Data Ditemukan');
      assert.deepEqual(j.dataStatus.map((s: any) => [s.nomorAju, s.kodeStatus, s.kodeProses]).sort(), [[a1, '200', '104'], [a2, '200', '104']]);
      const item = j.dataStatus[0];
      assert.deepEqual(Object.keys(item).sort(), ['keterangan', 'kodeDokumen', 'kodeProses', 'kodeStatus', 'nomorAju', 'nomorDaftar', 'tanggalDaftar', 'waktuStatus']);
      assert.equal(item.waktuStatus, '2026-07-01 10:00:00.0');
      assert.deepEqual(j.dataRespon, []);

      const again = await get(`/v2/openapi/status?idPerusahaan=${DEMO_NPWP}`);
      assert.deepEqual(again.json().dataStatus, []);
      assert.equal(again.json().message, 'Data Tidak Ditemukan');

      await advance('10m');
      const second = (await get(`/v2/openapi/status?idPerusahaan=${DEMO_NPWP}`)).json();
      assert.equal(second.status, 'Success');
      assert.ok(!second.dataStatus.some((s: any) => s.kodeProses === '104'), 'delivered statuses are not delivered again');
      const codes = second.dataRespon.map((r: any) => r.kodeRespon).sort();
      assert.deepEqual(codes, ['2000', '2001', '2003', '3000', '3015', '3020']);
      const sppb = second.dataRespon.find((r: any) => r.kodeRespon === '2003');
      assert.deepEqual(Object.keys(sppb).sort(), [
        'Pdf', 'billingPungutans', 'keterangan', 'kodeDokumen', 'kodeRespon', 'nomorAju', 'nomorDaftar', 'nomorRespon', 'pdf', 'pesan', 'tanggalDaftar', 'tanggalRespon', 'waktuRespon', 'waktuStatus',
      ]);
      assert.match(sppb.pdf, /^respon\/2026\/7\/1\/[0-9a-f-]{36}\.pdf$/);
      assert.equal(sppb.tanggalRespon, '01-07-2026');
      assert.equal(sppb.billingPungutans, null);
      await isPdf(Buffer.from(sppb.Pdf, 'base64'));
      // NIK-style 16-digit NPWP (0 + 15 digits) is the same company
      assert.equal((await get(`/openapi/status?idPerusahaan=0${DEMO_NPWP}`)).json().message, 'Data Tidak Ditemukan');
    });

    test('concurrent pulls deliver every event once in total', async () => {
      const list = [aju('20', 21), aju('20', 22), aju('30', 23)];
      for (const a of list) await submitFinal(app.ctx, { companyId, nomorAju: a, kodeDokumen: a.slice(4, 6), hints: { 'x-ceisa-billing': 'none' } });
      await advance('2d');
      const now = (await app.ctx.clock.now(companyId)).toISOString();
      const total = (await app.ctx.db.selectFrom('lifecycle_events').select('id').where('company_id', '=', companyId).where('delivered_at', 'is', null).where('due_at', '<=', now).execute()).length;
      assert.ok(total > 20);
      const answers = await Promise.all(Array.from({ length: 6 }, () => get(`/openapi/status?idPerusahaan=${DEMO_NPWP}`)));
      const seen: string[] = [];
      for (const r of answers) {
        assert.equal(r.statusCode, 200);
        const j = r.json();
        for (const s of j.dataStatus) seen.push(`s:${s.nomorAju}:${s.kodeProses}`);
        for (const x of j.dataRespon) seen.push(`r:${x.nomorAju}:${x.kodeRespon}`);
      }
      assert.equal(seen.length, total, 'every due event delivered');
      assert.equal(new Set(seen).size, seen.length, 'none delivered twice');
    });

    test('error cases: missing idPerusahaan -> 500, another NPWP -> 200 Failed, no auth -> gateway rejection', async () => {
      const missing = await get('/openapi/status');
      assert.equal(missing.statusCode, 500);
      assert.equal(missing.json().status, 'Failed');
      assert.match(missing.json().message, /idPerusahaan/);
      assert.equal((await get('/v2/openapi/status?idPerusahaan=')).statusCode, 500);
      const otherNpwp = await get(`/openapi/status?idPerusahaan=${other.npwp}`);
      assert.equal(otherNpwp.statusCode, 200);
      assert.deepEqual(otherNpwp.json(), { status: 'Failed', message: 'Data Perusahaan Tidak Sesuai' });
      const noKey = await app.inject({ method: 'GET', url: `/openapi/status?idPerusahaan=${DEMO_NPWP}`, headers: { authorization: h.authorization! } });
      assert.equal(noKey.statusCode, 401);
      assert.deepEqual(noKey.json(), { Exception: ' Unauthorized application request' });
      const post = await app.inject({ method: 'POST', url: '/openapi/status', headers: h });
      assert.equal(post.statusCode, 405);
    });

    test('GET /status/{nomorAju}: history of several documents, another company\'s not shown, max 25, not found', async () => {
      const mine = aju('20', 31);
      const theirs = aju('20', 32);
      await submitFinal(app.ctx, { companyId, nomorAju: mine, hints: { 'x-ceisa-billing': 'none' } });
      await submitFinal(app.ctx, { companyId: other.companyId, nomorAju: theirs, hints: { 'x-ceisa-billing': 'none' } });
      const draft = aju('20', 33);
      await saveDraft(app.ctx, companyId, draft);
      await advance('10m');
      await advance('10m', other.headers);
      const r = await get(`/openapi/status/${mine},${theirs},${draft}`);
      assert.equal(r.statusCode, 200);
      const j = r.json();
      assert.equal(j.status, 'Success');
      assert.deepEqual([...new Set(j.dataStatus.map((s: any) => s.nomorAju))], [mine, draft]);
      assert.deepEqual(j.dataStatus.filter((s: any) => s.nomorAju === draft).map((s: any) => [s.kodeStatus, s.keterangan]), [['100', 'Draft']]);
      assert.ok(j.dataRespon.every((x: any) => x.nomorAju === mine));
      // the history does not consume the queue, and can be read again
      const again = (await get(`/v2/openapi/status/${mine}`)).json();
      assert.deepEqual(again.dataStatus.map((s: any) => s.kodeProses), j.dataStatus.filter((s: any) => s.nomorAju === mine).map((s: any) => s.kodeProses));

      const foreign = await get(`/openapi/status/${theirs}`);
      assert.equal(foreign.statusCode, 200);
      assert.deepEqual(foreign.json(), { status: 'Failed', message: 'Data Tidak Ditemukan', dataStatus: [], dataRespon: [] });
      assert.deepEqual((await get('/openapi/status/NOPE')).json(), foreign.json());

      const many = Array.from({ length: 26 }, (_, i) => aju('20', 100 + i)).join(',');
      const tooMany = await get(`/openapi/status/${many}`);
      assert.equal(tooMany.statusCode, 400);
      assert.equal(tooMany.json().status, 'Failed');
      assert.match(tooMany.json().message, /Maksimal 25 Nomor Aju/);
      assert.equal(tooMany.json().errors[0].field, '/params/nomorAju');
      const exactly25 = await get(`/openapi/status/${Array.from({ length: 24 }, (_, i) => aju('20', 100 + i)).join(',')},${mine}`);
      assert.equal(exactly25.json().status, 'Success');
      const emptyEntry = await get(`/openapi/status/${mine},,${theirs}`);
      assert.equal(emptyEntry.statusCode, 400);
    });

    test('download-respon, respon/pdf, respon/billing, cetak-formulir: real PDFs, tenant-checked', async () => {
      const a = aju('20', 41);
      await submitFinal(app.ctx, { companyId, nomorAju: a });
      await advance('3m');
      const hist = (await get(`/openapi/status/${a}`)).json();
      const billResp = hist.dataRespon.find((x: any) => x.kodeRespon === '2020');
      const kodeBilling = billResp.billingPungutans[0].kodeBilling;

      const dl = await get(`/openapi/download-respon?path=${encodeURIComponent(billResp.pdf)}`);
      assert.equal(dl.statusCode, 200);
      assert.equal(dl.headers['content-type'], 'application/pdf');
      const dlDoc = await isPdf(dl.rawPayload);
      assert.equal(dlDoc.getTitle(), 'KONFIRMASI BAYAR (BILLING)');
      assert.deepEqual(dl.rawPayload, Buffer.from(billResp.Pdf, 'base64'), 'same bytes as the base64 in the status answer (deterministic)');

      const byKode = await get(`/v2/openapi/respon/pdf?kodeRespon=2020&nomorAju=${a}`);
      assert.equal(byKode.statusCode, 200);
      assert.deepEqual(byKode.rawPayload, dl.rawPayload);
      const byShort = await get(`/openapi/respon/pdf?kodeRespon=20&nomorAju=${a}`);
      assert.deepEqual(byShort.rawPayload, dl.rawPayload);

      const billing = await get(`/openapi/respon/billing?kodeBilling=${kodeBilling}`);
      assert.equal(billing.statusCode, 200);
      assert.equal(billing.headers['content-type'], 'application/pdf');
      const billDoc = await isPdf(billing.rawPayload);
      assert.equal(billDoc.getKeywords(), `2020 ${a} ${kodeBilling} unpaid`);

      for (const suffix of ['', '/final']) {
        const f = await get(`/openapi/respon/cetak-formulir${suffix}?nomorAju=${a}`);
        assert.equal(f.statusCode, 200, `${suffix} ${f.body}`);
        await isPdf(f.rawPayload);
      }
      const draftOnly = await get(`/openapi/respon/cetak-formulir/draft?nomorAju=${a}`);
      assert.equal(draftOnly.statusCode, 404);
      assert.deepEqual(draftOnly.json(), { status: 'Failed', message: 'Data Tidak Ditemukan' });
      const draftAju = aju('20', 42);
      await saveDraft(app.ctx, companyId, draftAju);
      const draftForm = await get(`/v2/openapi/respon/cetak-formulir/draft?nomorAju=${draftAju}`);
      assert.equal(draftForm.statusCode, 200);
      assert.equal((await isPdf(draftForm.rawPayload)).getKeywords(), `${draftAju} 20 draft`);
      assert.equal((await get(`/openapi/respon/cetak-formulir/final?nomorAju=${draftAju}`)).statusCode, 404);

      // another company: same paths answer as non-existent ones
      for (const url of [
        `/openapi/download-respon?path=${encodeURIComponent(billResp.pdf)}`,
        `/openapi/respon/billing?kodeBilling=${kodeBilling}`,
        `/openapi/respon/pdf?kodeRespon=2020&nomorAju=${a}`,
        `/openapi/respon/cetak-formulir?nomorAju=${a}`,
      ]) {
        const r = await get(url, other.headers);
        assert.equal(r.statusCode, 404, url);
        assert.deepEqual(r.json(), { status: 'Failed', message: 'Data Tidak Ditemukan' });
      }
      // paths are opaque server paths, never files
      for (const p of ['../../etc/passwd', '/etc/passwd', 'respon/2026/7/1/../../../x.pdf', billResp.pdf.replace(/^respon\/(\d{4})\/\d+\//, 'respon/$1/12/')]) {
        const r = await get(`/openapi/download-respon?path=${encodeURIComponent(p)}`);
        assert.equal(r.statusCode, 404, p);
      }
      const noPath = await get('/openapi/download-respon');
      assert.equal(noPath.statusCode, 400);
      assert.equal(noPath.json().errors[0].field, '/querystring/path');

      // a response not yet due does not exist yet
      const tl = (await get(`/sandbox/v1/pabean/${a}/timeline`)).json();
      assert.equal(tl.events.filter((e: any) => !e.due).length, 0);
      const paid = await app.inject({ method: 'POST', url: `/sandbox/v1/billing/${kodeBilling}/pay`, headers: h });
      assert.equal(paid.statusCode, 200);
      const future = (await get(`/sandbox/v1/pabean/${a}/timeline`)).json().events.find((e: any) => e.kind === 'respon' && e.code === '2003');
      assert.equal(future.due, false);
      assert.equal((await get(`/openapi/download-respon?path=${encodeURIComponent(future.pdf)}`)).statusCode, 404);
      assert.equal((await get(`/openapi/respon/pdf?kodeRespon=03&nomorAju=${a}`)).statusCode, 404);
      await advance('5m');
      const sppb = await get(`/openapi/download-respon?path=${encodeURIComponent(future.pdf)}`);
      assert.equal(sppb.statusCode, 200);
      assert.equal((await isPdf(sppb.rawPayload)).getTitle(), 'SURAT PERSETUJUAN PENGELUARAN BARANG (SPPB)');
      // the billing PDF now says it is paid
      const paidPdf = await get(`/openapi/respon/billing?kodeBilling=${kodeBilling}`);
      assert.equal((await isPdf(paidPdf.rawPayload)).getKeywords(), `2020 ${a} ${kodeBilling} paid`);
      // so does the billing response of the status answer, rendered (and kept) unpaid before
      const again = (await get(`/openapi/status/${a}`)).json().dataRespon.find((x: any) => x.kodeRespon === '2020');
      assert.equal(again.pdf, billResp.pdf);
      assert.equal((await isPdf(Buffer.from(again.Pdf, 'base64'))).getKeywords(), `2020 ${a} ${kodeBilling} paid`);
    });
  });
}
