import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from '../helpers/db.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { consignment, PAGE_EXAMPLE } from './fixtures.ts';

type J = Record<string, any>;
const NITKU = '0123456789012345000000';

for (const engine of ENGINES) {
  describe(`impor CN/PIBK (${engine})`, () => {
    let app: TestApp;
    let h: Record<string, string>;
    before(async () => {
      app = await testApp(engine);
      h = await app.login();
      const f = await app.inject({ method: 'POST', url: '/sandbox/v1/clock/freeze', headers: h, payload: { at: '2026-01-05T01:00:00.000Z' } });
      assert.equal(f.statusCode, 200, f.body);
    });
    after(() => app.close());

    const send = (docs: unknown, headers: Record<string, string> = {}, url = '/openapi/cnpibk/kirim-data-cnpibk') =>
      app.inject({ method: 'POST', url, headers: { ...h, ...headers }, payload: docs as object });
    const get = async (url: string, headers = h) => {
      const r = await app.inject({ method: 'GET', url, headers });
      return { status: r.statusCode, json: r.json() as J };
    };
    const advance = async (by: string) => assert.equal((await app.inject({ method: 'POST', url: '/sandbox/v1/clock/advance', headers: h, payload: { by } })).statusCode, 200);
    const countDocs = async () => (await app.ctx.db.selectFrom('barkir_documents').select('id').execute()).length;

    test('the page example, verbatim, is accepted: an array answered with its nomorAju', async () => {
      const res = await send([PAGE_EXAMPLE], {}, '/v2/openapi/cnpibk/kirim-data-cnpibk');
      assert.equal(res.statusCode, 200, res.body);
      const b = res.json() as J;
      assert.equal(b.status, true);
      assert.equal(b.message, 'Success');
      assert.deepEqual(b.data, [
        { nomorAju: `${NITKU}20240228CAN04032024-5CN1`, nomorBarang: 'CAN04032024-5', tanggalHouse: '2024-02-28', kodeKantor: '009000', kodeStatus: '100', uraianStatus: 'DOKUMEN DITERIMA UNTUK DIPROSES BEA CUKAI', waktuRekam: '2026-01-05T01:00:00.000+00:00' },
      ]);
    });

    test('responses come due on the company clock: 100 now, 202/203 after minutes, SPPBMCP with billing, lunas, keluar', async () => {
      const aju = `${NITKU}20240228CAN04032024-5CN1`;
      const codes = async () => (await get(`/openapi/cnpibk/respon/tarik-respon?nomorAju=${aju}`)).json.data.map((d: J) => d.kodeStatus);
      assert.deepEqual(await codes(), ['100']);
      await advance('2m');
      assert.deepEqual(await codes(), ['100', '202', '203']);
      await advance('3m');
      const r = await get(`/openapi/cnpibk/respon/tarik-respon-by-aju?nomorAju=${aju}`);
      assert.deepEqual(r.json.data.map((d: J) => d.kodeStatus), ['100', '202', '203', '401']);
      const billing = r.json.data[3];
      assert.match(billing.kodeBilling, /^6\d{14}$/);
      assert.equal(billing.totalTagihan, '153175.00');
      assert.equal(billing.npwpPemberitahu, '123456789012345');
      assert.match(billing.uraianStatus, /^PENETAPAN SPPBMCP/);
      await advance('2h');
      assert.deepEqual(await codes(), ['100', '202', '203', '401', '405', '408']);
    });

    test('billing konsolidasi: pulled once, then by kodeBilling as often as asked; its PDF downloads', async () => {
      const first = await get('/openapi/cnpibk/billing-konsolidasi/tarik-billing');
      assert.equal(first.json.status, true);
      assert.equal(first.json.data.length, 1);
      const b = first.json.data[0];
      assert.equal(b.kodeKantor, '009000');
      assert.equal(b.totalNilaiTagihan, '153175.00');
      assert.equal(b.totalNilaiBm, '60000.00');
      assert.match(b.tanggalBilling, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.0$/);
      assert.equal(b.detailSppbmcp[0].nomorBarang, 'CAN04032024-5');
      assert.equal(b.detailSppbmcp[0].tanggalHouse, '2024-02-28 00:00:00.0');
      assert.deepEqual((await get('/openapi/cnpibk/billing-konsolidasi/tarik-billing')).json.data, []);
      for (const url of [
        `/openapi/cnpibk/billing-konsolidasi/tarik-billing?kodeBilling=${b.kodeBilling}`,
        `/v2/openapi/cnpibk/billing-konsolidasi/tarik-billing-by-kodeBilling?kodeBilling=${b.kodeBilling}`,
        `/openapi/cnpibk/billing-konsolidasi/tarik-billing/${b.kodeBilling}`,
      ]) {
        const again = await get(url);
        assert.equal(again.json.data[0].kodeBilling, b.kodeBilling, url);
      }
      const unknown = await get('/openapi/cnpibk/billing-konsolidasi/tarik-billing?kodeBilling=600000000000000');
      assert.deepEqual(unknown.json, { message: 'Data billing 600000000000000 tidak ditemukan', status: false, data: null });
      const url = new URL(b.urlReport);
      const pdf = await app.inject({ method: 'GET', url: url.pathname + url.search, headers: h });
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
      const documented = await app.inject({ method: 'GET', url: `/openapi/download-respon${url.search}`, headers: h });
      assert.equal(documented.statusCode, 200, 'the documented download-respon path serves the consignment billing report too');
      assert.deepEqual(documented.rawPayload, pdf.rawPayload);
      const other = await app.otherCompany();
      const foreign = await app.inject({ method: 'GET', url: `/openapi/download-respon${url.search}`, headers: other.headers });
      assert.equal(foreign.statusCode, 404, "another company cannot download this company's billing report");
      const bad = await app.inject({ method: 'GET', url: '/openapi/cnpibk/download-respon?path=report_barkir/billing/../../etc/passwd', headers: h });
      assert.equal(bad.statusCode, 404);
    });

    test('by status: each status group delivers its responses once', async () => {
      const clear = await get('/openapi/cnpibk/respon/tarik-respon-by-status?status=CLEAR_VALIDASI');
      assert.equal(clear.json.data.length, 1);
      assert.deepEqual(Object.keys(clear.json.data[0]), ['nomorAju', 'npwpPemberitahu', 'nomorBarang', 'waktuRekam', 'kodeStatus']);
      assert.equal(clear.json.data[0].kodeStatus, '203');
      assert.match(clear.json.data[0].waktuRekam, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+00:00$/);
      assert.deepEqual((await get('/openapi/cnpibk/respon/tarik-respon-by-status?status=CLEAR_VALIDASI')).json.data, []);
      const viaBody = await app.inject({ method: 'GET', url: '/openapi/cnpibk/respon/tarik-respon-by-status', headers: { ...h, 'content-type': 'application/json' }, payload: JSON.stringify({ status: 'LUNAS' }) });
      assert.equal((viaBody.json() as J).data.length, 1, viaBody.body);
      assert.deepEqual((await get('/openapi/cnpibk/respon/tarik-respon-by-status?status=LUNAS')).json.data, []);
      const noStatus = await get('/openapi/cnpibk/respon/tarik-respon-by-status');
      assert.equal(noStatus.status, 400);
      const bad = await get('/openapi/cnpibk/respon/tarik-respon-by-status?status=NOPE');
      assert.equal(bad.status, 400);
      assert.equal(bad.json.status, false);
      assert.equal(bad.json.data.errors[0].field, '/querystring/status');
    });

    test('PIBK: billing 303 then SPPB 404; scenario tidak-bayar: 917 at the due date', async () => {
      const pibk = consignment({ nomorBarang: 'PIBK-1', nomorHouse: 'PIBK-1', jenisAju: '2', kodeJenisPibk: '1' });
      const late = consignment({ nomorBarang: 'PIBK-2', nomorHouse: 'PIBK-2', jenisAju: '2', kodeJenisPibk: '1' });
      const r1 = await send([pibk]);
      const r2 = await send([late], { 'x-sandbox-scenario': 'tidak-bayar' });
      const aju1 = (r1.json() as J).data[0].nomorAju;
      const aju2 = (r2.json() as J).data[0].nomorAju;
      assert.equal(aju1, `${NITKU}20250930PIBK-1PIBK1`);
      await advance('90m');
      assert.deepEqual((await get(`/openapi/cnpibk/respon/tarik-respon?nomorAju=${aju1}`)).json.data.map((d: J) => d.kodeStatus), ['100', '202', '203', '303', '404']);
      assert.deepEqual((await get(`/openapi/cnpibk/respon/tarik-respon?nomorAju=${aju2}`)).json.data.map((d: J) => d.kodeStatus), ['100', '202', '203', '303']);
      await advance('2d');
      assert.deepEqual((await get(`/openapi/cnpibk/respon/tarik-respon?nomorAju=${aju2}`)).json.data.map((d: J) => d.kodeStatus), ['100', '202', '203', '303', '917']);
      const expired = await get('/openapi/cnpibk/respon/tarik-respon-by-status?status=EXPIRED');
      assert.deepEqual(expired.json.data.map((d: J) => d.nomorAju), [aju2]);
    });

    test('CN without duties: 403; merah: 307 then 206; unknown office: 900 and it may be sent again', async () => {
      const free = consignment({ nomorBarang: 'FREE-1', nomorHouse: 'FREE-1', totalTagihan: '0.00' });
      const red = consignment({ nomorBarang: 'RED-1', nomorHouse: 'RED-1' });
      const wrong = consignment({ nomorBarang: 'BAD-1', nomorHouse: 'BAD-1', kodeKantor: '123456' });
      const a = (await send([free])).json() as J;
      const b = (await send([red], { 'x-sandbox-scenario': 'merah' })).json() as J;
      const c = (await send([wrong])).json() as J;
      await advance('40m');
      const codes = async (aju: string) => (await get(`/openapi/cnpibk/respon/tarik-respon?nomorAju=${aju}`)).json.data.map((d: J) => d.kodeStatus);
      assert.deepEqual(await codes(a.data[0].nomorAju), ['100', '202', '203', '403']);
      assert.deepEqual(await codes(b.data[0].nomorAju), ['100', '202', '203', '307', '206', '401']);
      const rejected = (await get(`/openapi/cnpibk/respon/tarik-respon?nomorAju=${c.data[0].nomorAju}`)).json.data;
      assert.deepEqual(rejected.map((d: J) => d.kodeStatus), ['100', '202', '900']);
      assert.match(rejected[2].keterangan, /KODE KANTOR 123456/);
      // a live one cannot be sent twice; a rejected one can, with the next sequence
      const dup = await send([free]);
      assert.equal(dup.statusCode, 409);
      assert.equal((dup.json() as J).status, false);
      assert.equal((dup.json() as J).data.errors[0].field, '/0/nomorBarang');
      const again = await send([{ ...wrong, kodeKantor: '009000' }]);
      assert.equal(again.statusCode, 200, again.body);
      assert.equal((again.json() as J).data[0].nomorAju, `${NITKU}20250930BAD-1CN2`);
    });

    test('bad documents: 400 naming every field, nothing stored (the whole array or nothing)', async () => {
      const before = await countDocs();
      const { barang, ...noBarang } = consignment({ nomorBarang: 'X-1' });
      void barang;
      const cases: [unknown, RegExp][] = [
        [[consignment({ nomorBarang: 'OK-9' }), noBarang], /^\/1\/barang$/],
        [[consignment({ nomorBarang: 'N-1', bruto: 1.5 })], /^\/0\/bruto$/],
        [[consignment({ nomorBarang: 'N-2', asalData: 'X' })], /^\/0\/asalData$/],
        [[consignment({ nomorBarang: 'N-3', jenisAju: '9' })], /^\/0\/jenisAju$/],
        [[consignment({ nomorBarang: 'N-4', barang: [{ ...PAGE_EXAMPLE.barang[0], kondisiBarang: '3', hsCode: 32100091 }] })], /^\/0\/barang\/0\/(kondisiBarang|hsCode)$/],
        [consignment({ nomorBarang: 'N-5' }), /^$/],
        [[], /^$/],
        [[consignment({ nomorBarang: 'D-1' }), consignment({ nomorBarang: 'D-1' })], /^\/1\/nomorBarang$/],
      ];
      for (const [payload, field] of cases) {
        const res = await send(payload);
        assert.equal(res.statusCode, 400, res.body);
        const b = res.json() as J;
        assert.equal(b.status, false);
        assert.ok(b.message.length > 10);
        assert.ok(b.data.errors.some((e: J) => field.test(e.field)), JSON.stringify(b.data.errors));
      }
      const errors = ((await send([consignment({ nomorBarang: 'N-4', barang: [{ ...PAGE_EXAMPLE.barang[0], kondisiBarang: '3', hsCode: 32100091 }] })])).json() as J).data.errors.map((e: J) => e.field);
      assert.deepEqual(errors.sort(), ['/0/barang/0/hsCode', '/0/barang/0/kondisiBarang']);
      const text = await app.inject({ method: 'POST', url: '/openapi/cnpibk/kirim-data-cnpibk', headers: { ...h, 'content-type': 'text/plain' }, payload: 'x' });
      assert.equal(text.statusCode, 415);
      const scen = await send([consignment({ nomorBarang: 'S-1' })], { 'x-sandbox-scenario': 'weird' });
      assert.equal(scen.statusCode, 400);
      assert.equal(await countDocs(), before);
    });

    test('unknown fields are kept; update BC 1.1 records the manifest data', async () => {
      const res = await send([consignment({ nomorBarang: 'KEEP-1', nomorHouse: 'KEEP-1', flagSsm: '0', kodeKenaPajak: '1' })]);
      const aju = (res.json() as J).data[0].nomorAju;
      const row = await app.ctx.db.selectFrom('barkir_documents').select('body').where('nomor_aju', '=', aju).executeTakeFirstOrThrow();
      assert.equal(JSON.parse(row.body).flagSsm, '0');
      const upd = { noBarang: 'KEEP-1', tglHouse: '2025-09-30', noBc11: '1234', tglBc11: '2025-09-29', posBc11: '123412341234', kdGudang: 'TES', nomorAju: aju };
      const ok = await app.inject({ method: 'POST', url: '/openapi/cnpibk/bc11/update-bc11', headers: h, payload: upd });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal((ok.json() as J).data.noBc11, '1234');
      const badPos = await app.inject({ method: 'POST', url: '/openapi/cnpibk/bc11/update-bc11', headers: h, payload: { ...upd, posBc11: '1234' } });
      assert.equal(badPos.statusCode, 400);
      assert.equal((badPos.json() as J).data.errors[0].field, '/posBc11');
      const extra = await app.inject({ method: 'POST', url: '/openapi/cnpibk/bc11/update-bc11', headers: h, payload: { ...upd, lain: 'x' } });
      assert.equal(extra.statusCode, 400);
      const none = await app.inject({ method: 'POST', url: '/openapi/cnpibk/bc11/update-bc11', headers: h, payload: { ...upd, nomorAju: 'NOPE' } });
      assert.deepEqual(none.json(), { message: 'Data dengan nomor aju NOPE tidak ditemukan', status: false, data: null });
      // the page's own example (its nomorAju is not ours): accepted by the schema, answered as not found
      const page = await app.inject({ method: 'POST', url: '/openapi/cnpibk/bc11/update-bc11', headers: h, payload: { noBarang: '1234', tglHouse: '2022-01-01', noBc11: '1234', tglBc11: '2022-01-01', posBc11: '123412341234', kdGudang: 'TES', nomorAju: '12345678901234520240717TESTICAN22071CN1' } });
      assert.equal(page.statusCode, 200);
      assert.equal((page.json() as J).status, false);
    });

    test("another company sees none of this company's consignments, responses or billings", async () => {
      const other = await app.otherCompany();
      const aju = `${NITKU}20240228CAN04032024-5CN1`;
      const r = await get(`/openapi/cnpibk/respon/tarik-respon?nomorAju=${aju}`, other.headers);
      assert.deepEqual(r.json, { message: `Data dengan nomor aju ${aju} tidak ditemukan`, status: false, data: null });
      for (const s of ['CLEAR_VALIDASI', 'LUNAS', 'BILLING', 'XRAY', 'REJECT']) {
        assert.deepEqual((await get(`/openapi/cnpibk/respon/tarik-respon-by-status?status=${s}`, other.headers)).json.data, [], s);
      }
      assert.deepEqual((await get('/openapi/cnpibk/billing-konsolidasi/tarik-billing', other.headers)).json.data, []);
      const billing = (await get(`/openapi/cnpibk/respon/tarik-respon?nomorAju=${aju}`)).json.data.find((d: J) => d.kodeBilling);
      assert.equal((await get(`/openapi/cnpibk/billing-konsolidasi/tarik-billing?kodeBilling=${billing.kodeBilling}`, other.headers)).json.status, false);
      const report = new URL(billing.urlReport);
      assert.equal((await app.inject({ method: 'GET', url: report.pathname + report.search, headers: other.headers })).statusCode, 404);
      assert.equal((await app.inject({ method: 'GET', url: report.pathname + report.search, headers: h })).statusCode, 200);
      const upd = { noBarang: 'CAN04032024-5', tglHouse: '2024-02-28', noBc11: '1', tglBc11: '2024-02-28', posBc11: '123412341234', kdGudang: 'X', nomorAju: aju };
      assert.equal(((await app.inject({ method: 'POST', url: '/openapi/cnpibk/bc11/update-bc11', headers: other.headers, payload: upd })).json() as J).status, false);
      // the other company can send the same goods number: its own nomorAju, built on its own NITKU
      const mine = await send([PAGE_EXAMPLE], other.headers);
      assert.equal(mine.statusCode, 200, mine.body);
      assert.notEqual((mine.json() as J).data[0].nomorAju, aju);
    });

    test('without a token: 401 in the family envelope; GET on a POST path: the gateway 405', async () => {
      const res = await app.inject({ method: 'POST', url: '/openapi/cnpibk/kirim-data-cnpibk', headers: { 'beacukai-api-key': 'demo-key' }, payload: [PAGE_EXAMPLE] });
      assert.equal(res.statusCode, 401);
      assert.deepEqual(res.json(), { message: 'Unauthorized: Bearer Token tidak valid atau tidak disertakan', status: false, data: null });
      const m = await app.inject({ method: 'GET', url: '/openapi/cnpibk/kirim-data-cnpibk', headers: h });
      assert.equal(m.statusCode, 405);
    });

    test('the endpoints are published in the OpenAPI document', async () => {
      const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json() as J;
      for (const p of ['/openapi/cnpibk/kirim-data-cnpibk', '/v2/openapi/cnpibk/respon/tarik-respon-by-status', '/openapi/cnpibk/xray/kirim-foto-xray', '/h2h-ebk-parser-service/openapi/cn']) assert.ok(doc.paths[p], p);
    });

    test('referensi barang kiriman are served from the shipped tables', async () => {
      const jenis = await get('/openapi/cnpibk/referensi/jenis-aju');
      assert.deepEqual(jenis.json.data[1], { kode: '2', uraian: 'PIBK', keterangan: 'Pemberitahuan Impor Barang Khusus' });
      const status = await get('/v2/openapi/cnpibk/referensi/kode-status');
      assert.equal(status.json.data.length, 51);
      assert.deepEqual(status.json.data.find((r: J) => r.kode === '102'), { kode: '102', uraian: 'BARANG TELAH MELALUI PEMINDAI (X-RAY)' });
      const discount = await get('/openapi/cnpibk/referensi/discount');
      assert.deepEqual(discount.json.data.discountType[0], { kode: '1', uraian: 'Flash Sale' });
      assert.deepEqual(discount.json.data.discountProvider.map((r: J) => r.uraian), ['Marketplace', 'Merchant', 'Other']);
      const list = await get('/openapi/cnpibk/referensi');
      assert.equal(list.json.data.length, 8);
      for (const r of list.json.data) assert.equal((await get(`/openapi/cnpibk/referensi/${r.nama}`)).json.status, true, r.nama);
    });
  });
}
