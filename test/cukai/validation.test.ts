import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { ENGINES } from '../helpers/db.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { cancel } from '../../src/services/cukai/ck4.ts';
import { multipart, pdf, perbaikanExampleParts, perbaikanHtParts, rekamExample, setPart, snapshot, type Part } from './helpers.ts';

type Body = Record<string, any>;
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** The docs' error answer: the status code, the excise envelope, the field named. */
function assertRejected(res: LightMyRequestResponse, status: number, field: string, rule?: string): void {
  assert.equal(res.statusCode, status, res.body);
  const body = res.json() as Body;
  assert.equal(body.status, false);
  assert.equal(typeof body.message, 'string');
  assert.ok(body.message.length > 0);
  const errors = (body.data?.errors ?? []) as { field: string; rule: string; message: string }[];
  const hit = errors.find((e) => e.field === field);
  assert.ok(hit, `expected an error naming ${field}, got ${JSON.stringify(errors)}`);
  if (rule) assert.equal(hit.rule, rule, JSON.stringify(hit));
  assert.ok(hit.message.includes(field), hit.message);
}

const HT = () => rekamExample('ht');

/** Rekam cases: [name, endpoint kind, change the verbatim example, status, field, rule]. */
const REKAM_CASES: [string, 'ht' | 'mmea' | 'ea', (b: Body) => unknown, number, string, string?][] = [
  ['a required header field is missing', 'ht', (b) => delete b.namaPerusahaan, 400, '/namaPerusahaan', 'required'],
  ['idNppbkc is not a UUID', 'ht', (b) => (b.idNppbkc = 'fe3c9198-1af7'), 400, '/idNppbkc', 'format'],
  ['nppbkc is not 22 digits', 'ht', (b) => (b.nppbkc = '0669986374654000'), 400, '/nppbkc', 'pattern'],
  ['jenisLaporan is not HARIAN/MINGGUAN/BULANAN', 'ht', (b) => (b.jenisLaporan = 'Tahunan'), 400, '/jenisLaporan', 'enum'],
  ['tanggalPemberitahuan is not YYYY-MM-DD', 'ht', (b) => (b.tanggalPemberitahuan = '22-11-2023'), 400, '/tanggalPemberitahuan', 'format'],
  ['tanggalProduksiAwal is not a date-time', 'ht', (b) => (b.tanggalProduksiAwal = '2023-13-01T00:00:00.000+07:00'), 400, '/tanggalProduksiAwal', 'format'],
  ['tanggalProduksiAkhir is before tanggalProduksiAwal', 'ht', (b) => (b.tanggalProduksiAkhir = '2023-09-30T00:00:00.000+07:00'), 400, '/tanggalProduksiAkhir', 'order'],
  ['a header total is negative', 'ht', (b) => (b.totalJumlahKemasan = -1), 400, '/totalJumlahKemasan', 'minimum'],
  ['a header total is sent as a string (bodies are not coerced)', 'ht', (b) => (b.totalJumlahProduksiHtBtg = '1440'), 400, '/totalJumlahProduksiHtBtg', 'type'],
  ['details is missing', 'ht', (b) => delete b.details, 400, '/details', 'required'],
  ['details is empty', 'ht', (b) => (b.details = []), 400, '/details', 'minItems'],
  ['a detail quantity is not a positive number', 'ht', (b) => (b.details[0].jumlahKemasan = '-120'), 400, '/details/0/jumlahKemasan', 'positiveNumber'],
  ['a detail quantity is a decimal', 'ht', (b) => (b.details[0].jumlahProduksi = 14.5), 400, '/details/0/jumlahProduksi', 'positiveNumber'],
  ['jumlahKemasanDilekatiPita is text', 'ht', (b) => (b.details[0].jumlahKemasanDilekatiPita = 'seratus'), 400, '/details/0/jumlahKemasanDilekatiPita', 'positiveNumber'],
  ['idMerkHt is not a UUID', 'ht', (b) => (b.details[0].idMerkHt = 'SEMBILAN'), 400, '/details/0/idMerkHt', 'format'],
  ['hje is negative', 'ht', (b) => (b.details[0].hje = -20000), 400, '/details/0/hje', 'minimum'],
  ['tarif is not an integer', 'ht', (b) => (b.details[0].tarif = 150.5), 400, '/details/0/tarif', 'type'],
  ['isiPerKemasan is negative', 'ht', (b) => (b.details[0].isiPerKemasan = -12), 400, '/details/0/isiPerKemasan', 'minimum'],
  ['tanggalProduksi is not a date', 'ht', (b) => (b.details[0].tanggalProduksi = 'kemarin'), 400, '/details/0/tanggalProduksi', 'format'],
  ['tanggalProduksi is outside the production period', 'ht', (b) => (b.details[0].tanggalProduksi = '2023-11-05T00:00:00.000+07:00'), 400, '/details/0/tanggalProduksi', 'period'],
  ['a detail field is missing', 'ht', (b) => delete b.details[0].seriPita, 400, '/details/0/seriPita', 'required'],
  ['idNppbkc is not an NPPBKC of the company', 'ht', (b) => (b.idNppbkc = '11111111-2222-3333-4444-555555555555'), 404, '/idNppbkc', 'exists'],
  ['nppbkc is not the number of idNppbkc', 'ht', (b) => (b.nppbkc = '0014539407415000150312'), 400, '/nppbkc', 'match'],
  ['the brand does not exist', 'ht', (b) => (b.details[0].idMerkHt = '77a71cf1-1afa-47c0-8dcf-000000000000'), 404, '/details/0/idMerkHt', 'exists'],
  ['the brand is of another NPPBKC (BENTOEL)', 'ht', (b) => (b.details[0].idMerkHt = 'f9ae018d-77b8-429a-a99f-c07acb813bc3'), 400, '/details/0/idMerkHt', 'nppbkc'],
  ['idJenisProduksiBkc is not an HT production type', 'ht', (b) => (b.details[0].idJenisProduksiBkc = 13), 400, '/details/0/idJenisProduksiBkc', 'jenisBkc'],
  ['idJenisProduksiBkc does not exist', 'ht', (b) => (b.details[0].idJenisProduksiBkc = 99), 404, '/details/0/idJenisProduksiBkc', 'exists'],
  ['npwp is not the NPPBKC holder\'s', 'mmea', (b) => (b.npwp = '0011335387641000'), 400, '/npwp', 'match'],
  ['npwp is not 15/16 digits', 'mmea', (b) => (b.npwp = '00145394'), 400, '/npwp', 'pattern'],
  ['idSpl is a number', 'mmea', (b) => (b.idSpl = 2), 400, '/idSpl', 'type'],
  ['an MMEA detail names an HT brand', 'mmea', (b) => (b.details[0].idMerkMmea = '77a71cf1-1afa-47c0-8dcf-6e166648c9ce'), 400, '/details/0/idMerkMmea', 'nppbkc'],
  ['MMEA jumlahProduksi as a string (its page types it integer)', 'mmea', (b) => (b.details[0].jumlahProduksi = '60000'), 400, '/details/0/jumlahProduksi', 'type'],
  ['idHandleDelete is not a UUID', 'ea', (b) => (b.details[0].idHandleDelete = '45f40026'), 400, '/details/0/idHandleDelete', 'format'],
  ['tarifSpesifik is negative', 'ea', (b) => (b.details[0].tarifSpesifik = -1), 400, '/details/0/tarifSpesifik', 'minimum'],
  ['kadar is negative', 'ea', (b) => (b.details[0].kadar = -96), 400, '/details/0/kadar', 'minimum'],
  ['EA tanggalJamProduksiAwal is not a date-time', 'ea', (b) => (b.tanggalJamProduksiAwal = 'Wed Aug 32 2024 13:22:14'), 400, '/tanggalJamProduksiAwal', 'format'],
];

/** Perbaikan cases on the verbatim multipart examples. */
const PERBAIKAN_CASES: [string, 'ht' | 'mmea' | 'ea', (p: Part[]) => Part[] | Promise<Part[]>, number, string, string?][] = [
  ['idCk4 is not a UUID', 'mmea', (p) => setPart(p, 'idCk4', 'f88e8632'), 400, '/idCk4', 'format'],
  ['idCk4 is missing', 'mmea', (p) => setPart(p, 'idCk4', null), 400, '/idCk4', 'required'],
  ['idCk4 is not a CK-4 of the company', 'mmea', (p) => setPart(p, 'idCk4', 'f88e8632-1b93-4417-92bd-000000000000'), 404, '/idCk4', 'exists'],
  ['tanggalSurat is not YYYY-MM-DD', 'mmea', (p) => setPart(p, 'tanggalSurat', '11-12-2023'), 400, '/tanggalSurat', 'format'],
  ['totalJumlahKemasan is not a number', 'mmea', (p) => setPart(p, 'totalJumlahKemasan', 'dua ratus'), 400, '/totalJumlahKemasan', 'type'],
  ['totalJumlahProduksi is negative', 'mmea', (p) => setPart(p, 'totalJumlahProduksi', '-200'), 400, '/totalJumlahProduksi', 'minimum'],
  ['details[0].kadar is negative', 'mmea', (p) => setPart(p, 'details[0].kadar', '-10'), 400, '/details/0/kadar', 'minimum'],
  ['details[0].isi is not an integer', 'mmea', (p) => setPart(p, 'details[0].isi', '1500.5'), 400, '/details/0/isi', 'type'],
  ['details[0].idMerkMmea is not a UUID', 'mmea', (p) => setPart(p, 'details[0].idMerkMmea', 'ICELAND'), 400, '/details/0/idMerkMmea', 'format'],
  ['details[0].tanggalProduksi is outside the production period', 'mmea', (p) => setPart(p, 'details[0].tanggalProduksi', '2023-09-20'), 400, '/details/0/tanggalProduksi', 'period'],
  ['a detail field is missing', 'mmea', (p) => setPart(p, 'details[0].jenisKemasan', null), 400, '/details/0/jenisKemasan', 'required'],
  ['detail indexes have a gap', 'mmea', (p) => [...p, { name: 'details[2].isi', value: '1' }], 400, '/details/1', 'required'],
  ['a part is sent twice', 'mmea', (p) => [...p, { name: 'nomorSurat', value: 'again' }], 400, '/nomorSurat', 'duplicate'],
  ['idCk4Detail is not a detail of the CK-4', 'mmea', (p) => setPart(p, 'details[0].idCk4Detail', '5a3c655d-e2a9-4ea6-be3a-000000000000'), 404, '/details/0/idCk4Detail', 'exists'],
  ['the brand does not exist', 'mmea', (p) => setPart(p, 'details[0].idMerkMmea', '189c6a4b-2aea-42f5-bbb2-000000000000'), 404, '/details/0/idMerkMmea', 'exists'],
  ['a CK-4 HT corrected through perbaikan-mmea', 'mmea', (p) => setPart(p, 'idCk4', '4034d080-db3c-45a5-8c08-ef5b8b3e04e6'), 400, '/idCk4', 'jenisBkc'],
  ['a CK-4 whose correction awaits approval', 'ht', (p) => setPart(p, 'idCk4Header', '42390001-b3ef-4da0-af64-03bda55f9433'), 400, '/idCk4Header', 'status'],
  ['an unexpected file part', 'mmea', (p) => [...p, { name: 'lampiran', value: Buffer.from('%PDF-1.4'), filename: 'x.pdf', contentType: 'application/pdf' }], 400, '/lampiran', 'filePart'],
  ['EA details[0].idCk4Header is not the report\'s', 'ea', (p) => setPart(p, 'details[0].idCk4Header', '03f75c14-a6c8-4095-832b-000000000000'), 400, '/details/0/idCk4Header', 'match'],
  ['EA details[0].jumlahProduksi is not a number', 'ea', (p) => setPart(p, 'details[0].jumlahProduksi', '150 liter'), 400, '/details/0/jumlahProduksi', 'type'],
  ['HT without the dokumen part', 'ht', (p) => p.filter((x) => x.name !== 'dokumen'), 400, '/dokumen', 'required'],
  ['HT with the page\'s literal "(binary)" text as dokumen (not a file part)', 'ht', () => perbaikanExampleParts('ht'), 400, '/dokumen', 'filePart'],
  ['HT dokumen that is not a PDF/JPEG/PNG (a text file named .pdf)', 'ht', (p) => p.map((x) => (x.name === 'dokumen' ? { ...x, value: Buffer.from('bukan pdf') } : x)), 400, '/dokumen', 'mediaType'],
  ['HT dokumen that is empty', 'ht', (p) => p.map((x) => (x.name === 'dokumen' ? { ...x, value: Buffer.alloc(0) } : x)), 400, '/dokumen', 'minLength'],
  ['HT details[0].idMerkHt is an MMEA brand', 'ht', (p) => setPart(p, 'details[0].idMerkHt', '189c6a4b-2aea-42f5-bbb2-5aa16305da6c'), 400, '/details/0/idMerkHt', 'nppbkc'],
];

for (const engine of ENGINES) {
  describe(`cukai: each validation rule broken once, nothing stored (${engine})`, () => {
    let app: TestApp;
    let h: Record<string, string>;
    before(async () => {
      app = await testApp(engine);
      h = await app.login();
    });
    after(async () => app?.close());

    for (const [name, kind, change, status, field, rule] of REKAM_CASES) {
      test(`Rekam ${kind.toUpperCase()}: ${name} -> ${status} ${field}`, async () => {
        const body = clone(rekamExample(kind));
        change(body);
        const before = await snapshot(app);
        const res = await app.inject({ method: 'POST', url: `/portal/ck4/rekam-${kind}`, headers: h, payload: body });
        assertRejected(res, status, field, rule);
        assert.equal(await snapshot(app), before, 'nothing stored');
      });
    }

    for (const [name, kind, change, status, field, rule] of PERBAIKAN_CASES) {
      test(`Perbaikan ${kind.toUpperCase()}: ${name} -> ${status} ${field}`, async () => {
        const parts = await change(kind === 'ht' ? await perbaikanHtParts() : perbaikanExampleParts(kind));
        const before = await snapshot(app);
        const { payload, headers } = multipart(parts);
        const res = await app.inject({ method: 'POST', url: `/portal/ck4/perbaikan-${kind}`, headers: { ...h, ...headers }, payload });
        assertRejected(res, status, field, rule);
        assert.equal(await snapshot(app), before, 'nothing stored (no report change, no version, no blob)');
      });
    }

    test('the leniencies the examples need are exactly that: "Bulanan", "120", a date-time without offset, EA\'s DDD MMM DD YYYY form', async () => {
      const ea = clone(rekamExample('ea'));
      ea.tanggalJamProduksiAwal = 'Wed Aug 21 2024 13:22:14';
      ea.details[0].tanggalProduksi = '2024-08-22 13:22:28';
      const r = await app.inject({ method: 'POST', url: '/portal/ck4/rekam-ea', headers: h, payload: ea });
      assert.equal(r.statusCode, 200, r.body);
      const d = await app.inject({ method: 'GET', url: `/portal/ck4/detail-ea?idCk4=${r.headers['x-ceisa40-id-ck4']}`, headers: h });
      assert.equal(d.json().data.tanggalJamProduksiAwal, '2024-08-21T13:22:14.000+07:00');
      const ht = HT();
      ht.jenisLaporan = 'mingguan';
      ht.details[0].jumlahKemasan = 120;
      const r2 = await app.inject({ method: 'POST', url: '/portal/ck4/rekam-ht', headers: h, payload: ht });
      assert.equal(r2.statusCode, 200, r2.body);
    });

    test('unknown fields are kept (stored with the request), not refused', async () => {
      const ht = HT();
      ht.flagSsm = 'Y';
      ht.details[0].kodeBarang = 'X1';
      const r = await app.inject({ method: 'POST', url: '/portal/ck4/rekam-ht', headers: h, payload: ht });
      assert.equal(r.statusCode, 200, r.body);
      const hist = await app.inject({ method: 'GET', url: `/sandbox/v1/cukai/ck4/${r.headers['x-ceisa40-id-ck4']}/versions`, headers: h });
      assert.equal(hist.json().versions[0].request.flagSsm, 'Y');
      assert.equal(hist.json().versions[0].request.details[0].kodeBarang, 'X1');
    });

    test('Rekam refuses a non-JSON body (415) and malformed JSON (400), storing nothing', async () => {
      const before = await snapshot(app);
      const a = await app.inject({ method: 'POST', url: '/portal/ck4/rekam-ht', headers: { ...h, 'content-type': 'text/plain' }, payload: 'x' });
      assert.equal(a.statusCode, 415);
      assert.equal(a.json().status, false);
      const b = await app.inject({ method: 'POST', url: '/portal/ck4/rekam-ht', headers: { ...h, 'content-type': 'application/json' }, payload: '{"namaPerusahaan":' });
      assert.equal(b.statusCode, 400);
      assert.equal(b.json().status, false);
      const c = await app.inject({ method: 'POST', url: '/portal/ck4/rekam-ht', headers: h, payload: [1, 2] });
      assert.equal(c.statusCode, 400);
      assert.equal(await snapshot(app), before);
    });

    test('Perbaikan refuses a JSON body (415: the pages send form data)', async () => {
      const r = await app.inject({ method: 'POST', url: '/portal/ck4/perbaikan-mmea', headers: h, payload: { idCk4: 'f88e8632-1b93-4417-92bd-f64390769e6e' } });
      assert.equal(r.statusCode, 415);
      assert.equal(r.json().status, false);
    });

    test('a cancelled CK-4 cannot be corrected; it stays readable with status Batal', async () => {
      const company = (await app.ctx.accounts.findCompany('012345678901234'))!;
      const id = 'f88e8632-1b93-4417-92bd-f64390769e6e';
      await cancel(app.ctx, company.id, id, 'BATAL/01');
      const before = await snapshot(app);
      const { payload, headers } = multipart(perbaikanExampleParts('mmea'));
      const res = await app.inject({ method: 'POST', url: '/portal/ck4/perbaikan-mmea', headers: { ...h, ...headers }, payload });
      assertRejected(res, 400, '/idCk4', 'status');
      assert.match(res.json().message, /Batal/);
      assert.equal(await snapshot(app), before);
      const d = await app.inject({ method: 'GET', url: `/portal/ck4/detail-mmea?idCk4=${id}`, headers: h });
      assert.equal(d.json().data.status, 'Batal');
      assert.equal(d.json().data.nomorpembatalan, 'BATAL/01');
    });

    test('query validation: Get Detail, Browse and the references answer 400/404 naming the parameter', async () => {
      const g = (url: string) => app.inject({ method: 'GET', url, headers: h });
      assertRejected(await g('/portal/ck4/detail-ht?idCk4=abc'), 400, '/querystring/idCk4', 'format');
      assertRejected(await g('/portal/ck4/detail-ht'), 400, '/querystring/idCk4', 'required');
      assertRejected(await g('/portal/ck4/detail-ht?idCk4=00000000-0000-0000-0000-000000000000'), 404, '/querystring/idCk4', 'exists');
      assertRejected(await g('/portal/ck4/browse?idJenisBkc=4'), 400, '/querystring/idJenisBkc', 'maximum');
      assertRejected(await g('/portal/ck4/browse?page=0'), 400, '/querystring/page', 'minimum');
      assertRejected(await g('/portal/ck4/browse?jenisLaporan=bul%25'), 400, '/querystring/jenisLaporan', 'pattern');
      assertRejected(await g('/portal/ck4/browse?nppbkc=0000000000000000000000'), 404, '/querystring/nppbkc', 'exists');
      assertRejected(await g('/portal/tarif-merk/browse-ht?nppbkc=123'), 400, '/querystring/nppbkc', 'pattern');
      assertRejected(await g('/data-merk/getDataMerkSwitchingH2h?nppbkc=0014539407415000150312&tanggalAkhir=2024/09/01&tanggalAwal=31-10-2023'), 400, '/querystring/tanggalAkhir', 'format');
      assertRejected(await g('/data-merk/getDataMerkSwitchingH2h?nppbkc=0014539407415000150312&tanggalAkhir=01-09-2023&tanggalAwal=31-10-2023'), 400, '/querystring/tanggalAkhir', 'order');
      assertRejected(await g('/cekBatasTanggalP3c?bulanPersediaan=13&idJenisBkc=3&idJenisUsaha=1'), 400, '/querystring/bulanPersediaan', 'pattern');
      assertRejected(await g('/jenis-produksi/portal/getJenisProduksiByKodeJenisProduksi?kodeJenisProduksi=ZZ'), 404, '/querystring/kodeJenisProduksi', 'exists');
      assertRejected(await g('/getAllTrNppbkc'), 400, '/querystring/idNppbkc', 'required');
      assertRejected(await g('/getAllTrNppbkc?idNppbkc=fe3c9197-fad5-05e6-e054-0021f60abd54&nppbkc=0014539407415000150312'), 400, '/querystring/nppbkc', 'match');
      assertRejected(await g('/nppbkc/browseNppbkc?pageNumber=-1'), 400, '/querystring/pageNumber', 'minimum');
      const page = await g('/portal/ck4/browse?page=99');
      assert.equal(page.statusCode, 200);
      assert.deepEqual(page.json().data.listData, []);
    });

    test('a dokumen larger than CEISA_UPLOAD_MAX_FILE_BYTES: 413 in the excise envelope, nothing stored', async () => {
      const small = await testApp(engine, {}, { CEISA_UPLOAD_MAX_FILE_BYTES: '2048' });
      try {
        const hh = await small.login();
        const big = Buffer.concat([await pdf(), Buffer.alloc(4096, 0x20)]);
        const parts = (await perbaikanHtParts()).map((x) => (x.name === 'dokumen' ? { ...x, value: big } : x));
        const before = await snapshot(small);
        const { payload, headers } = multipart(parts);
        const res = await small.inject({ method: 'POST', url: '/portal/ck4/perbaikan-ht', headers: { ...hh, ...headers }, payload });
        assert.equal(res.statusCode, 413, res.body);
        assert.equal(res.json().status, false);
        assert.equal(await snapshot(small), before);
      } finally {
        await small.close();
      }
    });

    test('concurrent corrections of one report: none is lost (each success is a version; a loser gets 409)', async () => {
      const id = '03f75c14-a6c8-4095-832b-9d83970cae74';
      const hist0 = (await app.inject({ method: 'GET', url: `/sandbox/v1/cukai/ck4/${id}/versions`, headers: h })).json();
      const send = (nomor: string) => {
        const { payload, headers } = multipart(setPart(perbaikanExampleParts('ea'), 'nomorPemberitahuan', nomor));
        return app.inject({ method: 'POST', url: '/portal/ck4/perbaikan-ea', headers: { ...h, ...headers }, payload });
      };
      const results = await Promise.all(['A', 'B', 'C', 'D'].map(send));
      const ok = results.filter((r) => r.statusCode === 200).length;
      for (const r of results) assert.ok(r.statusCode === 200 || r.statusCode === 409, r.body);
      assert.ok(ok >= 1);
      const hist = (await app.inject({ method: 'GET', url: `/sandbox/v1/cukai/ck4/${id}/versions`, headers: h })).json();
      assert.equal(hist.currentVersion, hist0.currentVersion + ok);
      assert.equal(hist.versions.length, hist0.versions.length + ok);
      const current = hist.versions.at(-1).report.header.nomorPemberitahuan;
      const detail = (await app.inject({ method: 'GET', url: `/portal/ck4/detail-ea?idCk4=${id}`, headers: h })).json();
      assert.equal(detail.data.nomorPemberitahuan, current);
    });

    test('without a bearer token: 401 in the excise envelope; with no api key: the gateway rejection', async () => {
      const r = await app.inject({ method: 'GET', url: '/portal/ck4/browse', headers: { 'beacukai-api-key': 'demo-key' } });
      assert.equal(r.statusCode, 401);
      assert.deepEqual(r.json(), { status: false, message: 'Otentikasi gagal: Bearer Token tidak valid atau tidak disertakan dalam header permintaan', data: null });
      const k = await app.inject({ method: 'POST', url: '/portal/ck4/rekam-ht', headers: { authorization: h.authorization! }, payload: HT() });
      assert.equal(k.statusCode, 401);
      assert.deepEqual(k.json(), { Exception: ' Unauthorized application request' });
    });
  });
}
