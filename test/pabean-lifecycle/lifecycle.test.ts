import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { PDFDocument } from 'pdf-lib';
import { ENGINES } from '../helpers/db.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { DEMO_NPWP, aju, sampleBody, submitFinal } from '../helpers/pabean.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */

for (const engine of ENGINES) {
  describe(`pabean lifecycle (${engine})`, () => {
    let app: TestApp;
    let h: Record<string, string>;
    let companyId: string;
    before(async () => {
      app = await testApp(engine);
      h = await app.login();
      companyId = (await app.ctx.accounts.findCompany(DEMO_NPWP))!.id;
      const r = await app.inject({ method: 'POST', url: '/sandbox/v1/clock/freeze', headers: h, payload: { at: '2026-07-01T03:00:00.000Z' } });
      assert.equal(r.statusCode, 200, r.body);
    });
    after(() => app.close());

    const advance = async (by: string) => {
      const r = await app.inject({ method: 'POST', url: '/sandbox/v1/clock/advance', headers: h, payload: { by } });
      assert.equal(r.statusCode, 200, r.body);
    };
    const history = async (nomorAju: string) => {
      const r = await app.inject({ method: 'GET', url: `/openapi/status/${nomorAju}`, headers: h });
      assert.equal(r.statusCode, 200, r.body);
      return r.json() as { status: string; dataStatus: any[]; dataRespon: any[] };
    };
    const procs = (a: { dataStatus: any[] }) => a.dataStatus.map((s) => s.kodeProses);
    const respons = (a: { dataRespon: any[] }) => a.dataRespon.map((s) => s.kodeRespon);
    const timelineOf = async (nomorAju: string) => {
      const r = await app.inject({ method: 'GET', url: `/sandbox/v1/pabean/${nomorAju}/timeline`, headers: h });
      assert.equal(r.statusCode, 200, r.body);
      return r.json();
    };

    test('BC 2.0 green lane: receipt, validation, billing WAITS until paid, then registration, lane, SPPB, gate out, done', async () => {
      const nomorAju = aju('20', 1);
      await submitFinal(app.ctx, { companyId, nomorAju });
      let a = await history(nomorAju);
      assert.deepEqual(procs(a), ['104']);
      assert.equal(a.dataStatus[0].kodeStatus, '200');
      assert.equal(a.dataStatus[0].keterangan, 'Kirim Dokumen Ke INSW');
      assert.equal(a.dataStatus[0].waktuStatus, '2026-07-01 10:00:00.0');
      assert.deepEqual(a.dataRespon, []);

      await advance('3m');
      a = await history(nomorAju);
      assert.deepEqual(procs(a), ['104', '105', '106', '110', '205']);
      assert.deepEqual(a.dataStatus.map((s) => s.kodeStatus), ['200', '200', '300', '300', '400']);
      assert.deepEqual(respons(a), ['2001', '2020']);
      const bill = a.dataRespon[1];
      assert.equal(bill.keterangan, 'BILLING');
      assert.equal(bill.nomorDaftar, null);
      assert.equal(bill.billingPungutans.length, 3);
      const kodeBilling = bill.billingPungutans[0].kodeBilling;
      assert.match(kodeBilling, /^\d{15}$/);
      assert.deepEqual(
        bill.billingPungutans.map((p: any) => [p.kodeJenisPungutan, p.nilaiPungutan]),
        [['BM', 100001], ['PPH', 25000], ['PPN', 50000]],
      );
      const tl = await timelineOf(nomorAju);
      assert.equal(tl.lifecycle.phase, 'awaiting_payment');
      assert.equal(tl.lifecycle.lane, 'green');
      assert.deepEqual(tl.billings.map((b: any) => [b.kodeBilling, b.total, b.status]), [[kodeBilling, '175001', 'unpaid']]);

      // nothing moves while unpaid, however long
      await advance('3d');
      a = await history(nomorAju);
      assert.deepEqual(procs(a), ['104', '105', '106', '110', '205']);
      assert.equal((await timelineOf(nomorAju)).events.filter((e: any) => !e.due).length, 0);

      const paid = await app.inject({ method: 'POST', url: `/sandbox/v1/billing/${kodeBilling}/pay`, headers: h });
      assert.equal(paid.statusCode, 200, paid.body);
      assert.equal(paid.json().status, 'paid');
      assert.equal(paid.json().total, '175001');
      a = await history(nomorAju);
      assert.deepEqual(procs(a).slice(5), ['210']);

      await advance('5m');
      a = await history(nomorAju);
      assert.deepEqual(procs(a), ['104', '105', '106', '110', '205', '210', '220', '230', '240', '250']);
      assert.deepEqual(respons(a), ['2001', '2020', '2000', '2003']);
      const sppb = a.dataRespon[3];
      assert.equal(sppb.keterangan, 'SPPB');
      assert.match(sppb.nomorDaftar, /^\d{6}$/);
      assert.match(sppb.tanggalDaftar, /^\d{2}-\d{2}-\d{4}$/);
      assert.match(sppb.nomorRespon, /^\d{6}\/KBC\.0403\/2026$/);
      const statusAfterReg = a.dataStatus.find((s) => s.kodeProses === '240');
      assert.equal(statusAfterReg.nomorDaftar, sppb.nomorDaftar);
      const pdf = Buffer.from(sppb.Pdf, 'base64');
      assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
      const parsed = await PDFDocument.load(pdf);
      assert.equal(parsed.getTitle(), 'SURAT PERSETUJUAN PENGELUARAN BARANG (SPPB)');
      assert.ok(parsed.getPageCount() >= 1);

      await advance('1h');
      assert.deepEqual(procs(await history(nomorAju)).slice(-1), ['501']);
      await advance('1d');
      a = await history(nomorAju);
      assert.deepEqual(procs(a).slice(-2), ['501', '800']);
      assert.equal(a.dataStatus.at(-1).kodeStatus, '700');
      assert.equal((await timelineOf(nomorAju)).events.every((e: any) => e.due), true);

      const again = await app.inject({ method: 'POST', url: `/sandbox/v1/billing/${kodeBilling}/pay`, headers: h });
      assert.equal(again.statusCode, 409);
      assert.equal(again.json().error, true);
      assert.match(again.json().message, /sudah dibayar/);
    });

    test('red lane (forced by header): SPJM, SPPF, LHP, BAHP over a day, then SPPB', async () => {
      const nomorAju = aju('20', 2);
      await submitFinal(app.ctx, { companyId, nomorAju, hints: { 'x-ceisa-lane': 'red', 'x-ceisa-billing': 'none' } });
      await advance('8m');
      let a = await history(nomorAju);
      assert.deepEqual(procs(a), ['104', '105', '106', '110', '220', '230', '240', '410']);
      assert.deepEqual(respons(a), ['2001', '2000', '2005']);
      assert.equal(a.dataRespon[2].keterangan, 'SPJM');
      await advance('1h');
      assert.deepEqual(respons(await history(nomorAju)), ['2001', '2000', '2005', '2006']);
      await advance('23h');
      a = await history(nomorAju);
      assert.deepEqual(respons(a), ['2001', '2000', '2005', '2006', '2007']);
      assert.equal(a.dataRespon.find((r) => r.kodeRespon === '2006').keterangan, 'SPPF');
      const spjm = await PDFDocument.load(Buffer.from(a.dataRespon[2].Pdf, 'base64'));
      assert.equal(spjm.getTitle(), 'SURAT PEMBERITAHUAN JALUR MERAH (SPJM)');
      await advance('1h');
      a = await history(nomorAju);
      assert.deepEqual(respons(a), ['2001', '2000', '2005', '2006', '2007', '2008', '2003']);
      assert.equal(procs(a).at(-1), '250');
      const tl = await timelineOf(nomorAju);
      assert.equal(tl.lifecycle.lane, 'red');
      assert.deepEqual(tl.lifecycle.decidedBy, { lane: 'header', outcome: 'rule', billing: 'header' });
      assert.deepEqual(tl.billings, []);
    });

    test('yellow lane by the nomorAju rule (last digit 7): SPJK and document examination', async () => {
      const nomorAju = aju('25', 7);
      await submitFinal(app.ctx, { companyId, nomorAju, kodeDokumen: '25', body: sampleBody(nomorAju, '25', { barang: [] }) });
      await advance('2h');
      const a = await history(nomorAju);
      assert.deepEqual(procs(a), ['104', '105', '106', '110', '220', '230', '240', '400']);
      assert.deepEqual(respons(a), ['2501', '2500', '2504']);
      await advance('5m');
      assert.equal(respons(await history(nomorAju)).at(-1), '2503');
      assert.equal((await timelineOf(nomorAju)).lifecycle.decidedBy.lane, 'rule');
    });

    test('rejection (forced by a body field): reject response with its reasons, and nothing after', async () => {
      const nomorAju = aju('20', 3);
      await submitFinal(app.ctx, { companyId, nomorAju, body: sampleBody(nomorAju, '20', { 'x-ceisa-outcome': 'reject' }) });
      await advance('1d');
      const a = await history(nomorAju);
      assert.deepEqual(procs(a), ['104', '105', '106', '110', '115']);
      assert.deepEqual(respons(a), ['2001', '2002']);
      const rej = a.dataRespon[1];
      assert.equal(rej.keterangan, 'REJECT');
      assert.equal(rej.pesan.length, 1);
      assert.equal(typeof rej.pesan[0].uraian1, 'string');
      assert.match(rej.pesan[0].uraian2, /x-ceisa-outcome/);
      const pdf = await PDFDocument.load(Buffer.from(rej.Pdf, 'base64'));
      assert.equal(pdf.getTitle(), 'NOTA PEMBERITAHUAN PENOLAKAN (REJECT)');
      const tl = await timelineOf(nomorAju);
      assert.equal(tl.lifecycle.phase, 'rejected');
      assert.deepEqual(tl.billings, []);
    });

    test('rejection by the rule (nomorAju ending in 99)', async () => {
      const nomorAju = aju('30', 99);
      await submitFinal(app.ctx, { companyId, nomorAju, kodeDokumen: '30' });
      await advance('3m');
      const a = await history(nomorAju);
      assert.deepEqual(respons(a), ['3020', '3010']);
      assert.match(a.dataRespon[1].pesan[0].uraian2, /berakhiran 99/);
    });

    test('BC 3.0 export: no billing, NPE (3015), no gate out', async () => {
      const nomorAju = aju('30', 4);
      await submitFinal(app.ctx, { companyId, nomorAju, kodeDokumen: '30' });
      await advance('5m');
      let a = await history(nomorAju);
      assert.deepEqual(respons(a), ['3020', '3000']);
      await advance('3m');
      a = await history(nomorAju);
      assert.deepEqual(respons(a), ['3020', '3000', '3015']);
      assert.equal(a.dataRespon[2].keterangan, 'NPE');
      assert.equal(a.dataRespon[2].kodeDokumen, '30');
      await advance('2d');
      assert.deepEqual(procs(await history(nomorAju)).slice(-2), ['250', '800']);
    });

    test('a revision drops the pending path and voids the unpaid billing; the new billing is paid', async () => {
      const nomorAju = aju('20', 5);
      await submitFinal(app.ctx, { companyId, nomorAju });
      await advance('3m');
      const first = (await timelineOf(nomorAju)).billings[0].kodeBilling;
      await submitFinal(app.ctx, { companyId, nomorAju });
      const tl = await timelineOf(nomorAju);
      assert.equal(tl.document.revision, 1);
      assert.deepEqual(tl.billings.map((b: any) => b.status), ['void', 'unpaid']);
      const void1 = await app.inject({ method: 'POST', url: `/sandbox/v1/billing/${first}/pay`, headers: h });
      assert.equal(void1.statusCode, 409);
      const second = tl.billings[1].kodeBilling;
      const early = await app.inject({ method: 'POST', url: `/sandbox/v1/billing/${second}/pay`, headers: h });
      assert.equal(early.statusCode, 409, 'not issued yet on the company clock');
      assert.match(early.json().message, /belum terbit/);
      await advance('3m');
      const ok = await app.inject({ method: 'POST', url: `/sandbox/v1/billing/${second}/pay`, headers: h });
      assert.equal(ok.statusCode, 200, ok.body);
      await advance('5m');
      assert.equal(respons(await history(nomorAju)).at(-1), '2003');
    });

    test('a revision after payment is not billed again and keeps its registration number', async () => {
      const nomorAju = aju('20', 10);
      await submitFinal(app.ctx, { companyId, nomorAju });
      await advance('3m');
      const kode = (await timelineOf(nomorAju)).billings[0].kodeBilling;
      assert.equal((await app.inject({ method: 'POST', url: `/sandbox/v1/billing/${kode}/pay`, headers: h })).statusCode, 200);
      await advance('2m');
      const nomorDaftar = (await timelineOf(nomorAju)).lifecycle.nomorDaftar;
      assert.match(nomorDaftar, /^\d{6}$/);
      await submitFinal(app.ctx, { companyId, nomorAju });
      await advance('10m');
      const tl = await timelineOf(nomorAju);
      assert.deepEqual(tl.billings.map((b: any) => b.status), ['paid']);
      assert.equal(tl.lifecycle.nomorDaftar, nomorDaftar);
      assert.equal(tl.lifecycle.revision, 1);
      const a = await history(nomorAju);
      assert.equal(respons(a).at(-1), '2003');
      assert.ok(a.dataRespon.filter((r) => r.kodeRespon === '2000').every((r) => r.nomorDaftar === nomorDaftar));
    });

    test('concurrent payments of one billing: exactly one succeeds and the rest of the timeline is written once', async () => {
      const nomorAju = aju('20', 13);
      await submitFinal(app.ctx, { companyId, nomorAju });
      await advance('3m');
      const kode = (await timelineOf(nomorAju)).billings[0].kodeBilling;
      const answers = await Promise.all(Array.from({ length: 4 }, () => app.inject({ method: 'POST', url: `/sandbox/v1/billing/${kode}/pay`, headers: h })));
      assert.deepEqual(answers.map((r) => r.statusCode).sort(), [200, 409, 409, 409]);
      const tl = await timelineOf(nomorAju);
      assert.equal(tl.events.filter((e: any) => e.code === '210').length, 1);
      assert.equal(tl.events.filter((e: any) => e.code === '2003').length, 1);
    });

    test('billing payment errors: unknown, malformed, other company', async () => {
      const unknown = await app.inject({ method: 'POST', url: '/sandbox/v1/billing/612345678901234/pay', headers: h });
      assert.equal(unknown.statusCode, 404);
      assert.deepEqual(unknown.json(), { error: true, message: 'Kode billing 612345678901234 tidak ditemukan' });
      const bad = await app.inject({ method: 'POST', url: '/sandbox/v1/billing/12ab/pay', headers: h });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().errors[0].field, '/params/kodeBilling');
      const other = await app.otherCompany();
      const nomorAju = aju('20', 6);
      await submitFinal(app.ctx, { companyId: other.companyId, nomorAju });
      await app.inject({ method: 'POST', url: '/sandbox/v1/clock/advance', headers: other.headers, payload: { by: '1h' } });
      const kode = (await app.ctx.db.selectFrom('pabean_billings').select('kode_billing').where('company_id', '=', other.companyId).executeTakeFirstOrThrow()).kode_billing;
      const foreign = await app.inject({ method: 'POST', url: `/sandbox/v1/billing/${kode}/pay`, headers: h });
      assert.equal(foreign.statusCode, 404);
      const tl = await app.inject({ method: 'GET', url: `/sandbox/v1/pabean/${nomorAju}/timeline`, headers: h });
      assert.equal(tl.statusCode, 404);
    });

    test('a bad hint is refused and nothing is stored', async () => {
      const nomorAju = aju('20', 8);
      await assert.rejects(submitFinal(app.ctx, { companyId, nomorAju, hints: { 'x-ceisa-lane': 'purple' } }), /x-ceisa-lane must be one of green, yellow, red/);
      const row = await app.ctx.db.selectFrom('pabean_documents').select('id').where('nomor_aju', '=', nomorAju).executeTakeFirst();
      assert.equal(row, undefined);
      const events = await app.ctx.db.selectFrom('lifecycle_events').select('id').where('payload', 'like', `%${nomorAju}%`).execute();
      assert.equal(events.length, 0);
    });

    test('BC 4.0 (not in Referensi Respon): receipt, registration, done', async () => {
      const nomorAju = aju('40', 1);
      await submitFinal(app.ctx, { companyId, nomorAju, kodeDokumen: '40' });
      await advance('10m');
      const a = await history(nomorAju);
      assert.deepEqual(respons(a), ['4001', '4000']);
      assert.deepEqual(procs(a).slice(-2), ['220', '800']);
    });
  });
}
