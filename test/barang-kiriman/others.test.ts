import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from '../helpers/db.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { CN_EKSPOR_EXAMPLE } from './fixtures.ts';

type J = Record<string, any>;

const BC14_EXAMPLE = [
  {
    bruto: '2', flightName: 'Garuda Indonesia', flightNo: 'GA123', jamDatang: '12:00:00', jamBerangkat: '01:00:00',
    kantong: [
      {
        barang: [
          { alamatPenerima: 'Jalan Pahlawan No. 10', alamatPengirim: 'Jalan Merdeka No. 15', brutoBarang: '90', hargaBarang: '100', jumlahSatuan: '2', namaPenerima: 'Budi', namaPengirim: 'Andi', noBarang: 'CN200324-1', posBarang: '0000', subPosBarang: '0001', subSubPosBarang: '0001', subSubSubPosBarang: '0000', uraianBarang: 'Alat Tulis' },
          { alamatPenerima: 'Jalan Pahlawan No. 1', alamatPengirim: 'Jalan Merdeka No. 2', brutoBarang: '10', hargaBarang: '200', jumlahSatuan: '3', namaPenerima: 'Dodi', namaPengirim: 'Cici', noBarang: 'CN200324-2', posBarang: '0000', subPosBarang: '0002', subSubPosBarang: '0002', subSubSubPosBarang: '0000', uraianBarang: 'Alat Mancing' },
        ],
        brutoKantong: '100', jnsDokAsal: 'CN', noAju: '12345', noDokAsal: '67890', noKantong: 'K0001', noSegel: 'S0001', posBarang: '0000', subPosBarang: '0000', subSubPosBarang: '0000', subSubSubPosBarang: '0000', tglDokAsal: '2024-03-01',
      },
    ],
    kodeKantorBcAsal: '050100', kodeKantorBcTujuan: '009000', kodeKantorPosAsal: '12345', kodeKantorPosTujuan: '67890', kodeTpsAsal: 'TPS001', kodeTpsTujuan: 'TPS002',
    namaPengelolaTpsAsal: 'VANANDA', namaPengelolaTpsTujuan: 'RAHADIKA', noAju: '200320242', tglBrgkt: '2024-03-01', tglDatang: '2024-03-02',
  },
];

const CATALOGUE_EXAMPLE = [
  { categoryCode: 'ELECTRONIC', countryCode: 'CN', currencyTypeCode: 'USD', description: 'SETRIKA IRON 1', elementDescription: 'Setrika Miyako Iron', identityQualifierCode: 'SKU_BARANG_IKC_1', marketplaceName: 'PT DEMO BEACUKAI', measurementUnit: 'PCE', sellerId: 'ABCD123445', startingDate: '2024-11-18', valueAmount: '10' },
  { categoryCode: 'TOYS', countryCode: 'CN', currencyTypeCode: 'USD', description: 'CAR TOYS', elementDescription: 'Car toys toyota', identityQualifierCode: 'SKU_BARANG_IKC_2', marketplaceName: 'PT DEMO BEACUKAI', measurementUnit: 'PCE', sellerId: 'ABCD123445', startingDate: '2024-11-18', valueAmount: '20' },
];

const INVOICE_EXAMPLE = [
  {
    buyerName: 'PENERIMA-1', buyerPhoneNumber: '081233334444',
    commodity: [{ countQuantity: '1', discountProvider: '', discountType: '', discountValue: '', exitToEntryChargeAmount: '4.5', identityQualifierCode: 'SKU_BARANG_IKC_1', measurementUnit: 'PCE', orderUrl: '-' }],
    currencyTypeCode: 'USD', exchangeRate: '15759', invoiceDate: '2024-11-18', invoiceNumber: 'INVOICETEST-2', invoiceURL: '-', marketplaceName: 'DEMO BEACUKAI',
  },
];

const PKBK_EXAMPLE = [
  {
    nomorAju: '20250305000P1', npwpKonsol: '123456789012345', namaKonsol: 'PT MONANG SIANIPAR ABADI', alamatKonsol: 'ALAMAT KONSOLIDATOR', kantor: '040300', negaraTujuan: 'MY', nomorVoyFlight: '012-174D',
    namaSaranaPengangkut: 'BERKAT MAKMUR INDONESIA', nomorPetiKemas: 'AAAA1234', jumlahPengemas: 1, jumlahKemasan: 10,
    cnList: [{ nomorBarangKiriman: 'CNE-EXCEL-110720241604', tanggalBarangKiriman: '2024-06-04', nomorCn: 'ACY152', tanggalCn: '2024-06-27', nomorNpe: 'npe', tanggalNpe: '2024-06-27' }],
  },
];

for (const engine of ENGINES) {
  describe(`barang kiriman: PT POS, marketplaces, ekspor (${engine})`, () => {
    let app: TestApp;
    let h: Record<string, string>;
    before(async () => {
      app = await testApp(engine);
      h = await app.login();
      await app.inject({ method: 'POST', url: '/sandbox/v1/clock/freeze', headers: h, payload: { at: '2026-03-02T03:00:00.000Z' } });
    });
    after(() => app.close());
    const req = async (method: 'GET' | 'POST', url: string, payload?: unknown, headers = h) => {
      const r = await app.inject({ method, url, headers, ...(payload !== undefined ? { payload: payload as object } : {}) });
      return { status: r.statusCode, json: r.json() as J };
    };
    const advance = (by: string) => app.inject({ method: 'POST', url: '/sandbox/v1/clock/advance', headers: h, payload: { by } });

    test('BC 1.4: the page example is ACCEPTED, registered after 2 minutes, SPPB after an hour', async () => {
      const r = await req('POST', '/openapi/cnpibk/bc14/kirim-data', BC14_EXAMPLE);
      assert.equal(r.status, 200);
      assert.deepEqual(r.json, { body: {}, statusCode: 'ACCEPTED', statusCodeValue: 0 });
      const s0 = await req('GET', '/openapi/cnpibk/bc14/cek-status-bc14?noAju=200320242');
      assert.equal(s0.json.message, 'Success Get data');
      assert.equal(s0.json.data.noBc14, null);
      assert.deepEqual(s0.json.data.detailStatus.map((d: J) => d.kodeStatus), ['200']);
      await advance('2m');
      const s1 = await req('GET', '/v2/openapi/cnpibk/bc14/cek-status-bc14?noAju=200320242');
      assert.match(s1.json.data.noBc14, /^\d{6}$/);
      assert.equal(s1.json.data.tglBc14, '2026-03-02');
      assert.deepEqual(s1.json.data.detailStatus[1], { kodeStatus: '300', uraianStatus: 'PENDAFTARAN BC 1.4', waktuRekam: '2026-03-02 10:02:00.000' });
      const dup = await req('POST', '/openapi/cnpibk/bc14/kirim-data', BC14_EXAMPLE);
      assert.equal(dup.status, 409);
      const empty = structuredClone(BC14_EXAMPLE);
      empty[0]!.noAju = 'TANPA-DETAIL';
      empty[0]!.kantong[0]!.barang = [];
      assert.equal((await req('POST', '/openapi/cnpibk/bc14/kirim-data', empty)).status, 200);
      const bad = structuredClone(BC14_EXAMPLE) as J[];
      bad[0]!.noAju = 'BAD';
      delete bad[0]!.kantong[0].barang[1].noBarang;
      const badRes = await req('POST', '/openapi/cnpibk/bc14/kirim-data', bad);
      assert.equal(badRes.status, 400);
      assert.equal(badRes.json.data.errors[0].field, '/0/kantong/0/barang/1/noBarang');
      assert.equal((await req('GET', '/openapi/cnpibk/bc14/cek-status-bc14?noAju=BAD')).json.status, false);

      const noBc14 = s1.json.data.noBc14;
      const pecah = { detail: [{ alamatPenerima: 'Jalan Pahlawan No. 10', alamatPengirim: 'Jalan Merdeka No. 15', hargaBarang: '500', brutoBarang: '10', jumlahSatuan: '50', namaPenerima: 'Ari', namaPengirim: 'Rival', noBarang: '09876', posBarang: '0001', seriBarang: '1', subPosBarang: '0000', subSubPosBarang: '0000', subSubSubPosBarang: '0000', uraianBarang: 'Buku' }], noBc14, noKantong: 'K0001', tglBc14: '2026-03-02' };
      // the page documents GET with a body; the v2 map POST: both work
      const viaGet = await app.inject({ method: 'GET', url: '/openapi/cnpibk/bc14/pecah-pos', headers: { ...h, 'content-type': 'application/json' }, payload: JSON.stringify(pecah) });
      assert.equal(viaGet.statusCode, 200, viaGet.body);
      assert.deepEqual(viaGet.json(), { body: {}, statusCode: 'ACCEPTED', statusCodeValue: 0 });
      assert.equal((await req('POST', '/openapi/cnpibk/bc14/pecah-pos', pecah)).status, 200);
      const badGet = await app.inject({ method: 'GET', url: '/openapi/cnpibk/bc14/pecah-pos', headers: { ...h, 'content-type': 'application/json' }, payload: JSON.stringify({ ...pecah, detail: [{ ...pecah.detail[0], brutoBarang: 'ten' }] }) });
      assert.equal(badGet.statusCode, 400);
      assert.equal((badGet.json() as J).data.errors[0].field, '/detail/0/brutoBarang');
      const wrongKantong = await req('POST', '/openapi/cnpibk/bc14/pecah-pos', { ...pecah, noKantong: 'K9' });
      assert.equal(wrongKantong.status, 400);
      assert.equal((await req('POST', '/openapi/cnpibk/bc14/pecah-pos', { ...pecah, noBc14: '000000' })).json.status, false);
      const s2 = await req('GET', '/openapi/cnpibk/bc14/cek-status-bc14?noAju=200320242');
      assert.deepEqual(s2.json.data.detailStatus.map((d: J) => d.kodeStatus), ['200', '300', '400', '400']);

      // concurrent pecah pos of one BC 1.4: every one is kept (none overwrites another's entry)
      const many = await Promise.all(Array.from({ length: 8 }, (_, i) => req('POST', '/openapi/cnpibk/bc14/pecah-pos', { ...pecah, detail: [{ ...pecah.detail[0], seriBarang: String(10 + i) }] })));
      assert.deepEqual(many.map((r) => r.status), Array(8).fill(200));
      const row = await app.ctx.db.selectFrom('barkir_documents').select('info').where('kind', '=', 'bc14').where('nomor_aju', '=', '200320242').executeTakeFirstOrThrow();
      const kept = (JSON.parse(row.info) as { pecahPos: { detail: { seriBarang: string }[] }[] }).pecahPos.map((p) => p.detail[0]!.seriBarang).sort();
      assert.deepEqual(kept, ['1', '1', '10', '11', '12', '13', '14', '15', '16', '17']);
    });

    test('barang tertentu: the page answer, then its responses by nomorDaftar; unknown: the page error', async () => {
      const r = await req('POST', '/openapi/cnpibk/daftar-tertentu/kirim-data', { nomorDaftar: 'TESTIKC1211-1', tanggalDaftar: '2024-11-12' });
      assert.equal(r.status, 200, JSON.stringify(r.json));
      assert.deepEqual(r.json, { message: 'Success', status: true, data: [{ nomorDaftar: 'TESTIKC1211-1', tanggalDaftar: '2024-11-12', kodeStatus: '100', uraianStatus: 'DOKUMEN DITERIMA UNTUK DIPROSES BEA CUKAI ', waktuRekam: '2026-03-02 10:02:00', keterangan: null, diterima: 'YA' }] });
      const t = await req('POST', '/openapi/cnpibk/daftar-tertentu/request-respon?nomorDaftar=TESTIKC1211-1');
      assert.deepEqual(t.json.data.map((d: J) => d.kodeStatus), ['100']);
      const none = await req('GET', '/openapi/cnpibk/daftar-tertentu/request-respon?nomorDaftar=NOPE');
      assert.deepEqual(none.json, { message: 'Error null', status: false, data: null });
      const bad = await req('POST', '/openapi/cnpibk/daftar-tertentu/kirim-data', { nomorDaftar: 'X', tanggalDaftar: '12-11-2024' });
      assert.equal(bad.status, 400);
      assert.equal(bad.json.data.errors[0].field, '/tanggalDaftar');
    });

    test('e-catalogue and e-invoice: the page examples, responses once or by key, SKU checks', async () => {
      const c = await req('POST', '/openapi/cnpibk/e-catalogue/send-data', CATALOGUE_EXAMPLE);
      assert.equal(c.status, 200, JSON.stringify(c.json));
      assert.equal(c.json.length, 2);
      assert.deepEqual(c.json[0].messages, ['Data Received, waiting for CEISA validation']);
      assert.equal(c.json[0].data, 'Catalogue identityQualifierCode SKU_BARANG_IKC_1 starting date 2024-11-18');
      assert.equal(c.json[0].status, '100');
      const again = await req('POST', '/v2/openapi/cnpibk/e-catalogue/sendData', [CATALOGUE_EXAMPLE[0]]);
      assert.equal(again.status, 200);
      const badCat = await req('POST', '/openapi/cnpibk/e-catalogue/send-data', [{ ...CATALOGUE_EXAMPLE[0], extra: 'x', startingDate: '18-11-2024' }]);
      assert.equal(badCat.status, 400);
      assert.deepEqual(badCat.json.data.errors.map((e: J) => e.field).sort(), ['/0/extra', '/0/startingDate']);
      assert.deepEqual((await req('GET', '/openapi/cnpibk/e-catalogue/getResponse')).json.data, []);
      await advance('1m');
      const q = await req('GET', '/openapi/cnpibk/e-catalogue/getResponse?limit=10&page=1');
      assert.equal(q.json.totalData, 3);
      assert.deepEqual(q.json.data.map((d: J) => [d.identityQualifierCode, d.statusCode, d.statusDescription]), [
        ['SKU_BARANG_IKC_1', '200', 'E-Catalogue Sent Successfully'],
        ['SKU_BARANG_IKC_2', '200', 'E-Catalogue Sent Successfully'],
        ['SKU_BARANG_IKC_1', '900', 'Redundant E-Catalogue Data'],
      ]);
      assert.equal(q.json.data[0].itemDescription, 'SETRIKA IRON 1');
      assert.deepEqual((await req('GET', '/openapi/cnpibk/e-catalogue/getResponse')).json.data, []);
      const byCode = await req('GET', '/openapi/cnpibk/e-catalogue/getResponse?identityQualifierCode=SKU_BARANG_IKC_1&limit=1&page=2');
      assert.equal(byCode.json.totalData, 2);
      assert.equal(byCode.json.totalPage, 2);
      assert.equal(byCode.json.data[0].no, 2);
      assert.equal((await req('GET', '/openapi/cnpibk/e-catalogue/getResponse?limit=101')).status, 400);

      const inv = await req('POST', '/openapi/cnpibk/e-invoice/send-data', INVOICE_EXAMPLE);
      assert.deepEqual(inv.json, [{ status: '100', data: 'Invoice Number: INVOICETEST-2 Date: 2024-11-18', messages: ['Data Received, waiting for CEISA validation'] }]);
      const missing = structuredClone(INVOICE_EXAMPLE);
      missing[0]!.invoiceNumber = 'INVOICETEST-21';
      missing[0]!.commodity[0]!.identityQualifierCode = 'SKU_ABC14';
      await req('POST', '/openapi/cnpibk/e-invoice/sendData', missing);
      const badDisc = structuredClone(INVOICE_EXAMPLE);
      badDisc[0]!.commodity[0]!.discountType = '12';
      const bd = await req('POST', '/openapi/cnpibk/e-invoice/send-data', badDisc);
      assert.equal(bd.status, 400);
      assert.equal(bd.json.data.errors[0].field, '/0/commodity/0/discountType');
      await advance('1m');
      const ok = await req('GET', '/openapi/cnpibk/e-invoice/getResponse?invoiceNumber=INVOICETEST-2');
      assert.equal(ok.json.data[0].statusCode, '100');
      assert.deepEqual(JSON.parse(ok.json.data[0].statusDescription), [
        'Catalogue SKU Number SKU_BARANG_IKC_1 found in 2024-11-18 for invoice INVOICETEST-2',
        'Catalogue SKU Number SKU_BARANG_IKC_1 price valid for Invoice number INVOICETEST-2 invoice date 2024-11-18',
      ]);
      assert.deepEqual(ok.json.data[0].commodityDetail, [{ countQuantity: '1', measurementUnit: 'PCE', exitToEntryChargeAmount: '4.5', identityQualifierCode: 'SKU_BARANG_IKC_1' }]);
      const queue = await req('GET', '/openapi/cnpibk/e-invoice/get-response');
      assert.deepEqual(queue.json.data.map((d: J) => [d.invoiceNumber, d.statusCode]), [['INVOICETEST-2', '100'], ['INVOICETEST-21', '900']]);
      assert.deepEqual(queue.json.data[1].commodityDetail, []);
      assert.deepEqual((await req('GET', '/openapi/cnpibk/e-invoice/get-response')).json.data, []);
    });

    test('ekspor: CN then PKBK, statuses, NPE respon with base64 PDF, weight rejection', async () => {
      const cn = await req('POST', '/h2h-ebk-parser-service/openapi/cn', CN_EKSPOR_EXAMPLE);
      assert.equal(cn.status, 200, JSON.stringify(cn.json));
      const aju = cn.json.data[0].nomorAju;
      assert.match(aju, /^CNE050100\d{14}\d{3}$/);
      const heavy = structuredClone(CN_EKSPOR_EXAMPLE) as J[];
      heavy[0]!.nomorBarangKiriman = 'HEAVY-1';
      heavy[0]!.cnBarangList[1].bruto = 40;
      const hv = await req('POST', '/openapi/cnpibk/kirim-data-cnpibk-ekspor', heavy);
      assert.equal(hv.status, 200);
      const badTypes = structuredClone(CN_EKSPOR_EXAMPLE) as J[];
      badTypes[0]!.nomorBarangKiriman = 'T-1';
      badTypes[0]!.fob = '10000';
      assert.equal((await req('POST', '/openapi/cnpibk/kirim-data-cnpibk-ekspor', badTypes)).json.data.errors[0].field, '/0/fob');
      await advance('5m');
      const r = await req('GET', `/h2h-ebk-parser-service/openapi/respon-per-dokumen?nomorAju=${aju}`);
      const doc = r.json.respon[0];
      assert.equal(doc.nomorBarang, '050320250001');
      assert.match(doc.nomorDaftar, /^[A-Z]{6}$/);
      assert.deepEqual(doc.listStatus.map((s: J) => s.status), [
        '100 - DOKUMEN DITERIMA UNTUK DIPROSES BEA CUKAI ', '202 - PROSES VALIDASI SISTEM BEA CUKAI', '203 - SELESAI VALIDASI SISTEM BEA CUKAI ', '314 - PENJALURAN', '316 - PENERBITAN NPE',
      ]);
      assert.equal(doc.listRespon[0].respon, '3015 - RESPON NOTA PELAYANAN EKSPOR');
      assert.equal(doc.listRespon[0].pdf, undefined);
      assert.match(doc.listStatus[0].waktu, /\+07:00$/);
      const byDaftar = await req('GET', `/h2h-ebk-parser-service/openapi/respon-per-tanggal?tanggal=${doc.tanggalDaftar.slice(0, 10)}`);
      assert.equal(Buffer.from(byDaftar.json.respon[0].listRespon[0].pdf, 'base64').subarray(0, 5).toString(), '%PDF-');
      const heavyRes = await req('GET', '/openapi/cnpibk/respon/ekspor-by-dokumen?nomorAju=HEAVY-1');
      assert.deepEqual(heavyRes.json.respon[0].listReject.map((x: J) => x.uraian), ['BERAT BRUTO TIDAK BOLEH LEBIH DARI 30KG']);
      const byBarang = await req('GET', '/h2h-ebk-parser-service/openapi/respon-tanggal-barang?tanggal=2024-06-04');
      assert.equal(byBarang.json.respon.length, 2);
      const bySubmit = await req('GET', '/openapi/cnpibk/respon/ekspor-by-tanggal-submit?tanggal=2026-03-02');
      assert.equal(bySubmit.json.respon.length, 2);

      // PKBK of the page lists a CN this company never sent: refused; of ours: accepted
      const pk = await req('POST', '/h2h-ebk-parser-service/openapi/pkbk', PKBK_EXAMPLE);
      assert.equal(pk.status, 400);
      assert.equal(pk.json.data.errors[0].field, '/0/cnList/0/nomorBarangKiriman');
      const ours = structuredClone(PKBK_EXAMPLE);
      ours[0]!.cnList[0]!.nomorBarangKiriman = '050320250001';
      const pk2 = await req('POST', '/openapi/cnpibk/kirim-data-pkbk', ours);
      assert.equal(pk2.status, 200, JSON.stringify(pk2.json));
      assert.equal((await req('POST', '/openapi/cnpibk/kirim-data-pkbk', ours)).status, 400);
      const excel = await req('POST', '/h2h-ebk-parser-service/openapi/excel', PKBK_EXAMPLE);
      assert.equal(excel.status, 415); // the workbook comes as multipart/form-data (test/barang-kiriman/excel.test.ts)

      const other = await app.otherCompany();
      assert.equal((await req('GET', `/openapi/cnpibk/respon/ekspor-by-dokumen?nomorAju=${aju}`, undefined, other.headers)).json.status, false);
      assert.deepEqual((await req('GET', '/h2h-ebk-parser-service/openapi/respon-tanggal-barang?tanggal=2024-06-04', undefined, other.headers)).json.respon, []);
      assert.equal((await req('GET', '/openapi/cnpibk/bc14/cek-status-bc14?noAju=200320242', undefined, other.headers)).json.status, false);
      assert.deepEqual((await req('GET', '/openapi/cnpibk/e-catalogue/getResponse?identityQualifierCode=SKU_BARANG_IKC_1', undefined, other.headers)).json.data, []);
      assert.deepEqual((await req('GET', '/openapi/cnpibk/e-invoice/getResponse?invoiceNumber=INVOICETEST-2', undefined, other.headers)).json.data, []);
      assert.deepEqual((await req('GET', '/openapi/cnpibk/daftar-tertentu/request-respon?nomorDaftar=TESTIKC1211-1', undefined, other.headers)).json.status, false);
    });
  });
}
