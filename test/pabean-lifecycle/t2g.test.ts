import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { PDFDocument } from 'pdf-lib';
import { ENGINES } from '../helpers/db.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { DEMO_NPWP, aju, submitFinal } from '../helpers/pabean.ts';
import { phpJson } from '../../src/services/t2g/service.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */

// The key order of seed 002's example objects (002_9ed05fbe381dfebd.txt), field by field.
const SEED = {
  data: ['car', 'createdTime', 'status', 'statusUraian', 'sendTime', 'dataRespon', 'dataStatus'],
  dataRespon: ['car', 'kodeRespon', 'uraianRespon', 'nomorDaftar', 'tanggalDaftar', 'nomorRespon', 'tanggalRespon', 'pdf_encoded'],
  dataStatus: ['car', 'kodeStatus', 'nomorDaftar', 'tanggalDaftar', 'waktuStatus', 'keterangan'],
  general: ['car', 'reskd', 'restg', 'reswk', 'kpbc', 'deskripsi', 'pejabat1', 'nip1', 'jabatan1', 'pdf_encoded'],
  sppb: ['car', 'reskd', 'restg', 'reswk', 'dokresno', 'dokrestg', 'kpbc', 'kdgudang', 'pibno', 'pibtg', 'deskripsi', 'npwpimp', 'namaimp', 'idppjk', 'namappjk', 'pejabat1', 'nip1', 'jabatan1', 'pejabat2', 'nip2', 'jmkemas', 'pdf_encoded', 'res_encode'],
  billing: ['car', 'reskd', 'restg', 'reswk', 'kpbc', 'npwpimp', 'namaimp', 'deskripsi', 'kodebill', 'tanggalbill', 'tanggaljttempo', 'totalbayar', 'terbilang', 'invoice', 'pdf_encoded', 'res_encode'],
  invoice: ['invoice_no', 'invoice_date', 'invoice_currency_code', 'invoice_gross_weight', 'invoice_net_weight', 'incoterm'],
};

test('phpJson encodes as the seed\'s res_encode does (escaped slashes)', () => {
  const hdr = { car: '05080000000220240228000822', reskd: '2003', dokresno: '641532/KPU.1/2024', kpbc: null };
  assert.equal(phpJson({ rescode: 'OK', desc: [{ reshdr: hdr }] }), '{"rescode":"OK","desc":[{"reshdr":{"car":"05080000000220240228000822","reskd":"2003","dokresno":"641532\\/KPU.1\\/2024","kpbc":null}}]}');
  assert.equal(phpJson({ a: 'é' }), '{"a":"\\u00e9"}');
});

for (const engine of ENGINES) {
  describe(`third-party gateway log API, seed 002 (${engine})`, () => {
    let app: TestApp;
    let h: Record<string, string>;
    let companyId: string;
    const car = aju('20', 51);
    before(async () => {
      app = await testApp(engine);
      h = { ...(await app.login()), 'content-type': 'application/json' };
      companyId = (await app.ctx.accounts.findCompany(DEMO_NPWP))!.id;
      await app.inject({ method: 'POST', url: '/sandbox/v1/clock/freeze', headers: h, payload: { at: '2026-07-01T03:00:00.000Z' } });
      await submitFinal(app.ctx, { companyId, nomorAju: car });
      await app.inject({ method: 'POST', url: '/sandbox/v1/clock/advance', headers: h, payload: { by: '3m' } });
      const tl = (await app.inject({ method: 'GET', url: `/sandbox/v1/pabean/${car}/timeline`, headers: h })).json();
      await app.inject({ method: 'POST', url: '/sandbox/v1/clock/advance', headers: h, payload: { by: '1m' } });
      const { 'content-type': _ct, ...noBody } = h;
      const paid = await app.inject({ method: 'POST', url: `/sandbox/v1/billing/${tl.billings[0].kodeBilling}/pay`, headers: noBody });
      assert.equal(paid.statusCode, 200, paid.body);
      await app.inject({ method: 'POST', url: '/sandbox/v1/clock/advance', headers: h, payload: { by: '2d' } });
    });
    after(() => app.close());

    const post = (url: string, payload: unknown, headers = h) => app.inject({ method: 'POST', url, headers, payload: payload as object });

    test('POST /api/getlog/statusrespon: the seed\'s envelope and fields', async () => {
      const r = await post('/api/getlog/statusrespon', { edinumber: 'EDI001', car, kode_dokumen: '20' });
      assert.equal(r.statusCode, 200, r.body);
      const j = r.json();
      assert.deepEqual(Object.keys(j), ['status', 'desc']);
      assert.equal(j.status, 'ok');
      assert.deepEqual(Object.keys(j.desc), ['data']);
      const d = j.desc.data;
      assert.deepEqual(Object.keys(d), SEED.data);
      assert.equal(d.car, car);
      assert.equal(d.createdTime, '2026-07-01 10:00:00');
      assert.equal(d.status, '800');
      assert.equal(d.statusUraian, 'Selesai Proses');
      assert.equal(d.sendTime, null);
      for (const x of d.dataRespon) assert.deepEqual(Object.keys(x), SEED.dataRespon);
      for (const x of d.dataStatus) assert.deepEqual(Object.keys(x), SEED.dataStatus);
      assert.deepEqual(d.dataRespon.map((x: any) => x.kodeRespon), ['2001', '2020', '2000', '2003']);
      const billing = d.dataRespon[1];
      assert.equal(billing.uraianRespon, 'KONFIRMASI BAYAR (BILLING)');
      assert.equal(billing.nomorDaftar, null);
      assert.equal(billing.nomorRespon, null);
      assert.equal(billing.tanggalRespon, '2026-07-01');
      const sppb = d.dataRespon[3];
      assert.equal(sppb.uraianRespon, 'SURAT PERSETUJUAN PENGELUARAN BARANG (SPPB)');
      assert.match(sppb.nomorDaftar, /^\d{6}$/);
      assert.equal(sppb.tanggalDaftar, '2026-07-01');
      assert.match(sppb.nomorRespon, /^\d{6}\/KBC\.0403\/2026$/);
      assert.equal((await PDFDocument.load(Buffer.from(sppb.pdf_encoded, 'base64'))).getTitle(), sppb.uraianRespon);
      assert.deepEqual(d.dataStatus.map((s: any) => s.kodeStatus), ['104', '105', '106', '110', '205', '210', '220', '230', '240', '250', '501', '800']);
      const insw = d.dataStatus[0];
      assert.deepEqual(insw, { car, kodeStatus: '104', nomorDaftar: null, tanggalDaftar: null, waktuStatus: '2026-07-01 10:00:00', keterangan: 'Kirim Dokumen Ke INSW' });
      const gate = d.dataStatus.find((s: any) => s.kodeStatus === '501');
      assert.equal(gate.keterangan, 'Gate Out TPS');
      assert.equal(gate.nomorDaftar, sppb.nomorDaftar);
      assert.equal(gate.tanggalDaftar, '0000-00-00', 'that gateway writes a zero date after registration');
    });

    test('POST /getresbycar/bc30: newest first, reshdr per kind, pdf_encoded, res_encode = base64 of the response JSON', async () => {
      const r = await post('/getresbycar/bc30', { edinumber: 'EDI001', car });
      assert.equal(r.statusCode, 200, r.body);
      const j = r.json();
      assert.deepEqual(Object.keys(j), ['rescode', 'desc']);
      assert.equal(j.rescode, 'OK');
      assert.deepEqual(j.desc.map((x: any) => x.reshdr.reskd), ['2003', '2000', '2020', '2001']);
      for (const x of j.desc) assert.deepEqual(Object.keys(x), ['reshdr']);
      const [sppb, reg, bill, receipt] = j.desc.map((x: any) => x.reshdr);
      assert.deepEqual(Object.keys(sppb), SEED.sppb);
      assert.deepEqual(Object.keys(reg), SEED.sppb);
      assert.deepEqual(Object.keys(bill), SEED.billing);
      assert.deepEqual(Object.keys(bill.invoice), SEED.invoice);
      assert.deepEqual(Object.keys(receipt), SEED.general);
      assert.equal(sppb.car, car);
      assert.match(sppb.restg, /^\d{4}-\d{2}-\d{2}$/);
      assert.match(sppb.reswk, /^\d{6}$/);
      assert.match(sppb.dokresno, /^\d{6}\/KBC\.0403\/2026$/);
      assert.equal(sppb.pibno, reg.pibno);
      assert.equal(sppb.kpbc, '040300');
      assert.equal(sppb.kdgudang, 'TPS1');
      assert.equal(sppb.npwpimp, DEMO_NPWP);
      assert.equal(sppb.idppjk, '098765432109876');
      assert.equal(sppb.jmkemas, 3);
      assert.equal(sppb.deskripsi, '');
      assert.equal(bill.totalbayar, '175001');
      assert.equal(bill.terbilang, 'SERATUS TUJUH PULUH LIMA RIBU SATU RUPIAH');
      assert.match(bill.kodebill, /^\d{15}$/);
      assert.deepEqual(bill.invoice, { invoice_no: 'INV-001', invoice_date: '2026-06-20', invoice_currency_code: 'USD', invoice_gross_weight: 350.71, invoice_net_weight: 342.71, incoterm: 'CIF' });
      for (const hdr of [sppb, bill]) {
        const decoded = Buffer.from(hdr.res_encode, 'base64').toString('utf8');
        const { res_encode: _r, ...rest } = hdr;
        assert.equal(decoded, phpJson({ rescode: 'OK', desc: [{ reshdr: rest }] }));
        assert.deepEqual(JSON.parse(decoded), { rescode: 'OK', desc: [{ reshdr: rest }] });
        assert.ok(decoded.includes('\\/'), 'slashes escaped as PHP does');
      }
      for (const hdr of [sppb, reg, bill, receipt]) {
        const pdf = Buffer.from(hdr.pdf_encoded, 'base64');
        assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
        await PDFDocument.load(pdf);
      }
    });

    test('errors: unknown or foreign car, wrong kode_dokumen, missing fields, no token', async () => {
      const unknown = await post('/getresbycar/bc30', { edinumber: 'EDI001', car: 'NOPE' });
      assert.equal(unknown.statusCode, 404);
      assert.deepEqual(unknown.json(), { status: 'error', desc: { message: 'Data dengan nomor aju NOPE tidak ditemukan.' } });
      const wrongKind = await post('/api/getlog/statusrespon', { edinumber: 'EDI001', car, kode_dokumen: '30' });
      assert.equal(wrongKind.statusCode, 404);
      const other = await app.otherCompany();
      const foreign = await post('/api/getlog/statusrespon', { edinumber: 'EDI001', car, kode_dokumen: '20' }, { ...other.headers, 'content-type': 'application/json' });
      assert.equal(foreign.statusCode, 404);
      assert.deepEqual(foreign.json(), { status: 'error', desc: { message: `Data dengan nomor aju ${car} tidak ditemukan.` } });
      const missing = await post('/api/getlog/statusrespon', { car });
      assert.equal(missing.statusCode, 400);
      assert.equal(missing.json().status, 'error');
      assert.deepEqual(missing.json().desc.errors.map((e: any) => e.field).sort(), ['/edinumber', '/kode_dokumen']);
      const typed = await post('/getresbycar/bc30', { edinumber: 'EDI001', car: 123 });
      assert.equal(typed.statusCode, 400);
      assert.equal(typed.json().desc.errors[0].field, '/car');
      const noToken = await app.inject({ method: 'POST', url: '/getresbycar/bc30', headers: { 'beacukai-api-key': 'demo-key', 'content-type': 'application/json' }, payload: { edinumber: 'x', car } });
      assert.equal(noToken.statusCode, 401);
      assert.deepEqual(noToken.json(), { status: 'error', desc: { message: 'Unauthorized' } });
      const get = await app.inject({ method: 'GET', url: '/getresbycar/bc30', headers: h });
      assert.equal(get.statusCode, 405);
    });
  });
}
