import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from '../helpers/db.ts';
import { testApp, type TestApp } from '../helpers/app.ts';

const P = ['/openapi', '/v2/openapi'];
const NOT_FOUND = { status: 'Failed', message: 'Data Tidak Ditemukan', data: [] };

/** The docs' example answer of GET /openapi/pelabuhan/kata/SAO, verbatim. */
const DOCS_SAO: [string, string][] = [
  ['AORSN', 'River Sao Nicolau'],
  ['ARSAO', 'San Antonio de Areco'],
  ['ATSAO', 'Sankt Peter am Ottersbach'],
  ['BRAFR', 'Barra De Sao Francisco'],
  ['BRASO', 'Aguas de Sao Pedro'],
  ['BRBJA', 'Sao Borja'],
  ['BRBSM', 'Barra de Sao Miguel'],
  ['BRCFA', 'Caninde do Sao Francisco'],
  ['BRCGH', 'Congonhas Apt/Sao Paolo'],
  ['BRCUK', 'SAO PAULO-CUMBICA APT                   '],
  ['BRGRU', 'Guarulhos Apt/Sao Paolo'],
  ['BRJRP', 'Sao Jose do Rio Pardo'],
  ['BRLCU', 'Lagoa da Confusao'],
  ['BRMSJ', 'Mata de Sao Joao'],
  ['BRMSP', 'Morro de Sao Paulo'],
  ['BRNSJ', 'Novo Sao Joaquim'],
  ['BRPMO', 'Promissao'],
  ['BRQCX', 'Sao Caetano do Sul'],
  ['BRQFS', 'Sao Franciso do Sul'],
  ['BRQHE', 'Sao Bente do Sul'],
  ['BRQHF', 'Sao Sebastiao do Cai'],
  ['BRQLL', 'Sao Leopoldo'],
  ['BRQSB', 'Sao Bernardo do Campo'],
  ['BRQSC', 'Sao Carlos'],
  ['BRQSD', 'Sao Goncalo'],
];
const DOCS_SAO_ANSWER = {
  status: 'OK',
  message: 'success',
  data: DOCS_SAO.map(([kodePelabuhan, namaPelabuhan]) => ({ kodePelabuhan, namaPelabuhan, kodeKantor: null, namaKantor: null })),
  total: 25,
};

const DEMO_MANIFEST = {
  bendera: 'SG',
  caraPengangkutan: '1',
  idManifesDetail: 'SBX-2026-004117-0012',
  kodeGudang: 'JICT',
  listContainer: [
    { jenisKontainer: '1', noKontainer: 'TEMU6203415', tipeKontainer: '1', ukuranKontainer: '40' },
    { jenisKontainer: '1', noKontainer: 'TEMU6203420', tipeKontainer: '1', ukuranKontainer: '40' },
  ],
  namaPemilik: 'PT DEMO CEISA',
  namaPenerima: 'PT DEMO CEISA',
  namaSaranaPengangkut: 'KOTA SEJARAH',
  nilaiSimi: '',
  noBc11: '004117',
  noPos: '001200000000',
  noVoyage: '0KS41N',
  npwpPemilk: '012345678901234',
  npwpPenerima: '012345678901234',
  pelAsal: 'CNSHA',
  pelBongkar: 'IDTPP',
  pelTransit: 'SGSIN',
  respon: 'Data ditemukan',
  tglBc11: '07-10-2026',
  tglTiba: '08-10-2026',
};

const LAPTOP_TARIF = {
  kodeHs: '84713020',
  uraianBarang: 'Komputer laptop termasuk notebook dan subnotebook',
  kodeSatuanBarang: 'PCE',
  tanggalBerlaku: '2022-04-01',
  kodeJenisTarifBm: '1',
  tarifBm: 0,
  tarifPpn: 11,
  tarifPph: 2.5,
  tarifPphNonApi: 7.5,
  tarifPpnbm: 0,
  kodeJenisPungutanCukai: null,
  kodeJenisTarifCukai: null,
  tarifCukai: 0,
  kodeSatuanCukai: null,
  barangTarif: [
    { kodeJenisPungutan: 'BM', kodeJenisTarif: '1', tarif: 0 },
    { kodeJenisPungutan: 'PPN', kodeJenisTarif: '1', tarif: 11 },
    { kodeJenisPungutan: 'PPH', kodeJenisTarif: '1', tarif: 2.5 },
  ],
};

const LAPTOP_LARTAS = {
  status: 'OK',
  message: 'success',
  data: [
    {
      kodeHs: '84713020',
      uraianBarang: 'Komputer laptop termasuk notebook dan subnotebook',
      jenisLartas: 'IMPOR',
      tipeLartas: 'BORDER',
      kodeIjin: '01606',
      namaIjin: 'PI Telepon Seluler, Komputer Genggam (Handheld) dan Komputer Tablet',
      namaInstansi: 'Kementerian Perdagangan',
    },
    {
      kodeHs: '84713020',
      uraianBarang: 'Komputer laptop termasuk notebook dan subnotebook',
      jenisLartas: 'IMPOR',
      tipeLartas: 'POST BORDER',
      kodeIjin: '12001',
      namaIjin: 'Sertifikasi',
      namaInstansi: 'Kementerian Komunikasi dan Digital',
    },
  ],
  total: 2,
};

/** Every look-up path (with a value that answers 200), for the checks that apply to all of them. */
const EVERY_PATH = [
  ...P.map((p) => `${p}/kurs/USD`),
  ...P.map((p) => `${p}/hs-lartas?kodeHs=84713020`),
  ...P.map((p) => `${p}/tarif-hs?kodeHs=84713020&tanggal=2024-05-01`),
  ...P.map((p) => `${p}/manifes-bc11?noHostBl=DEMOHBL0001&tglHostBl=05-10-2026&kodeKantor=040300&nama=PT%20DEMO%20CEISA`),
  ...P.map((p) => `${p}/pelabuhan/kata/SAO`),
  ...P.map((p) => `${p}/referensi/pelabuhan-luar-negeri/SAO`),
  ...P.map((p) => `${p}/pelabuhan/kodeKantor/040300`),
  ...P.map((p) => `${p}/referensi/pelabuhan-dalam-negeri/040300`),
  ...P.map((p) => `${p}/gudangTPS/kodeKantor/051000`),
  ...P.map((p) => `${p}/referensi/tps-gudang/051000`),
  ...P.map((p) => `${p}/referensi/kantor`),
];

for (const engine of ENGINES) {
  describe(`pabean cek referensi over the app (${engine})`, () => {
    let app: TestApp;
    let h: Record<string, string>;
    const get = async (url: string, headers = h) => {
      const r = await app.inject({ method: 'GET', url, headers });
      return { status: r.statusCode, json: r.json() as Record<string, any> };
    };

    before(async () => {
      app = await testApp(engine);
      h = await app.login();
      // Monday 2026-11-30 10:00 WIB on the demo company's clock: its kurs week ends Tuesday 2026-12-01.
      const f = await app.inject({ method: 'POST', url: '/sandbox/v1/clock/freeze', headers: h, payload: { at: '2026-11-30T03:00:00.000Z' } });
      assert.equal(f.statusCode, 200, f.body);
    });
    after(async () => app.close());

    test('every path answers 200 with key and token; 401 without the key (gateway) or the token (pabean)', async () => {
      for (const url of EVERY_PATH) {
        assert.equal((await get(url)).status, 200, url);
        const noKey = await get(url, { authorization: h.authorization! });
        assert.equal(noKey.status, 401, url);
        assert.deepEqual(noKey.json, { Exception: ' Unauthorized application request' });
        const noToken = await get(url, { 'beacukai-api-key': 'demo-key' });
        assert.equal(noToken.status, 401, url);
        assert.equal(noToken.json.status, 'Failed', url);
      }
      const post = await app.inject({ method: 'POST', url: '/openapi/kurs/USD', headers: h });
      assert.equal(post.statusCode, 405);
      assert.deepEqual(post.json(), { Exception: 'Method not allowed : post' });
    });

    test('kurs: the live shape on both prefixes; default date is today on the company clock', async () => {
      for (const p of P) {
        assert.deepEqual((await get(`${p}/kurs/USD`)).json, { status: 'true', data: [{ nilaiKurs: '15871' }] });
        assert.deepEqual((await get(`${p}/kurs/usd?tanggal=2024-01-03`)).json, { status: 'true', data: [{ nilaiKurs: '15875' }] });
        assert.deepEqual((await get(`${p}/kurs/JPY?tanggal=2025-06-18`)).json, { status: 'true', data: [{ nilaiKurs: '111.55' }] });
        assert.deepEqual((await get(`${p}/kurs/EUR?tanggal=2024-01-03`)).json, { status: 'true', data: [{ nilaiKurs: '17207' }] });
      }
      // next week's kurs is not out yet ...
      const next = await get('/openapi/kurs/USD?tanggal=2026-12-02');
      assert.equal(next.status, 404);
      assert.deepEqual(next.json, NOT_FOUND);
      // ... until the clock gets there; then it is the default
      const adv = await app.inject({ method: 'POST', url: '/sandbox/v1/clock/advance', headers: h, payload: { by: '2d' } });
      assert.equal(adv.statusCode, 200, adv.body);
      const dated = await get('/openapi/kurs/USD?tanggal=2026-12-02');
      assert.equal(dated.status, 200);
      assert.deepEqual((await get('/openapi/kurs/USD')).json, dated.json);
      assert.notDeepEqual(dated.json, { status: 'true', data: [{ nilaiKurs: '15871' }] });
      await app.inject({ method: 'POST', url: '/sandbox/v1/clock/freeze', headers: h, payload: { at: '2026-11-30T03:00:00.000Z' } });
    });

    test('kurs: bad input names the field, unknown valuta or date answers as the docs family does', async () => {
      const unknown = await get('/v2/openapi/kurs/XXX');
      assert.equal(unknown.status, 400);
      assert.equal(unknown.json.status, 'Failed');
      assert.deepEqual(unknown.json.errors.map((e: any) => [e.field, e.rule]), [['/params/kodeValuta', 'reference']]);
      const bad = await get('/openapi/kurs/U1D');
      assert.equal(bad.status, 400);
      assert.deepEqual(bad.json.errors.map((e: any) => [e.field, e.rule]), [['/params/kodeValuta', 'pattern']]);
      const date = await get('/openapi/kurs/USD?tanggal=2024-02-30');
      assert.equal(date.status, 400);
      assert.deepEqual(date.json.errors.map((e: any) => [e.field, e.rule]), [['/querystring/tanggal', 'format']]);
      assert.match(date.json.message, /yyyy-mm-dd/);
      const both = await get('/openapi/kurs/XXX?tanggal=2024-02-30');
      assert.deepEqual(both.json.errors.map((e: any) => [e.field, e.rule]), [['/params/kodeValuta', 'reference'], ['/querystring/tanggal', 'format']]);
      const old = await get('/openapi/kurs/USD?tanggal=2014-06-01');
      assert.equal(old.status, 404);
      assert.deepEqual(old.json, NOT_FOUND);
    });

    test('tarif-hs: posTarif on both prefixes, by date; unknown and bad codes', async () => {
      for (const p of P) {
        assert.deepEqual((await get(`${p}/tarif-hs?kodeHs=84713020&tanggal=2024-05-01`)).json, { status: 'OK', message: 'success', posTarif: [LAPTOP_TARIF] });
        assert.deepEqual((await get(`${p}/tarif-hs?kodeHs=8471302000&tanggal=2024-05-01`)).json.posTarif, [LAPTOP_TARIF]);
      }
      // default date: today on the clock (2026): the car bears PPnBM, so 12% PPN
      assert.equal((await get('/openapi/tarif-hs?kodeHs=87032391')).json.posTarif[0].tarifPpn, 12);
      assert.equal((await get('/openapi/tarif-hs?kodeHs=87032391&tanggal=2024-12-31')).json.posTarif[0].tarifPpn, 11);
      const unknown = await get('/openapi/tarif-hs?kodeHs=99999999&tanggal=2024-05-01');
      assert.equal(unknown.status, 404);
      assert.deepEqual(unknown.json, { status: 'Failed', message: 'Data Tidak Ditemukan', posTarif: [] });
      const before = await get('/openapi/tarif-hs?kodeHs=84713020&tanggal=2020-01-01');
      assert.equal(before.status, 404);
      const bad = await get('/openapi/tarif-hs?kodeHs=8471');
      assert.equal(bad.status, 400);
      assert.deepEqual(bad.json.errors.map((e: any) => [e.field, e.rule]), [['/querystring/kodeHs', 'pattern']]);
      const missing = await get('/openapi/tarif-hs');
      assert.equal(missing.status, 400);
      assert.deepEqual(missing.json.errors.map((e: any) => [e.field, e.rule]), [['/querystring/kodeHs', 'required']]);
      const bothTarif = await get('/openapi/tarif-hs?kodeHs=12&tanggal=01-05-2024');
      assert.deepEqual(bothTarif.json.errors.map((e: any) => [e.field, e.rule]), [['/querystring/kodeHs', 'pattern'], ['/querystring/tanggal', 'format']]);
      const badDate = await get('/openapi/tarif-hs?kodeHs=84713020&tanggal=01-05-2024');
      assert.deepEqual(badDate.json.errors.map((e: any) => [e.field, e.rule]), [['/querystring/tanggal', 'format']]);
    });

    test('hs-lartas: permits on both prefixes; a free code has none; unknown and bad codes', async () => {
      for (const p of P) assert.deepEqual((await get(`${p}/hs-lartas?kodeHs=84713020`)).json, LAPTOP_LARTAS);
      assert.deepEqual((await get('/openapi/hs-lartas?kodeHs=84212990')).json, { status: 'OK', message: 'Tidak ada ketentuan lartas', data: [], total: 0 });
      const unknown = await get('/v2/openapi/hs-lartas?kodeHs=12345678');
      assert.equal(unknown.status, 404);
      assert.deepEqual(unknown.json, NOT_FOUND);
      const bad = await get('/openapi/hs-lartas?kodeHs=abc');
      assert.equal(bad.status, 400);
      assert.deepEqual(bad.json.errors.map((e: any) => [e.field, e.rule]), [['/querystring/kodeHs', 'pattern']]);
    });

    test('manifes-bc11: the docs object for the demo B/L; tenant-scoped by name; bad input', async () => {
      const qs = 'noHostBl=DEMOHBL0001&tglHostBl=05-10-2026&kodeKantor=040300&nama=PT%20DEMO%20CEISA';
      for (const p of P) assert.deepEqual((await get(`${p}/manifes-bc11?${qs}`)).json, DEMO_MANIFEST);
      const docsExample = await get('/openapi/manifes-bc11?noHostBl=HOUSE%20BL%2FAWB%2001&tglHostBl=25-12-2021&kodeKantor=051000&nama=demo%20ceisa');
      assert.equal(docsExample.status, 200);
      assert.equal(docsExample.json.noBc11, '000001');
      assert.equal(docsExample.json.kodeGudang, 'TPS1');

      // another company: the demo's name finds nothing; its own name finds the same B/L with itself as penerima
      const other = await app.otherCompany();
      const asDemo = await get(`/openapi/manifes-bc11?${qs}`, other.headers);
      assert.equal(asDemo.status, 404);
      assert.deepEqual(asDemo.json, { status: 'Failed', message: 'Data Tidak Ditemukan' });
      const own = await get(`/openapi/manifes-bc11?noHostBl=DEMOHBL0001&tglHostBl=2026-10-05&kodeKantor=040300&nama=PT%20LAIN`, other.headers);
      assert.equal(own.status, 200);
      assert.match(own.json.namaPenerima, /^PT LAIN \d+$/);
      assert.equal(own.json.npwpPenerima, other.npwp);

      const wrongDay = await get('/openapi/manifes-bc11?noHostBl=DEMOHBL0001&tglHostBl=06-10-2026&kodeKantor=040300&nama=PT%20DEMO%20CEISA');
      assert.equal(wrongDay.status, 404);
      const missing = await get('/openapi/manifes-bc11?noHostBl=DEMOHBL0001&tglHostBl=05-10-2026&kodeKantor=040300');
      assert.equal(missing.status, 400);
      assert.deepEqual(missing.json.errors.map((e: any) => [e.field, e.rule]), [['/querystring/nama', 'required']]);
      const badDate = await get('/openapi/manifes-bc11?noHostBl=DEMOHBL0001&tglHostBl=5-10-26&kodeKantor=040300&nama=DEMO');
      assert.deepEqual(badDate.json.errors.map((e: any) => [e.field, e.rule]), [['/querystring/tglHostBl', 'format']]);
      const badKantor = await get('/openapi/manifes-bc11?noHostBl=DEMOHBL0001&tglHostBl=05-10-2026&kodeKantor=040301&nama=DEMO');
      assert.deepEqual(badKantor.json.errors.map((e: any) => [e.field, e.rule]), [['/querystring/kodeKantor', 'reference']]);
      // every bad field at once, nothing looked up
      const allBad = await get('/openapi/manifes-bc11?noHostBl=&tglHostBl=2026-13-01&kodeKantor=04&nama=x');
      assert.equal(allBad.status, 400);
      assert.deepEqual(allBad.json.errors.map((e: any) => [e.field, e.rule]), [
        ['/querystring/tglHostBl', 'format'],
        ['/querystring/kodeKantor', 'pattern'],
        ['/querystring/noHostBl', 'minLength'],
        ['/querystring/nama', 'minLength'],
      ]);
      assert.match(allBad.json.message, /\(and 3 more\)$/);
    });

    test('pelabuhan by kata: the docs example verbatim on the docs path; live path is foreign only', async () => {
      for (const p of P) {
        assert.deepEqual((await get(`${p}/pelabuhan/kata/SAO`)).json, DOCS_SAO_ANSWER);
        assert.deepEqual((await get(`${p}/referensi/pelabuhan-luar-negeri/sao`)).json, DOCS_SAO_ANSWER);
      }
      assert.deepEqual((await get('/openapi/pelabuhan/kata/priok')).json, {
        status: 'OK',
        message: 'success',
        data: [{ kodePelabuhan: 'IDTPP', namaPelabuhan: 'Tanjung Priok', kodeKantor: '040300', namaKantor: 'KPU TANJUNG PRIOK' }],
        total: 1,
      });
      const domesticOnLive = await get('/v2/openapi/referensi/pelabuhan-luar-negeri/priok');
      assert.equal(domesticOnLive.status, 404);
      assert.deepEqual(domesticOnLive.json, NOT_FOUND);
      assert.deepEqual((await get('/openapi/pelabuhan/kata/Sao%20Paulo')).json.data.map((d: any) => d.kodePelabuhan), ['BRCUK', 'BRMSP', 'BRSAO']);
      const short = await get('/openapi/pelabuhan/kata/sa');
      assert.equal(short.status, 400);
      assert.deepEqual(short.json.errors.map((e: any) => [e.field, e.rule]), [['/params/kata', 'minLength']]);
    });

    test('pelabuhan and TPS by kantor, on docs and live paths', async () => {
      const ports = {
        status: 'OK',
        message: 'success',
        data: [
          { kodePelabuhan: 'IDJKT', namaPelabuhan: 'Jakarta', kodeKantor: '040300', namaKantor: 'KPU TANJUNG PRIOK' },
          { kodePelabuhan: 'IDSKP', namaPelabuhan: 'Sunda Kelapa', kodeKantor: '040300', namaKantor: 'KPU TANJUNG PRIOK' },
          { kodePelabuhan: 'IDTPP', namaPelabuhan: 'Tanjung Priok', kodeKantor: '040300', namaKantor: 'KPU TANJUNG PRIOK' },
        ],
        total: 3,
      };
      const tps = {
        status: 'OK',
        message: 'success',
        data: [
          { kodeGudang: 'TPS1', namaGudang: 'TPS SANDBOX CONTOH DOKUMEN (CIKARANG)', kodeKantor: '051000', namaKantor: 'KPPBC IKARANG' },
          { kodeGudang: 'CDP1', namaGudang: 'PT CIKARANG DRY PORT', kodeKantor: '051000', namaKantor: 'KPPBC IKARANG' },
        ],
        total: 2,
      };
      for (const p of P) {
        assert.deepEqual((await get(`${p}/pelabuhan/kodeKantor/040300`)).json, ports);
        assert.deepEqual((await get(`${p}/referensi/pelabuhan-dalam-negeri/040300`)).json, ports);
        assert.deepEqual((await get(`${p}/gudangTPS/kodeKantor/051000`)).json, tps);
        assert.deepEqual((await get(`${p}/referensi/tps-gudang/051000`)).json, tps);
      }
      for (const url of ['/openapi/pelabuhan/kodeKantor/000000', '/v2/openapi/referensi/tps-gudang/000000']) {
        const r = await get(url);
        assert.equal(r.status, 404, url);
        assert.deepEqual(r.json, NOT_FOUND);
      }
      for (const [url, rule] of [
        ['/openapi/gudangTPS/kodeKantor/0403', 'pattern'],
        ['/openapi/referensi/pelabuhan-dalam-negeri/123456', 'reference'],
      ] as const) {
        const r = await get(url);
        assert.equal(r.status, 400, url);
        assert.deepEqual(r.json.errors.map((e: any) => [e.field, e.rule]), [['/params/kodeKantor', rule]]);
      }
    });

    test('referensi/kantor: the whole Referensi Kantor, or filtered by a word', async () => {
      const all = await get('/v2/openapi/referensi/kantor');
      assert.equal(all.json.status, 'OK');
      assert.equal(all.json.total, all.json.data.length);
      assert.ok(all.json.total >= 170);
      assert.deepEqual(all.json.data[0], { kodeKantor: '000000', namaKantor: 'DJBC' });
      assert.deepEqual((await get('/openapi/referensi/kantor?kata=priok')).json, {
        status: 'OK',
        message: 'success',
        data: [
          { kodeKantor: '040300', namaKantor: 'KPU TANJUNG PRIOK' },
          { kodeKantor: '040700', namaKantor: 'PANGSAROP TANJUNG PRIOK' },
        ],
        total: 2,
      });
      assert.deepEqual((await get('/openapi/referensi/kantor?kata=zzzz')).json, NOT_FOUND);
      const empty = await get('/openapi/referensi/kantor?kata=');
      assert.equal(empty.status, 400);
      assert.equal(empty.json.errors[0].field, '/querystring/kata');
    });

    test('sandbox: every docs reference table, read-only, in the sandbox envelope', async () => {
      const list = await get('/sandbox/v1/referensi');
      assert.equal(list.status, 200);
      assert.ok(list.json.tables.length >= 57);
      const kantor = list.json.tables.find((t: any) => t.name === 'kantor');
      assert.deepEqual(kantor, { name: 'kantor', title: 'Referensi Kantor', source: 'referensi/referensi-kantor.md', columns: ['KODE KANTOR', 'NAMA KANTOR PENDEK'], rowCount: kantor.rowCount });
      assert.deepEqual(
        list.json.lookups.map((l: any) => l.name),
        ['lookup-kurs', 'lookup-tarif-hs', 'lookup-lartas', 'lookup-pelabuhan', 'lookup-tps-gudang', 'lookup-manifes-bc11'],
      );
      for (const l of list.json.lookups) assert.match(l.notice, /^SANDBOX DATA, ILLUSTRATIVE ONLY/);
      const valuta = await get('/sandbox/v1/referensi/valuta');
      assert.deepEqual(valuta.json.rows[0], ['ADP', 'Andorran Peseta']);
      const bk = await get('/sandbox/v1/referensi/barang-kiriman-kode-status-bc-1.4');
      assert.equal(bk.status, 200);
      assert.equal((await get('/sandbox/v1/referensi/lookup-manifes-bc11')).json.rows[1].noHostBl, 'DEMOHBL0001');
      const nope = await get('/sandbox/v1/referensi/nope');
      assert.equal(nope.status, 404);
      assert.equal(nope.json.error, true);
      const bad = await get('/sandbox/v1/referensi/Bad_Name');
      assert.equal(bad.status, 400);
      assert.equal(bad.json.errors[0].field, '/params/name');
      const anon = await get('/sandbox/v1/referensi', { 'beacukai-api-key': 'demo-key' });
      assert.equal(anon.status, 401);
      assert.equal(anon.json.error, true);
    });
  });
}
