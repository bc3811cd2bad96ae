import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from '../helpers/db.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { DOCS, multipart, pdf, perbaikanExampleParts, perbaikanHtParts, rekamExample, rekamExampleText } from './helpers.ts';

const SUCCESS_NULL = { message: 'Success', status: true, data: null };

for (const engine of ENGINES) {
  describe(`cukai: every docs example request on a fresh server (${engine})`, () => {
    let app: TestApp;
    let h: Record<string, string>;
    before(async () => {
      app = await testApp(engine);
      h = await app.login();
    });
    after(async () => app?.close());

    const get = async (url: string) => {
      const r = await app.inject({ method: 'GET', url, headers: h });
      return { status: r.statusCode, json: r.json() as Record<string, any>, headers: r.headers };
    };

    // ------------------------------------------------------------------------------ reads
    test('Get Detail HT example answers the documented body', async () => {
      const r = await get('/portal/ck4/detail-ht?idCk4=f9ae018d-77b8-429a-a99f-c07acb813bc3');
      assert.equal(r.status, 200);
      assert.deepEqual(r.json, { message: 'Success', status: true, data: DOCS.detailHt });
    });

    test('Get Detail MMEA example (the page writes {API_URL}portal/...) answers the documented record', async () => {
      const r = await get('/portal/ck4/detail-mmea?idCk4=834ea982-002a-4862-bf03-bb1fcdad055f');
      assert.equal(r.status, 200);
      const expected = { ...DOCS.detailMmea, idNppbkc: 'fe3c9198-1af7-05e6-e054-0021f60abd54', tanggalJamProduksiAkhir: '2024-08-31T23:59:59.999+07:00', jenisBarangKenaCukai: 'HT' };
      assert.deepEqual(r.json.data, expected);
    });

    test('Get Detail EA example answers the documented body', async () => {
      const r = await get('/portal/ck4/detail-ea?idCk4=80ecf32a-6464-499d-8a22-0d25dd96dcc4');
      assert.equal(r.status, 200);
      assert.deepEqual(r.json, { message: 'Success', status: true, data: DOCS.detailEa });
    });

    test('Browse CK-4 example answers the documented rows (the page shows them under Browse Tarif Merk EA)', async () => {
      const r = await get('/portal/ck4/browse?idJenisBkc=3&jenisLaporan=bulan&nppbkc=0669986374654000070613&page=1');
      assert.equal(r.status, 200);
      assert.equal(r.json.message, 'Success');
      assert.equal(r.json.status, true);
      assert.equal(r.json.data.currentPage, 1);
      assert.equal(r.json.data.limit, 10);
      assert.deepEqual(r.json.data.listData, DOCS.ck4Rows);
      // the twelfth seeded report of DEMANG JAYA (the one the Perbaikan HT example corrects) is on page 2
      const p2 = await get('/portal/ck4/browse?idJenisBkc=3&jenisLaporan=bulan&nppbkc=0669986374654000070613&page=2');
      assert.equal(p2.json.data.currentPage, 2);
      assert.equal(p2.json.data.totalData, r.json.data.totalData);
      assert.ok(p2.json.data.listData.some((x: any) => x.idCk4 === '4034d080-db3c-45a5-8c08-ef5b8b3e04e6'));
    });

    test('Browse Tarif Merk HT example (page=}page} in the page) answers the documented records', async () => {
      const r = await get('/portal/tarif-merk/browse-ht?nppbkc=0669986374654000070613&page=1');
      assert.equal(r.status, 200);
      assert.deepEqual(r.json.data.listData, DOCS.tarifHt);
      assert.equal(r.json.data.totalData, 10);
      assert.equal(r.json.data.totalPages, 1);
    });

    test('Browse Tarif Merk MMEA example answers the documented records first', async () => {
      const r = await get('/portal/tarif-merk/browse-mmea?nppbkc=0014539407415000150312&page=1');
      assert.equal(r.status, 200);
      assert.deepEqual(r.json.data.listData, DOCS.tarifMmea.slice(0, 10));
      assert.equal(r.json.data.totalData, 20);
      const p2 = await get('/portal/tarif-merk/browse-mmea?nppbkc=0014539407415000150312&page=2');
      assert.deepEqual(p2.json.data.listData, DOCS.tarifMmea.slice(10));
    });

    test('Browse Tarif Merk EA example answers a page (PANJANG JIWO has no EA brand: empty)', async () => {
      const r = await get('/portal/tarif-merk/browse-ea?nppbkc=0014539407415000150312&page=1');
      assert.equal(r.status, 200);
      assert.deepEqual(r.json.data, { currentPage: 1, totalData: 0, totalPages: 0, limit: 10, listData: [] });
      const molindo = await get('/portal/tarif-merk/browse-ea?nppbkc=0011335387641000070611&page=1');
      assert.equal(molindo.json.data.totalData, 1);
      assert.equal(molindo.json.data.listData[0].namaMerk, 'Ea Murni Kadar 96%');
      assert.equal(molindo.json.data.listData[0].tarifSpesifik, 20000);
    });

    test('Browse Data Merk (by NPPBKC) example answers the documented brands', async () => {
      const r = await get('/data-merk/browse?nppbkc=0011335387641000070611&page=1');
      assert.equal(r.status, 200);
      assert.deepEqual(r.json.data.listData.slice(0, 6), DOCS.merkEa);
    });

    test('Get Data Merk Switching example answers the brands with a tarif in force, by idMerk', async () => {
      const r = await get('/data-merk/getDataMerkSwitchingH2h?nppbkc=0014539407415000150312&tanggalAkhir=01-09-2024&tanggalAwal=31-10-2023');
      assert.equal(r.status, 200);
      assert.ok(Array.isArray(r.json.data) && r.json.data.length > 0);
      const ids = r.json.data.map((x: any) => x.idMerk);
      assert.deepEqual(ids, [...ids].sort());
      assert.ok(r.json.data.some((x: any) => x.idMerk === '189c6a4b-2aea-42f5-bbb2-5aa16305da6c' && x.tarifSpesifik === 15000 && x.isiPerKemasan === 275));
      for (const x of r.json.data) assert.deepEqual(Object.keys(x), ['tarifSpesifik', 'isiPerKemasan', 'seriPita', 'hjePerKemasan', 'idMerk', 'namaMerk']);
      // a range before every tarif decision finds only the ones without a start date
      const early = await get('/data-merk/getDataMerkSwitchingH2h?nppbkc=0014539407415000150312&tanggalAkhir=01-01-2020&tanggalAwal=01-01-2019');
      assert.ok(early.json.data.every((x: any) => x.idMerk === '189c6a4b-2aea-42f5-bbb2-5aa16305da6c' || x.idMerk === '1593cf85-b99c-4161-aea8-3f1cf859468f'));
    });

    test('Referensi examples answer the documented bodies', async () => {
      assert.deepEqual((await get('/referensi/ck1/getKuasa?nppbkc=0014539407415000150312')).json, {
        message: 'Success',
        status: true,
        data: [
          { penerimaKuasa: 'Rudi Salam', identitas: '3233212332131233', idKuasa: 'd703c4d8-929c-4af3-8e9a-2c4c289da685' },
          { penerimaKuasa: 'Fina Ningrum', identitas: '1234567890123456', idKuasa: '1251f063-fe0b-4c19-b541-8100d22a6e5d' },
          { penerimaKuasa: 'Budi', identitas: '3213213123123124', idKuasa: '1888ad4f-296f-48aa-91ac-b925a2948eff' },
        ],
      });
      assert.deepEqual((await get('/jenis-produksi/portal/getJenisProduksiByKodeJenisProduksi?kodeJenisProduksi=A')).json, {
        message: 'Success',
        status: true,
        data: { idJenisProduksi: 13, satuan: 'mililiter', kodeJenisProduksi: 'A', namaJenisProduksi: 'MMEA GOLONGAN A', idJenisBkc: 2 },
      });
      assert.deepEqual((await get('/kode-kantor/by-nppbkc?nppbkc=0014539407415000150312')).json, { message: 'Success', status: true, data: { namaKantor: 'KPPBC TANGERANG', kodeKantor: '150300' } });
      const nppbkc = {
        idNppbkc: 'fe3c9197-fad5-05e6-e054-0021f60abd54', kodeKantor: '040400', nppbkc: '0018632638003000040441', namaPerusahaan: 'GLOBAL SATRIA AJI, PT', pemilik: 'IR. PUDJI ASTUTI',
        alamatPemilik: 'Jl. Bendungan Hilir Raya No.136 RT.012 RW.006, Kel. Bendungan Hilir, Kec. Tanah Abang, Jakarta Pusat', kota: 'JAKARTA', tanggalNppbkc: '2015-07-09T00:00:00.000+07:00',
        kuasa: '', npwp: '018632638003000', telepon: '', fax: '', caraBayar: 'T', ambilPita: 'KC', blokir: 'Y', flagPpn: 'N', nomorCabut: '', tanggalCabut: null, kodeJenisBkc: '1', kodeJenisUsaha: '4',
        waktuUpdate: '2020-07-10T00:00:00.000+07:00', nipUpdate: '-UNKNOWN', waktuRekam: '2023-08-24T00:00:00.000+07:00', nipRekam: 'MIGRASI', idPabrik: '', nomorKep: 'KEP-311/WBC.07/KPP.MP.01/2015',
        nppbkc28: '', nppbkc10: '0404411003', flagRegis: '', transaksiTerakhir: null, alamatPerusahaan: '', akhirBerlaku: '2020-07-09T00:00:00.000+07:00', kodePerson: '', namaKantor: 'KPPBC JAKARTA',
      };
      assert.deepEqual((await get('/getAllTrNppbkc?idNppbkc=fe3c9197-fad5-05e6-e054-0021f60abd54&nppbkc=0018632638003000040441')).json, { message: 'Success', status: true, data: nppbkc });
      const browse = await get('/nppbkc/browseNppbkc?nppbkc=0946806478452000150342&pageNumber=0&pageSize=10');
      assert.deepEqual(browse.json.data, {
        currentPage: 0, totalData: 1, totalPages: 1, limit: 10,
        listData: [{
          idNppbkc: 'fe3c9198-099f-05e6-e054-0021f60abd54', kodeKantor: '150300', nppbkc: '0946806478452000150342', namaPerusahaan: 'ANEKA BINTANG GUDANG PT', pemilik: 'EKA SETIA WIJAYA',
          alamatPemilik: 'CLUSTER AQUAMARINE SELATAN 1 NO.32 PHG GADING SERPONG RT.001 RW.011 KELURAHAN CURUG SANGERENG', kota: 'Kabupaten Tangerang', tanggalNppbkc: '2022-06-24T00:00:00.000+07:00',
          kuasa: '', npwp: '946806478452000', telepon: '', fax: '', caraBayar: 'T', ambilPita: 'KC', blokir: 'N', flagPpn: 'N', nomorCabut: '', tanggalCabut: null, kodeJenisBkc: '2', kodeJenisUsaha: '4',
          waktuUpdate: null, nipUpdate: '', waktuRekam: '2023-08-24T00:00:00.000+07:00', nipRekam: 'MIGRASI', idPabrik: '', nomorKep: '', nppbkc28: '9468064781503000220008552304', nppbkc10: '1503421237',
          flagRegis: '', transaksiTerakhir: null, alamatPerusahaan: '', akhirBerlaku: '2027-06-24T00:00:00.000+07:00', kodePerson: '', namaKantor: 'KPPBC TANGERANG',
        }],
      });
    });

    test('Get Batas Tanggal P3C example answers "Tidak Boleh P3C" in August (the docs\' time), "Boleh P3C" in May/June', async () => {
      const freeze = (at: string) => app.inject({ method: 'POST', url: '/sandbox/v1/clock/freeze', headers: h, payload: { at } });
      await freeze('2024-08-15T03:00:00Z');
      assert.deepEqual((await get('/cekBatasTanggalP3c?bulanPersediaan=6&idJenisBkc=3&idJenisUsaha=1')).json, { message: 'Success', status: true, data: { statusP3c: 'Tidak Boleh P3C' } });
      await freeze('2024-05-20T03:00:00Z');
      assert.equal((await get('/cekBatasTanggalP3c?bulanPersediaan=6&idJenisBkc=3&idJenisUsaha=1')).json.data.statusP3c, 'Boleh P3C');
      await app.inject({ method: 'POST', url: '/sandbox/v1/clock/reset', headers: h });
    });

    // ------------------------------------------------------------------------------ writes
    test('Rekam HT example (verbatim JSON) succeeds and is then visible through Browse CK-4 and Get Detail HT', async () => {
      const r = await app.inject({ method: 'POST', url: '/portal/ck4/rekam-ht', headers: { ...h, 'content-type': 'application/json' }, payload: rekamExampleText('ht') });
      assert.equal(r.statusCode, 200, r.body);
      assert.deepEqual(r.json(), SUCCESS_NULL);
      const id = r.headers['x-ceisa40-id-ck4'] as string;
      assert.match(id, /^[0-9a-f-]{36}$/);
      const b = await get('/portal/ck4/browse?idJenisBkc=3&jenisLaporan=bulan&nppbkc=0669986374654000070613&page=1');
      const row = b.json.data.listData[0];
      assert.equal(row.idCk4, id);
      // the docs' own first Browse row is this very example, as recorded
      assert.deepEqual({ ...row, idCk4: DOCS.ck4Rows[0].idCk4 }, DOCS.ck4Rows[0]);
      const d = await get(`/portal/ck4/detail-ht?idCk4=${id}`);
      assert.equal(d.status, 200);
      const ex = rekamExample('ht');
      assert.equal(d.json.data.nomorPemberitahuan, ex.nomorPemberitahuan);
      assert.equal(d.json.data.jenisLaporan, 'Bulanan');
      assert.equal(d.json.data.tanggalPemberitahuan, '2023-11-22T00:00:00.000+07:00');
      assert.equal(d.json.data.tanggalProduksiAwal, '2023-10-01');
      assert.equal(d.json.data.status, 'Selesai');
      assert.equal(d.json.data.kodeKantor, '070600');
      assert.equal(d.json.data.namaKantor, 'KPPBC TMC MALANG');
      assert.equal(d.json.data.details.length, 1);
      const det = d.json.data.details[0];
      assert.equal(det.idMerkHt, ex.details[0].idMerkHt);
      assert.equal(det.jumlahKemasan, 120);
      assert.equal(det.jumlahProduksi, 1440);
      assert.equal(det.tanggalProduksi, '2023-10-02', '2023-10-01T17:00:00.000Z is 2 October in WIB');
      assert.equal(det.satuanHt, 'btg');
    });

    test('Rekam HT also takes the {header, details} form the page shows as overview', async () => {
      const { details, ...header } = rekamExample('ht');
      const r = await app.inject({ method: 'POST', url: '/portal/ck4/rekam-ht', headers: h, payload: { header: { ...header, nomorPemberitahuan: 'WRAPPED/1' }, details } });
      assert.equal(r.statusCode, 200, r.body);
      const d = await get(`/portal/ck4/detail-ht?idCk4=${r.headers['x-ceisa40-id-ck4']}`);
      assert.equal(d.json.data.nomorPemberitahuan, 'WRAPPED/1');
    });

    test('Rekam MMEA example (verbatim, idSpl null, npwp of 16 digits) succeeds and is visible', async () => {
      const r = await app.inject({ method: 'POST', url: '/portal/ck4/rekam-mmea', headers: { ...h, 'content-type': 'application/json' }, payload: rekamExampleText('mmea') });
      assert.equal(r.statusCode, 200, r.body);
      assert.deepEqual(r.json(), SUCCESS_NULL);
      const id = r.headers['x-ceisa40-id-ck4'] as string;
      const d = await get(`/portal/ck4/detail-mmea?idCk4=${id}`);
      assert.equal(d.json.data.namaNppbkc, 'PANJANG JIWO PT');
      assert.equal(d.json.data.jenisLaporan, 'HARIAN');
      assert.equal(d.json.data.tanggalJamProduksiAwal, '2024-08-21T13:26:45.000+07:00');
      assert.equal(d.json.data.totalJumlahProduksi, 60000);
      assert.equal(d.json.data.idSpl, null);
      assert.deepEqual(
        { ...d.json.data.details[0], idCk4Detail: 'x' },
        { idCk4Detail: 'x', idMerkMmea: '8e219058-d4b6-4998-8ea4-ce93e62580ee', namaMerkMmea: 'MMEA', isiMmea: 5000, tarifMmea: 8000000, kadarMmea: null, nomorProduksi: '3433', keterangan: 'test', tanggalProduksi: '2024-08-21', jumlahKemasan: 12, jumlahProduksi: 60000, jumlahKemasanDilekatiPita: null, kodeSatuan: 'ltr', namaGolongan: 'MMEA GOLONGAN A', idJenisProduksiBkc: 13 },
      );
      const b = await get('/portal/ck4/browse?idJenisBkc=2&nppbkc=0014539407415000150312');
      assert.equal(b.json.data.listData[0].idCk4, id);
      assert.equal(b.json.data.listData[0].idJenisBkc, 2);
      assert.equal(b.json.data.listData[0].jumlahProduksiLt, 60000);
    });

    test('Rekam EA example (verbatim) succeeds and is visible', async () => {
      const r = await app.inject({ method: 'POST', url: '/portal/ck4/rekam-ea', headers: { ...h, 'content-type': 'application/json' }, payload: rekamExampleText('ea') });
      assert.equal(r.statusCode, 200, r.body);
      const id = r.headers['x-ceisa40-id-ck4'] as string;
      const d = await get(`/portal/ck4/detail-ea?idCk4=${id}`);
      assert.equal(d.json.data.namaNppbkc, 'MOLINDO RAYA INDUSTRIAL, PT.');
      assert.equal(d.json.data.idCk4header, id);
      assert.equal(d.json.data.totalJumlahProduksi, 100);
      assert.deepEqual(
        { ...d.json.data.details[0], idCk4Detail: 'x' },
        { idCk4Detail: 'x', idCk4Header: id, idMerk: '630f97d4-d15e-4636-833c-9305755429c4', namaMerk: 'Ea Murni Kadar 96%', nomorProduksi: '785785', nomorTangki: '90', tanggalProduksi: '2024-08-22', jumlahProduksi: 100, kadar: 96, tarifSpesifik: 20000, keterangan: 'test', idJenisProduksiBkc: 18, idHandleDelete: '45f40026-06eb-4f37-bbc0-ee7989d9a16f' },
      );
      const b = await get('/portal/ck4/browse?idJenisBkc=1&jenisLaporan=HARIAN');
      assert.ok(b.json.data.listData.some((x: any) => x.idCk4 === id));
    });

    test('Perbaikan HT example (multipart, a PDF as dokumen) succeeds; Get Detail shows the correction; the original stays in the history', async () => {
      const id = '4034d080-db3c-45a5-8c08-ef5b8b3e04e6';
      const before = await get(`/portal/ck4/detail-ht?idCk4=${id}`);
      assert.equal(before.json.data.nomorPemberitahuan, '98986');
      const { payload, headers } = multipart(await perbaikanHtParts());
      const r = await app.inject({ method: 'POST', url: '/portal/ck4/perbaikan-ht', headers: { ...h, ...headers }, payload });
      assert.equal(r.statusCode, 200, r.body);
      assert.deepEqual(r.json(), SUCCESS_NULL);
      const d = await get(`/portal/ck4/detail-ht?idCk4=${id}`);
      assert.equal(d.json.data.nomorPemberitahuan, '98987');
      assert.equal(d.json.data.status, 'Selesai (Perbaikan)');
      assert.equal(d.json.data.nomorSurat, 'tes');
      assert.equal(d.json.data.tanggalSurat, '2024-08-14');
      assert.equal(d.json.data.totalJumlahKemasan, 100);
      assert.equal(d.json.data.totalJumlahKemasanDilekatiPita, 300);
      const det = d.json.data.details[0];
      assert.equal(det.idCk4Detail, 'ed00d5f0-382f-461c-9f2a-e7f78b025dda');
      assert.equal(det.jumlahKemasanDilekatiPita, 300);
      assert.equal(det.tanggalProduksi, '2024-08-14');
      assert.equal(det.namaMerkHt, 'Kretek0909');
      const hist = await get(`/sandbox/v1/cukai/ck4/${id}/versions`);
      assert.equal(hist.status, 200);
      assert.equal(hist.json.currentVersion, 2);
      assert.equal(hist.json.versions.length, 2);
      assert.equal(hist.json.versions[0].report.header.nomorPemberitahuan, '98986');
      assert.equal(hist.json.versions[1].request.nomorPemberitahuan, '98987');
      assert.deepEqual(hist.json.versions[1].dokumen, { name: 'surat-perbaikan.pdf', type: 'application/pdf', size: (await pdf()).length });
      assert.equal(d.json.data.kodeUploadPerbaikan !== null, true);
      const file = await app.inject({ method: 'GET', url: `/sandbox/v1/cukai/ck4/${id}/versions/2/dokumen`, headers: h });
      assert.equal(file.statusCode, 200);
      assert.equal(file.headers['content-type'], 'application/pdf');
      assert.ok(file.rawPayload.equals(await pdf()));
      // visible in Browse with its correction date
      const b = await get('/portal/ck4/browse?idJenisBkc=3&nppbkc=0669986374654000070613&page=2');
      const row = b.json.data.listData.find((x: any) => x.idCk4 === id);
      assert.equal(row.status, 'Selesai (Perbaikan)');
      assert.match(row.tanggalPerbaikan, /^\d{4}-\d{2}-\d{2}$/);
    });

    test('Perbaikan MMEA example (multipart, verbatim) succeeds and Get Detail MMEA shows it', async () => {
      const { payload, headers } = multipart(perbaikanExampleParts('mmea'));
      const r = await app.inject({ method: 'POST', url: '/portal/ck4/perbaikan-mmea', headers: { ...h, ...headers }, payload });
      assert.equal(r.statusCode, 200, r.body);
      assert.deepEqual(r.json(), SUCCESS_NULL);
      const d = await get('/portal/ck4/detail-mmea?idCk4=f88e8632-1b93-4417-92bd-f64390769e6e');
      assert.equal(d.json.data.nomorPemberitahuan, 'TES/PER/MMEA/01/head');
      assert.equal(d.json.data.totalJumlahKemasan, 200);
      assert.equal(d.json.data.nomorSurat, 'TEST/PERBAIK/01');
      const det = d.json.data.details[0];
      assert.equal(det.jumlahKemasan, 200);
      assert.equal(det.kadarMmea, 10);
      assert.equal(det.isiMmea, 1500);
      assert.equal(det.namaMerkMmea, 'ICELAND VODKA MIX LONG ISLAND');
      assert.equal((await get('/sandbox/v1/cukai/ck4/f88e8632-1b93-4417-92bd-f64390769e6e/versions')).json.versions.length, 2);
    });

    test('Perbaikan EA example (multipart, verbatim; its detail names a header id other than idCk4) succeeds', async () => {
      const { payload, headers } = multipart(perbaikanExampleParts('ea'));
      const r = await app.inject({ method: 'POST', url: '/portal/ck4/perbaikan-ea', headers: { ...h, ...headers }, payload });
      assert.equal(r.statusCode, 200, r.body);
      const d = await get('/portal/ck4/detail-ea?idCk4=03f75c14-a6c8-4095-832b-9d83970cae74');
      assert.equal(d.json.data.totalJumlahProduksi, 1500);
      assert.equal(d.json.data.nomorPemberitahuan, '158882');
      const det = d.json.data.details[0];
      assert.equal(det.jumlahProduksi, 150);
      assert.equal(det.kadar, 4.8);
      assert.equal(det.nomorTangki, 'TANGKI/2F001/2FTESTING');
      assert.equal(det.idCk4Header, 'abc4b365-2b8e-4266-b7f7-bd705c220083');
    });

    test('the excise paths answer under /cukaihosttohost-service too (the Produksi page\'s API_URL)', async () => {
      const r = await get('/cukaihosttohost-service/portal/ck4/detail-ea?idCk4=80ecf32a-6464-499d-8a22-0d25dd96dcc4');
      assert.equal(r.status, 200);
      assert.equal(r.json.data.nomorPemberitahuan, '004/OW/2023');
    });
  });
}
